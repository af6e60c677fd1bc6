// Floor division and remainder with NumPy's sign conventions: `floorDivide`, `%` and `divmod`.
//
// There is no integer division or `fmod` op in trace v1, so both are built from `div`, `floor`,
// `mul`, `sub` and selects (docs/numerics.md, "Floor division and remainder"):
// - Integers: the quotient is `floor(a / b)` in float64, cast back, then corrected by one when
//   `a - q*b` (exact, wrapping) has the wrong sign. Exact whenever |a| < 2^53, so always for
//   int32; `x // -1` is `-x` (wrapping, as NumPy) and division by zero gives 0 for both results,
//   as NumPy does (NumPy also warns).
// - Floats: `q = floor(a / b)`, `r = a - q*b`, corrected by one when `r` has the sign opposite to
//   `b`; the remainder has the sign of `b` (zero as `+0` or `-0` after `b`). Where `a / b` rounds
//   up to an integer the results differ from NumPy's fmod-based ones (`1.0 // 0.1` is 10 here, 9
//   in NumPy). Infinite and zero divisors and infinite dividends follow NumPy.

import DRCIR

extension NDArray {
  /// `(a // b, a % b)` with NumPy's semantics, broadcast, in `promote(a, b)`.
  static func floorDivMod(_ a: NDArray, _ b: NDArray, site: CallSite?) throws(ArrayError) -> (
    NDArray, NDArray
  ) {
    let dtype = DType.promote(a.dtype, b.dtype)
    guard a.dtype != .bool, b.dtype != .bool else {
      throw ArrayError(
        op: "floor_divide", "does not take bool operands (got \(a.dtype) and \(b.dtype))",
        location: Session.shared.location(site, force: true))
    }
    let x = a.dtype == dtype ? a : try apply(.cast, [a], dtype: dtype, shape: a.shape, site: site)
    let y = b.dtype == dtype ? b : try apply(.cast, [b], dtype: dtype, shape: b.shape, site: site)
    return dtype.isFloat
      ? try floatDivMod(x, y, dtype, site: site) : try intDivMod(x, y, dtype, site: site)
  }

  private static func intDivMod(_ a: NDArray, _ b: NDArray, _ dtype: DType, site: CallSite?)
    throws(ArrayError) -> (NDArray, NDArray)
  {
    let c = { (v: Int64) throws(ArrayError) -> NDArray in
      try constant(.int(v), dtype, site: site)
    }
    let zero = try c(0)
    let byZero = try binary(.eq, b, zero, site: site)
    let byMinusOne = try binary(.eq, b, try c(-1), site: site)
    let d = try choose(byZero, try c(1), b, site: site)
    let estimate = try unary(.floor, try binary(.div, a, d, site: site), site: site)
    var q = try apply(.cast, [estimate], dtype: dtype, shape: estimate.shape, site: site)
    var r = try binary(.sub, a, try binary(.mul, q, d, site: site), site: site)
    // floor(a / d) can only be too large (by one at most when |a| < 2^53): step back once.
    let wrongSign = try binary(
      .logicalAnd, try binary(.ne, r, zero, site: site),
      try binary(
        .ne, try binary(.lt, r, zero, site: site), try binary(.lt, d, zero, site: site),
        site: site), site: site)
    q = try choose(wrongSign, try binary(.sub, q, try c(1), site: site), q, site: site)
    r = try choose(wrongSign, try binary(.add, r, d, site: site), r, site: site)
    q = try choose(byMinusOne, try unary(.neg, a, site: site), q, site: site)
    r = try choose(try binary(.logicalOr, byZero, byMinusOne, site: site), zero, r, site: site)
    q = try choose(byZero, zero, q, site: site)
    return (q, r)
  }

  private static func floatDivMod(_ a: NDArray, _ b: NDArray, _ dtype: DType, site: CallSite?)
    throws(ArrayError) -> (NDArray, NDArray)
  {
    let c = { (v: Double) throws(ArrayError) -> NDArray in
      try constant(.float(v), dtype, site: site)
    }
    let zero = try c(0)
    let bNegative = try binary(.lt, b, zero, site: site)
    let signedZero = try choose(bNegative, try c(-0.0), zero, site: site)
    let quotient = try binary(.div, a, b, site: site)
    var q = try unary(.floor, quotient, site: site)
    var r = try binary(.sub, a, try binary(.mul, q, b, site: site), site: site)
    let wrongSign = try binary(
      .logicalAnd, try binary(.ne, r, zero, site: site),
      try binary(.ne, try binary(.lt, r, zero, site: site), bNegative, site: site), site: site)
    q = try choose(wrongSign, try binary(.sub, q, try c(1), site: site), q, site: site)
    r = try choose(wrongSign, try binary(.add, r, b, site: site), r, site: site)
    r = try choose(try binary(.eq, r, zero, site: site), signedZero, r, site: site)
    // b = +-inf, a finite: NumPy gives q = -1, r = b when the signs differ, else q = a/b, r = a.
    let inf = try c(.infinity)
    let bInfinite = try binary(.eq, try unary(.abs, b, site: site), inf, site: site)
    let differ = try binary(.lt, try binary(.mul, a, b, site: site), zero, site: site)
    let aZero = try binary(.eq, a, zero, site: site)
    let qInf = try choose(differ, try c(-1), quotient, site: site)
    let rInf = try choose(differ, b, try choose(aZero, signedZero, a, site: site), site: site)
    q = try choose(bInfinite, qInf, q, site: site)
    r = try choose(bInfinite, rInf, r, site: site)
    // An infinite dividend gives NaN for both; a zero divisor gives a / b and NaN.
    let aInfinite = try binary(.eq, try unary(.abs, a, site: site), inf, site: site)
    let nan = try c(.nan)
    q = try choose(aInfinite, nan, q, site: site)
    q = try choose(try binary(.eq, b, zero, site: site), quotient, q, site: site)
    r = try choose(
      try binary(.logicalOr, aInfinite, try binary(.eq, b, zero, site: site), site: site), nan, r,
      site: site)
    return (q, r)
  }
}

/// `a // b`: the floor of the quotient, as NumPy's `floor_divide` (Swift has no `//` operator).
public func floorDivide(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try NDArray.floorDivMod(a, b, site: .source(file, line)).0
}
/// `a // b` with an integer scalar divisor (weak: an int32 array stays int32).
public func floorDivide(_ a: NDArray, _ b: Int, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  return try NDArray.floorDivMod(a, try a.weak(b, site: site), site: site).0
}
/// `a // b` with a float scalar divisor (weak: a float32 array stays float32).
public func floorDivide(_ a: NDArray, _ b: Double, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  return try NDArray.floorDivMod(a, try a.weak(b, site: site), site: site).0
}
/// `a % b` with the sign of `b`, as NumPy's `remainder` (also spelled `mod`).
public func remainder(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try NDArray.floorDivMod(a, b, site: .source(file, line)).1
}
/// `(a // b, a % b)`, as NumPy's `divmod`.
public func divmod(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> (NDArray, NDArray)
{
  try NDArray.floorDivMod(a, b, site: .source(file, line))
}
/// `divmod` with an integer scalar divisor.
public func divmod(_ a: NDArray, _ b: Int, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> (NDArray, NDArray)
{
  let site = CallSite.source(file, line)
  return try NDArray.floorDivMod(a, try a.weak(b, site: site), site: site)
}
/// `divmod` with a float scalar divisor.
public func divmod(_ a: NDArray, _ b: Double, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> (NDArray, NDArray)
{
  let site = CallSite.source(file, line)
  return try NDArray.floorDivMod(a, try a.weak(b, site: site), site: site)
}

// `%` and `%=`, NumPy's remainder (sign of the divisor), for arrays and weak scalars.
extension NDArray {
  public static func % (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try floorDivMod(a, b, site: operatorSite).1
  }
  public static func % (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try floorDivMod(a, try a.weak(b, site: nil), site: operatorSite).1
  }
  public static func % (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try floorDivMod(a, try a.weak(b, site: nil), site: operatorSite).1
  }
  public static func % (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try floorDivMod(try b.weak(a, site: nil), b, site: operatorSite).1
  }
  public static func % (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try floorDivMod(try b.weak(a, site: nil), b, site: operatorSite).1
  }
  public static func %= (a: inout NDArray, b: NDArray) throws(ArrayError) {
    let (lhs, compacted) = try a.compoundOperand(b, site: operatorSite)
    try a.assignResult(try lhs % b, op: "remainder", site: operatorSite, compacted: compacted)
  }
  public static func %= (a: inout NDArray, b: Int) throws(ArrayError) {
    try a.assignResult(try (a.masked?.values ?? a) % b, op: "remainder", site: operatorSite)
  }
  public static func %= (a: inout NDArray, b: Double) throws(ArrayError) {
    try a.assignResult(try (a.masked?.values ?? a) % b, op: "remainder", site: operatorSite)
  }
}
