// Moving negations outward so that f(-x) and f(x) can share one computation.
//
// `(-a)/c -> -(a/c)` and `(-a)*c -> -(a*c)` are exact under IEEE-754 (rounding to nearest is
// symmetric in sign). `erf(-a) -> -erf(a)` is exact for float32 because both implementations
// drc uses are odd by construction: the reference's C `erff` computes on |x| and restores the
// sign, and the generated float32 erf (DRCCodegen, CLErf.swift) does the same; float64 erf runs
// the device's builtin, whose symmetry OpenCL does not promise, so it is left alone. After this
// pass, CSE merges Black-Scholes' erf(d/√2) and erf(-d/√2), halving its erf evaluations.

import DRCIR

/// Moves negations out of divisions, products and float32 erf.
public struct SignPropagation: Pass {
  /// Creates the pass.
  public init() {}
  /// `signs`.
  public var name: String { "signs" }

  /// Returns `graph` with negations moved outward where that is exact.
  public func run(_ graph: Graph, context: PassContext) throws -> Graph {
    var r = GraphRewriter(graph)
    for node in graph.nodes {
      r.begin(node.id)
      let operands = r.operands(of: node)
      func negated(_ id: Int) -> Int? {
        let n = r.new.nodes[id]
        guard n.op == .unary(.neg), n.dtype == node.dtype,
          n.shape == r.new.nodes[n.operands[0]].shape
        else { return nil }
        return n.operands[0]
      }
      var inner: Int?
      switch node.op {
      case .binary(.div), .binary(.mul):
        if node.dtype.isFloat, let a = negated(operands[0]),
          r.new.nodes[operands[0]].shape == node.shape,
          r.new.nodes[operands[1]].dtype == node.dtype
        {
          inner = r.emit(
            node.op, [a, operands[1]], dtype: node.dtype, shape: node.shape, loc: node.loc)
        }
      case .unary(.erf):
        if node.dtype == .float32, let a = negated(operands[0]), r.new.nodes[a].dtype == .float32 {
          inner = r.emit(node.op, [a], dtype: node.dtype, shape: node.shape, loc: node.loc)
        }
      default: break
      }
      if let inner {
        r.replace(
          node.id,
          with: r.emit(.unary(.neg), [inner], dtype: node.dtype, shape: node.shape, loc: node.loc))
      } else {
        r.keep(node)
      }
    }
    return r.finish()
  }
}
