// The generated log and log1p (float32 and float64, scalar or vector), branch-free.
//
// Both write their argument u (x for log, 1 + x for log1p) as 2^k m with m in [sqrt(1/2),
// sqrt(2)): adding 1.0's bits less sqrt(1/2)'s to u's bits carries into the exponent exactly
// when the mantissa is at least sqrt(1/2)'s, so k is the exponent field of the sum less the bias
// and m the mantissa bits added back to sqrt(1/2)'s (musl's method). Subnormal inputs of log are
// scaled by 2^25 (2^54) first and k lowered to match. With f = m - 1, s = f / (2 + f),
// z = s^2 and w = z^2, log(1 + f) = 2 atanh(s) = 2s + s R = f - f^2/2 + s (f^2/2 + R), where
// R = z (Lg1 + w (Lg3 + ...)) + w (Lg2 + w (Lg4 + ...)) is fdlibm's minimax approximation of
// 2s^2/3 + 2s^4/5 + ... (7 coefficients for float64, error below 2^-58.45; musl's 4 for
// float32); k ln 2 is added in two parts, the low one first.
//   log:   log(+-0) = -inf, log(x < 0) = NaN, log(inf) = inf, log(NaN) = NaN; log(1) = +0.
//   log1p: 1 + x is rounded, so while k is below 25 (54) the rounding error of 1 + x, divided
//          by 1 + x, is added back (c); for x in [-0.29, 0.41] no split is needed and f = x.
//          log1p(-1) = -inf, log1p(x < -1) = NaN, log1p(inf) = inf; |x| below 2^-25 (2^-54)
//          gives x, keeping -0 and subnormals exact.

extension CLHelper {
  /// The definition of log (or log1p, with `plusOne`) at `precision` over `lanes` lanes.
  static func logDefinition(
    name: String, precision c: ExpLogPrecision, lanes: Int, plusOne: Bool
  ) -> [String] {
    let t = ExpLogText(c: c, lanes: lanes)
    let type = t.type
    let int = t.int
    let one = t.splat("1.0" + c.suffix)
    let zero = t.splat("0.0" + c.suffix)
    let offset = "(\(c.oneBits) - \(c.sqrtHalfBits))"
    let function = plusOne ? "log1p" : "log"
    var lines = t.macros
    lines += [
      "/// \(c.scalar) \(function): exponent and mantissa from the bits, fdlibm's polynomial in s = f/(2+f) (CLLog.swift).",
      "static \(type) \(name)(\(type) x) {",
    ]
    if plusOne {
      lines += [
        "  const \(type) u = x + \(one);",
        "  \(int) iu = as_\(int)(u) + \(offset);",
        "  \(int) k = (iu >> \(c.mantissaBits)) - \(c.bias);",
        "  \(type) c = select(x - (u - \(one)), \(one) - (u - x), \(t.mask("k >= 2")));",
        "  c = select(c / u, \(zero), \(t.mask("k >= \(c.log1pCorrectionK)")));",
        "  iu = (iu & \(c.mantissaMask)) + \(c.sqrtHalfBits);",
        "  \(type) f = as_\(type)(iu) - \(one);",
        "  const \(int) near = \(t.mask("isgreaterequal(x, -0x1.2bep-2\(c.suffix)) & isless(x, 0x1.a82p-2\(c.suffix))"));",
        "  f = select(f, x, near);",
        "  c = select(c, \(zero), near);",
        "  k = k & ~near;",
      ]
    } else {
      lines += [
        "  const \(int) sub = \(t.mask("isless(x, \(c.minNormal))"));",
        "  \(int) ix = as_\(int)(select(x, x * \(c.subnormalScale), sub)) + \(offset);",
        "  const \(int) k = (ix >> \(c.mantissaBits)) - \(c.bias) - (sub & \(c.subnormalExponent));",
        "  ix = (ix & \(c.mantissaMask)) + \(c.sqrtHalfBits);",
        "  const \(type) f = as_\(type)(ix) - \(one);",
      ]
    }
    let even = stride(from: 0, to: c.logPoly.count, by: 2).map { c.logPoly[$0] }
    let odd = stride(from: 1, to: c.logPoly.count, by: 2).map { c.logPoly[$0] }
    lines += [
      "  const \(type) hfsq = \(t.splat("0.5" + c.suffix)) * f * f;",
      "  const \(type) s = f / (\(t.splat("2.0" + c.suffix)) + f);",
      "  const \(type) z = s * s;",
      "  const \(type) w = z * z;",
      "  const \(type) R = z * \(t.horner(even, "w")) + w * \(t.horner(odd, "w"));",
      // k as a float without a conversion instruction (float64 conversions go lane by lane
      // on x86 without AVX-512): k + 2048 placed in the mantissa of 2^52 (2^23), less 2^52 + 2048.
      "  const \(type) dk = as_\(type)((k + 2048) | as_\(int)(\(t.splat(c.integerBase)))) - \(t.splat(c.integerBiased));",
      "  \(type) y = \(t.mad)(s, hfsq + R, \(plusOne ? "\(t.mad)(dk, \(t.splat(c.ln2Lo)), c)" : "dk * \(c.ln2Lo)"));",
      "  y = \(t.mad)(dk, \(t.splat(c.ln2Hi)), (y - hfsq) + f);",
    ]
    // Specials, last to first in priority: NaN and +inf give themselves, then the domain.
    let u = plusOne ? "x + \(one)" : "x"
    let special =
      plusOne ? "isnan(x) | isinf(x) | isless(fabs(x), \(c.tiny))" : "isnan(x) | isinf(x)"
    lines += [
      "  y = select(y, x, \(t.mask(special)));",
      "  y = select(y, \(t.splat("(\(c.scalar))NAN")), \(t.mask("isless(\(u), \(zero))")));",
      "  return select(y, \(t.splat("-(\(c.scalar))INFINITY")), \(t.mask("(\(u)) == \(zero)")));",
      "}",
    ]
    return lines
  }
}
