// Constant folding: nodes whose operands are all splat constants become splat constants.
//
// A `full` node of any shape is a splat: every element is its value. An elementwise node over
// splats is a splat of the node's dtype and shape, a view of a splat (slice, reshape, broadcast,
// transpose, expand_dims, squeeze) is a splat of the view's shape, and a min/max reduction of a
// splat is the splat's value. Results must be what an OpenCL device computes, bit for bit, so
// only correctly rounded operations are evaluated (see `ScalarEvaluation`); float32 division and
// sqrt, pow, atan2 and the transcendental functions stay in the graph, each with a remark saying
// why. The rule is documented in docs/numerics.md, "Constant folding".

import DRCIR

/// Replaces computations on splat constants by their exact results.
public struct ConstantFolding: Pass {
  /// Creates the pass.
  public init() {}
  /// `fold`.
  public var name: String { "fold" }

  /// Returns `graph` with every foldable node replaced by a `full`.
  public func run(_ graph: Graph, context: PassContext) throws -> Graph {
    var rewriter = GraphRewriter(graph)
    for node in graph.nodes {
      rewriter.begin(node.id)
      let operands = rewriter.operands(of: node).map { rewriter.new.nodes[$0] }
      let values = operands.compactMap(\.splat)
      guard !operands.isEmpty, values.count == operands.count else {
        rewriter.keep(node)
        continue
      }
      switch evaluate(node, operands: operands, values: values) {
      case .value(let value)?:
        let id = rewriter.emit(
          .full(value), [], dtype: node.dtype, shape: node.shape, loc: node.loc)
        rewriter.replace(node.id, with: id)
      case .declined(let reason)?:
        context.remark(Remark(pass: name, node: node.id, loc: node.loc, "not folded: \(reason)"))
        rewriter.keep(node)
      case nil:
        rewriter.keep(node)
      }
    }
    return rewriter.finish()
  }

  /// The folded value of `node` whose operands are the splats `operands` with `values`; nil when
  /// the op is not one folding handles at all (concatenate, matmul, sums, ...).
  func evaluate(_ node: Node, operands: [Node], values: [Scalar]) -> Evaluation? {
    switch node.op {
    case .unary(let op):
      return ScalarEvaluation.unary(op, values[0], from: operands[0].dtype, to: node.dtype)
    case .binary(let op):
      return ScalarEvaluation.binary(
        op, values[0], operands[0].dtype, values[1], operands[1].dtype, to: node.dtype)
    case .select:
      guard case .bool(let cond) = values[0] else { return nil }
      let chosen = cond ? 1 : 2
      return ScalarEvaluation.cast(values[chosen], from: operands[chosen].dtype, to: node.dtype)
    case .cast:
      return ScalarEvaluation.cast(values[0], from: operands[0].dtype, to: node.dtype)
    case .slice, .reshape, .transpose, .broadcast, .expandDims, .squeeze:
      return .value(values[0])
    case .reduce(.min, _, _), .reduce(.max, _, _):
      return .value(values[0])
    default:
      return nil
    }
  }
}
