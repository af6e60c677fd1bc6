// The constants and shared pieces of the generated exp, expm1, log and log1p (float32, float64).
//
// PoCL's float64 `exp` and `log` are slow: loglikelihood (one exp and one log per element) was
// bound by them (issue 14; its fused kernel over 16M saved inputs took 430 ms with the builtins,
// 280 ms with the generated log, 247 ms with both generated in one run, 155 against 147 ms in
// another, on a loaded 2-core machine: docs/numerics.md). So
// these functions are generated code, as sin and cos are (CLTrig.swift), where they measured
// faster (CLHelper.generated: all but float32 exp), in the classic fdlibm/musl forms:
//   exp, expm1: k = rint(x / ln2), r = x - k ln2 with ln2 split in two (Cody-Waite: the high part
//               short enough that k times it is exact), p = e^r - 1 by a Taylor polynomial on
//               [-ln2/2, ln2/2] (CLExpLogCode.swift);
//   log, log1p: x = 2^k m with m in [sqrt(1/2), sqrt(2)) found from the exponent bits (subnormal
//               inputs scaled by 2^25 or 2^54 first), f = m - 1, log(1 + f) from s = f/(2 + f)
//               with fdlibm's minimax polynomial in s^2 (musl's 4 terms for float32), plus
//               k ln2 in two parts (CLExpLogCode.swift).
// Every lane takes the same instructions: specials (NaN, infinities, zeros, negative inputs,
// overflow and underflow) are set with `select`, never by branches. Constants are hex literals
// that are exact in their type (coefficients from fdlibm or 1/n! rounded once). Multiply-adds
// are fma where the device has fast fma, as in CLTrig.swift. docs/numerics.md gives the measured
// accuracy; ExpLogAccuracyTests checks it against the C library over dense grids and specials.
//
// Tried and reverted (2026-12-03, fourth session): vector exp and log with a fast path taken
// when `all()` lanes are ordinary (|x| < 707 for exp: 2^k set in the exponent bits, no clamp or
// NaN select; positive normal finite x for log: no subnormal scaling, no special selects), bit
// for bit the same results. Over 16M saved float64 inputs, summed (`drc bench`, three
// alternations against the unchanged compiler): exp 8.27-9.50 against 7.78-9.64 ms, log
// 9.73-11.66 against 10.06-11.36 ms, loglikelihood 29.1-31.9 against 27.4-28.5 ms: no gain (why
// the fused loop lost was not measured). On that machine exp alone took 8 ms, log
// 10 ms, exp then log 24 ms, two float64 divisions by constants 5.3-5.4 ms against 2.6-4.5 for two
// multiplications (a load and a sum 4.3-4.4 ms): loglikelihood costs the sum of its arithmetic.

import DRCIR

extension CLHelper {
  /// The constants of one precision.
  struct ExpLogPrecision: Sendable {
    /// The float type (`float`, `double`) and the integer type of its size (`int`, `long`).
    let scalar: String
    let integer: String
    /// Suffix of float literals (`f` for float32).
    let suffix: String
    /// Bits of the stored mantissa (23, 52) and the exponent bias (127, 1023).
    let mantissaBits: Int
    let bias: Int
    /// ln 2 in two parts: `ln2Hi` has few enough bits that k * ln2Hi is exact for every k used.
    let ln2Hi: String
    let ln2Lo: String
    /// 1 / ln 2, and 1.5 2^23 (2^52): added to a float below 2^22 (2^51), it rounds it to an
    /// integer held in the low mantissa bits.
    let log2e: String
    let shifter: String
    /// 2^23 (2^52) and 2^23 + 2048 (2^52 + 2048): k + 2048 (never negative) or'd into the
    /// first one's mantissa gives a float that less the second one is k.
    let integerBase: String
    let integerBiased: String
    /// 1/2!, 1/3!, ...: the Taylor coefficients of e^r - 1 - r.
    let expTaylor: [String]
    /// exp clamps x to [expLow, expHigh]: below, e^x rounds to 0; above, to infinity.
    let expLow: String
    let expHigh: String
    /// expm1 clamps x from below at expm1Low (e^x - 1 rounds to -1 there).
    let expm1Low: String
    /// Above this k, expm1 scales 1 + p (the -1 is far below an ulp and 2^k may overflow).
    let expm1BigK: Int
    /// Below this magnitude expm1(x) and log1p(x) round to x (zeros and subnormals included).
    let tiny: String
    /// log's polynomial in z = s^2, lowest degree first (fdlibm's Lg1, Lg2, ...).
    let logPoly: [String]
    /// The smallest normal number, and the scale (and its exponent) applied to subnormals.
    let minNormal: String
    let subnormalScale: String
    let subnormalExponent: Int
    /// The bits of 1.0 and of sqrt(1/2) rounded down to where the mantissa split happens.
    let oneBits: String
    let sqrtHalfBits: String
    let mantissaMask: String
    /// log1p corrects for the rounding of 1 + x while k is below this.
    let log1pCorrectionK: Int

    static let float32 = ExpLogPrecision(
      scalar: "float", integer: "int", suffix: "f", mantissaBits: 23, bias: 127,
      ln2Hi: "0x1.62e4p-1f", ln2Lo: "0x1.7f7d1cp-20f", log2e: "0x1.715476p+0f",
      shifter: "0x1.8p+23f",
      integerBase: "0x1p+23f", integerBiased: "0x1.001p+23f",
      expTaylor: [
        "0x1p-1f", "0x1.555556p-3f", "0x1.555556p-5f", "0x1.111112p-7f", "0x1.6c16c2p-10f",
        "0x1.a01a02p-13f",
      ],
      expLow: "-104.0f", expHigh: "89.0f", expm1Low: "-26.0f", expm1BigK: 100,
      tiny: "0x1p-25f",
      logPoly: ["0x1.555554p-1f", "0x1.999c26p-2f", "0x1.23d3dcp-2f", "0x1.f13c4cp-3f"],
      minNormal: "0x1p-126f", subnormalScale: "0x1p+25f", subnormalExponent: 25,
      oneBits: "0x3f800000", sqrtHalfBits: "0x3f3504f3", mantissaMask: "0x007fffff",
      log1pCorrectionK: 25)

    static let float64 = ExpLogPrecision(
      scalar: "double", integer: "long", suffix: "", mantissaBits: 52, bias: 1023,
      ln2Hi: "0x1.62e42feep-1", ln2Lo: "0x1.a39ef35793c76p-33", log2e: "0x1.71547652b82fep+0",
      shifter: "0x1.8p+52", integerBase: "0x1p+52", integerBiased: "0x1.0000000000800p+52",
      expTaylor: [
        "0x1p-1", "0x1.5555555555555p-3", "0x1.5555555555555p-5", "0x1.1111111111111p-7",
        "0x1.6c16c16c16c17p-10", "0x1.a01a01a01a01ap-13", "0x1.a01a01a01a01ap-16",
        "0x1.71de3a556c734p-19", "0x1.27e4fb7789f5cp-22", "0x1.ae64567f544e4p-26",
        "0x1.1eed8eff8d898p-29", "0x1.6124613a86d09p-33",
      ],
      expLow: "-746.0", expHigh: "710.0", expm1Low: "-40.0", expm1BigK: 1000, tiny: "0x1p-54",
      logPoly: [
        "0x1.5555555555593p-1", "0x1.999999997fa04p-2", "0x1.2492494229359p-2",
        "0x1.c71c51d8e78afp-3", "0x1.7466496cb03dep-3", "0x1.39a09d078c69fp-3",
        "0x1.2f112df3e5244p-3",
      ],
      minNormal: "0x1p-1022", subnormalScale: "0x1p+54", subnormalExponent: 54,
      oneBits: "0x3ff0000000000000L", sqrtHalfBits: "0x3fe6a09e00000000L",
      mantissaMask: "0x000fffffffffffffL", log1pCorrectionK: 54)
  }

  /// Code text shared by the exp and log helpers at one precision and width.
  struct ExpLogText {
    let c: ExpLogPrecision
    let lanes: Int

    /// The float type (`double8`), its integer type (`long8`) and the multiply-add macro.
    var type: String { c.scalar + width }
    var int: String { c.integer + width }
    var mad: String { c.scalar == "double" ? "DRC_MAD" : "DRC_MADF" }
    private var width: String { lanes > 1 ? "\(lanes)" : "" }

    /// `constant` as a value of the float type (fma takes arguments of one type).
    func splat(_ constant: String) -> String { lanes > 1 ? "(\(type))(\(constant))" : constant }

    /// A select mask from a comparison: vector comparisons give -1 already; scalar ones give 1,
    /// negated here so that `&` with the mask and `select` read it the same way.
    func mask(_ comparison: String) -> String {
      lanes > 1 ? "(\(comparison))" : "(-(\(c.integer))(\(comparison)))"
    }

    /// Horner's rule for `k[0] + v (k[1] + v (k[2] + ...))`.
    func horner(_ k: [String], _ v: String) -> String {
      guard var text = k.last.map(splat) else { return splat("0.0" + c.suffix) }
      for n in stride(from: k.count - 2, through: 0, by: -1) {
        text = "\(mad)(\(v), \(text), \(splat(k[n])))"
      }
      return text
    }

    /// Estrin's scheme for the same polynomial in `x`, given its powers x^(2^j) as
    /// `powers[j]` (x, x^2, x^4, ...): shorter chains of dependent multiply-adds than Horner's.
    func estrin(_ k: [String], powers: [String]) -> String {
      guard k.count > 1 else { return k.first.map(splat) ?? splat("0.0" + c.suffix) }
      var level = 0
      while 1 << (level + 1) < k.count { level += 1 }
      let split = 1 << level
      guard level < powers.count else { return horner(k, powers[0]) }
      let low = estrin(Array(k[..<split]), powers: powers)
      let high = estrin(Array(k[split...]), powers: powers)
      return "\(mad)(\(powers[level]), \(high), \(low))"
    }

    /// `2^e` from an integer expression `e` whose biased exponent stays in the normal range.
    func power(_ e: String) -> String {
      "as_\(type)((\(e) + \(c.bias)) << \(c.mantissaBits))"
    }

    /// The multiply-add macro: fma on devices with fast fma (or `DRC_FAST_FMA[F]`, which the
    /// runtime defines from the device's CL_FP_FMA), else a multiply and an add (`DRC_NO_FMA`).
    var macros: [String] {
      let fast = c.scalar == "double" ? "FMA" : "FMAF"
      return [
        "#ifndef \(mad)",
        "#if (defined(FP_FAST_\(fast)) || defined(DRC_FAST_\(fast))) && !defined(DRC_NO_FMA)",
        "#define \(mad)(a, b, c) fma(a, b, c)",
        "#else",
        "#define \(mad)(a, b, c) ((a) * (b) + (c))",
        "#endif",
        "#endif",
      ]
    }
  }
}

extension CLHelper {
  /// The generated helper computing `op` at `dtype`, or nil where the device builtin is used:
  /// generated code is used where it measured faster than PoCL's builtin (docs/numerics.md).
  /// float32 exp is not: PoCL's vectorises, and the generated one (the float64 code at float32
  /// precision) measured 0.55x to 1.04x its speed over 4M and 16M values.
  static func generated(_ op: UnaryOp, dtype: DType) -> Function? {
    let double = dtype == .float64
    guard dtype == .float32 || double else { return nil }
    switch op {
    case .exp: return double ? .expDouble : nil
    case .expm1: return double ? .expm1Double : .expm1
    case .log: return double ? .logDouble : .log
    case .log1p: return double ? .log1pDouble : .log1p
    default: return nil
    }
  }

  /// The definition of a generated exp, expm1, log or log1p helper. With `DRC_BUILTIN_EXPLOG`
  /// (or `DRC_BUILTIN_EXP`, `_EXPM1`, `_LOG`, `_LOG1P` for one function) defined when the
  /// program is built, each returns the device builtin instead (for timing).
  var expLogDefinition: [String] {
    let double = [.expDouble, .expm1Double, .logDouble, .log1pDouble].contains(function)
    let precision: ExpLogPrecision = double ? .float64 : .float32
    let lines: [String]
    let builtin: String
    switch function {
    case .expDouble, .expm1, .expm1Double:
      let minusOne = function != .expDouble
      builtin = minusOne ? "expm1" : "exp"
      lines = CLHelper.expDefinition(
        name: name, precision: precision, lanes: width, minusOne: minusOne)
    default:
      let plusOne = function == .log1p || function == .log1pDouble
      builtin = plusOne ? "log1p" : "log"
      lines = CLHelper.logDefinition(
        name: name, precision: precision, lanes: width, plusOne: plusOne)
    }
    // After the signature: the builtin when timing against it.
    guard let open = lines.firstIndex(where: { $0.hasPrefix("static ") }) else { return lines }
    var out = lines
    out.insert(
      contentsOf: [
        "#if defined(DRC_BUILTIN_EXPLOG) || defined(DRC_BUILTIN_\(builtin.uppercased()))",
        "  return \(builtin)(x);", "#endif",
      ], at: open + 1)
    return out
  }
}
