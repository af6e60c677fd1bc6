// Vectorisable sin and cos (float32 and float64) for generated kernels.
//
// PoCL's builtin float32 sin and cos cost about 4x a memory-bound kernel each, so float32 sin
// and cos are generated code, as erf is (CLErf.swift):
//   reduction: j = rint(x * 2/pi), r = x - j*pi/2 with pi/2 split into four parts (Cody-Waite);
//              the first three have 12 significant bits, so for |x| <= 4096 (j < 2^12) their
//              products with j are exact; r lies in [-pi/4, pi/4];
//   polynomials (multiply-adds are fma where the device has fast fma, else two roundings; both
//              forms are tested): sin r = r + r^3 (-1/3! + r^2 (1/5! + r^2 (-1/7! + r^2/9!))) and
//              cos r = 1 - r^2/2 + r^4 (1/4! + r^2 (-1/6! + r^2 (1/8! - r^2/10!))), whose first
//              omitted terms are below 2^-28 relative on [-pi/4, pi/4];
//   quadrant:  j mod 4 picks +-sin r or +-cos r;
//   tiny:      below 2^-12 sin x rounds to x and cos x to 1, set exactly on both paths (this
//              keeps sin(-0) = -0 and avoids PoCL's vector builtins, which are wrong for
//              subnormals: sin(0x1p-149) = 0x1.fffeaep-8 at 16 lanes).
// float64 is the same scheme with parts of 31, 32 and 28 bits (products with j exact for
// |x| <= 2^20), polynomials to degree 17 and 16, and 2^-26 as the tiny bound.
// A vector with any lane beyond the bound, infinite or NaN takes the builtin for all its lanes: one
// uniform branch per vector, never per element. Measured on PoCL (16 lanes, 16M values): 7.9 ms
// for the generated sin against 14.3 ms for the builtin, a copy taking 3.5 ms.
// A kernel taking sin x and cos x of one value calls both helpers: PoCL's LLVM merges their
// common reduction and polynomials (a single sincos helper measured the same, 8.77 against 8.79
// ms on DelayRepay's float32 sincos at 16M).
// docs/numerics.md gives the measured accuracy; a device test checks it against the C library
// over a dense grid.

extension CLHelper {
  /// The constants of one precision: pi/2 in four parts (the first three short enough that
  /// their products with j are exact below `bound`), 2/pi, and the polynomial coefficients.
  struct TrigPrecision: Sendable {
    let scalar: String
    let suffix: String
    let halfPi: [String]
    let twoOverPi: String
    let sine: [String]
    let cosine: [String]
    let bound: String
    let tiny: String

    static let float32 = TrigPrecision(
      scalar: "float", suffix: "f",
      halfPi: ["0x1.922p+0f", "-0x1.2aep-18f", "-0x1.deap-31f", "0x1.184698p-44f"],
      twoOverPi: "0x1.45f306p-1f",
      sine: ["-0x1.555556p-3f", "0x1.111112p-7f", "-0x1.a01a02p-13f", "0x1.71de3ap-19f"],
      cosine: ["0x1.555556p-5f", "-0x1.6c16c2p-10f", "0x1.a01a02p-16f", "-0x1.27e4fcp-22f"],
      bound: "4096.0f", tiny: "0x1p-12f")

    static let float64 = TrigPrecision(
      scalar: "double", suffix: "",
      halfPi: ["0x1.921fb544p+0", "0x1.0b4611a6p-34", "0x1.3198a2ep-69", "0x1.b839a252049c1p-104"],
      twoOverPi: "0x1.45f306dc9c883p-1",
      sine: [
        "-0x1.5555555555555p-3", "0x1.1111111111111p-7", "-0x1.a01a01a01a01ap-13",
        "0x1.71de3a556c734p-19", "-0x1.ae64567f544e4p-26", "0x1.6124613a86d09p-33",
        "-0x1.ae7f3e733b81fp-41", "0x1.952c77030ad4ap-49",
      ],
      cosine: [
        "0x1.5555555555555p-5", "-0x1.6c16c16c16c17p-10", "0x1.a01a01a01a01ap-16",
        "-0x1.27e4fb7789f5cp-22", "0x1.1eed8eff8d898p-29", "-0x1.93974a8c07c9dp-37",
        "0x1.ae7f3e733b81fp-45",
      ],
      bound: "1048576.0", tiny: "0x1p-26")
  }

  /// The definition of sin (or cos, with `cosine`) at `precision` over `lanes` lanes (1: scalar).
  static func trigDefinition(
    name: String, precision c: TrigPrecision, lanes: Int, cosine isCosine: Bool
  ) -> [String] {
    // Multiply-adds are fma where the device has hardware fma (FP_FAST_FMAF, or DRC_FAST_FMAF
    // which the runtime defines from the device's CL_FP_FMA; likewise for double), else a
    // multiply and an add; both forms are measured (TrigAccuracyTests, DRC_NO_FMA).
    let mad = c.scalar == "double" ? "DRC_MAD" : "DRC_MADF"
    let fast = c.scalar == "double" ? "FMA" : "FMAF"
    let vector = lanes > 1
    let width = vector ? "\(lanes)" : ""
    let type = c.scalar + width
    // fma takes arguments of one type: constants are splatted in vector helpers.
    func splat(_ constant: String) -> String { vector ? "(\(type))(\(constant))" : constant }
    func horner(_ k: [String]) -> String {
      var text = splat(k[k.count - 1])
      for n in stride(from: k.count - 2, through: 0, by: -1) {
        text = "\(mad)(r2, \(text), \(splat(k[n])))"
      }
      return text
    }
    // Comparisons of doubles give longs, of floats ints.
    let maskScalar = c.scalar == "double" ? "long" : "int"
    let mask = maskScalar + width
    let builtin = isCosine ? "cos" : "sin"
    let outside = "isnan(x) | isgreater(fabs(x), \(c.bound))"
    let truth = vector ? "" : "(\(mask))"
    // Vector comparisons give -1 for true, scalar ones 1; `select` reads the MSB or non-zero.
    let swap = isCosine ? "(q & 1) == 0" : "(q & 1) != 0"
    let negate = isCosine ? "((q + 1) & 2) != 0" : "(q & 2) != 0"
    // Below the tiny bound sin x rounds to x and cos x to 1 (and PoCL's vector builtins are wrong
    // for subnormals: sin(0x1p-149) = 0x1.fffeaep-8), so tiny lanes are set exactly on both paths.
    let one = "1.0\(c.suffix)"
    let exact = isCosine ? (vector ? "(\(type))(\(one))" : one) : "x"
    var lines = [
      "#ifndef \(mad)",
      "#if (defined(FP_FAST_\(fast)) || defined(DRC_FAST_\(fast))) && !defined(DRC_NO_FMA)",
      "#define \(mad)(a, b, c) fma(a, b, c)",
      "#else",
      "#define \(mad)(a, b, c) ((a) * (b) + (c))",
      "#endif",
      "#endif",
      "/// \(c.scalar) \(builtin): Cody-Waite reduction by pi/2, Taylor polynomials on [-pi/4, pi/4]; lanes beyond \(c.bound) use the builtin (CLTrig.swift).",
      "static \(type) \(name)(\(type) x) {",
      "  const \(mask) tiny = \(truth)isless(fabs(x), \(c.tiny));",
    ]
    if vector {
      // `any` is slow on PoCL (a 16-lane sin took 10.6 ms with it, 7.9 ms with this): the mask's
      // halves are or-ed down to two lanes instead.
      lines.append("  const \(mask) out = \(outside);")
      var n = lanes
      var current = "out"
      while n > 2 {
        n /= 2
        lines.append("  const \(maskScalar)\(n) out\(n) = \(current).lo | \(current).hi;")
        current = "out\(n)"
      }
      // PoCL's vector sin, cos and tan are wrong on ordinary lanes when another lane is huge
      // (sin of 0.0048 beside 7e10 gave 0.0096; BuiltinAuditTests): lane by lane, scalar.
      let perLane = CLHelper.perLane(builtin, "x", type: type, lanes: lanes)
      lines.append(
        "  if ((\(current).x | \(current).y) != 0) return select(\(perLane), \(exact), tiny);")
    } else {
      lines.append("  if (\(outside)) return select(\(builtin)(x), \(exact), tiny);")
    }
    lines += [
      "  const \(type) j = rint(x * \(c.twoOverPi));",
      "  const \(mask) q = convert_\(mask)(j);",
      "  \(type) r = x - j * \(c.halfPi[0]);",
      "  r = r - j * \(c.halfPi[1]);",
      "  r = r - j * \(c.halfPi[2]);",
      "  r = r - j * \(c.halfPi[3]);",
      "  const \(type) r2 = r * r;",
      "  const \(type) s = \(mad)(r * r2, \(horner(c.sine)), r);",
      "  const \(type) c = \(mad)(r2 * r2, \(horner(c.cosine)), \(mad)(\(splat("-0.5" + c.suffix)), r2, \(splat(one))));",
      "  const \(type) v = select(s, c, \(truth)(\(swap)));",
      "  const \(type) w = select(v, -v, \(truth)(\(negate)));",
      "  return select(w, \(exact), tiny);",
      "}",
    ]
    return lines
  }
}
