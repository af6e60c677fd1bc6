// Rebuilding a graph node by node: the one way passes produce their result.
//
// A rewriter walks the old graph in order. For each old node a pass either keeps it (operands
// remapped), replaces it by a value already in the new graph, or emits new nodes in its place.
// Interface entries (outputs, read-backs) are remapped at the end; a read-back's position becomes
// the number of new nodes that existed when the old position was reached, so the host still reads
// after everything it read after before.

import DRCIR

/// Builds a new graph from an old one, tracking where each old node's value now lives.
public struct GraphRewriter {
  /// The graph being rewritten.
  public let old: Graph
  /// The graph being built.
  public private(set) var new: Graph
  /// `map[oldID]` is the new node holding the old node's value, once visited.
  public private(set) var map: [Int]
  /// `positions[p]` is the new node count when old node `p` was reached.
  private var positions: [Int]

  /// Starts a rewrite of `graph` with an empty node list and the same declarations.
  public init(_ graph: Graph) {
    old = graph
    new = Graph(name: graph.name, inputs: graph.inputs, params: graph.params)
    new.nodes.reserveCapacity(graph.nodes.count)
    map = Array(repeating: -1, count: graph.nodes.count)
    positions = Array(repeating: 0, count: graph.nodes.count + 1)
  }

  /// Marks the start of old node `id`'s rewrite (call in order, before emitting for it).
  public mutating func begin(_ id: Int) { positions[id] = new.nodes.count }

  /// The new ids of an old node's operands.
  public func operands(of node: Node) -> [Int] { node.operands.map { map[$0] } }

  /// Emits `node` with remapped operands and records it as the old node's value.
  @discardableResult
  public mutating func keep(_ node: Node) -> Int {
    let id = new.add(
      node.op, operands(of: node), dtype: node.dtype, shape: node.shape, loc: node.loc)
    map[node.id] = id
    return id
  }

  /// Records that old node `oldID`'s value is new node `newID`.
  public mutating func replace(_ oldID: Int, with newID: Int) { map[oldID] = newID }

  /// Emits a new node (not tied to an old one) and returns its id.
  public mutating func emit(
    _ op: Op, _ operands: [Int], dtype: DType, shape: [Int], loc: String?
  ) -> Int {
    new.add(op, operands, dtype: dtype, shape: shape, loc: loc)
  }

  /// Leaves old node `id` out (its value must be unused by anything kept).
  public mutating func drop(_ id: Int) { map[id] = -1 }

  /// The finished graph, with outputs and read-backs remapped.
  public mutating func finish() -> Graph {
    positions[old.nodes.count] = new.nodes.count
    var result = new
    result.outputs = old.outputs.map { OutputDecl(name: $0.name, node: map[$0.node]) }
    result.readbacks = old.readbacks.map {
      let node = map[$0.node]
      return Readback(
        node: node, position: max(positions[$0.position], node + 1), kind: $0.kind, loc: $0.loc)
    }
    return result
  }
}
