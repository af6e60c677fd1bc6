// The generated exp and expm1 (float32 and float64, scalar or vector), branch-free.
//
// Both reduce x = k ln2 + r with k = rint(x / ln2) and |r| <= ln2/2 (plus rounding): x is first
// clamped so that k stays within the exponent range, r = (x - k ln2Hi) - k ln2Lo, where k ln2Hi
// is exact (Cody-Waite). k is rounded by adding 1.5 2^23 (2^52), whose low mantissa bits then
// hold k as an integer: no float-to-integer conversion, which x86 without AVX-512 does one
// float64 lane at a time (a generated float64 exp took 3x the builtin's time with one). p = e^r - 1 = r + r^2 (1/2! + r (1/3! + ...)) with Taylor terms up to
// 1/7! (float32) or 1/13! (float64): the first omitted term is below 2^-27 (float32) and 2^-58
// (float64) relative on |r| <= 0.35.
//   exp:   (1 + p) 2^k, the power applied as 2^(k/2) and then 2^(k - k/2), so the first product
//          is exact and the second rounds once, to infinity above the range and through the
//          subnormals to zero below it. exp(NaN) = NaN; exp(+-inf) = inf, 0.
//   expm1: 2^k p + (2^k - 1), which has no cancellation for k != 0 and is p itself for k = 0;
//          the rounding error c of r is added back as p + c (1 + p). For k above 100 (float32)
//          or 1000 (float64) it is (1 + p) 2^k as for exp. |x| below 2^-25 (2^-54) gives x,
//          keeping -0 and subnormals exact; expm1(-inf) = -1, expm1(NaN) = NaN.

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
      "/// \(c.scalar) \(function): Cody-Waite reduction by ln 2, Taylor polynomial on [-ln2/2, ln2/2], 2^k from exponent bits (CLExp.swift).",
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
