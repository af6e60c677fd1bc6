// A segment: the pending subgraph one flush computes, as an IR graph the compiler can take.
//
// Starting from the values needed (and every live pending value, so none is computed twice), the
// walk collects the pending nodes they depend on in topological order; the materialised nodes it
// stops at are the segment's inputs (`in0`, `in1`, ... in the order first met), and the needed
// and live nodes its outputs (`out0`, ...). The graph is built deterministically from structure
// alone, so the same loop body yields the same graph every iteration: its location-free form is
// the segment cache's key.
//
// Recomputation rule: a live value the needed ones depend on is not stored when storing it costs
// more than computing it again would (a function's large elementwise locals, such as
// Black-Scholes' `d1` and `d2`, still in scope when its results are read): it is at least
// `recomputeBytes` large, and it and every pending value it depends on are elementwise maps,
// broadcasts, reshapes or constants that no earlier flush left unstored (`LazyNode.survivor`). It stays
// pending; a later flush that needs it, or anything made from it, computes it again, and stores
// it if an array still holds it (the rule never applies to it, or to values made from it, again).
// A loop that carries such a value alternates between two segment structures at worst.

import DRCIR

/// One flush's worth of pending work.
struct Segment {
  /// The program graph: inputs, the pending operations, outputs.
  var graph: Graph
  /// The materialised nodes bound to the graph's inputs, in input order.
  var leaves: [LazyNode]
  /// The nodes the outputs compute, in output order.
  var results: [LazyNode]
  /// The pending nodes the segment computes, in graph order.
  var operations: [LazyNode]

  /// Live values the segment computes on the way to needed ones without storing them.
  var recomputed: [LazyNode] = []

  /// The segment computing `needed` (pending nodes only) and the pending nodes in `live`, except
  /// live values of `recomputeBytes` or more that the recomputation rule leaves unstored, and
  /// values it left unstored before that nothing needed now depends on.
  init(needed: [LazyNode], live: [LazyNode], recomputeBytes: Int = .max) {
    var graph = Graph(name: "lazy_segment")
    var ids: [ObjectIdentifier: Int] = [:]
    // Pending nodes cheap to compute again: elementwise over materialised or cheap operands,
    // none left unstored by an earlier flush.
    var cheap = Set<ObjectIdentifier>()
    var leaves: [LazyNode] = []
    var operations: [LazyNode] = []
    // Iterative post-order walk: deep chains (a long loop without reads) must not overflow the
    // stack.
    func visit(_ root: LazyNode) {
      var stack: [(node: LazyNode, next: Int)] = [(root, 0)]
      while let top = stack.last {
        let key = ObjectIdentifier(top.node)
        if ids[key] != nil {
          stack.removeLast()
          continue
        }
        if !top.node.isPending {
          let name = "in\(leaves.count)"
          graph.inputs.append(InputDecl(name: name, dtype: top.node.dtype, shape: top.node.shape))
          ids[key] = graph.add(
            .input(name), dtype: top.node.dtype, shape: top.node.shape, loc: top.node.loc)
          leaves.append(top.node)
          stack.removeLast()
          continue
        }
        if top.next < top.node.operands.count {
          stack[stack.count - 1].next += 1
          let operand = top.node.operands[top.next]
          if ids[ObjectIdentifier(operand)] == nil { stack.append((operand, 0)) }
          continue
        }
        let operands = top.node.operands.compactMap { ids[ObjectIdentifier($0)] }
        if Self.recomputable(top.node.op), !top.node.survivor,
          top.node.operands.allSatisfy({ !$0.isPending || cheap.contains(ObjectIdentifier($0)) })
        {
          cheap.insert(key)
        }
        ids[key] = graph.add(
          top.node.op, operands, dtype: top.node.dtype, shape: top.node.shape,
          loc: top.node.loc)
        operations.append(top.node)
        stack.removeLast()
      }
    }
    var results: [LazyNode] = []
    var recomputed: [LazyNode] = []
    var seen = Set<ObjectIdentifier>()
    for node in needed where node.isPending && seen.insert(ObjectIdentifier(node)).inserted {
      visit(node)
    }
    // Graph nodes below `onTheWay` are the needed values and what they depend on.
    let onTheWay = graph.nodes.count
    var unstored = Set<ObjectIdentifier>()
    for node in live where node.isPending && seen.insert(ObjectIdentifier(node)).inserted {
      let key = ObjectIdentifier(node)
      if let id = ids[key], id < onTheWay, cheap.contains(key), node.bytes >= recomputeBytes {
        recomputed.append(node)
        unstored.insert(key)
      } else if node.survivor && ids[key] == nil {
        // Left unstored before and not needed now: stored by the flush that next reaches it,
        // not by an unrelated one (which its failure, such as a buffer too large, would fail).
        unstored.insert(key)
      } else {
        visit(node)
      }
    }
    for node in needed + live {
      let key = ObjectIdentifier(node)
      guard seen.remove(key) != nil, !unstored.contains(key), let id = ids[key] else { continue }
      graph.outputs.append(OutputDecl(name: "out\(results.count)", node: id))
      results.append(node)
    }
    self.graph = graph
    self.leaves = leaves
    self.results = results
    self.operations = operations
    self.recomputed = recomputed
    generic = graph
    values = [:]
    key = graph
    parameterise()
  }

  /// Whether the recomputation rule may compute `op` again rather than store it: elementwise
  /// maps, broadcasts and constants, whose fused code reads each operand element once.
  static func recomputable(_ op: Op) -> Bool {
    switch op {
    case .unary, .binary, .select, .cast, .full, .param, .broadcast, .expandDims, .squeeze,
      .reshape:
      return true
    default: return false
    }
  }

  /// The graph with each scalar constant (a 0-d `full` node, which is what `x * 0.5` makes)
  /// turned into a runtime parameter `k0`, `k1`, ... (a kernel argument): code that serves every
  /// iteration of a loop whose constants change (a time step, a counter).
  var generic: Graph
  /// The values of the generic graph's parameters: the constants.
  var values: [String: Scalar]
  /// The cache key: the generic graph without source locations and with zeroed parameter
  /// values. Structure, attributes, dtypes and shapes remain: everything the generic code
  /// depends on.
  var key: Graph

  /// Derives the generic graph, its values and the key from `graph`.
  private mutating func parameterise() {
    generic = graph
    values = [:]
    for i in generic.nodes.indices {
      guard case .full(let s) = generic.nodes[i].op, generic.nodes[i].shape.isEmpty else {
        continue
      }
      let name = "k\(generic.params.count)"
      generic.nodes[i].op = .param(name)
      generic.params.append(ParamDecl(name: name, dtype: generic.nodes[i].dtype, value: s))
      values[name] = s
    }
    key = generic
    for i in key.nodes.indices { key.nodes[i].loc = nil }
    for i in key.params.indices {
      key.params[i].value = Scalar.int(0).converted(to: key.params[i].dtype)
    }
  }

  /// The distinct source locations of the segment's operations, in program order (operators'
  /// lines are worked out now: this is for messages).
  var locations: [String] {
    var seen = Set<String>()
    return operations.compactMap { n in n.sourceLine.flatMap { seen.insert($0).inserted ? $0 : nil }
    }
  }
}
