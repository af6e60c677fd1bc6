// The reference `cholesky`: the lower-triangular L with A = L L^T of each square matrix in the
// last two axes, read from A's lower triangle (NumPy's `linalg.cholesky`, LAPACK's `potrf` with
// 'L').
//
// The arithmetic is fixed so that a kernel can match it bit for bit: values are read as
// float64, every stored value is rounded to the array's dtype, and the running sums, the pivot
// and its square root stay in float64. For each column j in order: s = a[j][j] - L[j][0]^2 -
// ... - L[j][j-1]^2 (in increasing k); the pivot d = sqrt(s) when s > 0, and L[j][j] = d; then
// for each row i > j in order, t = a[i][j] - L[i][0] L[j][0] - ... (increasing k) and
// L[i][j] = t / d. Above the diagonal L is 0. When s is not above 0 (or NaN) the matrix is not
// positive definite: NumPy's error; `skipping` instead leaves that column 0 (the plan's check
// counts zeros on L's diagonal) and goes on.

import DRCIR

extension Reference {
  /// L for each square matrix of `x` (`[..., n, n]`, float), each store rounded to `rounding`
  /// (default `x`'s dtype; the float64 oracle passes the node's).
  static func cholesky(_ x: HostArray, rounding: DType? = nil, skipping: Bool = false) throws
    -> HostArray
  {
    let rank = x.rank
    guard x.dtype.isFloat, rank >= 2, x.shape[rank - 1] == x.shape[rank - 2] else {
      throw InterpreterError("cholesky needs a float array of square matrices [..., n, n]")
    }
    let n = x.shape[rank - 1]
    let a = x.values(as: Double.self)
    var w = [Double](repeating: 0, count: a.count)
    let round: (Double) -> Double =
      (rounding ?? x.dtype) == .float32 ? { Double(Float($0)) } : { $0 }
    let size = n * n
    if size > 0 {
      for start in stride(from: 0, to: a.count, by: size) {
        if let column = Cholesky.matrix(a, &w, start: start, n: n, round: round), !skipping {
          throw InterpreterError(
            "Matrix is not positive definite: the pivot of column \(column) of matrix "
              + "\(start / size) is not above 0")
        }
      }
    }
    return x.dtype == .float32
      ? .make(w.map { Float($0) }, shape: x.shape) : .make(w, shape: x.shape)
  }
}

/// The factorisation itself, shared by the reference and the host plan runner.
enum Cholesky {
  /// Writes L of the row-major `n x n` matrix at `start` of `a` into `w` (zeros there); returns
  /// the first column whose pivot was not above 0 (that column stays 0), or nil.
  static func matrix(
    _ a: [Double], _ w: inout [Double], start: Int, n: Int, round: (Double) -> Double
  ) -> Int? {
    var failed: Int?
    for j in 0..<n {
      var s = a[start + j * n + j]
      for k in 0..<j { s = s - w[start + j * n + k] * w[start + j * n + k] }
      guard s > 0 else {
        if failed == nil { failed = j }
        continue
      }
      let d = s.squareRoot()
      w[start + j * n + j] = round(d)
      for i in (j + 1)..<Swift.max(j + 1, n) {
        var t = a[start + i * n + j]
        for k in 0..<j { t = t - w[start + i * n + k] * w[start + j * n + k] }
        w[start + i * n + j] = round(t / d)
      }
    }
    return failed
  }
}
