// NumPy's NaN-aware and sign helpers, rotations and `geomspace`, as compositions of existing ops:
// `fmax`, `fmin`, `nan_to_num`, `heaviside`, `signbit`, `rot90`, `fliplr`, `flipud`, `geomspace`.
//
// `fmax`/`fmin` return the other operand where one is NaN (NaN only where both are);
// `nanToNum` replaces NaN and the infinities by given values (by default 0 and the dtype's
// largest finite magnitudes, as NumPy); `heaviside(x, h0)` is 0 below 0, h0 at 0 and 1 above
// (NaN stays NaN); `signbit` is copysign(1, x) < 0, so -0 and NaNs with the sign bit count.
// `rot90`, `fliplr` and `flipud` are views (flips and transposes), as NumPy's are.
// `geomspace` is logspace between log10 of the ends with the ends set exactly, for ends of one
// sign (NumPy's algorithm; zero ends throw as NumPy raises).

import DRCIR
import Foundation

/// The elementwise maximum ignoring NaN, as NumPy's `fmax`.
public func fmax(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try nanIgnoring(a, b, max: true, file: file, line: line)
}

/// The elementwise minimum ignoring NaN, as NumPy's `fmin`.
public func fmin(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try nanIgnoring(a, b, max: false, file: file, line: line)
}

/// `maximum`/`minimum` with a NaN operand giving the other one.
private func nanIgnoring(_ a: NDArray, _ b: NDArray, max: Bool, file: String, line: Int)
  throws(ArrayError) -> NDArray
{
  let both =
    max ? try maximum(a, b, file: file, line: line) : try minimum(a, b, file: file, line: line)
  guard a.dtype.isFloat || b.dtype.isFloat else { return both }
  let x = a.dtype == both.dtype ? a : try a.astype(both.dtype, file: file, line: line)
  let y = b.dtype == both.dtype ? b : try b.astype(both.dtype, file: file, line: line)
  let withA = try select(try isnan(b, file: file, line: line), x, both, file: file, line: line)
  return try select(try isnan(a, file: file, line: line), y, withA, file: file, line: line)
}

/// NaN and infinities replaced, as NumPy's `nan_to_num`: NaN by `nan`, +inf by `posinf`
/// (default the dtype's largest finite value), -inf by `neginf` (default its negative).
public func nanToNum(
  _ x: NDArray, nan: Double = 0, posinf: Double? = nil, neginf: Double? = nil,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  guard x.dtype.isFloat else { return x }
  let largest =
    x.dtype == .float32 ? Double(Float.greatestFiniteMagnitude) : .greatestFiniteMagnitude
  let site = CallSite.source(file, line)
  let up = try select(
    try NDArray.binary(.eq, x, try x.weak(Double.infinity, site: site), site: site),
    posinf ?? largest, x, file: file, line: line)
  let down = try select(
    try NDArray.binary(.eq, x, try x.weak(-Double.infinity, site: site), site: site),
    neginf ?? -largest, up, file: file, line: line)
  return try select(try isnan(x, file: file, line: line), nan, down, file: file, line: line)
}

/// 0 where x < 0, `h0` where x == 0, 1 where x > 0 (NaN where x is NaN), as NumPy's `heaviside`.
public func heaviside(_ x: NDArray, _ h0: Double, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let v = x.dtype.isFloat ? x : try x.astype(.float64, file: file, line: line)
  let site = CallSite.source(file, line)
  let zero = try v.weak(0.0, site: site)
  let step = try select(
    try NDArray.binary(.gt, v, zero, site: site), 1.0,
    try select(try NDArray.binary(.eq, v, zero, site: site), h0, zero, file: file, line: line),
    file: file, line: line)
  return try select(try isnan(v, file: file, line: line), v, step, file: file, line: line)
}

/// Whether the sign bit is set (-0 and negative values, NaNs with the bit), as NumPy's
/// `signbit`.
public func signbit(_ x: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let v = x.dtype.isFloat ? x : try x.astype(.float64, file: file, line: line)
  let site = CallSite.source(file, line)
  let signed = try copysign(try v.weak(1.0, site: site), v, file: file, line: line)
  return try NDArray.binary(.lt, signed, try v.weak(0.0, site: site), site: site)
}

extension NDArray {
  /// The array rotated by 90 degrees `k` times in the plane of its first two axes (from the
  /// first towards the second), as NumPy's `rot90`: a view.
  public func rot90(_ k: Int = 1, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    guard ndim >= 2 else {
      throw ArrayError(
        op: "rot90", "needs at least 2 dimensions, got shape \(shape)",
        location: Session.shared.location(.source(file, line), force: true))
    }
    var perm = Array(0..<ndim)
    perm.swapAt(0, 1)
    switch ((k % 4) + 4) % 4 {
    case 1: return try flip(axis: 1, file: file, line: line).transpose(perm, file: file, line: line)
    case 2: return try flip(axis: 0, file: file, line: line).flip(axis: 1, file: file, line: line)
    case 3: return try transpose(perm, file: file, line: line).flip(axis: 1, file: file, line: line)
    default: return self
    }
  }

  /// Columns reversed (axis 1), as NumPy's `fliplr`.
  public func fliplr(file: String = #filePath, line: Int = #line) throws(ArrayError) -> NDArray {
    try flip(axis: 1, file: file, line: line)
  }

  /// Rows reversed (axis 0), as NumPy's `flipud`.
  public func flipud(file: String = #filePath, line: Int = #line) throws(ArrayError) -> NDArray {
    try flip(axis: 0, file: file, line: line)
  }
}

/// `num` values in geometric progression from `start` to `stop`, as NumPy's `geomspace` (ends of
/// one sign; the ends exact).
public func geomspace(
  _ start: Double, _ stop: Double, _ num: Int = 50, endpoint: Bool = true,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard start != 0, stop != 0, (start < 0) == (stop < 0), start.isFinite, stop.isFinite else {
    throw ArrayError(
      op: "geomspace", "needs finite, non-zero ends of one sign, got \(start) and \(stop)",
      location: Session.shared.location(site, force: true))
  }
  let sign = start < 0 ? -1.0 : 1.0
  let logStart = Foundation.log10(sign * start)
  let logStop = Foundation.log10(sign * stop)
  var y = try logspace(logStart, logStop, num, endpoint: endpoint, file: file, line: line)
  if num > 0 {
    try y.assign(
      try full([], sign * start, file: file, line: line),
      at: [SliceRange(start: 0, stop: 1, step: 1)], dropped: [], site: site)
    if endpoint && num > 1 {
      try y.assign(
        try full([], sign * stop, file: file, line: line),
        at: [SliceRange(start: num - 1, stop: num, step: 1)], dropped: [], site: site)
    }
  }
  if sign < 0 { y = try NDArray.binary(.mul, y, try y.weak(-1.0, site: site), site: site) }
  return y
}
