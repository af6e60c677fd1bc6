// Elementwise kernels: unary functions, binary arithmetic, comparisons, logic, where and cast.
//
// Operands are broadcast to the result shape and converted to the computation dtype given by
// docs/ops.md (promotion; integer division, atan2 and copysign compute in float64; float math on
// integers in float64). Float math runs in the result precision through the C library (`sinf` for
// float32), integer arithmetic wraps, and maximum/minimum propagate NaN.

import DRCIR

extension Reference {
  /// Evaluates a unary elementwise op.
  static func unary(_ op: UnaryOp, _ x: HostArray) throws -> HostArray {
    switch op {
    case .logicalNot:
      return .make(Kernels.map(x.values(as: Bool.self)) { !$0 }, shape: x.shape)
    case .invert:
      switch x.dtype {
      case .bool: return .make(Kernels.map(x.values(as: Bool.self)) { !$0 }, shape: x.shape)
      case .int32: return .make(Kernels.map(x.values(as: Int32.self)) { ~$0 }, shape: x.shape)
      case .int64: return .make(Kernels.map(x.values(as: Int64.self)) { ~$0 }, shape: x.shape)
      case .float32, .float64: throw InterpreterError("invert needs a bool or integer operand")
      }
    case .sqrt, .exp, .log, .sin, .cos, .tan, .tanh, .erf, .rint, .expm1, .log1p, .log2, .log10,
      .asin, .acos, .atan, .sinh, .cosh, .asinh, .acosh, .atanh, .cbrt, .exp2:
      if x.dtype == .float32 { return floatUnary(op, x, Float.self) }
      return floatUnary(op, x, Double.self)
    case .neg, .abs, .floor, .ceil:
      switch x.dtype {
      case .bool: throw InterpreterError("\(op.rawValue) needs a numeric operand, not bool")
      case .int32: return intUnary(op, x, Int32.self)
      case .int64: return intUnary(op, x, Int64.self)
      case .float32: return floatUnary(op, x, Float.self)
      case .float64: return floatUnary(op, x, Double.self)
      }
    }
  }

  private static func floatUnary<T: FloatElement>(_ op: UnaryOp, _ x: HostArray, _: T.Type)
    -> HostArray
  {
    let v = x.values(as: T.self)
    let out: [T]
    switch op {
    case .neg: out = Kernels.map(v) { -$0 }
    case .abs: out = Kernels.map(v) { Swift.abs($0) }
    case .sqrt: out = Kernels.map(v) { T.math(.sqrt, $0) }
    case .exp: out = Kernels.map(v) { T.math(.exp, $0) }
    case .log: out = Kernels.map(v) { T.math(.log, $0) }
    case .sin: out = Kernels.map(v) { T.math(.sin, $0) }
    case .cos: out = Kernels.map(v) { T.math(.cos, $0) }
    case .tan: out = Kernels.map(v) { T.math(.tan, $0) }
    case .tanh: out = Kernels.map(v) { T.math(.tanh, $0) }
    case .erf: out = Kernels.map(v) { T.math(.erf, $0) }
    case .floor: out = Kernels.map(v) { T.math(.floor, $0) }
    case .ceil: out = Kernels.map(v) { T.math(.ceil, $0) }
    case .logicalNot: out = Kernels.map(v) { $0 == 0 ? 1 : 0 }
    case .invert: out = v  // refused before: `unary` throws for float operands
    case .rint, .expm1, .log1p, .log2, .log10, .asin, .acos, .atan, .sinh, .cosh, .asinh, .acosh,
      .atanh, .cbrt, .exp2:
      out = Kernels.map(v) { T.math(op, $0) }
    }
    return .make(out, shape: x.shape)
  }

  private static func intUnary<T: IntElement>(_ op: UnaryOp, _ x: HostArray, _: T.Type)
    -> HostArray
  {
    let v = x.values(as: T.self)
    switch op {
    case .neg: return .make(Kernels.map(v) { 0 &- $0 }, shape: x.shape)
    case .abs: return .make(Kernels.map(v) { $0 < 0 ? 0 &- $0 : $0 }, shape: x.shape)
    default: return .make(v, shape: x.shape)
    }
  }

  /// Evaluates a binary elementwise op with broadcasting.
  static func binary(_ op: BinaryOp, _ x: HostArray, _ y: HostArray, expected: [Int]) throws
    -> HostArray
  {
    let shape = try Kernels.broadcastShape(x.shape, y.shape)
    try Kernels.expect(shape, expected)
    let a = try x.broadcast(to: shape)
    let b = try y.broadcast(to: shape)
    if op.isLogical {
      let p = a.values(as: Bool.self)
      let q = b.values(as: Bool.self)
      let out = op == .logicalAnd ? Kernels.map(p, q) { $0 && $1 } : Kernels.map(p, q) { $0 || $1 }
      return .make(out, shape: shape)
    }
    let common = DType.promote(x.dtype, y.dtype)
    if op.isComparison {
      switch common {
      case .bool: return compare(op, a, b, Bool.self)
      case .int32: return compare(op, a, b, Int32.self)
      case .int64: return compare(op, a, b, Int64.self)
      case .float32: return compare(op, a, b, Float.self)
      case .float64: return compare(op, a, b, Double.self)
      }
    }
    let compute = op.computesInFloat ? common.floatResult : common
    switch compute {
    case .bool:
      let p = a.values(as: Bool.self)
      let q = b.values(as: Bool.self)
      switch op {
      case .maximum, .bitwiseOr: return .make(Kernels.map(p, q) { $0 || $1 }, shape: shape)
      case .minimum, .bitwiseAnd: return .make(Kernels.map(p, q) { $0 && $1 }, shape: shape)
      case .bitwiseXor: return .make(Kernels.map(p, q) { $0 != $1 }, shape: shape)
      default: throw InterpreterError("\(op.rawValue) needs numeric operands, not bool")
      }
    case .int32: return try intBinary(op, a, b, Int32.self)
    case .int64: return try intBinary(op, a, b, Int64.self)
    case .float32: return floatBinary(op, a, b, Float.self)
    case .float64: return floatBinary(op, a, b, Double.self)
    }
  }

  private static func compare<T: HostElement>(
    _ op: BinaryOp, _ a: HostArray, _ b: HostArray, _: T.Type
  ) -> HostArray {
    let p = a.values(as: T.self)
    let q = b.values(as: T.self)
    let out: [Bool]
    switch op {
    case .eq: out = Kernels.map(p, q) { $0 == $1 }
    case .ne: out = Kernels.map(p, q) { $0 != $1 }
    case .lt: out = Kernels.map(p, q) { $0.isLess(than: $1) }
    case .le: out = Kernels.map(p, q) { $0.isLess(than: $1) || $0 == $1 }
    case .gt: out = Kernels.map(p, q) { $1.isLess(than: $0) }
    default: out = Kernels.map(p, q) { $1.isLess(than: $0) || $0 == $1 }
    }
    return .make(out, shape: a.shape)
  }

  private static func intBinary<T: IntElement>(
    _ op: BinaryOp, _ a: HostArray, _ b: HostArray, _: T.Type
  ) throws -> HostArray {
    let p = a.values(as: T.self)
    let q = b.values(as: T.self)
    let out: [T]
    switch op {
    case .add: out = Kernels.map(p, q) { $0 &+ $1 }
    case .sub: out = Kernels.map(p, q) { $0 &- $1 }
    case .mul: out = Kernels.map(p, q) { $0 &* $1 }
    case .pow: out = Kernels.map(p, q) { Kernels.intPow($0, $1) }
    case .maximum: out = Kernels.map(p, q) { Swift.max($0, $1) }
    case .minimum: out = Kernels.map(p, q) { Swift.min($0, $1) }
    case .bitwiseAnd: out = Kernels.map(p, q) { $0 & $1 }
    case .bitwiseOr: out = Kernels.map(p, q) { $0 | $1 }
    case .bitwiseXor: out = Kernels.map(p, q) { $0 ^ $1 }
    // NumPy's rule: a count outside 0..<bits shifts everything out (0, or -1 for a negative
    // value shifted right); within it, the bits move as two's complement (`&<<` wraps).
    case .leftShift:
      out = Kernels.map(p, q) { $1 >= 0 && $1 < T.bitWidth ? $0 &<< $1 : 0 }
    case .rightShift:
      out = Kernels.map(p, q) { $1 >= 0 && $1 < T.bitWidth ? $0 &>> $1 : ($0 < 0 ? -1 : 0) }
    default: throw InterpreterError("\(op.rawValue) has no integer form")
    }
    return .make(out, shape: a.shape)
  }

  private static func floatBinary<T: FloatElement>(
    _ op: BinaryOp, _ a: HostArray, _ b: HostArray, _: T.Type
  ) -> HostArray {
    let p = a.values(as: T.self)
    let q = b.values(as: T.self)
    let out: [T]
    switch op {
    case .add: out = Kernels.map(p, q) { $0 + $1 }
    case .sub: out = Kernels.map(p, q) { $0 - $1 }
    case .mul: out = Kernels.map(p, q) { $0 * $1 }
    case .div: out = Kernels.map(p, q) { $0 / $1 }
    case .pow: out = Kernels.map(p, q) { T.cPow($0, $1) }
    case .atan2: out = Kernels.map(p, q) { T.cAtan2($0, $1) }
    case .copysign: out = Kernels.map(p, q) { T.cCopysign($0, $1) }
    // C's fmod, exact: Swift's truncatingRemainder is the same operation.
    case .fmod: out = Kernels.map(p, q) { $0.truncatingRemainder(dividingBy: $1) }
    case .maximum: out = Kernels.map(p, q) { Kernels.maximum($0, $1) }
    default: out = Kernels.map(p, q) { Kernels.minimum($0, $1) }
    }
    return .make(out, shape: a.shape)
  }

  /// Evaluates `where(cond, a, b)` with all three broadcast together.
  static func select(_ c: HostArray, _ x: HostArray, _ y: HostArray, expected: [Int]) throws
    -> HostArray
  {
    guard c.dtype == .bool else {
      throw InterpreterError("where condition must be bool, not \(c.dtype)")
    }
    let shape = try Kernels.broadcastShape(Kernels.broadcastShape(c.shape, x.shape), y.shape)
    try Kernels.expect(shape, expected)
    let cond = try c.broadcast(to: shape).values(as: Bool.self)
    let a = try x.broadcast(to: shape)
    let b = try y.broadcast(to: shape)
    func pick<T: HostElement>(_: T.Type) -> HostArray {
      .make(
        Kernels.map(cond, a.values(as: T.self), b.values(as: T.self)) { $0 ? $1 : $2 }, shape: shape
      )
    }
    switch DType.promote(x.dtype, y.dtype) {
    case .bool: return pick(Bool.self)
    case .int32: return pick(Int32.self)
    case .int64: return pick(Int64.self)
    case .float32: return pick(Float.self)
    case .float64: return pick(Double.self)
    }
  }
}
