// NumPy's rounding, logarithm, inverse-trigonometric and hyperbolic ufuncs (issue 12), the
// inverse hyperbolic functions, `cbrt` and `exp2` (trace format 1.5), and `sinc`.
//
// Each records one elementwise op that trace format v1 gained additively (docs/ops.md): `rint`,
// `expm1`, `log1p`, `log2`, `log10`, `asin`, `acos`, `atan`, `sinh`, `cosh` and the binary
// `copysign`. Like `tanh`, float operands keep their dtype and bool or integer operands give
// float64. `round` is NumPy's `np.round`: round half to even, the identity (same dtype) on bool
// and integer arrays; other `decimals` scale, round and unscale exactly as NumPy does.

import DRCIR

/// Round to the nearest integer, halves to even (NumPy's `rint`).
public func rint(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.rint, x, site: .source(file, line)) }

/// NumPy's `round` (`around`): round half to even; integer and bool arrays are returned as they
/// are for `decimals >= 0`. Other `decimals` use NumPy's own scaled rounding, so results match
/// NumPy's (`round(2.675, decimals: 2)` is 2.68, where a correctly rounded one gives 2.67).
public func round(
  _ x: NDArray, decimals: Int = 0, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  if decimals == 0 {
    if !x.dtype.isFloat { return x }
    return try NDArray.unary(.rint, x, site: site)
  }
  // NumPy's algorithm: rint(x * 10^d) / 10^d, or rint(x / 10^-d) * 10^-d for d < 0, with 10^d
  // as NumPy computes it (exact up to 10^22); integers are unchanged for d > 0.
  if decimals > 0 && !x.dtype.isFloat { return x }
  guard decimals.magnitude <= 308 else {
    throw ArrayError(
      op: "round", "decimals \(decimals) is beyond float64's range",
      location: Session.shared.location(site, force: true))
  }
  var factor = 1.0
  for _ in 0..<Int(decimals.magnitude) { factor *= 10 }
  let v = x.dtype.isFloat ? x : try x.astype(.float64, file: file, line: line)
  let f = try v.weak(factor, site: site)
  let scaled = try NDArray.binary(decimals > 0 ? .mul : .div, v, f, site: site)
  let rounded = try NDArray.binary(
    decimals > 0 ? .div : .mul, try NDArray.unary(.rint, scaled, site: site), f, site: site)
  return x.dtype.isFloat ? rounded : try rounded.astype(x.dtype, file: file, line: line)
}

/// `exp(x) - 1`, accurate near 0.
public func expm1(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.expm1, x, site: .source(file, line)) }
/// `log(1 + x)`, accurate near 0.
public func log1p(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.log1p, x, site: .source(file, line)) }
/// Base-2 logarithm.
public func log2(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.log2, x, site: .source(file, line)) }
/// Base-10 logarithm.
public func log10(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.log10, x, site: .source(file, line)) }
/// Inverse sine (NumPy's `arcsin`), NaN outside [-1, 1].
public func arcsin(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.asin, x, site: .source(file, line)) }
/// Inverse cosine (NumPy's `arccos`), NaN outside [-1, 1].
public func arccos(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.acos, x, site: .source(file, line)) }
/// Inverse tangent (NumPy's `arctan`).
public func arctan(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.atan, x, site: .source(file, line)) }
/// Hyperbolic sine.
public func sinh(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.sinh, x, site: .source(file, line)) }
/// Hyperbolic cosine.
public func cosh(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.cosh, x, site: .source(file, line)) }

/// The magnitude of `x` with the sign bit of `y`, elementwise (integers give float64).
public func copysign(_ x: NDArray, _ y: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.copysign, x, y, site: .source(file, line)) }
/// `copysign` with a scalar sign source.
public func copysign(_ x: NDArray, _ y: Double, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try NDArray.binary(
    .copysign, x, x.weak(y, site: .source(file, line)), site: .source(file, line))
}

/// NumPy's normalised `sinc(x)`: sin(pi x) / (pi x), 1 at 0. As NumPy computes it: y = pi * x,
/// zeros replaced by the dtype's machine epsilon (float64 for integer arrays), sin(y) / y.
public func sinc(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{
  let site = CallSite.source(file, line)
  let y = try NDArray.binary(.mul, try x.weak(Double.pi, site: site), x, site: site)
  let eps = y.dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
  let zero = try NDArray.binary(.eq, y, try y.weak(0.0, site: site), site: site)
  let safe = try select(zero, eps, y, file: file, line: line)
  return try NDArray.binary(.div, try sin(safe, file: file, line: line), safe, site: site)
}

/// Inverse hyperbolic sine (NumPy's `arcsinh`).
public func arcsinh(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.asinh, x, site: .source(file, line)) }

/// Inverse hyperbolic cosine (NumPy's `arccosh`; NaN below 1).
public func arccosh(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.acosh, x, site: .source(file, line)) }

/// Inverse hyperbolic tangent (NumPy's `arctanh`; infinite at ±1, NaN beyond).
public func arctanh(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.atanh, x, site: .source(file, line)) }

/// Cube root, negative for negative x (NumPy's `cbrt`).
public func cbrt(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.cbrt, x, site: .source(file, line)) }

/// 2 to the power x (NumPy's `exp2`).
public func exp2(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.exp2, x, site: .source(file, line)) }
