// Dead-code elimination: drop every node that no output or host read-back depends on.
//
// One backward sweep marks what the interface needs (nodes are topological, so a single pass from
// the end suffices); the rewrite keeps only marked nodes. Input declarations stay even when unused:
// they are the program's signature.

import DRCIR

/// Removes nodes that cannot reach an output or a read-back.
public struct DeadCodeElimination: Pass {
  /// Creates the pass.
  public init() {}
  /// `dce`.
  public var name: String { "dce" }

  /// Returns `graph` without its dead nodes.
  public func run(_ graph: Graph, context: PassContext) throws -> Graph {
    var live = Array(repeating: false, count: graph.nodes.count)
    for output in graph.outputs { live[output.node] = true }
    for readback in graph.readbacks { live[readback.node] = true }
    for node in graph.nodes.reversed() where live[node.id] {
      for operand in node.operands { live[operand] = true }
    }
    var rewriter = GraphRewriter(graph)
    for node in graph.nodes {
      rewriter.begin(node.id)
      if live[node.id] { rewriter.keep(node) } else { rewriter.drop(node.id) }
    }
    return rewriter.finish()
  }
}
