// Deciding what is materialised: the roots of fusion and the reason for each.
//
// Every node is either inlined into the kernels that read it or materialised (a root: computed
// by one kernel into a buffer). Roots are what must exist in memory: inputs, outputs, host
// read-backs, reductions, scans and matrix products (their results are not elementwise), operands of a
// reshape that merges axes, and bases of in-place updates. Beyond those the partition trades
// recomputation against memory traffic: a costly node read at several different positions (the
// previous step of a stencil) or a fused expression too large to compile well is materialised,
// and the reason is kept for `drc explain`.

import DRCIR

/// An update stored in place into its base's buffer, over its region only.
struct RegionStore: Hashable {
  /// The base node, whose buffer the update overwrites.
  var base: Int
  /// The region written.
  var ranges: [SliceRange]
  /// The region's shape: the kernel's iteration space.
  var regionShape: [Int] { ranges.map(\.count) }
}

/// Which nodes are materialised, why, and how updates are stored.
struct Partition {
  /// Whether each node is a root.
  var isRoot: [Bool]
  /// Why each root is one.
  var reasons: [Int: String] = [:]
  /// Updates stored in place.
  var regionStore: [Int: RegionStore] = [:]
  /// Inlined expression size of each node (values, counting each use).
  var cost: [Int]

  /// Largest fused expression, in values, before an operand is materialised.
  static let maxExpression = 256
  /// Above this size an expression read at several positions is materialised, not recomputed.
  static let recomputeLimit = 8

  /// Marks `id` as a root for `reason` (the first reason is kept).
  mutating func materialise(_ id: Int, _ reason: String) {
    if !isRoot[id] {
      isRoot[id] = true
      reasons[id] = reason
    }
  }

  /// The partition of `graph`; `fuse: false` materialises every non-view node (one op per kernel).
  static func make(_ graph: Graph, fuse: Bool = true) -> Partition {
    let n = graph.nodes.count
    var p = Partition(
      isRoot: Array(repeating: false, count: n), cost: Array(repeating: 1, count: n))
    var users = Array(repeating: [Int](), count: n)
    for node in graph.nodes { for o in node.operands { users[o].append(node.id) } }
    var interface = Set<Int>()
    for output in graph.outputs {
      p.materialise(output.node, "output '\(output.name)'")
      interface.insert(output.node)
    }
    for r in graph.readbacks {
      p.materialise(r.node, "read back by the host" + (r.loc.map { " at \($0)" } ?? ""))
      interface.insert(r.node)
    }
    for node in graph.nodes {
      switch node.op {
      case .input(let name): p.materialise(node.id, "input '\(name)'")
      case .reduce: p.materialise(node.id, "reduction result")
      case .matmul: p.materialise(node.id, "matrix product result")
      case .scan: p.materialise(node.id, "scan result")
      case .take: p.materialise(node.operands[0], "gathered from by node \(node.id) (take)")
      case .scatter:
        p.materialise(node.id, "scatter result")
        for (i, role) in ["scattered into", "holding the positions of", "holding the values of"]
          .enumerated()
        {
          p.materialise(node.operands[i], "\(role) node \(node.id) (\(node.op.name))")
        }
      case .matrix(let m):
        p.materialise(node.id, "\(m.rawValue) result")
        p.materialise(node.operands[0], "factored by node \(node.id) (\(m.rawValue))")
      case .sort:
        p.materialise(node.id, "sort result")
        p.materialise(node.operands[0], "sorted by node \(node.id)")
      case .reshape:
        let operand = graph.nodes[node.operands[0]]
        if Access.identity(rank: node.shape.count).reshaped(from: node.shape, to: operand.shape)
          == nil
        {
          p.materialise(operand.id, "read through a reshape that merges axes")
        }
      case .update(let ranges):
        let base = graph.nodes[node.operands[0]]
        let unit = ranges.allSatisfy { $0.step == 1 || $0.step == -1 }
        let exclusive = users[base.id] == [node.id] && !interface.contains(base.id)
        if case .input = base.op {
        } else if exclusive && (!unit || p.isRoot[base.id]) {
          p.materialise(base.id, "base of an in-place update")
          p.materialise(
            node.id, unit ? "in-place update of a region" : "in-place update of a strided region")
          p.regionStore[node.id] = RegionStore(base: base.id, ranges: ranges)
        }
      default: break
      }
      if !fuse && !node.op.isView { p.materialise(node.id, "unfused: one kernel per op") }
      p.limitSize(node, graph)
      p.limitRecompute(node, users: users[node.id], graph)
    }
    return p
  }

  /// Recomputes `node`'s cost and materialises its costliest operands while it is too large.
  private mutating func limitSize(_ node: Node, _ graph: Graph) {
    func total() -> Int {
      node.operands.reduce(1) { $0 + (isRoot[$1] ? 1 : cost[$1]) }
    }
    var size = total()
    while size > Partition.maxExpression {
      guard let worst = node.operands.filter({ !isRoot[$0] }).max(by: { cost[$0] < cost[$1] })
      else { break }
      materialise(
        worst, "fused expression of node \(node.id) would exceed \(Partition.maxExpression) values")
      size = total()
    }
    cost[node.id] = min(size, 1 << 30)
  }

  /// Materialises a costly node that its users read at more than one position.
  private mutating func limitRecompute(_ node: Node, users: [Int], _ graph: Graph) {
    guard !isRoot[node.id], cost[node.id] > Partition.recomputeLimit else { return }
    var kinds = Set<String>()
    for u in users {
      let user = graph.nodes[u]
      switch user.op {
      case .slice, .transpose, .concatenate, .reshape, .squeeze, .expandDims:
        kinds.insert("\(user.op)")
      case .update:
        kinds.insert(user.operands.first == node.id ? "direct" : "\(user.op)")
      default:
        kinds.insert("direct")
      }
    }
    if kinds.count > 1 {
      materialise(
        node.id,
        "read at \(kinds.count) different positions; recomputing \(cost[node.id]) values each time costs more than a buffer"
      )
    }
  }
}
