// OpenCL C spelling of dtypes, vector types, exact constants and safe comments.
//
// Constants are printed so that the device sees exactly the plan's value: hex float literals
// (`0x1.99999ap-4f` for float32, no suffix for float64), `INFINITY`/`NAN` for non-finite values,
// integers in decimal with `L` for int64 and the minimum values spelled as `(-MAX - 1)`. Source
// locations in comments come from traces, which are untrusted text, so only a safe character set
// survives into the generated file.

import DRCIR
import DRCPlan

/// Spelling rules of generated OpenCL C.
public enum CLSyntax {
  /// The element type of a value of `dtype` in generated code (bool is `uchar` holding 0 or 1).
  public static func scalarType(_ dtype: DType) -> String { LaunchGeometry.clType(dtype) }

  /// The type of `width` lanes of `dtype` (`float8`; the scalar type when width is 1).
  public static func type(_ dtype: DType, width: Int) -> String {
    width == 1 ? scalarType(dtype) : scalarType(dtype) + String(width)
  }

  /// The signed integer type with the element size of `dtype`: what vector comparisons yield.
  public static func maskType(_ dtype: DType) -> String {
    switch dtype {
    case .bool: return "char"
    case .int32, .float32: return "int"
    case .int64, .float64: return "long"
    }
  }

  /// The unsigned integer type of an integer dtype (for wrapping arithmetic).
  public static func unsignedType(_ dtype: DType) -> String {
    dtype == .int64 ? "ulong" : "uint"
  }

  /// The exact literal of `value` as a `dtype` constant, parenthesised when it has a sign.
  public static func literal(_ value: Scalar, _ dtype: DType) -> String {
    switch value.converted(to: dtype) {
    case .bool(let b): return b ? "(uchar)1" : "(uchar)0"
    case .int(let i):
      if dtype == .int64 {
        if i == Int64.min { return "(-9223372036854775807L - 1L)" }
        return i < 0 ? "(\(i)L)" : "\(i)L"
      }
      if i == Int64(Int32.min) { return "(-2147483647 - 1)" }
      return i < 0 ? "(\(i))" : "\(i)"
    case .float(let d):
      let isDouble = dtype == .float64
      if d.isNaN { return isDouble ? "(double)NAN" : "NAN" }
      if d.isInfinite {
        let text = isDouble ? "(double)INFINITY" : "INFINITY"
        return d < 0 ? "(-\(text))" : text
      }
      let text = Scalar.hexFloat(d) + (isDouble ? "" : "f")
      return d.sign == .minus ? "(\(text))" : text
    }
  }

  /// `s0` ... `sf`: the component suffix of lane `lane`.
  public static func lane(_ lane: Int) -> String { "s" + String(lane, radix: 16) }

  /// `text` with every character outside `[A-Za-z0-9_./:-]` removed, at most 160 characters,
  /// so that untrusted text cannot end a comment or start a new line.
  public static func commentSafe(_ text: String) -> String {
    let kept = text.unicodeScalars.filter { c in
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
        || "_./:-".unicodeScalars.contains(c)
    }
    return String(String(String.UnicodeScalarView(kept)).prefix(160))
  }

  /// A C identifier made from `text` (anything else becomes `_`; never starts with a digit).
  public static func identifier(_ text: String) -> String {
    let mapped = text.unicodeScalars.map { c -> Character in
      let ok =
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_"
      return ok ? Character(c) : "_"
    }
    let s = String(mapped)
    if s.isEmpty { return "_" }
    return s.first?.isNumber == true ? "_" + s : s
  }
}
