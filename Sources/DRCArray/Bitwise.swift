// NumPy's bitwise operators and functions: `&`, `|`, `^`, `~`, `<<`, `>>`, `bitwise_and`, ...
//
// On two bool arrays `&`, `|` and `^` are the logical connectives (and, or, not-equal), recorded
// as the trace format 1.0 ops they always were; on integers (or a bool with an integer, which
// promotes) they are the bitwise ops of trace format 1.3, with NumPy's promotion (int32 with
// int64 gives int64). `~` is `logical_not` on bools and `invert` on integers. Shifts take
// integers only and follow NumPy where C leaves it undefined: a count outside `0..<bits` shifts
// everything out (0, or -1 for a negative value shifted right). Floats are refused, as NumPy
// refuses them. The compound forms (`&=`, `|=`, `^=`, `<<=`, `>>=`) write in place as `+=` does.

import DRCIR

extension NDArray {
  /// `op` on integers; `logical` instead when both operands are bool (when given).
  static func bitwise(
    _ op: BinaryOp, logical: BinaryOp?, _ a: NDArray, _ b: NDArray, site: CallSite?
  ) throws(ArrayError) -> NDArray {
    if let logical, a.dtype == .bool, b.dtype == .bool {
      return try binary(logical, a, b, site: site)
    }
    return try binary(op, a, b, site: site)
  }

  /// `~x`: logical not of bools, bitwise not of integers (NumPy's `invert`).
  static func invert(_ a: NDArray, site: CallSite?) throws(ArrayError) -> NDArray {
    try unary(a.dtype == .bool ? .logicalNot : .invert, a, site: site)
  }

  public static func & (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try bitwise(.bitwiseAnd, logical: .logicalAnd, a, b, site: nil)
  }
  public static func | (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try bitwise(.bitwiseOr, logical: .logicalOr, a, b, site: nil)
  }
  public static func ^ (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try bitwise(.bitwiseXor, logical: .ne, a, b, site: nil)
  }
  public static prefix func ~ (a: NDArray) throws(ArrayError) -> NDArray {
    try invert(a, site: nil)
  }
  public static func << (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.leftShift, a, b, site: nil)
  }
  public static func >> (a: NDArray, b: NDArray) throws(ArrayError) -> NDArray {
    try binary(.rightShift, a, b, site: nil)
  }
  public static func & (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try bitwise(.bitwiseAnd, logical: nil, a, a.weak(b, site: nil), site: nil)
  }
  public static func | (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try bitwise(.bitwiseOr, logical: nil, a, a.weak(b, site: nil), site: nil)
  }
  public static func ^ (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try bitwise(.bitwiseXor, logical: nil, a, a.weak(b, site: nil), site: nil)
  }
  public static func << (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.leftShift, a, a.weak(b, site: nil), site: nil)
  }
  public static func >> (a: NDArray, b: Int) throws(ArrayError) -> NDArray {
    try binary(.rightShift, a, a.weak(b, site: nil), site: nil)
  }

  /// `self op= rhs` for a bitwise op (logical on two bools), written in place as `+=` is.
  mutating func compoundBitwise(_ op: BinaryOp, logical: BinaryOp?, _ rhs: NDArray)
    throws(ArrayError)
  {
    let (lhs, compacted) = try compoundOperand(rhs, site: nil)
    try assignResult(
      try NDArray.bitwise(op, logical: logical, lhs, rhs, site: nil), op: op.rawValue,
      compacted: compacted)
  }

  public static func &= (a: inout NDArray, b: NDArray) throws(ArrayError) {
    try a.compoundBitwise(.bitwiseAnd, logical: .logicalAnd, b)
  }
  public static func |= (a: inout NDArray, b: NDArray) throws(ArrayError) {
    try a.compoundBitwise(.bitwiseOr, logical: .logicalOr, b)
  }
  public static func ^= (a: inout NDArray, b: NDArray) throws(ArrayError) {
    try a.compoundBitwise(.bitwiseXor, logical: .ne, b)
  }
  public static func <<= (a: inout NDArray, b: NDArray) throws(ArrayError) {
    try a.compoundBitwise(.leftShift, logical: nil, b)
  }
  public static func >>= (a: inout NDArray, b: NDArray) throws(ArrayError) {
    try a.compoundBitwise(.rightShift, logical: nil, b)
  }
  public static func &= (a: inout NDArray, b: Int) throws(ArrayError) {
    try a.compoundBitwise(.bitwiseAnd, logical: nil, try a.weak(b, site: nil))
  }
  public static func |= (a: inout NDArray, b: Int) throws(ArrayError) {
    try a.compoundBitwise(.bitwiseOr, logical: nil, try a.weak(b, site: nil))
  }
  public static func ^= (a: inout NDArray, b: Int) throws(ArrayError) {
    try a.compoundBitwise(.bitwiseXor, logical: nil, try a.weak(b, site: nil))
  }
  public static func <<= (a: inout NDArray, b: Int) throws(ArrayError) {
    try a.compoundBitwise(.leftShift, logical: nil, try a.weak(b, site: nil))
  }
  public static func >>= (a: inout NDArray, b: Int) throws(ArrayError) {
    try a.compoundBitwise(.rightShift, logical: nil, try a.weak(b, site: nil))
  }
}

/// NumPy's `bitwise_and` (`&`).
public func bitwiseAnd(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.bitwise(.bitwiseAnd, logical: .logicalAnd, a, b, site: .source(file, line)) }

/// NumPy's `bitwise_or` (`|`).
public func bitwiseOr(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.bitwise(.bitwiseOr, logical: .logicalOr, a, b, site: .source(file, line)) }

/// NumPy's `bitwise_xor` (`^`).
public func bitwiseXor(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.bitwise(.bitwiseXor, logical: .ne, a, b, site: .source(file, line)) }

/// NumPy's `invert` / `bitwise_not` (`~`).
public func invert(_ a: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.invert(a, site: .source(file, line)) }

/// NumPy's `left_shift` (`<<`).
public func leftShift(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.leftShift, a, b, site: .source(file, line)) }

/// NumPy's `right_shift` (`>>`).
public func rightShift(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try NDArray.binary(.rightShift, a, b, site: .source(file, line)) }
