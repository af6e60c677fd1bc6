// NumPy's NaN-ignoring scans and index reductions: `nancumsum`, `nancumprod`, `nanargmax` and
// `nanargmin`.
//
// As NumPy's own implementations: NaN is replaced by the scan's identity (0 for sums, 1 for
// products) before the scan, and by -inf (`nanargmax`) or +inf (`nanargmin`) before the index
// reduction. A slice that is all NaN has no answer: NumPy raises "All-NaN slice encountered",
// and so do these, after reading on the host whether any slice is all NaN (one bool; in device
// mode it runs the pending work). Integer and bool arrays have no NaN: they are the plain forms.

import DRCIR

/// The running sum along `axis` (nil: of the flattened array) with NaN counted as zero, as
/// NumPy's `nancumsum`.
public func nancumsum(_ x: NDArray, axis: Int? = nil, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try nanReplaced(x, 0, file: file, line: line).cumsum(axis: axis, file: file, line: line)
}

/// The running product along `axis` (nil: of the flattened array) with NaN counted as one, as
/// NumPy's `nancumprod`.
public func nancumprod(
  _ x: NDArray, axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try nanReplaced(x, 1, file: file, line: line).cumprod(axis: axis, file: file, line: line)
}

/// The position of the first largest non-NaN element along `axis` (nil: of the flattened
/// array), as NumPy's `nanargmax`; an all-NaN slice throws.
public func nanargmax(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try checkedNaNSlices(x, axis: axis, op: "nanargmax", file: file, line: line)
  return try nanReplaced(x, -.infinity, file: file, line: line)
    .argmax(axis: axis, keepdims: keepdims, file: file, line: line)
}

/// The position of the first smallest non-NaN element along `axis` (nil: of the flattened
/// array), as NumPy's `nanargmin`; an all-NaN slice throws.
public func nanargmin(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try checkedNaNSlices(x, axis: axis, op: "nanargmin", file: file, line: line)
  return try nanReplaced(x, .infinity, file: file, line: line)
    .argmin(axis: axis, keepdims: keepdims, file: file, line: line)
}

/// `x` with NaN replaced by `value` (float arrays; others are returned as they are).
private func nanReplaced(_ x: NDArray, _ value: Double, file: String, line: Int)
  throws(ArrayError) -> NDArray
{
  guard x.dtype.isFloat else { return x }
  return try select(try isnan(x, file: file, line: line), value, x, file: file, line: line)
}

/// Throws NumPy's "All-NaN slice encountered" when some slice along `axis` is all NaN (read
/// on the host); float arrays only, and only when there is a slice to look at.
private func checkedNaNSlices(_ x: NDArray, axis: Int?, op: String, file: String, line: Int)
  throws(ArrayError)
{
  guard x.dtype.isFloat, x.count > 0 else { return }
  let missing = try isnan(x, file: file, line: line)
  let empty = try all(missing, axis: axis, file: file, line: line)
  guard try anyTrue(empty, file: file, line: line).item(file: file, line: line) != 0 else {
    return
  }
  throw ArrayError(
    op: op, "All-NaN slice encountered",
    location: Session.shared.location(.source(file, line), force: true))
}
