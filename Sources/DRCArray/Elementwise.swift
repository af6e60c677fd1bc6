// Elementwise operations: operators with NumPy broadcasting and promotion, and math functions.
//
// Swift scalars mixed with arrays follow NumPy 2's "weak scalar" rule: a float literal takes a
// float array's dtype (float64 for integer arrays), an integer literal takes the array's dtype.
// Operators cannot take `#line`, so their source line comes from the call stack when recording.

import DRCIR

precedencegroup PowerPrecedence {
  higherThan: MultiplicationPrecedence
  associativity: right
}
/// Elementwise power, as NumPy's `**`.
infix operator ** : PowerPrecedence

extension NDArray {
  /// A scalar operand typed by NumPy's weak-scalar rule against `self`.
  func weak(_ value: Double, site: CallSite?) throws(ArrayError) -> NDArray {
    let dtype: DType = dtype.isFloat ? dtype : .float64
    return try NDArray.apply(
      .full(Scalar.float(value).converted(to: dtype)), [], dtype: dtype, shape: [], site: site)
  }

  /// An integer scalar operand typed by NumPy's weak-scalar rule against `self`.
  func weak(_ value: Int, site: CallSite?) throws(ArrayError) -> NDArray {
    let dtype: DType = dtype == .bool ? .int64 : dtype
    if dtype == .int32, Int32(exactly: value) == nil {
      // NumPy 2: "OverflowError: Python integer ... out of bounds for int32", not a wrap.
      throw ArrayError(
        op: "scalar", "Python integer \(value) out of bounds for int32",
        location: Session.shared.location(site, force: true))
    }
    let scalar: Scalar = dtype.isFloat ? .float(Double(value)) : .int(Int64(value))
    return try NDArray.apply(
      .full(scalar.converted(to: dtype)), [], dtype: dtype, shape: [], site: site)
  }

  /// Applies a binary op with broadcasting; the result type comes from the IR's rules.
  static func binary(_ op: BinaryOp, _ a: NDArray, _ b: NDArray, site: CallSite?) throws(ArrayError)
    -> NDArray
  {
    let (op, a, b) = try promotingBools(op, a, b, site: site)
    let shape = ShapeRules.broadcast(a.shape, b.shape) ?? []
    return try apply(.binary(op), [a, b], dtype: .bool, shape: shape, site: site)
  }

  /// Applies a unary op.
  static func unary(_ op: UnaryOp, _ a: NDArray, site: CallSite?) throws(ArrayError) -> NDArray {
    try apply(.unary(op), [a], dtype: a.dtype, shape: a.shape, site: site)
  }
}

// Operators: array with array, and array with Swift scalars on either side.
extension NDArray {
  public static func + (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.add, a, b, site: nil)
  }
  public static func - (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.sub, a, b, site: nil)
  }
  public static func * (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.mul, a, b, site: nil)
  }
  public static func / (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.div, a, b, site: nil)
  }
  public static func ** (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.pow, a, b, site: nil)
  }
  public static func < (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.lt, a, b, site: nil)
  }
  public static func <= (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.le, a, b, site: nil)
  }
  public static func > (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.gt, a, b, site: nil)
  }
  public static func >= (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.ge, a, b, site: nil)
  }
  public static func == (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.eq, a, b, site: nil)
  }
  public static func != (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.ne, a, b, site: nil)
  }
  public static prefix func - (a: NDArray) throws(ArrayError) -> NDArray {
    try unary(.neg, a, site: nil)
  }
  public static prefix func ! (a: NDArray) throws(ArrayError) -> NDArray {
    try unary(.logicalNot, a, site: nil)
  }

  public static func + (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try binary(.add, a, a.weak(b, site: nil), site: nil)
  }
  public static func - (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try binary(.sub, a, a.weak(b, site: nil), site: nil)
  }
  public static func * (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try binary(.mul, a, a.weak(b, site: nil), site: nil)
  }
  public static func / (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try binary(.div, a, a.weak(b, site: nil), site: nil)
  }
  public static func ** (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try binary(.pow, a, a.weak(b, site: nil), site: nil)
  }
  public static func < (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try binary(.lt, a, a.weak(b, site: nil), site: nil)
  }
  public static func <= (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try binary(.le, a, a.weak(b, site: nil), site: nil)
  }
  public static func > (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try binary(.gt, a, a.weak(b, site: nil), site: nil)
  }
  public static func >= (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try binary(.ge, a, a.weak(b, site: nil), site: nil)
  }
  public static func + (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.add, b.weak(a, site: nil), b, site: nil)
  }
  public static func - (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.sub, b.weak(a, site: nil), b, site: nil)
  }
  public static func * (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.mul, b.weak(a, site: nil), b, site: nil)
  }
  public static func / (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.div, b.weak(a, site: nil), b, site: nil)
  }
  public static func ** (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.pow, b.weak(a, site: nil), b, site: nil)
  }

  public static func + (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.add, a, a.weak(b, site: nil), site: nil)
  }
  public static func - (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.sub, a, a.weak(b, site: nil), site: nil)
  }
  public static func * (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.mul, a, a.weak(b, site: nil), site: nil)
  }
  public static func / (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.div, a, a.weak(b, site: nil), site: nil)
  }
  public static func ** (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    // NumPy raises for an integer array to a negative integer power (the truncated result is
    // almost always 0, a silent wrong answer); a float array or exponent is what was meant.
    if b < 0 && (a.dtype.isInteger || a.dtype == .bool) {
      throw ArrayError(
        op: "pow",
        "integers to negative integer powers are not allowed (\(a.dtype) ** \(b), NumPy's"
          + " ValueError): use a float array (astype(.float64)) or a Double exponent",
        location: Session.shared.location(nil, force: true))
    }
    return try binary(.pow, a, a.weak(b, site: nil), site: nil)
  }
  public static func + (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.add, b.weak(a, site: nil), b, site: nil)
  }
  public static func - (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.sub, b.weak(a, site: nil), b, site: nil)
  }
  public static func * (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.mul, b.weak(a, site: nil), b, site: nil)
  }
  public static func / (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.div, b.weak(a, site: nil), b, site: nil)
  }
}
