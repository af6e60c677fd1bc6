// The generated float pow (float32 and float64, scalar or vector), branch-free.
//
// PoCL's builtin pow is slow: over 16M values it took about 100 ms at float32 and 400 ms at
// float64, against 30 to 60 ms for exp and log (docs/numerics.md). drc generates it as
// exp(y log|x|), then applies C99's special cases (Annex F) with `select`:
//
//   log|x|: |x| = 2^k m with m in [sqrt(1/2), sqrt(2)) from the exponent bits (subnormals scaled
//           by 2^54 first), f = m - 1 exact, s = f / (2 + f), log m = 2 atanh(s) =
//           2s + 2s^3/3 + s^5 (2/5 + 2/7 s^2 + ...) (Taylor terms while they exceed 2^-64 of 2s:
//           |s| <= 0.1716), plus k ln2 in two parts.
//   float64: y log|x| can reach 745 in magnitude, where an absolute error of 2^-53 is already one
//           ulp of the result, so log|x| is carried as a double-double (hi + lo, about 2^-64
//           relative): s, 2s^3/3 and the sums with k ln2 keep their rounding errors (fma's exact
//           products and Fast2Sum), the smaller terms are plain doubles. The product with y is
//           split the same way (y hi exactly by fma, plus y lo), and exp takes the low part as a
//           correction of its reduced argument r: e^(r + d) = (1 + p)(1 + d) to first order.
//   float32: computed in float64 (every float is an exact double; y log|x| stays within 150),
//           with the plain double sums and shorter polynomials (error below 2^-40, far under
//           float32's half ulp), then rounded once to float. Devices without cl_khr_fp64 use the
//           builtin pow instead.
//   exp:    as the generated exp (CLExpLogCode.swift): Cody-Waite reduction by ln2, Taylor
//           polynomial, 2^k applied in two steps so results round once to 0 or infinity.
//   specials: pow(x, +-0) = 1 and pow(1, y) = 1 even for NaN; NaN otherwise propagates; a finite
//           x < 0 with a finite non-integer y gives NaN; a negative x (or -0) with an odd
//           integer y gives a negative result; |x| = 0 or inf gives 0 or inf by y's sign;
//           pow(+-1, +-inf) = 1. An integer y is one with rint(y) == y; odd when y/2 is not.
// The exact products use `fma` itself (correctly rounded in every full-profile device; fast on
// every x86 with FMA3 and every GPU), not the DRC_MAD macro: without it the split is not exact.
// PowAccuracyTests measures the error against glibc's pow over dense and special values.

import DRCIR

extension CLHelper {
  /// The definition of pow at float64 (a double-double log) or, with `float32`, at float32
  /// (computed in float64 without the low parts) over `lanes` lanes.
  static func powDefinition(name: String, float32: Bool, lanes: Int) -> [String] {
    let c = ExpLogPrecision.float64
    let t = ExpLogText(c: c, lanes: lanes)
    let (d, l) = (t.type, t.int)
    let width = lanes > 1 ? "\(lanes)" : ""
    let io = float32 ? "float\(width)" : d
    func k(_ v: Double) -> String { t.splat(Scalar.hexFloat(v)) }
    // 2/(2j+1) for the terms beyond 2s (float64: beyond 2s^3/3, whose coefficient is split).
    let terms = float32 ? 7 : 11
    let series = (1...terms).map { Scalar.hexFloat(2.0 / Double(2 * $0 + 1)) }
    let twoThirds = 2.0 / 3.0
    let twoThirdsLow = (2.0).addingProduct(-3.0, twoThirds) / 3.0  // 2 - 3(2/3) is exact by fma
    let expTerms = float32 ? Array(c.expTaylor.prefix(9)) : c.expTaylor
    let offset = "(\(c.oneBits) - \(c.sqrtHalfBits))"
    var lines: [String] = []
    lines += float32 ? ["#ifdef cl_khr_fp64", "#pragma OPENCL EXTENSION cl_khr_fp64 : enable"] : []
    lines += t.macros
    lines += [
      "/// \(float32 ? "float32" : "float64") pow: exp(y log|x|) with \(float32 ? "float64 intermediates" : "a double-double log"), C99's special cases by select (CLPow.swift).",
      "static \(io) \(name)(\(io) xin, \(io) yin) {",
      "#ifdef DRC_BUILTIN_POW",
      "  return pow(xin, yin);",
      "#endif",
    ]
    lines +=
      float32
      ? ["  const \(d) x = convert_\(d)(xin);", "  const \(d) y = convert_\(d)(yin);"]
      : ["  const \(d) x = xin;", "  const \(d) y = yin;"]
    lines += [
      "  const \(d) ax = fabs(x);",
      "  const \(l) sub = \(t.mask("isless(ax, \(c.minNormal))"));",
      "  \(l) ix = as_\(l)(select(ax, ax * \(c.subnormalScale), sub)) + \(offset);",
      "  const \(l) k = (ix >> \(c.mantissaBits)) - \(c.bias) - (sub & \(c.subnormalExponent));",
      "  ix = (ix & \(c.mantissaMask)) + \(c.sqrtHalfBits);",
      "  const \(d) f = as_\(d)(ix) - \(k(1));",
      "  const \(d) dk = as_\(d)((k + 2048) | as_\(l)(\(k(0x1p52)))) - \(t.splat(c.integerBiased));",
      // s = f / (2 + f); 2 + f rounded, with its error dl (Fast2Sum: |f| < 2).
      "  const \(d) den = \(k(2)) + f;",
      "  const \(d) rden = \(k(1)) / den;",
      "  const \(d) sh = f * rden;",
      "  const \(d) z = sh * sh;",
      "  const \(d) c = sh * z;",
    ]
    if float32 {
      lines += [
        "  const \(d) logm = \(t.mad)(c, \(t.horner(series, "z")), \(k(2)) * sh);",
        "  const \(d) hi = \(t.mad)(dk, \(t.splat(c.ln2Hi)), \(t.mad)(dk, \(t.splat(c.ln2Lo)), logm));",
        "  const \(d) ph = y * hi;",
        "  const \(d) pl = \(k(0));",
      ]
    } else {
      lines += [
        "  const \(d) dl = (\(k(2)) - den) + f;",
        // s - sh: the residual f - sh den exactly by fma, less sh dl, over den.
        "  const \(d) sl = (fma(-sh, den, f) - sh * dl) * rden;",
        "  const \(d) zl = fma(sh, sh, -z);",
        "  const \(d) cl = fma(sh, z, -c) + sh * zl + \(k(3)) * z * sl;",
        // 2s^3/3 in two parts, with 2/3 itself in two parts.
        "  const \(d) q = \(k(twoThirds)) * c;",
        "  const \(d) ql = fma(\(k(twoThirds)), c, -q) + \(k(twoThirds)) * cl + \(k(twoThirdsLow)) * c;",
        "  const \(d) R = c * z * \(t.horner(Array(series.dropFirst()), "z"));",
        "  const \(d) a = \(k(2)) * sh;",
        "  const \(d) h1 = a + q;",
        "  const \(d) l1 = ((a - h1) + q) + ((\(k(2)) * sl + ql) + R);",
        // k ln2 with ln2Hi short enough that the product is exact; |k ln2| >= |log m| or k = 0.
        "  const \(d) A = dk * \(c.ln2Hi);",
        "  const \(d) h2 = A + h1;",
        "  const \(d) l2 = ((A - h2) + h1) + \(t.mad)(dk, \(t.splat(c.ln2Lo)), l1);",
        // Renormalised (Fast2Sum), so y lo stays within an ulp of y hi and exp's first-order
        // correction is exact enough.
        "  const \(d) hi = h2 + l2;",
        "  const \(d) lo = (h2 - hi) + l2;",
        "  const \(d) ph = y * hi;",
        "  const \(d) pl = fma(y, hi, -ph) + y * lo;",
      ]
    }
    lines += [
      // exp(ph + pl), the correction zero where ph is clamped or not finite.
      "  const \(d) xc = fmin(fmax(ph, \(t.splat(c.expLow))), \(t.splat(c.expHigh)));",
      "  const \(d) tt = xc * \(c.log2e) + \(c.shifter);",
      "  const \(d) kf = tt - \(c.shifter);",
      "  const \(l) ke = as_\(l)(tt) - as_\(l)(\(t.splat(c.shifter)));",
      "  const \(d) rh = \(t.mad)(kf, \(t.splat("-" + c.ln2Hi)), xc);",
      "  const \(d) rl = kf * \(c.ln2Lo);",
      "  const \(d) r = rh - rl;",
      "  const \(d) delta = select(\(k(0)), ((rh - r) - rl) + pl, \(t.mask("isless(fabs(ph), \(k(746)))")));",
      "  const \(d) r2 = r * r;",
      "  const \(d) r4 = r2 * r2;",
      "  const \(d) r8 = r4 * r4;",
      "  \(d) p = \(t.mad)(r2, \(t.estrin(expTerms, powers: ["r", "r2", "r4", "r8"])), r);",
      "  p = p + \(t.mad)(delta, p, delta);",
      "  const \(l) k1 = ke >> 1;",
      "  \(d) m = ((\(k(1)) + p) * \(t.power("k1"))) * \(t.power("(ke - k1)"));",
      // Specials, lowest priority first.
      "  const \(l) yint = \(t.mask("rint(y) == y"));",
      "  const \(l) yodd = yint & \(t.mask("rint(y * 0.5) != y * 0.5"));",
      "  const \(l) edge = \(t.mask("(ax == \(k(0))) | isinf(ax)"));",
      "  m = select(m, select(\(k(0)), \(t.splat("(double)INFINITY")), \(t.mask("isless(y, \(k(0))) == (ax == \(k(0)))"))), edge);",
      "  m = select(m, \(k(1)), \(t.mask("(ax == \(k(1))) & isinf(y)")));",
      "  m = select(m, -m, \(t.mask("signbit(x)")) & yodd);",
      "  m = select(m, \(t.splat("(double)NAN")), \(t.mask("isless(x, \(k(0))) & isfinite(x) & isfinite(y)")) & ~yint);",
      "  m = select(m, x + y, \(t.mask("isnan(x) | isnan(y)")));",
      "  m = select(m, \(k(1)), \(t.mask("(y == \(k(0))) | (x == \(k(1)))")));",
      float32 ? "  return convert_float\(width)(m);" : "  return m;",
      "}",
    ]
    if float32 {
      lines += [
        "#else",
        "static \(io) \(name)(\(io) xin, \(io) yin) { return pow(xin, yin); }",
        "#endif",
      ]
    }
    return lines
  }
}
