// Free functions for every elementwise op of trace v1, NumPy-named, with the caller's line, and
// NumPy's list form of `select` (a chain of `where`s from the last condition to the first).

import DRCIR

/// Square root.
public func sqrt(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.sqrt, x, site: .source(file, line)) }
/// Natural exponential.
public func exp(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.exp, x, site: .source(file, line)) }
/// Natural logarithm.
public func log(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.log, x, site: .source(file, line)) }
/// Sine.
public func sin(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.sin, x, site: .source(file, line)) }
/// Cosine.
public func cos(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.cos, x, site: .source(file, line)) }
/// Tangent.
public func tan(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.tan, x, site: .source(file, line)) }
/// Hyperbolic tangent.
public func tanh(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.tanh, x, site: .source(file, line)) }
/// The error function.
public func erf(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.erf, x, site: .source(file, line)) }
/// Absolute value.
public func abs(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.abs, x, site: .source(file, line)) }
/// Round toward negative infinity.
public func floor(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.floor, x, site: .source(file, line)) }
/// Round toward positive infinity.
public func ceil(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.ceil, x, site: .source(file, line)) }
/// Logical negation (`x == 0`).
public func logicalNot(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{ try NDArray.unary(.logicalNot, x, site: .source(file, line)) }

/// Elementwise power.
public func pow(_ x: NDArray, _ y: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.pow, x, y, site: .source(file, line)) }
/// Elementwise power with a scalar exponent.
public func pow(_ x: NDArray, _ y: Double, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.pow, x, x.weak(y, site: .source(file, line)), site: .source(file, line)) }
/// Elementwise maximum (NaN propagates).
public func maximum(_ x: NDArray, _ y: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.maximum, x, y, site: .source(file, line)) }
/// Elementwise maximum with a scalar.
public func maximum(_ x: NDArray, _ y: Double, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.maximum, x, x.weak(y, site: .source(file, line)), site: .source(file, line)) }
/// Elementwise maximum with an integer scalar (weak: an int array keeps its dtype).
public func maximum(_ x: NDArray, _ y: Int, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.maximum, x, x.weak(y, site: .source(file, line)), site: .source(file, line)) }
/// Elementwise minimum (NaN propagates).
public func minimum(_ x: NDArray, _ y: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.minimum, x, y, site: .source(file, line)) }
/// Elementwise minimum with a scalar.
public func minimum(_ x: NDArray, _ y: Double, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.minimum, x, x.weak(y, site: .source(file, line)), site: .source(file, line)) }
/// Elementwise minimum with an integer scalar (weak: an int array keeps its dtype).
public func minimum(_ x: NDArray, _ y: Int, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.minimum, x, x.weak(y, site: .source(file, line)), site: .source(file, line)) }
/// Elementwise `atan2(y, x)`.
public func atan2(_ y: NDArray, _ x: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.atan2, y, x, site: .source(file, line)) }
/// Elementwise logical and.
public func logicalAnd(_ x: NDArray, _ y: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.logicalAnd, x, y, site: .source(file, line)) }
/// Elementwise logical or.
public func logicalOr(_ x: NDArray, _ y: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.logicalOr, x, y, site: .source(file, line)) }

/// Elementwise logical exclusive or (NumPy's `logical_xor`): operands other than bool count as
/// true where non-zero (NaN is true).
public func logicalXor(_ x: NDArray, _ y: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  func truth(_ a: NDArray) throws(ArrayError) -> NDArray {
    a.dtype == .bool ? a : try NDArray.binary(.ne, a, try a.weak(0, site: site), site: site)
  }
  return try NDArray.binary(.ne, try truth(x), try truth(y), site: site)
}

/// `cond ? a : b` elementwise with broadcasting (NumPy's `where`).
public func select(
  _ cond: NDArray, _ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let shape = ShapeRules.broadcast([cond.shape, a.shape, b.shape]) ?? []
  return try NDArray.apply(
    .select, [cond, a, b], dtype: .bool, shape: shape, site: .source(file, line))
}

/// `cond ? a : b` with scalar branches typed against each other's array.
public func select(
  _ cond: NDArray, _ a: NDArray, _ b: Double, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try select(cond, a, try a.weak(b, site: .source(file, line)), file: file, line: line)
}

extension NDArray {
  /// The array converted to `dtype` (float to int truncates and saturates; NaN gives 0).
  public func astype(_ dtype: DType, file: String = #filePath, line: Int = #line) throws(ArrayError)
    -> NDArray
  {
    try NDArray.apply(.cast, [self], dtype: dtype, shape: shape, site: .source(file, line))
  }
}

/// NumPy's `select(condlist, choicelist, default)`: from the first condition that holds, its
/// choice; `value` where none does. Choices are promoted together; `value` is a weak scalar
/// (an integral value is a Python int, as `default=0`).
public func select(
  _ conditions: [NDArray], _ choices: [NDArray], default value: Double = 0,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "select", message, location: Session.shared.location(site, force: true))
  }
  guard conditions.count == choices.count else {
    throw fail("list of cases must be same length as list of conditions")
  }
  guard let firstChoice = choices.first else {
    throw fail("select with an empty condition list is not possible")
  }
  if let k = conditions.firstIndex(where: { $0.dtype != .bool }) {
    throw fail("invalid entry \(k) in condlist: should be boolean ndarray")
  }
  var dtype = choices.dropFirst().reduce(firstChoice.dtype) { DType.promote($0, $1.dtype) }
  let integral = value.rounded() == value && Swift.abs(value) < 0x1p63
  if dtype == .bool { dtype = integral ? .int64 : .float64 }
  if !dtype.isFloat && !integral { dtype = .float64 }
  guard let shape = ShapeRules.broadcast((conditions + choices).map(\.shape)) else {
    throw fail("shape mismatch: objects cannot be broadcast to a single shape")
  }
  let fill: Scalar = integral && !dtype.isFloat ? .int(Int64(value)) : .float(value)
  var result = try NDArray.apply(
    .full(fill.converted(to: dtype)), [], dtype: dtype, shape: shape, site: site)
  for (condition, choice) in zip(conditions, choices).reversed() {
    let typed = try choice.converted(to: dtype, site: site)
    result = try select(condition, typed, result, file: file, line: line)
  }
  return result
}
