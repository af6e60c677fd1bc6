// Common-subexpression elimination by structural hashing (hash-consing).
//
// The graph is walked once in topological order. Each node's key is its op with attributes, its
// operands after remapping (so equal subtrees already share ids), its dtype and its shape; the
// first node with a key is kept and later ones become references to it, so the surviving node
// keeps its `loc`. One dictionary lookup per node: linear time. The IR is functional (`update`
// yields a new array), so any two nodes with equal keys compute equal values; reads of the same
// input or param merge too. Float constants are keyed by bit pattern, because Swift's `==` (and
// so `Op`'s synthesised equality) treats `-0.0` and `+0.0` as equal.

import DRCIR

/// Merges nodes that compute the same value from the same operands.
public struct CommonSubexpressionElimination: Pass {
  /// Creates the pass.
  public init() {}
  /// `cse`.
  public var name: String { "cse" }

  /// Returns `graph` with every repeated computation replaced by its first occurrence.
  public func run(_ graph: Graph, context: PassContext) throws -> Graph {
    var rewriter = GraphRewriter(graph)
    var seen: [NodeKey: Int] = [:]
    seen.reserveCapacity(graph.nodes.count)
    for node in graph.nodes {
      rewriter.begin(node.id)
      let key = NodeKey(node, operands: rewriter.operands(of: node))
      if let existing = seen[key] {
        rewriter.replace(node.id, with: existing)
      } else {
        seen[key] = rewriter.keep(node)
      }
    }
    return rewriter.finish()
  }
}

/// What makes two nodes the same computation.
struct NodeKey: Hashable {
  /// The op, with float scalars in its attributes zeroed (they are compared through `scalars`).
  var op: Op
  /// Exact identities of the op's scalar attributes.
  var scalars: [ScalarIdentity]
  /// Remapped operand ids.
  var operands: [Int]
  /// Result dtype.
  var dtype: DType
  /// Result shape.
  var shape: [Int]

  /// The key of `node` whose operands now live at `operands`.
  init(_ node: Node, operands: [Int]) {
    switch node.op {
    case .full(let value):
      op = .full(.bool(false))
      scalars = [value.identity]
    case .arange(let start, let step):
      op = .arange(start: .bool(false), step: .bool(false))
      scalars = [start.identity, step.identity]
    default:
      op = node.op
      scalars = []
    }
    self.operands = operands
    dtype = node.dtype
    shape = node.shape
  }
}
