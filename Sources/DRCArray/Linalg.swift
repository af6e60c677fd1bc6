// NumPy's `linalg.solve`, `linalg.inv` and `linalg.matrix_power`, by the IR's `gauss_solve` and
// `matmul`.
//
// `solve(a, b)` joins each matrix `a` and its right-hand sides `b` into `[A | B]` (batch axes
// broadcast, one dtype: float32 stays float32, integers become float64, as NumPy's), eliminates
// it with partial pivoting (`gauss_solve`: one kernel, each system in one work-item, the same
// bits on every executor) and returns the columns of `X`. `inv(a)` solves against the identity.
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
  let solved = try NDArray.apply(.gaussSolve, [joined], dtype: dtype, shape: shape, site: site)
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
