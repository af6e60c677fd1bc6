// The code of the generated exp, expm1, log and log1p (float32 and float64, scalar or vector),
// branch-free; the constants and the choice of where they are used are in CLExpLog.swift.
//
// exp and expm1:
//
// Both reduce x = k ln2 + r with k = rint(x / ln2) and |r| <= ln2/2 (plus rounding): x is first
// clamped so that k stays within the exponent range, r = (x - k ln2Hi) - k ln2Lo, where k ln2Hi
// is exact (Cody-Waite). k is rounded by adding 1.5 2^23 (2^52), whose low mantissa bits then
// hold k as an integer: no float-to-integer conversion, which x86 without AVX-512 does one
// float64 lane at a time (a generated float64 exp took 3x the builtin's time with one).
// p = e^r - 1 = r + r^2 (1/2! + r (1/3! + ...)) with Taylor terms up to 1/7! (float32) or 1/13!
// (float64): the first omitted term is below 2^-27 (float32) and 2^-58 (float64) relative on
// |r| <= 0.35.
//   exp:   (1 + p) 2^k, the power applied as 2^(k/2) and then 2^(k - k/2), so the first product
//          is exact and the second rounds once, to infinity above the range and through the
//          subnormals to zero below it. exp(NaN) = NaN; exp(+-inf) = inf, 0.
//   expm1: 2^k p + (2^k - 1), which has no cancellation for k != 0 and is p itself for k = 0;
//          the rounding error c of r is added back as p + c (1 + p). For k above 100 (float32)
//          or 1000 (float64) it is (1 + p) 2^k as for exp. |x| below 2^-25 (2^-54) gives x,
//          keeping -0 and subnormals exact; expm1(-inf) = -1, expm1(NaN) = NaN.
//
// log and log1p:
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
  /// The definition of exp (or expm1, with `minusOne`) at `precision` over `lanes` lanes.
  static func expDefinition(
    name: String, precision c: ExpLogPrecision, lanes: Int, minusOne: Bool
  ) -> [String] {
    let t = ExpLogText(c: c, lanes: lanes)
    let type = t.type
    let int = t.int
    let one = t.splat("1.0" + c.suffix)
    let function = minusOne ? "expm1" : "exp"
    var lines = t.macros
    lines += [
      "/// \(c.scalar) \(function): Cody-Waite reduction by ln 2, Taylor polynomial on [-ln2/2, ln2/2], 2^k from exponent bits (CLExpLogCode.swift).",
      "static \(type) \(name)(\(type) x) {",
      "  const \(type) xc = fmin(fmax(x, \(t.splat(minusOne ? c.expm1Low : c.expLow))), \(t.splat(c.expHigh)));",
      "  const \(type) t = xc * \(c.log2e) + \(c.shifter);",
      "  const \(type) kf = t - \(c.shifter);",
      "  const \(int) k = as_\(int)(t) - as_\(int)(\(t.splat(c.shifter)));",
      "  const \(type) hi = \(t.mad)(kf, \(t.splat("-" + c.ln2Hi)), xc);",
      "  const \(type) lo = kf * \(c.ln2Lo);",
      "  const \(type) r = hi - lo;",
      "  const \(type) r2 = r * r;",
      "  const \(type) r4 = r2 * r2;",
      "  const \(type) r8 = r4 * r4;",
      "  \(type) p = \(t.mad)(r2, \(t.estrin(c.expTaylor, powers: ["r", "r2", "r4", "r8"])), r);",
      "  const \(int) k1 = k >> 1;",
      "  const \(type) s1 = \(t.power("k1"));",
      "  const \(type) s2 = \(t.power("(k - k1)"));",
    ]
    if !minusOne {
      lines += [
        "  const \(type) e = ((\(one) + p) * s1) * s2;",
        "  return select(e, x, \(t.mask("isnan(x)")));",
        "}",
      ]
      return lines
    }
    lines += [
      "  const \(type) c = (hi - r) - lo;",
      "  p = p + \(t.mad)(c, p, c);",
      "  const \(type) a = (p * s1) * s2 + (s1 * s2 - \(one));",
      "  const \(type) e = ((\(one) + p) * s1) * s2;",
      "  const \(type) y = select(a, e, \(t.mask("k > \(c.expm1BigK)")));",
      "  return select(y, x, \(t.mask("isnan(x) | isless(fabs(x), \(c.tiny))")));",
      "}",
    ]
    return lines
  }
}

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
      "/// \(c.scalar) \(function): exponent and mantissa from the bits, fdlibm's polynomial in s = f/(2+f) (CLExpLogCode.swift).",
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
