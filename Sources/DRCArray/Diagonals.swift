// NumPy's `diag` and `diagflat` with a diagonal offset `k`.
//
// A diagonal of a 2-D array is a strided slice of the array flattened (a reshape and a slice,
// no copy until read): diagonal k starts at column k (k >= 0) or row -k, and steps by one more
// than the row length. `diag` of a 1-D array and `diagflat` build the square array of side
// n + |k| with the values on diagonal k: on the main diagonal an elementwise select of the
// values where the row index equals the column index, which fuses into the kernels that read
// it; off it, zeros with the values assigned at the same strided slice (a kernel of its own).

import DRCIR

/// NumPy's `diag(v, k)`: diagonal `k` of a 2-D `v` (above the main one for k > 0), or the square
/// array with the 1-D `v` on diagonal `k`.
public func diag(_ v: NDArray, k: Int = 0, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  switch v.ndim {
  case 1: return try diagflat(v, k: k, file: file, line: line)
  case 2:
    let (m, n) = (v.shape[0], v.shape[1])
    let count = Swift.max(
      0, k >= 0 ? Swift.min(m, n - Swift.min(k, n)) : Swift.min(m + Swift.max(k, -m), n))
    let flat = v.view(.reshape, shape: [m * n], site: site)
    return try NDArray(
      flat.view(.slice([diagonalRange(count, k: k, rowLength: n)]), site: site).value())
  default:
    throw ArrayError(
      op: "diag", "Input must be 1- or 2-d, got shape \(v.shape)",
      location: Session.shared.location(site, force: true))
  }
}

/// NumPy's `diagflat(v, k)`: the square array of side `v.count + |k|` with the flattened `v` on
/// diagonal `k` and zeros elsewhere.
public func diagflat(_ v: NDArray, k: Int = 0, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let n = v.count
  let (side, overflow) = n.addingReportingOverflow(
    k.magnitude > Int.max ? Int.max : Int(k.magnitude))
  guard !overflow, side.multipliedReportingOverflow(by: side).overflow == false else {
    throw ArrayError(
      op: "diagflat", "a diagonal of \(n) values at offset \(k) is too large",
      location: Session.shared.location(site, force: true))
  }
  let flatV = v.view(.reshape, shape: [n], site: site)
  if k == 0 {
    // The main diagonal as an elementwise select on the row and column indices: it fuses into
    // whatever reads it (`A + diagflat(d)` is one pass over A), where the strided update below
    // is a kernel of its own writing the whole square.
    let i = try NDArray.apply(.iota(axis: 0), [], dtype: .int64, shape: [n, n], site: site)
    let j = try NDArray.apply(.iota(axis: 1), [], dtype: .int64, shape: [n, n], site: site)
    let on = try NDArray.binary(.eq, i, j, site: site)
    let zero = try NDArray.apply(
      .full(Scalar.int(0).converted(to: v.dtype)), [], dtype: v.dtype, shape: [], site: site)
    return try NDArray.apply(
      .select, [on, flatV.view(.reshape, shape: [n, 1], site: site), zero], dtype: v.dtype,
      shape: [n, n], site: site)
  }
  let zero = try NDArray.apply(
    .full(Scalar.int(0).converted(to: v.dtype)), [], dtype: v.dtype, shape: [side * side],
    site: site)
  try zero.assign(flatV, at: [diagonalRange(n, k: k, rowLength: side)], dropped: [], site: site)
  return try NDArray(zero.view(.reshape, shape: [side, side], site: site).value())
}

/// The flat positions of `count` elements of diagonal `k` in rows of `rowLength`.
private func diagonalRange(_ count: Int, k: Int, rowLength n: Int) -> SliceRange {
  guard count > 0 else { return SliceRange(start: 0, stop: 0, step: 1) }
  let start = k >= 0 ? k : -k * n
  return SliceRange(start: start, stop: start + (count - 1) * (n + 1) + 1, step: n + 1)
}

/// NumPy's `fill_diagonal(a, value)` on a 2-D `a`, in place: the main diagonal's
/// `min(rows, columns)` elements set to `value` (NumPy's `wrap=False`).
public func fillDiagonal(_ a: NDArray, _ value: Double, file: String = #filePath, line: Int = #line)
  throws(ArrayError)
{
  let site = CallSite.source(file, line)
  try fillDiagonal(a, try a.weak(value, site: site), site: site)
}

/// `fillDiagonal` with the values of `values` (broadcast to the diagonal's length).
public func fillDiagonal(
  _ a: NDArray, _ values: NDArray, file: String = #filePath, line: Int = #line
) throws(ArrayError) {
  try fillDiagonal(a, values, site: .source(file, line))
}

private func fillDiagonal(_ a: NDArray, _ values: NDArray, site: CallSite) throws(ArrayError) {
  guard a.ndim == 2 else {
    throw ArrayError(
      op: "fill_diagonal", "needs a 2-D array here, got shape \(a.shape)",
      location: Session.shared.location(site, force: true))
  }
  let (m, n) = (a.shape[0], a.shape[1])
  let flat = a.view(.reshape, shape: [m * n], site: site)
  try flat.assign(
    values, at: [diagonalRange(Swift.min(m, n), k: 0, rowLength: n)], dropped: [], site: site)
}
