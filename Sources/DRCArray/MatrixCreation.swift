// Creation forms NumPy programs use around matrices and existing arrays: `eye`, `identity`,
// `tri`, `tril`, `triu`, `triuIndices`/`trilIndices`, and `zerosLike`/`onesLike`/`fullLike`/
// `emptyLike`.
//
// The triangular and identity forms are recorded as two `iota` nodes (row and column index),
// `j - i` compared with the diagonal offset `k`, and a `cast` or `where`, so they fuse into the
// kernels that use them instead of becoming inputs. `emptyLike` gives zeros: a trace has no
// uninitialised memory. The triangle indices compact the triangle's mask (`Compaction.swift`) with
// the count computed from the sizes, so nothing is read back.

import DRCIR

/// `j - i` for the last two axes of `shape`, as an int64 array of shape `[n, m]`.
private func diagonalOffsets(_ n: Int, _ m: Int, op: String, site: CallSite) throws(ArrayError)
  -> NDArray
{
  guard n >= 0, m >= 0 else {
    throw ArrayError(
      op: op, "dimensions must be non-negative, got \(n) x \(m)",
      location: Session.shared.location(site, force: true))
  }
  let i = try NDArray.apply(.iota(axis: 0), [], dtype: .int64, shape: [n, m], site: site)
  let j = try NDArray.apply(.iota(axis: 1), [], dtype: .int64, shape: [n, m], site: site)
  return try NDArray.binary(.sub, j, i, site: site)
}

/// An `n x m` array with ones on diagonal `k` (0: main, > 0: above), as NumPy's `eye`.
public func eye(
  _ n: Int, _ m: Int? = nil, k: Int = 0, dtype: DType = .float64, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let offsets = try diagonalOffsets(n, m ?? n, op: "eye", site: site)
  let on = try NDArray.binary(.eq, offsets, try offsets.weak(k, site: site), site: site)
  return try NDArray.apply(.cast, [on], dtype: dtype, shape: on.shape, site: site)
}

/// The `n x n` identity matrix, as NumPy's `identity`.
public func identity(
  _ n: Int, dtype: DType = .float64, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try eye(n, dtype: dtype, file: file, line: line)
}

/// An `n x m` array with ones at and below diagonal `k`, as NumPy's `tri`.
public func tri(
  _ n: Int, _ m: Int? = nil, k: Int = 0, dtype: DType = .float64, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let offsets = try diagonalOffsets(n, m ?? n, op: "tri", site: site)
  let below = try NDArray.binary(.le, offsets, try offsets.weak(k, site: site), site: site)
  return try NDArray.apply(.cast, [below], dtype: dtype, shape: below.shape, site: site)
}

/// `x` with elements above diagonal `k` of its last two axes zeroed, as NumPy's `tril`.
public func tril(_ x: NDArray, k: Int = 0, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try triangle(x, k: k, lower: true, op: "tril", site: .source(file, line))
}

/// `x` with elements below diagonal `k` of its last two axes zeroed, as NumPy's `triu`.
public func triu(_ x: NDArray, k: Int = 0, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try triangle(x, k: k, lower: false, op: "triu", site: .source(file, line))
}

private func triangle(_ x: NDArray, k: Int, lower: Bool, op: String, site: CallSite)
  throws(ArrayError) -> NDArray
{
  guard x.ndim >= 2 else {
    throw ArrayError(
      op: op, "needs an array of at least 2 dimensions, got shape \(x.shape)",
      location: Session.shared.location(site, force: true))
  }
  let offsets = try diagonalOffsets(x.shape[x.ndim - 2], x.shape[x.ndim - 1], op: op, site: site)
  let keep = try NDArray.binary(
    lower ? .le : .ge, offsets, try offsets.weak(k, site: site), site: site)
  let zero = try NDArray.constant(.int(0), x.dtype, site: site)
  return try NDArray.choose(keep, x, zero, site: site)
}

/// An array of `x`'s shape (and dtype, unless given) filled with `value`, as `full_like`.
public func fullLike(
  _ x: NDArray, _ value: Double, dtype: DType? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try full(x.shape, value, dtype: dtype ?? x.dtype, file: file, line: line)
}

/// Zeros of `x`'s shape and dtype, as NumPy's `zeros_like`.
public func zerosLike(
  _ x: NDArray, dtype: DType? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try full(x.shape, 0, dtype: dtype ?? x.dtype, file: file, line: line)
}

/// Ones of `x`'s shape and dtype, as NumPy's `ones_like`.
public func onesLike(
  _ x: NDArray, dtype: DType? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try full(x.shape, 1, dtype: dtype ?? x.dtype, file: file, line: line)
}

/// An array of `x`'s shape and dtype, as NumPy's `empty_like`; its elements are zeros.
public func emptyLike(
  _ x: NDArray, dtype: DType? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try full(x.shape, 0, dtype: dtype ?? x.dtype, file: file, line: line)
}

/// The row and column indices of the upper triangle (from diagonal `k`) of an `n x m` array, in
/// row-major order, as NumPy's `triu_indices(n, k, m)` (int64).
public func triuIndices(
  _ n: Int, k: Int = 0, m: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> (rows: NDArray, columns: NDArray) {
  try triangleIndices(n, m ?? n, k: k, lower: false, site: .source(file, line))
}

/// The row and column indices of the lower triangle (up to diagonal `k`) of an `n x m` array,
/// in row-major order, as NumPy's `tril_indices(n, k, m)` (int64).
public func trilIndices(
  _ n: Int, k: Int = 0, m: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> (rows: NDArray, columns: NDArray) {
  try triangleIndices(n, m ?? n, k: k, lower: true, site: .source(file, line))
}

/// The positions where j - i >= k (upper) or <= k (lower): a compaction whose length is
/// counted here, row by row, so nothing is read back from the device.
private func triangleIndices(_ n: Int, _ m: Int, k: Int, lower: Bool, site: CallSite)
  throws(ArrayError) -> (rows: NDArray, columns: NDArray)
{
  let offsets = try diagonalOffsets(n, m, op: lower ? "tril_indices" : "triu_indices", site: site)
  let bound = try offsets.weak(k, site: site)
  let mask = try NDArray.binary(lower ? .le : .ge, offsets, bound, site: site)
  // Row i holds the columns j < m with j <= i + k (lower) or j >= i + k (upper); k is clamped
  // first, to where it stops mattering, so i + k cannot overflow.
  let shift = Swift.min(Swift.max(k, -n - 1), m + 1)
  var total = 0
  for i in 0..<n {
    let edge = i + shift
    total += lower ? Swift.min(m, Swift.max(0, edge + 1)) : m - Swift.min(m, Swift.max(0, edge))
  }
  let positions = try mask.truePositions(known: total, site: site)
  func axis(_ a: Int) throws(ArrayError) -> NDArray {
    let iota = try NDArray.apply(.iota(axis: a), [], dtype: .int64, shape: [n, m], site: site)
    return try iota.view(.reshape, shape: [n * m], site: site).gather(
      positions, axis: 0, site: site)
  }
  return (try axis(0), try axis(1))
}
