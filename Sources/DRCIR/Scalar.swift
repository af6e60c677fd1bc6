// Scalar values with exact text forms: hex floats, decimal integers, true/false.
//
// Constants and parameter values travel through traces, plans and generated code as text, so the
// text must identify the value exactly. Floats use C99 hex-float notation (`0x1.8p+1`), plus
// `inf`, `-inf` and `nan`; integers are decimal; bools are `true`/`false`. Parsing checks that the
// value fits the dtype exactly (a float32 constant must be representable in float32).

/// A scalar value; its dtype is carried alongside.
public enum Scalar: Hashable, Sendable, CustomStringConvertible {
  case bool(Bool)
  case int(Int64)
  case float(Double)

  /// Identity, not numeric equality: floats compare by bit pattern, so `-0.0` and `0.0` are
  /// different constants (CSE must not merge them; they give different results under division
  /// and `copysign`), and a NaN constant equals itself (a graph holding one still matches
  /// itself, as a cache key must). Numeric tests use `doubleValue`.
  public static func == (a: Scalar, b: Scalar) -> Bool {
    switch (a, b) {
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
    default: return false
    }
  }

  /// Hashes consistently with `==` (floats by bit pattern).
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .bool(let b):
      hasher.combine(0)
      hasher.combine(b)
    case .int(let i):
      hasher.combine(1)
      hasher.combine(i)
    case .float(let d):
      hasher.combine(2)
      hasher.combine(d.bitPattern)
    }
  }

  /// The value as a double (integers may round).
  public var doubleValue: Double {
    switch self {
    case .bool(let b): return b ? 1 : 0
    case .int(let i): return Double(i)
    case .float(let d): return d
    }
  }

  /// Converts the value to `dtype` with the semantics of the `cast` op.
  public func converted(to dtype: DType) -> Scalar {
    switch (self, dtype) {
    case (.bool(let b), .bool): return .bool(b)
    case (.bool(let b), .int32), (.bool(let b), .int64): return .int(b ? 1 : 0)
    case (.bool(let b), .float32), (.bool(let b), .float64): return .float(b ? 1 : 0)
    case (.int(let i), .bool): return .bool(i != 0)
    case (.int(let i), .int32): return .int(Int64(Int32(truncatingIfNeeded: i)))
    case (.int(let i), .int64): return .int(i)
    case (.int(let i), .float32): return .float(Double(Float(i)))
    case (.int(let i), .float64): return .float(Double(i))
    case (.float(let d), .bool): return .bool(d != 0)
    case (.float(let d), .int32): return .int(Int64(Scalar.saturatingInt32(d)))
    case (.float(let d), .int64): return .int(Scalar.saturatingInt64(d))
    case (.float(let d), .float32): return .float(Double(Float(d)))
    case (.float(let d), .float64): return .float(d)
    }
  }

  /// Float to int32 as OpenCL's `convert_int_sat_rtz`: truncate, saturate, NaN to 0.
  public static func saturatingInt32(_ d: Double) -> Int32 {
    if d.isNaN { return 0 }
    if d >= 2_147_483_647 { return .max }
    if d <= -2_147_483_648 { return .min }
    return Int32(d.rounded(.towardZero))
  }

  /// Float to int64 as OpenCL's `convert_long_sat_rtz`: truncate, saturate, NaN to 0.
  public static func saturatingInt64(_ d: Double) -> Int64 {
    if d.isNaN { return 0 }
    if d >= 9_223_372_036_854_775_808.0 { return .max }
    if d <= -9_223_372_036_854_775_808.0 { return .min }
    return Int64(d.rounded(.towardZero))
  }

  /// The exact text form.
  public var description: String {
    switch self {
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .float(let d): return Scalar.hexFloat(d)
    }
  }

  /// Parses the exact text form of a `dtype` value; nil when malformed or not representable.
  public static func parse(_ text: String, as dtype: DType) -> Scalar? {
    guard text.utf8.count <= 64 else { return nil }
    switch dtype {
    case .bool:
      switch text {
      case "true": return .bool(true)
      case "false": return .bool(false)
      default: return nil
      }
    case .int32:
      guard let v = Int32(text) else { return nil }
      return .int(Int64(v))
    case .int64:
      guard let v = Int64(text) else { return nil }
      return .int(v)
    case .float32, .float64:
      let value: Double
      switch text {
      case "inf": value = .infinity
      case "-inf": value = -.infinity
      case "nan": value = .nan
      default:
        // Only hex floats are exact by construction; decimal is accepted when it round-trips.
        guard text.utf8.allSatisfy(isFloatByte), let d = Double(text),
          d.isFinite
        else { return nil }
        value = d
      }
      if dtype == .float32, !value.isNaN, Double(Float(value)) != value { return nil }
      return .float(value)
    }
  }

  /// Whether `b` may appear in a float's text: a hex digit or one of `xXpP.+-`.
  private static func isFloatByte(_ b: UInt8) -> Bool {
    switch b {
    case 0x30...0x39, 0x41...0x46, 0x61...0x66: return true
    case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "p"), UInt8(ascii: "P"): return true
    case UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"): return true
    default: return false
    }
  }

  /// C99 hex-float text of `d`, e.g. `0x1.8p+1`, `-0x1.47ae147ae147bp-7`, `0x0p+0`.
  public static func hexFloat(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    let sign = d.sign == .minus ? "-" : ""
    if d == 0 { return sign + "0x0p+0" }
    let bits = d.bitPattern
    var exponent = Int((bits >> 52) & 0x7FF)
    var mantissa = bits & 0x000F_FFFF_FFFF_FFFF
    let lead: String
    if exponent == 0 {
      // Subnormal: normalise so the text always reads 0x1.xxxp-e.
      let shift = mantissa.leadingZeroBitCount - 11
      mantissa = (mantissa << UInt64(shift)) & 0x000F_FFFF_FFFF_FFFF
      exponent = 1 - shift
      lead = "1"
    } else {
      lead = "1"
    }
    let e = exponent - 1023
    // The 13 hex digits of the mantissa without their trailing zeros.
    let dropped = min(mantissa.trailingZeroBitCount / 4, 13)
    var frac = ""
    if dropped < 13 {
      let digits = String(mantissa >> UInt64(4 * dropped), radix: 16)
      frac = "." + String(repeating: "0", count: 13 - dropped - digits.count) + digits
    }
    return "\(sign)0x\(lead)\(frac)p\(e >= 0 ? "+" : "")\(e)"
  }
}
