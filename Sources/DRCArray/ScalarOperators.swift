// Operators between arrays and Swift scalars that the core operator set leaves out.
//
// NumPy programs compare arrays with literals (`x == 0.0`, `x != 0`, `1.5 < x`) and update
// integer arrays in place with integer literals (`k += 1`). Each scalar is typed by NumPy 2's
// weak-scalar rule against the array operand (`weak(_:site:)`): an `Int` against an int32 array
// stays int32, a `Double` against a float32 array stays float32, a `Double` against an integer
// array is float64. The source line comes from the call stack, as for every operator.

import DRCIR

// Comparisons with a scalar on the right, where Elementwise.swift has none.
extension NDArray {
  public static func == (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try binary(.eq, a, a.weak(b, site: nil), site: nil)
  }
  public static func != (a: NDArray, b: Double) throws(ArrayError) -> NDArray {
    try binary(.ne, a, a.weak(b, site: nil), site: nil)
  }
  public static func == (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.eq, a, a.weak(b, site: nil), site: nil)
  }
  public static func != (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.ne, a, a.weak(b, site: nil), site: nil)
  }
  public static func < (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.lt, a, a.weak(b, site: nil), site: nil)
  }
  public static func <= (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.le, a, a.weak(b, site: nil), site: nil)
  }
  public static func > (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.gt, a, a.weak(b, site: nil), site: nil)
  }
  public static func >= (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.ge, a, a.weak(b, site: nil), site: nil)
  }
}

// Comparisons with a scalar on the left.
extension NDArray {
  public static func == (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.eq, b.weak(a, site: nil), b, site: nil)
  }
  public static func != (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.ne, b.weak(a, site: nil), b, site: nil)
  }
  public static func < (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.lt, b.weak(a, site: nil), b, site: nil)
  }
  public static func <= (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.le, b.weak(a, site: nil), b, site: nil)
  }
  public static func > (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.gt, b.weak(a, site: nil), b, site: nil)
  }
  public static func >= (a: Double, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.ge, b.weak(a, site: nil), b, site: nil)
  }
  public static func == (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.eq, b.weak(a, site: nil), b, site: nil)
  }
  public static func != (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.ne, b.weak(a, site: nil), b, site: nil)
  }
  public static func < (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.lt, b.weak(a, site: nil), b, site: nil)
  }
  public static func <= (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.le, b.weak(a, site: nil), b, site: nil)
  }
  public static func > (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.gt, b.weak(a, site: nil), b, site: nil)
  }
  public static func >= (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.ge, b.weak(a, site: nil), b, site: nil)
  }
  public static func ** (a: Int, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.pow, b.weak(a, site: nil), b, site: nil)
  }
}

// In-place updates with an integer scalar: `k += 1` keeps an int32 array int32.
extension NDArray {
  public static func += (a: inout NDArray, b: Int) throws(ArrayError) {
    try a.compound(.add, try a.weak(b, site: nil), site: nil)
  }
  public static func -= (a: inout NDArray, b: Int) throws(ArrayError) {
    try a.compound(.sub, try a.weak(b, site: nil), site: nil)
  }
  public static func *= (a: inout NDArray, b: Int) throws(ArrayError) {
    try a.compound(.mul, try a.weak(b, site: nil), site: nil)
  }
  public static func /= (a: inout NDArray, b: Int) throws(ArrayError) {
    try a.compound(.div, try a.weak(b, site: nil), site: nil)
  }
}

/// `cond ? a : b` with a scalar first branch typed against `b` (NumPy's `where(c, 1.0, x)`).
public func select(
  _ cond: NDArray, _ a: Double, _ b: NDArray, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try select(cond, try b.weak(a, site: .source(file, line)), b, file: file, line: line)
}

/// `cond ? a : b` with an integer scalar first branch typed against `b` (`where(c, k, arange(k))`).
public func select(
  _ cond: NDArray, _ a: Int, _ b: NDArray, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try select(cond, try b.weak(a, site: .source(file, line)), b, file: file, line: line)
}

/// `cond ? a : b` with an integer scalar second branch typed against `a`.
public func select(
  _ cond: NDArray, _ a: NDArray, _ b: Int, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try select(cond, a, try a.weak(b, site: .source(file, line)), file: file, line: line)
}

/// `cond ? a : b` with two float scalars: float64, as NumPy's `where(c, 1.0, 0.0)`.
public func select(
  _ cond: NDArray, _ a: Double, _ b: Double, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let x = try NDArray.apply(.full(.float(a)), [], dtype: .float64, shape: [], site: site)
  let y = try NDArray.apply(.full(.float(b)), [], dtype: .float64, shape: [], site: site)
  return try select(cond, x, y, file: file, line: line)
}

/// `cond ? a : b` with two integer scalars: int64, as NumPy's `where(c, 1, 0)`.
public func select(
  _ cond: NDArray, _ a: Int, _ b: Int, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let x = try NDArray.apply(.full(.int(Int64(a))), [], dtype: .int64, shape: [], site: site)
  let y = try NDArray.apply(.full(.int(Int64(b))), [], dtype: .int64, shape: [], site: site)
  return try select(cond, x, y, file: file, line: line)
}
