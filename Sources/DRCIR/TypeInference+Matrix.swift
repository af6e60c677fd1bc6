// The type rule of the factorisations (`gauss_solve`, `cholesky`; trace format 1.5).

/// The matrix rules of `TypeInference`.
extension TypeInference {
  /// The result of factorisation `m` of `x`: `x` itself (a float array of matrices in the last
  /// two axes, at most 2^24 rows; `gauss_solve` at least as many columns as rows, `cholesky`
  /// square).
  static func matrix(_ m: MatrixOp, _ x: ValueType) throws(ShapeError) -> ValueType {
    guard x.dtype.isFloat else {
      throw ShapeError("\(m.rawValue) needs a float array, not \(x.dtype)")
    }
    let rank = x.shape.count
    guard rank >= 2, x.shape[rank - 2] <= 1 << 24 else {
      throw ShapeError("\(m.rawValue) needs matrices [..., n, m] with n <= 2^24, not \(x.shape)")
    }
    let (n, columns) = (x.shape[rank - 2], x.shape[rank - 1])
    switch m {
    case .gaussSolve:
      guard columns >= n else {
        throw ShapeError(
          "gauss_solve needs matrices [..., n, m] with m >= n (A beside B), not \(x.shape)")
      }
    case .cholesky:
      guard columns == n else { throw ShapeError("cholesky needs square matrices, not \(x.shape)") }
    }
    return x
  }
}
