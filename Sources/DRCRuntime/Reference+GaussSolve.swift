// The reference `gauss_solve`: Gaussian elimination with partial pivoting of each matrix
// `[A | B]` (the last two axes, `n` rows and `m >= n` columns), giving `[U | X]`.
//
// The arithmetic is fixed so that a kernel can match it bit for bit: values are read as
// float64, every stored value is rounded to the array's dtype (a no-op for float64), and the
// multipliers and running sums stay in float64. For each column c: the pivot is the first row
// r >= c with the largest |w[r][c]| (a NaN is never larger), its row is swapped with row c, and
// each row r below gets f = w[r][c] / w[c][c], w[r][c] = 0 and w[r][j] = w[r][j] - f * w[c][j]
// for j > c, in increasing j (no fused multiply-add); then the pivot row p is recorded on the
// subdiagonal, w[c+1][c] = p (for c < n - 1). Then, for each column j >= n and each row r from
// the last up, s = w[r][j] - w[r][r+1] * w[r+1][j] - ... (in increasing q) and
// w[r][j] = s / w[r][r]. With right-hand sides (m > n) a zero pivot is NumPy's "Singular
// matrix" error; `skipping` passes over it instead, as a compiled kernel does (the plan's check
// reports it). Without them (a factorisation, for `det`) a zero pivot is a zero on U's
// diagonal, and the elimination goes on past that column.

import DRCIR

extension Reference {
  /// `[U | X]` for each matrix `[A | B]` of `x` (shape `[..., n, m]`, float, `m >= n`), each
  /// stored value rounded to `rounding` (default: `x`'s dtype; the float64 oracle passes the
  /// node's float32, because the op's definition includes its roundings, so the oracle's value
  /// is what every executor computes).
  static func gaussSolve(_ x: HostArray, rounding: DType? = nil, skipping: Bool = false) throws
    -> HostArray
  {
    let rank = x.rank
    guard x.dtype.isFloat, rank >= 2, x.shape[rank - 1] >= x.shape[rank - 2] else {
      throw InterpreterError("gauss_solve needs a float array [..., n, m] with m >= n")
    }
    let (n, m) = (x.shape[rank - 2], x.shape[rank - 1])
    var w = x.values(as: Double.self)
    let round: (Double) -> Double =
      (rounding ?? x.dtype) == .float32 ? { Double(Float($0)) } : { $0 }
    let size = n * m
    if size > 0 {
      for start in stride(from: 0, to: w.count, by: size) {
        if let column = GaussSolve.matrix(&w, start: start, n: n, m: m, round: round), m > n,
          !skipping
        {
          throw InterpreterError(
            "Singular matrix: a zero pivot in column \(column) of matrix \(start / size)")
        }
      }
    }
    return x.dtype == .float32
      ? .make(w.map { Float($0) }, shape: x.shape) : .make(w, shape: x.shape)
  }
}

/// The elimination itself, shared by the reference and the host plan runner.
enum GaussSolve {
  /// Eliminates the row-major `n x m` matrix at `start` of `w` in place; returns the first
  /// column whose pivot was zero (that column is left as it is), or nil.
  static func matrix(
    _ w: inout [Double], start: Int, n: Int, m: Int, round: (Double) -> Double
  ) -> Int? {
    var singular: Int?
    for c in 0..<n {
      var p = c
      var best = Swift.abs(w[start + c * m + c])
      for r in (c + 1)..<Swift.max(c + 1, n) {
        let a = Swift.abs(w[start + r * m + c])
        if a > best {
          best = a
          p = r
        }
      }
      if p != c {
        for j in 0..<m { w.swapAt(start + c * m + j, start + p * m + j) }
      }
      let pivot = w[start + c * m + c]
      if pivot == 0 {
        if singular == nil { singular = c }
      } else {
        for r in (c + 1)..<Swift.max(c + 1, n) {
          let f = w[start + r * m + c] / pivot
          w[start + r * m + c] = 0
          for j in (c + 1)..<m {
            w[start + r * m + j] = round(w[start + r * m + j] - f * w[start + c * m + j])
          }
        }
      }
      if c + 1 < n { w[start + (c + 1) * m + c] = Double(p) }
    }
    for j in n..<m {
      for r in stride(from: n - 1, through: 0, by: -1) {
        var s = w[start + r * m + j]
        for q in (r + 1)..<Swift.max(r + 1, n) {
          s = s - w[start + r * m + q] * w[start + q * m + j]
        }
        w[start + r * m + j] = round(s / w[start + r * m + r])
      }
    }
    return singular
  }
}
