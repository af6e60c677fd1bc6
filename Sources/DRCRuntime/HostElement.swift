// The five element types as Swift types, with the conversions of the `cast` op.
//
// Every kernel of the reference interpreter is written once, generically over `HostElement`
// (all dtypes), `IntElement` (int32, int64) or `FloatElement` (float32, float64), and is
// specialised by the compiler for each concrete type so inner loops stay tight. Conversions
// between element types follow docs/ops.md exactly: float to int truncates toward zero,
// saturates and maps NaN to 0; anything to bool is `x != 0`; int64 to float32 rounds once.

import DRCIR

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The typed storage of a host array: one Swift array per dtype.
public enum ElementBuffer: Sendable {
  case bool([Bool])
  case int32([Int32])
  case int64([Int64])
  case float32([Float])
  case float64([Double])

  /// The dtype of the stored elements.
  public var dtype: DType {
    switch self {
    case .bool: return .bool
    case .int32: return .int32
    case .int64: return .int64
    case .float32: return .float32
    case .float64: return .float64
    }
  }

  /// The number of stored elements.
  public var count: Int {
    switch self {
    case .bool(let a): return a.count
    case .int32(let a): return a.count
    case .int64(let a): return a.count
    case .float32(let a): return a.count
    case .float64(let a): return a.count
    }
  }
}

/// A Swift type that stores one drc dtype.
public protocol HostElement: Sendable, Equatable {
  /// Ordering used by comparisons and min/max: numeric order, false < true.
  func isLess(than other: Self) -> Bool
  /// The dtype this type stores.
  static var dtype: DType { get }
  /// Wraps typed values as storage.
  static func wrap(_ values: [Self]) -> ElementBuffer
  /// The typed values of `buffer`, or nil when it holds another type.
  static func unwrap(_ buffer: ElementBuffer) -> [Self]?
  /// Converts a bool with `cast` semantics.
  init(castingBool value: Bool)
  /// Converts an integer with `cast` semantics.
  init(castingInt64 value: Int64)
  /// Converts a float with `cast` semantics (a float32 source is widened exactly first).
  init(castingDouble value: Double)
  /// The value as a `Scalar`.
  var scalar: Scalar { get }
  /// Truth value: `x != 0` (NaN is true).
  var truth: Bool { get }
  /// The value as a double (int64 may round).
  var double: Double { get }
  /// The value as an int64 (bool and ints exact; floats with saturation).
  var int64: Int64 { get }
  /// Whether the value is NaN (always false for bool and integers).
  var isNaNValue: Bool { get }
}

/// A signed integer element type (int32 or int64).
public protocol IntElement: HostElement, FixedWidthInteger, SignedInteger {}

/// A floating-point element type (float32 or float64) with its C math library.
public protocol FloatElement: HostElement, BinaryFloatingPoint {
  /// Applies a unary float function computed in this precision.
  static func math(_ op: UnaryOp, _ x: Self) -> Self
  /// C `pow` in this precision.
  static func cPow(_ x: Self, _ y: Self) -> Self
  /// C `atan2` in this precision.
  static func cAtan2(_ y: Self, _ x: Self) -> Self
  /// C `copysign`: the magnitude of `x` with the sign bit of `y`.
  static func cCopysign(_ x: Self, _ y: Self) -> Self
}

extension Bool: HostElement {
  public func isLess(than other: Bool) -> Bool { !self && other }
  public static var dtype: DType { .bool }
  public static func wrap(_ values: [Bool]) -> ElementBuffer { .bool(values) }
  public static func unwrap(_ buffer: ElementBuffer) -> [Bool]? {
    if case .bool(let a) = buffer { return a }
    return nil
  }
  public init(castingBool value: Bool) { self = value }
  public init(castingInt64 value: Int64) { self = value != 0 }
  public init(castingDouble value: Double) { self = value != 0 }
  public var scalar: Scalar { .bool(self) }
  public var truth: Bool { self }
  public var double: Double { self ? 1 : 0 }
  public var int64: Int64 { self ? 1 : 0 }
  public var isNaNValue: Bool { false }
}

extension Int32: IntElement {
  public func isLess(than other: Int32) -> Bool { self < other }
  public static var dtype: DType { .int32 }
  public static func wrap(_ values: [Int32]) -> ElementBuffer { .int32(values) }
  public static func unwrap(_ buffer: ElementBuffer) -> [Int32]? {
    if case .int32(let a) = buffer { return a }
    return nil
  }
  public init(castingBool value: Bool) { self = value ? 1 : 0 }
  public init(castingInt64 value: Int64) { self = Int32(truncatingIfNeeded: value) }
  public init(castingDouble value: Double) { self = Scalar.saturatingInt32(value) }
  public var scalar: Scalar { .int(Int64(self)) }
  public var truth: Bool { self != 0 }
  public var double: Double { Double(self) }
  public var int64: Int64 { Int64(self) }
  public var isNaNValue: Bool { false }
}

extension Int64: IntElement {
  public func isLess(than other: Int64) -> Bool { self < other }
  public static var dtype: DType { .int64 }
  public static func wrap(_ values: [Int64]) -> ElementBuffer { .int64(values) }
  public static func unwrap(_ buffer: ElementBuffer) -> [Int64]? {
    if case .int64(let a) = buffer { return a }
    return nil
  }
  public init(castingBool value: Bool) { self = value ? 1 : 0 }
  public init(castingInt64 value: Int64) { self = value }
  public init(castingDouble value: Double) { self = Scalar.saturatingInt64(value) }
  public var scalar: Scalar { .int(self) }
  public var truth: Bool { self != 0 }
  public var double: Double { Double(self) }
  public var int64: Int64 { self }
  public var isNaNValue: Bool { false }
}

extension Float: FloatElement {
  public func isLess(than other: Float) -> Bool { self < other }
  public static var dtype: DType { .float32 }
  public static func wrap(_ values: [Float]) -> ElementBuffer { .float32(values) }
  public static func unwrap(_ buffer: ElementBuffer) -> [Float]? {
    if case .float32(let a) = buffer { return a }
    return nil
  }
  public init(castingBool value: Bool) { self = value ? 1 : 0 }
  public init(castingInt64 value: Int64) { self = Float(value) }
  public init(castingDouble value: Double) { self = Float(value) }
  public var scalar: Scalar { .float(Double(self)) }
  public var truth: Bool { self != 0 }
  public var double: Double { Double(self) }
  public var int64: Int64 { Scalar.saturatingInt64(Double(self)) }
  public var isNaNValue: Bool { isNaN }
  public static func math(_ op: UnaryOp, _ x: Float) -> Float {
    switch op {
    case .sqrt: return sqrtf(x)
    case .exp: return expf(x)
    case .log: return logf(x)
    case .sin: return sinf(x)
    case .cos: return cosf(x)
    case .tan: return tanf(x)
    case .tanh: return tanhf(x)
    case .erf: return erff(x)
    case .floor: return floorf(x)
    case .ceil: return ceilf(x)
    case .neg: return -x
    case .abs: return Swift.abs(x)
    case .logicalNot: return x == 0 ? 1 : 0
    case .invert: return .nan  // no float form (refused by the type rules)
    case .rint: return rintf(x)
    case .expm1: return expm1f(x)
    case .log1p: return log1pf(x)
    case .log2: return log2f(x)
    case .log10: return log10f(x)
    case .asin: return asinf(x)
    case .acos: return acosf(x)
    case .atan: return atanf(x)
    case .sinh: return sinhf(x)
    case .cosh: return coshf(x)
    case .asinh: return asinhf(x)
    case .acosh: return acoshf(x)
    case .atanh: return atanhf(x)
    case .cbrt: return cbrtf(x)
    case .exp2: return exp2f(x)
    }
  }
  public static func cPow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
  public static func cAtan2(_ y: Float, _ x: Float) -> Float { atan2f(y, x) }
  public static func cCopysign(_ x: Float, _ y: Float) -> Float { copysignf(x, y) }
}

extension Double: FloatElement {
  public func isLess(than other: Double) -> Bool { self < other }
  public static var dtype: DType { .float64 }
  public static func wrap(_ values: [Double]) -> ElementBuffer { .float64(values) }
  public static func unwrap(_ buffer: ElementBuffer) -> [Double]? {
    if case .float64(let a) = buffer { return a }
    return nil
  }
  public init(castingBool value: Bool) { self = value ? 1 : 0 }
  public init(castingInt64 value: Int64) { self = Double(value) }
  public init(castingDouble value: Double) { self = value }
  public var scalar: Scalar { .float(self) }
  public var truth: Bool { self != 0 }
  public var double: Double { self }
  public var int64: Int64 { Scalar.saturatingInt64(self) }
  public var isNaNValue: Bool { isNaN }
  public static func math(_ op: UnaryOp, _ x: Double) -> Double {
    switch op {
    case .sqrt: return sqrt(x)
    case .exp: return exp(x)
    case .log: return log(x)
    case .sin: return sin(x)
    case .cos: return cos(x)
    case .tan: return tan(x)
    case .tanh: return tanh(x)
    case .erf: return erf(x)
    case .floor: return floor(x)
    case .ceil: return ceil(x)
    case .neg: return -x
    case .abs: return Swift.abs(x)
    case .logicalNot: return x == 0 ? 1 : 0
    case .invert: return .nan  // no float form (refused by the type rules)
    case .rint: return rint(x)
    case .expm1: return expm1(x)
    case .log1p: return log1p(x)
    case .log2: return log2(x)
    case .log10: return log10(x)
    case .asin: return asin(x)
    case .acos: return acos(x)
    case .atan: return atan(x)
    case .sinh: return sinh(x)
    case .cosh: return cosh(x)
    case .asinh: return asinh(x)
    case .acosh: return acosh(x)
    case .atanh: return atanh(x)
    case .cbrt: return cbrt(x)
    case .exp2: return exp2(x)
    }
  }
  public static func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
  public static func cAtan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
  public static func cCopysign(_ x: Double, _ y: Double) -> Double { copysign(x, y) }
}

/// Converts `values` element by element with `cast` semantics; free when the types agree.
/// The conversions a host read makes most (to `Double`, and `Double` to `Float`) run as
/// concrete loops: the generic path costs two witness calls per element (about 10 ms per
/// million elements when not specialised across modules).
func convertElements<S: HostElement, T: HostElement>(_ values: [S], to: T.Type) -> [T] {
  if S.self == T.self { return unsafeBitCast(values, to: [T].self) }
  if T.self == Double.self {
    if S.self == Float.self {
      return unsafeBitCast(unsafeBitCast(values, to: [Float].self).map(Double.init), to: [T].self)
    }
    if S.self == Int32.self {
      return unsafeBitCast(unsafeBitCast(values, to: [Int32].self).map(Double.init), to: [T].self)
    }
    if S.self == Int64.self {
      return unsafeBitCast(unsafeBitCast(values, to: [Int64].self).map { Double($0) }, to: [T].self)
    }
  }
  if T.self == Float.self, S.self == Double.self {
    return unsafeBitCast(unsafeBitCast(values, to: [Double].self).map { Float($0) }, to: [T].self)
  }
  switch S.dtype {
  case .bool: return values.map { T(castingBool: $0.truth) }
  case .int32, .int64: return values.map { T(castingInt64: $0.int64) }
  case .float32, .float64: return values.map { T(castingDouble: $0.double) }
  }
}

/// Converts one scalar to element type `T` with `cast` semantics.
func element<T: HostElement>(_ s: Scalar, as: T.Type) -> T {
  switch s {
  case .bool(let b): return T(castingBool: b)
  case .int(let i): return T(castingInt64: i)
  case .float(let d): return T(castingDouble: d)
  }
}
