// Giving strided in-place updates a buffer of their own when their base cannot be overwritten.
//
// An update whose region has a step other than ±1 cannot be expressed as a masked select, so it
// is stored in place over its region. That is only safe when nothing else reads the base: not
// another node, not the host, not a later run (inputs). Otherwise this rewrite inserts a copy
// (a cast to the same dtype) that the update then owns; the copy is one extra kernel.

import DRCIR

/// Inserts a private copy of the base of each strided update that cannot be written in place.
struct UpdateIsolation: Pass {
  var name: String { "isolate-updates" }

  func run(_ graph: Graph, context: PassContext) throws -> Graph {
    var users = Array(repeating: 0, count: graph.nodes.count)
    for node in graph.nodes { for o in node.operands { users[o] += 1 } }
    var interface = Set(graph.outputs.map(\.node))
    interface.formUnion(graph.readbacks.map(\.node))
    var rewriter = GraphRewriter(graph)
    for node in graph.nodes {
      rewriter.begin(node.id)
      guard case .update(let ranges) = node.op, ranges.contains(where: { abs($0.step) != 1 }) else {
        rewriter.keep(node)
        continue
      }
      let base = graph.nodes[node.operands[0]]
      var shared = users[base.id] > 1 || interface.contains(base.id)
      if case .input = base.op { shared = true }
      guard shared else {
        rewriter.keep(node)
        continue
      }
      let operands = rewriter.operands(of: node)
      let copy = rewriter.emit(
        .cast, [operands[0]], dtype: base.dtype, shape: base.shape, loc: node.loc)
      let id = rewriter.emit(
        node.op, [copy, operands[1]], dtype: node.dtype, shape: node.shape, loc: node.loc)
      rewriter.replace(node.id, with: id)
      context.remark(
        Remark(
          pass: name, node: node.id, loc: node.loc,
          "base is read elsewhere: the update writes a copy"))
    }
    return rewriter.finish()
  }
}
