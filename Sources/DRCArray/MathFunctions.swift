// Free functions for every elementwise op of trace v1, NumPy-named, with the caller's line.

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
/// Elementwise minimum (NaN propagates).
public func minimum(_ x: NDArray, _ y: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.minimum, x, y, site: .source(file, line)) }
/// Elementwise minimum with a scalar.
public func minimum(_ x: NDArray, _ y: Double, file: String = #filePath, line: Int = #line)
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
