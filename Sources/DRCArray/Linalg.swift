// NumPy's `linalg.solve`, `inv`, `det`, `slogdet`, `cholesky` and `matrix_power`, by the IR's
// `gauss_solve`, `cholesky` and `matmul`.
//
// `solve(a, b)` joins each matrix `a` and its right-hand sides `b` into `[A | B]` (batch axes
// broadcast, one dtype: float32 stays float32, integers become float64, as NumPy's), eliminates
// it with partial pivoting (`gauss_solve`: one kernel, each system in one work-item, the same
// bits on every executor) and returns the columns of `X`. `inv(a)` solves against the identity.
// `slogdet` and `det` factor `a` alone and read `U`'s diagonal and the pivot rows the op keeps on
// the subdiagonal, as NumPy reads LAPACK's LU (a singular matrix is then a determinant of 0).
// A singular matrix (a zero pivot) is NumPy's "Singular matrix" error: raised at the call in
// reference mode, by the plan's check when a compiled plan or device mode runs it.
// Results differ from NumPy's (LAPACK's blocked factorisation rounds in another order) by a
// relative amount of the order of the matrix's condition number times the unit roundoff.

import DRCIR

/// NumPy's `linalg.solve(a, b)`: `x` with `a @ x == b`, for square `a` (`[..., n, n]`) and `b`
/// either `[n]` (one vector; the result is `a.shape[:-1]`) or `[..., n, k]`.
public func solve(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "solve", message, location: Session.shared.location(site, force: true))
  }
  let n = try squareSize(a, op: "solve", site: site)
  let vector = b.ndim == 1
  guard vector ? b.shape[0] == n : b.ndim >= 2 && b.shape[b.ndim - 2] == n else {
    throw fail(
      "b of shape \(b.shape) does not match a of shape \(a.shape) (b must be [n] or [..., n, k])")
  }
  let rhs = vector ? b.view(.expandDims([1]), site: site) : b
  let k = rhs.shape[rhs.ndim - 1]
  guard
    let batch = ShapeRules.broadcast([Array(a.shape.dropLast(2)), Array(rhs.shape.dropLast(2))])
  else {
    throw fail("the batch shapes of a \(a.shape) and b \(b.shape) do not broadcast")
  }
  let dtype = linalgType(DType.promote(a.dtype, b.dtype))
  let x = try eliminate(
    a, rhs.broadcast(to: batch + [n, k], file: file, line: line), batch: batch, n: n, k: k,
    dtype: dtype, site: site)
  return vector ? x.view(.reshape, shape: batch + [n], site: site) : x
}

/// NumPy's `linalg.inv(a)`: the inverse of each square matrix of `a` (`[..., n, n]`).
public func inv(_ a: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{
  let site = CallSite.source(file, line)
  let n = try squareSize(a, op: "inv", site: site)
  let dtype = linalgType(a.dtype)
  let batch = Array(a.shape.dropLast(2))
  let identity = try eye(n, dtype: dtype, file: file, line: line)
    .broadcast(to: batch + [n, n], file: file, line: line)
  return try eliminate(a, identity, batch: batch, n: n, k: n, dtype: dtype, site: site)
}

/// The float dtype NumPy's linalg computes in: float32 stays, everything else is float64.
private func linalgType(_ dtype: DType) -> DType { dtype == .float32 ? .float32 : .float64 }

/// `n` for an array of square matrices `[..., n, n]`; NumPy's error otherwise.
private func squareSize(_ a: NDArray, op: String, site: CallSite) throws(ArrayError) -> Int {
  guard a.ndim >= 2, a.shape[a.ndim - 1] == a.shape[a.ndim - 2] else {
    throw ArrayError(
      op: op,
      "\(a.ndim)-dimensional array given (shape \(a.shape)); the last 2 dimensions must be square",
      location: Session.shared.location(site, force: true))
  }
  return a.shape[a.ndim - 1]
}

/// `X` of `[A | B]` eliminated: `a` broadcast to `batch + [n, n]`, `rhs` already `batch + [n, k]`.
private func eliminate(
  _ a: NDArray, _ rhs: NDArray, batch: [Int], n: Int, k: Int, dtype: DType, site: CallSite
) throws(ArrayError) -> NDArray {
  let shape = batch + [n, n + k]
  guard n > 0 else {
    return try NDArray.apply(
      .full(Scalar.float(0).converted(to: dtype)), [], dtype: dtype, shape: batch + [n, k],
      site: site)
  }
  let left = try a.view(.broadcast, shape: batch + [n, n], site: site).converted(
    to: dtype, site: site)
  let right = try rhs.converted(to: dtype, site: site)
  let joined = try NDArray.apply(
    .concatenate(axis: batch.count + 1), [left, right], dtype: dtype, shape: shape, site: site)
  let solved = try NDArray.apply(
    .matrix(.gaussSolve), [joined], dtype: dtype, shape: shape, site: site)
  let columns =
    batch.map { SliceRange(start: 0, stop: $0, step: 1) }
    + [SliceRange(start: 0, stop: n, step: 1), SliceRange(start: n, stop: n + k, step: 1)]
  return solved.view(.slice(columns), site: site)
}

/// NumPy's `linalg.matrix_power(a, n)`: `a` multiplied by itself `n` times (by squaring, as
/// NumPy does), the identity for 0, powers of `inv(a)` for negative `n`.
public func matrixPower(_ a: NDArray, _ n: Int, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let size = try squareSize(a, op: "matrix_power", site: site)
  if n == 0 {
    let one = try eye(size, dtype: a.dtype, file: file, line: line)
    return one.broadcast(to: a.shape, file: file, line: line)
  }
  var base = n < 0 ? try inv(a, file: file, line: line) : a
  if n.magnitude == 3 {  // NumPy's own special case: (a @ a) @ a
    return try matmul(try matmul(base, base, file: file, line: line), base, file: file, line: line)
  }
  // NumPy: the binary decomposition of |n|, lowest bit first; `z` is the running square.
  var remaining = n.magnitude
  var result: NDArray?
  while true {
    if remaining & 1 == 1 {
      result =
        try result.map { (r) throws(ArrayError) -> NDArray in
          try matmul(r, base, file: file, line: line)
        } ?? base
    }
    remaining >>= 1
    if remaining == 0 { break }
    base = try matmul(base, base, file: file, line: line)
  }
  return result ?? base
}

/// NumPy's `linalg.slogdet(a)`: for each square matrix, the sign of its determinant (1, -1, or
/// 0 when singular) and the natural log of its absolute value (-inf when singular), as NumPy
/// computes them from the LU factors: the sign flips for each row swap and each negative pivot,
/// and the log is the sum of the pivots' logs.
public func slogdet(_ a: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> (sign: NDArray, logabsdet: NDArray)
{
  let site = CallSite.source(file, line)
  let n = try squareSize(a, op: "slogdet", site: site)
  let dtype = linalgType(a.dtype)
  let batch = Array(a.shape.dropLast(2))
  func constant(_ v: Double, _ shape: [Int] = []) throws(ArrayError) -> NDArray {
    try NDArray.apply(
      .full(Scalar.float(v).converted(to: dtype)), [], dtype: dtype, shape: shape, site: site)
  }
  guard n > 0 else { return (try constant(1, batch), try constant(0, batch)) }
  let matrices = try a.converted(to: dtype, site: site)
  let factors = try NDArray.apply(
    .matrix(.gaussSolve), [matrices], dtype: dtype, shape: a.shape, site: site
  ).view(.reshape, shape: batch + [n * n], site: site)
  /// Every (n + 1)-th element from `start`: the diagonal (0) or the subdiagonal (n).
  func strided(_ start: Int, _ count: Int) -> NDArray {
    let ranges =
      batch.map { SliceRange(start: 0, stop: $0, step: 1) }
      + [SliceRange(start: start, stop: start + Swift.max(count - 1, 0) * (n + 1) + 1, step: n + 1)]
    return factors.view(.slice(ranges), site: site)
  }
  func op(_ o: BinaryOp, _ x: NDArray, _ y: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.binary(o, x, y, site: site)
  }
  let last = batch.count
  let pivots = strided(0, n)
  let zero = try constant(0)
  let negatives = try op(.lt, pivots, zero).reduce(.sum, [last], keepdims: false, site: site)
  var flips = negatives
  if n > 1 {
    let steps = try NDArray.apply(
      .arange(start: .float(0), step: .float(1)), [], dtype: dtype, shape: [n - 1], site: site)
    let swaps = try op(.ne, strided(n, n - 1), steps).reduce(
      .sum, [last], keepdims: false, site: site)
    flips = try op(.add, flips, swaps)
  }
  let odd = try op(
    .eq, try op(.bitwiseAnd, flips, try NDArray.constant(.int(1), .int64, site: site)),
    try NDArray.constant(.int(1), .int64, site: site))
  let singular = try op(.eq, pivots, zero).reduce(.max, [last], keepdims: false, site: site)
  let signed = try select(odd, try constant(-1), try constant(1), file: file, line: line)
  let sign = try select(singular, zero, signed, file: file, line: line)
  let logs = try log(try abs(pivots, file: file, line: line), file: file, line: line)
  let total = try logs.reduce(.sum, [last], keepdims: false, site: site)
  let logabsdet = try select(singular, try constant(-.infinity), total, file: file, line: line)
  return (sign, logabsdet)
}

/// NumPy's `linalg.det(a)`: the determinant of each square matrix, `sign * exp(logabsdet)` of
/// `slogdet` as NumPy computes it (0 for a singular matrix).
public func det(_ a: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{
  let (sign, logabsdet) = try slogdet(a, file: file, line: line)
  return try NDArray.binary(
    .mul, sign, try exp(logabsdet, file: file, line: line), site: .source(file, line))
}

/// NumPy's `linalg.cholesky(a)`: the lower-triangular `L` with `a = L L^T` for each square,
/// positive-definite matrix of `a` (read from its lower triangle); a matrix that is not
/// positive definite is NumPy's error (at the call in reference mode, from the plan's check
/// otherwise).
public func cholesky(_ a: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let n = try squareSize(a, op: "cholesky", site: site)
  let dtype = linalgType(a.dtype)
  let matrices = try a.converted(to: dtype, site: site)
  guard n > 0 else { return matrices }
  return try NDArray.apply(.matrix(.cholesky), [matrices], dtype: dtype, shape: a.shape, site: site)
}
