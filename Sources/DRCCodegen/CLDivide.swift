// Division by a constant as a multiplication by its reciprocal, corrected to the exact quotient.
//
// A vector division costs an order of magnitude more than a multiply-add on CPU devices (a
// float64 `x / 2.42` was a large part of the log-likelihood benchmark's kernel). For a constant
// divisor c the compiler knows y = RN(1/c), and the quotient is computed as
//
//     q = RN(x y),  r = fma(-q, c, x) (exact),  q' = RN(q + r y) = fma(r, y, q)
//
// which is the correctly rounded x / c, the value a division gives, for every x whose quotient
// and residual stay clear of underflow and overflow (Markstein's theorem: y is the correctly
// rounded reciprocal and q is faithful; Muller et al., Handbook of Floating-Point Arithmetic,
// 2nd ed., section 4.7). The rewrite is used only where that holds:
// - the divisor is finite, and 2^-60 <= |c| <= 2^60 (float64) or 2^-16 <= |c| <= 2^16
//   (float32), so y is normal and the quotient of any x in the range below is normal;
// - a lane with 2^-900 <= |x| <= 2^900 (float64) or 2^-96 <= |x| <= 2^96 (float32) takes q';
//   a lane holding 0, an infinity or a NaN takes q = x y, which is then exact (a signed zero,
//   a signed infinity, a NaN); a vector with any other lane (tiny or huge) divides;
// - the code is vector code (scalar code, such as a vector loop's remainder, divides), and
//   the device has fast fma (`FP_FAST_FMA[F]` or the runtime's `DRC_FAST_FMA[F]`); elsewhere
//   the helper divides.
// `DivideByConstantTests` compares every lane with the host's division bit for bit, over dense,
// boundary and special values, and shows that a one-ulp error is caught.

import DRCIR

extension CLHelper {
  /// The divisor range (powers of two) in which `divideByConstant` applies, per dtype.
  static func divisorExponents(_ dtype: DType) -> ClosedRange<Int> {
    dtype == .float64 ? -60...60 : -16...16
  }

  /// The dividend range (powers of two) whose lanes take the corrected quotient.
  static func dividendExponents(_ dtype: DType) -> ClosedRange<Int> {
    dtype == .float64 ? -900...900 : -96...96
  }

  /// The reciprocal to pass with divisor `c` (a value of `dtype`), or nil where the rewrite
  /// does not apply: a zero, infinite, NaN or out-of-range divisor, or an integer dtype.
  static func reciprocal(of c: Double, dtype: DType) -> Double? {
    guard dtype == .float32 || dtype == .float64, c.isFinite, c != 0 else { return nil }
    let range = divisorExponents(dtype)
    let e = Int(c.exponent)
    guard range.contains(e), range.contains(e + 1) else { return nil }
    return dtype == .float64 ? 1 / c : Double(1 / Float(c))
  }

  /// The definition of `drc_ddivcW` / `drc_divcfW` at this helper's width W (vector code only:
  /// scalar code divides).
  var divideDefinition: [String] {
    let double = function == .divDouble
    let scalar = double ? "double" : "float"
    let type = scalar + "\(width)"
    let mask = (double ? "long" : "int") + "\(width)"
    let fast = double ? "FMA" : "FMAF"
    let range = CLHelper.dividendExponents(double ? .float64 : .float32)
    let lo = Scalar.hexFloat(Double(sign: .plus, exponent: range.lowerBound, significand: 1))
    let hi = Scalar.hexFloat(Double(sign: .plus, exponent: range.upperBound, significand: 1))
    let suffix = double ? "" : "f"
    var lines = [
      "/// \(scalar) x / c for a constant c, given y = 1/c rounded: x y corrected by one fma step"
        + " to the correctly rounded quotient (CLDivide.swift).",
      "static \(type) \(name)(\(type) x, \(scalar) c, \(scalar) y) {",
      "#if defined(FP_FAST_\(fast)) || defined(DRC_FAST_\(fast))",
      "  const \(type) q = x * y;",
      "  const \(type) a = fabs(x);",
    ]
    lines += [
      "  const \(mask) ok = isgreaterequal(a, \(lo)\(suffix)) & islessequal(a, \(hi)\(suffix));",
      "  // A nonzero finite lane outside the range: the whole vector divides.",
      "  if (any(isgreater(a, 0.0\(suffix)) & isless(a, (\(scalar))INFINITY) & ~ok)) return x / c;",
      "  return select(q, fma(fma(-q, (\(type))(c), x), (\(type))(y), q), ok);",
    ]
    lines += ["#else", "  return x / c;", "#endif", "}"]
    return lines
  }
}
