// Floor division and remainders with NumPy's sign conventions: `floorDivide`, `%`, `divmod`, `fmod`.
//
// Built from ops the trace has (docs/numerics.md, "Floor division and remainder"):
// - Integers (no integer division op): the quotient is `floor(a / b)` in float64, cast back,
//   then corrected by one when `a - q*b` (exact, wrapping) has the wrong sign. Exact whenever
//   |a| < 2^53, so always for int32; `x // -1` is `-x` (wrapping, as NumPy) and division by zero
//   gives 0 for both results, as NumPy does (NumPy also warns).
// - Floats: NumPy's own algorithm (`npy_divmod`) on the exact `fmod` op (trace 1.6), so every
//   result, special values included, is NumPy's (`1.0 // 0.1` is 9 and `1.0 % 0.1` is
//   0.09999999999999995, as in NumPy).
// `fmod` (C's, NumPy's `np.fmod`) is here too: the remainder with the dividend's sign.

import DRCIR

extension NDArray {
  /// `(a // b, a % b)` with NumPy's semantics, broadcast, in `promote(a, b)` (a bool operand
  /// takes the other's dtype; two bools are refused: NumPy's result is int8).
  static func floorDivMod(_ a: NDArray, _ b: NDArray, site: CallSite?) throws(ArrayError) -> (
    NDArray, NDArray
  ) {
    let dtype = DType.promote(a.dtype, b.dtype)
    guard a.dtype != .bool || b.dtype != .bool else {
      throw ArrayError(
        op: "floor_divide",
        "does not take two bool operands (NumPy gives int8, which drc has no dtype for):"
          + " convert one with astype(.int32) or astype(.float64)",
        location: Session.shared.location(site, force: true))
    }
    let x = try a.converted(to: dtype, site: site)
    let y = try b.converted(to: dtype, site: site)
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

  /// NumPy's `npy_divmod`: the remainder from the exact `fmod`, moved to the divisor's sign;
  /// the quotient `(a - mod) / b`, stepped with it and snapped to the nearest integer; signed
  /// zeros after `b` (remainder) and `a / b` (quotient); a zero divisor gives `a / b` and NaN.
  private static func floatDivMod(_ a: NDArray, _ b: NDArray, _ dtype: DType, site: CallSite?)
    throws(ArrayError) -> (NDArray, NDArray)
  {
    let c = { (v: Double) throws(ArrayError) -> NDArray in
      try constant(.float(v), dtype, site: site)
    }
    let zero = try c(0)
    let one = try c(1)
    let exact = try binary(.fmod, a, b, site: site)
    let quotient = try binary(.div, a, b, site: site)
    var div = try binary(.div, try binary(.sub, a, exact, site: site), b, site: site)
    // A NaN remainder counts as nonzero, as in C.
    let nonzero = try binary(.ne, exact, zero, site: site)
    let wrongSign = try binary(
      .logicalAnd, nonzero,
      try binary(
        .ne, try binary(.lt, b, zero, site: site), try binary(.lt, exact, zero, site: site),
        site: site), site: site)
    var r = try choose(wrongSign, try binary(.add, exact, b, site: site), exact, site: site)
    div = try choose(wrongSign, try binary(.sub, div, one, site: site), div, site: site)
    r = try choose(nonzero, r, try binary(.copysign, zero, b, site: site), site: site)
    let down = try unary(.floor, div, site: site)
    let snapped = try choose(
      try binary(.gt, try binary(.sub, div, down, site: site), try c(0.5), site: site),
      try binary(.add, down, one, site: site), down, site: site)
    var q = try choose(
      try binary(.ne, div, zero, site: site), snapped,
      try binary(.copysign, zero, quotient, site: site), site: site)
    let byZero = try binary(.eq, b, zero, site: site)
    q = try choose(byZero, quotient, q, site: site)
    r = try choose(byZero, exact, r, site: site)
    return (q, r)
  }

  /// C's `fmod` with NumPy's types: the exact remainder of the truncated quotient, with the sign
  /// of `a`; floats use the `fmod` op, integers the floor remainder moved to `a`'s sign (0 for
  /// a zero divisor, as NumPy gives). A bool operand takes the other's dtype; two are refused, as
  /// by `floorDivide`.
  static func truncatedRemainder(_ a: NDArray, _ b: NDArray, site: CallSite?) throws(ArrayError)
    -> NDArray
  {
    let dtype = DType.promote(a.dtype, b.dtype)
    guard a.dtype != .bool || b.dtype != .bool else {
      throw ArrayError(
        op: "fmod",
        "does not take two bool operands (NumPy gives int8, which drc has no dtype for):"
          + " convert one with astype(.int32) or astype(.float64)",
        location: Session.shared.location(site, force: true))
    }
    guard dtype.isFloat else {
      let r = try floorDivMod(a, b, site: site).1
      let zero = try constant(.int(0), r.dtype, site: site)
      let y = try b.converted(to: r.dtype, site: site)
      let moved = try binary(
        .logicalAnd, try binary(.ne, r, zero, site: site),
        try binary(
          .ne, try binary(.lt, r, zero, site: site), try binary(.lt, a, zero, site: site),
          site: site), site: site)
      return try choose(moved, try binary(.sub, r, y, site: site), r, site: site)
    }
    let x = try a.converted(to: dtype, site: site)
    let y = try b.converted(to: dtype, site: site)
    return try binary(.fmod, x, y, site: site)
  }
}

/// C's `fmod`, as NumPy's `np.fmod`: the remainder with the sign of the dividend, exact for
/// floats; integers give the same (0 where `b` is 0); a bool operand takes the other's dtype,
/// two are refused.
public func fmod(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try NDArray.truncatedRemainder(a, b, site: .source(file, line))
}
/// `fmod` with a float scalar divisor (weak: a float32 array stays float32).
public func fmod(_ a: NDArray, _ b: Double, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  return try NDArray.truncatedRemainder(a, try a.weak(b, site: site), site: site)
}
/// `fmod` with an integer scalar divisor (weak).
public func fmod(_ a: NDArray, _ b: Int, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  return try NDArray.truncatedRemainder(a, try a.weak(b, site: site), site: site)
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
