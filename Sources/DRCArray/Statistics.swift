// NumPy's statistics and norms that are compositions of existing ops: `std`, `linalg.norm` (the
// 2-norm), `trace`, the NaN-ignoring reductions `nansum`, `nanmean`, `nanmax`, `nanmin`, and
// `logaddexp`, and `nanvar`, `nanstd`.
//
// Each is recorded as the ops NumPy's own implementation uses, so results agree with NumPy's to
// the accuracy of those ops (docs/numerics.md): `std` is sqrt(var); `norm` is sqrt(sum(x*x))
// (NumPy's default for vectors and matrices, without scaling); `logaddexp(a, b)` is NumPy's
// formula max(a, b) + log1p(exp(-|a - b|)), and a + ln 2 where a == b (equal infinities);
// `nanmax` and `nanmin` give NaN for an all-NaN slice, `nanmean` NaN for an empty count, as
// NumPy does (without its warning). Integer and bool arrays have no NaN: their nan-reductions
// are the plain ones.

import DRCIR

extension NDArray {
  /// Standard deviation with `ddof`, as NumPy's `std`: the square root of `variance`.
  public func std(
    axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false, file: String = #filePath,
    line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try sqrt(
      try variance(axis: axis, ddof: ddof, keepdims: keepdims, file: file, line: line),
      file: file, line: line)
  }
}

/// Standard deviation with `ddof`, as NumPy's `std`.
public func std(
  _ x: NDArray, axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.std(axis: axis, ddof: ddof, keepdims: keepdims, file: file, line: line)
}

/// The 2-norm over `axis` (nil: all elements, the Frobenius norm of a matrix), as NumPy's
/// `linalg.norm(x)` and `linalg.norm(x, axis=k)`; integer and bool arrays give float64.
public func norm(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let v = x.dtype.isFloat ? x : try x.astype(.float64, file: file, line: line)
  let squares = try NDArray.binary(.mul, v, v, site: .source(file, line))
  return try sqrt(
    try squares.sum(axis: axis, keepdims: keepdims, file: file, line: line), file: file,
    line: line)
}

/// The sum of the diagonal `offset` of a 2-D array, as NumPy's `trace` (0 for an empty one).
public func trace(_ a: NDArray, offset: Int = 0, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  guard a.ndim == 2 else {
    throw ArrayError(
      op: "trace", "needs a 2-D array, got shape \(a.shape)",
      location: Session.shared.location(.source(file, line), force: true))
  }
  let (m, n) = (a.shape[0], a.shape[1])
  let rows = Swift.min(Swift.max(-offset, 0), m)
  let columns = Swift.min(Swift.max(offset, 0), n)
  let part = a.view(
    .slice([
      SliceRange(start: rows, stop: m, step: 1), SliceRange(start: columns, stop: n, step: 1),
    ]), site: .source(file, line))
  return try diag(part, file: file, line: line).sum(file: file, line: line)
}

/// Sum over `axis` treating NaN as zero, as NumPy's `nansum`.
public func nansum(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  guard x.dtype.isFloat else {
    return try x.sum(axis: axis, keepdims: keepdims, file: file, line: line)
  }
  return try select(try isnan(x, file: file, line: line), 0.0, x, file: file, line: line)
    .sum(axis: axis, keepdims: keepdims, file: file, line: line)
}

/// Mean over `axis` of the non-NaN elements, as NumPy's `nanmean` (NaN where there are none).
public func nanmean(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  guard x.dtype.isFloat else {
    return try x.mean(axis: axis, keepdims: keepdims, file: file, line: line)
  }
  let total = try nansum(x, axis: axis, keepdims: keepdims, file: file, line: line)
  let present = try logicalNot(try isnan(x, file: file, line: line), file: file, line: line)
  let count = try present.sum(axis: axis, keepdims: keepdims, file: file, line: line)
  return try NDArray.binary(
    .div, total, try count.astype(x.dtype, file: file, line: line), site: .source(file, line))
}

/// Maximum over `axis` ignoring NaN, as NumPy's `nanmax` (NaN for an all-NaN slice).
public func nanmax(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try nanExtreme(x, max: true, axis: axis, keepdims: keepdims, file: file, line: line)
}

/// Minimum over `axis` ignoring NaN, as NumPy's `nanmin` (NaN for an all-NaN slice).
public func nanmin(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try nanExtreme(x, max: false, axis: axis, keepdims: keepdims, file: file, line: line)
}

/// `nanmax` or `nanmin`: NaN replaced by the identity (-inf or +inf), NaN where all were NaN.
private func nanExtreme(
  _ x: NDArray, max: Bool, axis: Int?, keepdims: Bool, file: String, line: Int
) throws(ArrayError) -> NDArray {
  guard x.dtype.isFloat else {
    return max
      ? try x.max(axis: axis, keepdims: keepdims, file: file, line: line)
      : try x.min(axis: axis, keepdims: keepdims, file: file, line: line)
  }
  let missing = try isnan(x, file: file, line: line)
  let filled = try select(missing, max ? -Double.infinity : .infinity, x, file: file, line: line)
  let extreme =
    max
    ? try filled.max(axis: axis, keepdims: keepdims, file: file, line: line)
    : try filled.min(axis: axis, keepdims: keepdims, file: file, line: line)
  let none = try missing.all(axis: axis, keepdims: keepdims, file: file, line: line)
  return try select(none, Double.nan, extreme, file: file, line: line)
}

/// log(exp(a) + exp(b)) without overflow, as NumPy's `logaddexp`: max(a, b) +
/// log1p(exp(-|a - b|)), and a + ln 2 where a == b; integers and bools give float64.
public func logaddexp(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let x = a.dtype.isFloat ? a : try a.astype(.float64, file: file, line: line)
  let y = b.dtype.isFloat ? b : try b.astype(.float64, file: file, line: line)
  let site = CallSite.source(file, line)
  let gap = try abs(try NDArray.binary(.sub, x, y, site: site), file: file, line: line)
  let tail = try log1p(try exp(try -gap, file: file, line: line), file: file, line: line)
  let general = try NDArray.binary(
    .add, try maximum(x, y, file: file, line: line), tail, site: site)
  let equal = try NDArray.binary(.eq, x, y, site: site)
  let doubled = try NDArray.binary(
    .add, x, try x.weak(0x1.62e42fefa39efp-1, site: site), site: site)
  return try select(equal, doubled, general, file: file, line: line)
}

/// Variance over `axis` of the non-NaN elements with `ddof`, as NumPy's `nanvar` (NaN where
/// fewer than ddof + 1 are present).
public func nanvar(
  _ x: NDArray, axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  guard x.dtype.isFloat else {
    return try x.variance(axis: axis, ddof: ddof, keepdims: keepdims, file: file, line: line)
  }
  let site = CallSite.source(file, line)
  let missing = try isnan(x, file: file, line: line)
  let zeroed = try select(missing, 0.0, x, file: file, line: line)
  let present = try logicalNot(missing, file: file, line: line)
  let count = try present.sum(axis: axis, keepdims: true, file: file, line: line).astype(
    x.dtype, file: file, line: line)
  let mean = try NDArray.binary(
    .div, try zeroed.sum(axis: axis, keepdims: true, file: file, line: line), count, site: site)
  let centred = try select(
    missing, 0.0, try NDArray.binary(.sub, x, mean, site: site), file: file, line: line)
  let squares = try NDArray.binary(.mul, centred, centred, site: site)
  let total = try squares.sum(axis: axis, keepdims: keepdims, file: file, line: line)
  // The count once: the kept-dims one reshaped to the result's shape (same elements, in order).
  let dof = try NDArray.binary(
    .sub, count.view(.reshape, shape: total.shape, site: site),
    try total.weak(Double(ddof), site: site), site: site)
  let variance = try NDArray.binary(.div, total, dof, site: site)
  let bad = try NDArray.binary(.le, dof, try dof.weak(0.0, site: site), site: site)
  return try select(bad, Double.nan, variance, file: file, line: line)
}

/// Standard deviation over `axis` of the non-NaN elements, as NumPy's `nanstd`.
public func nanstd(
  _ x: NDArray, axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try sqrt(
    try nanvar(x, axis: axis, ddof: ddof, keepdims: keepdims, file: file, line: line),
    file: file, line: line)
}
