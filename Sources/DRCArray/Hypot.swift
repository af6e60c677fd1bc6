// `hypot`, the length of (x, y), computed by scaling so that no intermediate overflows.
//
// `sqrt(x*x + y*y)` overflows for |x| above about 1.3e154 (float64) or 1.8e19 (float32) and
// underflows for tiny inputs. Here `m = max(|x|, |y|)`, `n = min(|x|, |y|)` and the result is
// `m * sqrt(1 + (n/m)^2)`: `n/m` is at most 1, so nothing overflows unless the result itself does.
// IEEE special cases follow C's `hypot`: an infinite operand gives +inf even when the other is
// NaN; otherwise NaN propagates; `hypot(0, 0) == 0`. The scaled form is not correctly rounded:
// the error is within 2 ulp (checked against C's `hypot` in UfuncFormsTests), where C's is below 1.

import DRCIR

/// `sqrt(x^2 + y^2)` without intermediate overflow or underflow, as NumPy's `hypot`.
public func hypot(_ x: NDArray, _ y: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let dtype = DType.promote(x.dtype, y.dtype).floatResult
  let ax = try NDArray.unary(.abs, try x.astype(dtype, file: file, line: line), site: site)
  let ay = try NDArray.unary(.abs, try y.astype(dtype, file: file, line: line), site: site)
  let m = try NDArray.binary(.maximum, ax, ay, site: site)
  let n = try NDArray.binary(.minimum, ax, ay, site: site)
  let zero = try NDArray.constant(.int(0), dtype, site: site)
  let one = try NDArray.constant(.int(1), dtype, site: site)
  let inf = try NDArray.constant(.float(.infinity), dtype, site: site)
  // m == 0 would make n/m NaN; divide by 1 there (the result is m == 0 anyway).
  let safe = try NDArray.choose(try NDArray.binary(.eq, m, zero, site: site), one, m, site: site)
  let r = try NDArray.binary(.div, n, safe, site: site)
  let root = try NDArray.unary(
    .sqrt, try NDArray.binary(.add, one, try NDArray.binary(.mul, r, r, site: site), site: site),
    site: site)
  let scaled = try NDArray.binary(.mul, m, root, site: site)
  // An infinite operand wins over NaN (C99 F.9.4.3); m is then inf or NaN, so set it explicitly.
  let anyInf = try NDArray.binary(
    .logicalOr, try NDArray.binary(.eq, ax, inf, site: site),
    try NDArray.binary(.eq, ay, inf, site: site), site: site)
  return try NDArray.choose(anyInf, inf, scaled, site: site)
}

/// `hypot` with a scalar second operand (weak-typed against `x`).
public func hypot(_ x: NDArray, _ y: Double, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try hypot(x, try x.weak(y, site: .source(file, line)), file: file, line: line)
}
