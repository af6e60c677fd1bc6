// Element types and NumPy's type-promotion rules.
//
// drc supports five dtypes. Promotion follows NumPy 2 for array operands: bool < int32 < int64
// and float32 < float64, with any integer meeting float32 giving float64 (float32 cannot hold
// every int32). Python-style "weak" scalar literals are resolved by the array library before a
// node is recorded, so at trace level every operand has a definite dtype. See docs/numerics.md.

/// An element type.
public enum DType: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
  case bool, int32, int64, float32, float64

  /// Bytes per element (bool is stored as one byte).
  public var size: Int {
    switch self {
    case .bool: return 1
    case .int32, .float32: return 4
    case .int64, .float64: return 8
    }
  }

  /// Whether the dtype is float32 or float64.
  public var isFloat: Bool { self == .float32 || self == .float64 }
  /// Whether the dtype is int32 or int64.
  public var isInteger: Bool { self == .int32 || self == .int64 }
  /// Whether the dtype is numeric (not bool).
  public var isNumeric: Bool { self != .bool }

  /// The dtype's name as written in traces.
  public var description: String { rawValue }

  /// The NumPy result dtype of combining array operands of dtypes `a` and `b`.
  public static func promote(_ a: DType, _ b: DType) -> DType {
    if a == b { return a }
    if a == .bool { return b }
    if b == .bool { return a }
    if a.isFloat && b.isFloat { return .float64 }
    if a.isInteger && b.isInteger { return .int64 }
    // One integer, one float: float32 holds neither int32 nor int64 exactly.
    return .float64
  }

  /// Promotes a non-empty list of dtypes.
  public static func promote(_ dtypes: [DType]) -> DType? {
    guard var result = dtypes.first else { return nil }
    for d in dtypes.dropFirst() { result = promote(result, d) }
    return result
  }

  /// The dtype a floating-point math function computes in: floats keep theirs, others float64.
  public var floatResult: DType { isFloat ? self : .float64 }
}
