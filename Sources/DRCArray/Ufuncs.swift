// NumPy ufuncs with no IR op of their own, each built exactly from existing elementwise ops.
//
// `sign`, `isnan`, `isinf`, `isfinite`, `square`, `reciprocal`, `trunc`, `clip` and `hypot` are
// recorded as the compares, selects and arithmetic they are made of, so the optimiser fuses them
// like any other elementwise chain. Each matches NumPy bit for bit except `hypot`, whose accuracy
// is stated on the function. `constant` and `choose` are the building blocks other files share.

import DRCIR

extension NDArray {
  /// A 0-d array holding `value` converted to `dtype`.
  static func constant(_ value: Scalar, _ dtype: DType, site: CallSite?) throws(ArrayError)
    -> NDArray
  {
    try apply(.full(value.converted(to: dtype)), [], dtype: dtype, shape: [], site: site)
  }

  /// `cond ? a : b` with broadcasting (the `where` op).
  static func choose(_ cond: NDArray, _ a: NDArray, _ b: NDArray, site: CallSite?)
    throws(ArrayError) -> NDArray
  {
    let shape = ShapeRules.broadcast([cond.shape, a.shape, b.shape]) ?? []
    return try apply(.select, [cond, a, b], dtype: .bool, shape: shape, site: site)
  }

  /// A bool array of this shape, every element `value`.
  func constantMask(_ value: Bool, site: CallSite?) throws(ArrayError) -> NDArray {
    try NDArray.apply(.full(.bool(value)), [], dtype: .bool, shape: shape, site: site)
  }

  /// The call site for operators: resolved once from the stack when recording, else found only
  /// for an error.
  static var operatorSite: CallSite? {
    Session.shared.isRecording ? .resolved(Session.shared.location(nil)) : nil
  }

  /// Throws unless the array is numeric.
  func requireNumeric(_ op: String, site: CallSite) throws(ArrayError) {
    guard dtype != .bool else {
      throw ArrayError(
        op: op, "does not take bool (NumPy does not either); cast with astype first",
        location: Session.shared.location(site, force: true))
    }
  }
}

/// -1, 0 or 1 by the sign of each element; NaN stays NaN and -0.0 gives 0.0, as NumPy's `sign`.
public func sign(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{
  let site = CallSite.source(file, line)
  try x.requireNumeric("sign", site: site)
  let zero = try NDArray.constant(.int(0), x.dtype, site: site)
  let one = try NDArray.constant(.int(1), x.dtype, site: site)
  let minusOne = try NDArray.constant(.int(-1), x.dtype, site: site)
  let isZero = try NDArray.binary(.eq, x, zero, site: site)
  let rest = try NDArray.choose(isZero, zero, x, site: site)  // NaN stays NaN
  let negative = try NDArray.choose(
    try NDArray.binary(.lt, x, zero, site: site), minusOne, rest, site: site)
  return try NDArray.choose(try NDArray.binary(.gt, x, zero, site: site), one, negative, site: site)
}

/// Whether each element is NaN (`x != x`); always false for bool and integer arrays.
public func isnan(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{
  let site = CallSite.source(file, line)
  guard x.dtype.isFloat else { return try x.constantMask(false, site: site) }
  return try NDArray.binary(.ne, x, x, site: site)
}

/// Whether each element is +inf or -inf; always false for bool and integer arrays.
public func isinf(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{
  let site = CallSite.source(file, line)
  guard x.dtype.isFloat else { return try x.constantMask(false, site: site) }
  let inf = try NDArray.constant(.float(.infinity), x.dtype, site: site)
  return try NDArray.binary(.eq, try NDArray.unary(.abs, x, site: site), inf, site: site)
}

/// Whether each element is neither infinite nor NaN; always true for bool and integer arrays.
public func isfinite(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{
  let site = CallSite.source(file, line)
  guard x.dtype.isFloat else { return try x.constantMask(true, site: site) }
  let inf = try NDArray.constant(.float(.infinity), x.dtype, site: site)
  return try NDArray.binary(.lt, try NDArray.unary(.abs, x, site: site), inf, site: site)
}

/// `x * x`, as NumPy's `square` (integers wrap). Bool arrays are refused (NumPy gives int8,
/// which drc does not have; `x * x` of bools is their logical and).
public func square(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{
  guard x.dtype != .bool else {
    throw ArrayError(
      op: "square", "of a bool array is int8 in NumPy, which drc does not have; cast with astype",
      location: Session.shared.location(.source(file, line), force: true))
  }
  return try NDArray.binary(.mul, x, x, site: .source(file, line))
}

/// `1 / x` for float arrays, as NumPy's `reciprocal`. Integer arrays are rejected: NumPy's
/// integer `reciprocal` truncates (`reciprocal(2) == 0`), which is rarely meant; write `1.0 / x`.
public func reciprocal(_ x: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  guard x.dtype.isFloat else {
    throw ArrayError(
      op: "reciprocal",
      "takes float arrays only (got \(x.dtype)); for a float result write 1.0 / x",
      location: Session.shared.location(site, force: true))
  }
  return try NDArray.binary(.div, try NDArray.constant(.int(1), x.dtype, site: site), x, site: site)
}

/// Rounds toward zero (`ceil` below 0, `floor` otherwise), as NumPy's `trunc`: exact, keeps -0.0.
public func trunc(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> NDArray
{
  let site = CallSite.source(file, line)
  try x.requireNumeric("trunc", site: site)
  guard x.dtype.isFloat else { return x }
  let negative = try NDArray.binary(
    .lt, x, try NDArray.constant(.int(0), x.dtype, site: site), site: site)
  return try NDArray.choose(
    negative, try NDArray.unary(.ceil, x, site: site), try NDArray.unary(.floor, x, site: site),
    site: site)
}

/// `minimum(maximum(x, lo), hi)`, as NumPy's `clip` (NaN propagates; scalars are weak).
public func clip(
  _ x: NDArray, min lo: Double, max hi: Double, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  return try clip(x, try x.weak(lo, site: site), try x.weak(hi, site: site), site: site)
}

/// `clip` with integer bounds (weak scalars: an int array keeps its dtype, as in NumPy).
public func clip(
  _ x: NDArray, min lo: Int, max hi: Int, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  return try clip(x, try x.weak(lo, site: site), try x.weak(hi, site: site), site: site)
}

/// `minimum(maximum(x, low), high)` at `site`.
private func clip(_ x: NDArray, _ low: NDArray, _ high: NDArray, site: CallSite)
  throws(ArrayError) -> NDArray
{
  try NDArray.binary(.minimum, try NDArray.binary(.maximum, x, low, site: site), high, site: site)
}

/// `clip` with array bounds (broadcast against `x`).
public func clip(
  _ x: NDArray, min lo: NDArray, max hi: NDArray, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try clip(x, lo, hi, site: .source(file, line))
}

extension NDArray {
  /// `x.clip(lo, hi)` with the bounds unlabelled, as NumPy writes it.
  public func clip(_ lo: Double, _ hi: Double, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try clip(min: lo, max: hi, file: file, line: line)
  }
  /// `x.clip(lo, hi)` with integer bounds unlabelled (an integer array keeps its dtype).
  public func clip(_ lo: Int, _ hi: Int, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try clip(min: lo, max: hi, file: file, line: line)
  }

  /// `clip(self, min:max:)`.
  public func clip(min lo: Double, max hi: Double, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try DRCArray.clip(self, min: lo, max: hi, file: file, line: line)
  }

  /// `clip(self, min:max:)` with integer bounds.
  public func clip(min lo: Int, max hi: Int, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try DRCArray.clip(self, min: lo, max: hi, file: file, line: line)
  }

  /// A copy of the array (NumPy's `x.copy()`): a new array that later writes to either do not
  /// reach the other.
  public func copy(file: String = #filePath, line: Int = #line) throws(ArrayError) -> NDArray {
    try astype(dtype, file: file, line: line)
  }
}
