// Exact evaluation of elementwise ops on scalar constants, for constant folding.
//
// Each function either returns the value an OpenCL device computes, bit for bit, or declines with
// the reason. Only operations that IEEE-754 defines exactly and OpenCL guarantees correctly rounded
// are evaluated: add, sub, mul, neg, abs, floor, ceil, rint, copysign, min/max, comparisons, logic,
// casts, and float64 division and square root. float32 work is done in `Float` (never in `Double`
// and rounded afterwards). float32 denormals are declined too: OpenCL devices may flush them to
// zero (`CL_FP_DENORM`), so the host's answer is not guaranteed to be the device's.

import DRCIR

/// The result of trying to evaluate an op on constants.
enum Evaluation: Equatable {
  /// The exact result.
  case value(Scalar)
  /// Not evaluated, with the reason (for a remark).
  case declined(String)
}

/// Scalar semantics of the elementwise ops, as docs/ops.md defines them.
enum ScalarEvaluation {
  /// `op(x)` where `x` has dtype `from`; `to` is the node's result dtype.
  static func unary(_ op: UnaryOp, _ x: Scalar, from: DType, to: DType) -> Evaluation {
    if let problem = denormal([(x, from)]) { return .declined(problem) }
    switch op {
    case .logicalNot:
      return .value(.bool(x.converted(to: .bool) == .bool(false)))
    case .invert:
      switch x {
      case .bool(let b): return .value(.bool(!b))
      case .int(let i): return .value(wrap(~i, to))
      case .float: return .declined("invert of a float is not defined")
      }
    case .neg, .abs, .floor, .ceil:
      switch x {
      case .bool: return .declined("\(op.rawValue) of bool is not defined")
      case .int(let i):
        switch op {
        case .neg: return .value(wrap(0 &- i, to))
        case .abs: return .value(wrap(i < 0 ? 0 &- i : i, to))
        default: return .value(.int(i))
        }
      case .float(let d):
        if to == .float32 { return .value(.float(Double(floatUnary(op, Float(d))))) }
        return .value(.float(floatUnary(op, d)))
      }
    case .sqrt:
      guard to == .float64 else {
        return .declined("float32 sqrt is not correctly rounded on OpenCL devices (3 ulp)")
      }
      return .value(.float(x.converted(to: .float64).doubleValue.squareRoot()))
    case .rint:
      // Exact (round half to even) in IEEE-754 and on every OpenCL device.
      let d = x.converted(to: to).doubleValue
      if to == .float32 { return checked(.float(Double(Float(d).rounded(.toNearestOrEven))), to) }
      return .value(.float(d.rounded(.toNearestOrEven)))
    case .exp, .log, .sin, .cos, .tan, .tanh, .erf, .expm1, .log1p, .log2, .log10, .asin, .acos,
      .atan, .sinh, .cosh, .asinh, .acosh, .atanh, .cbrt, .exp2:
      return .declined("\(op.rawValue) is not correctly rounded on OpenCL devices")
    }
  }

  /// `op(a, b)` with operand dtypes `ad`, `bd`; `to` is the node's result dtype.
  static func binary(_ op: BinaryOp, _ a: Scalar, _ ad: DType, _ b: Scalar, _ bd: DType, to: DType)
    -> Evaluation
  {
    if let problem = denormal([(a, ad), (b, bd)]) { return .declined(problem) }
    if op.isLogical {
      let (p, q) = (a.converted(to: .bool) == .bool(true), b.converted(to: .bool) == .bool(true))
      return .value(.bool(op == .logicalAnd ? p && q : p || q))
    }
    let common = DType.promote(ad, bd)
    if op.isComparison {
      return .value(.bool(compare(op, a.converted(to: common), b.converted(to: common))))
    }
    let compute = op.computesInFloat ? common.floatResult : common
    let (x, y) = (a.converted(to: compute), b.converted(to: compute))
    switch (op, x, y) {
    case (.pow, .float, _), (.atan2, _, _):
      return .declined("\(op.rawValue) is not correctly rounded on OpenCL devices")
    case (.div, _, _) where compute == .float32:
      return .declined("float32 division is not correctly rounded on OpenCL devices (2.5 ulp)")
    case (.maximum, .bool(let p), .bool(let q)): return .value(.bool(p || q))
    case (.minimum, .bool(let p), .bool(let q)): return .value(.bool(p && q))
    case (.bitwiseAnd, .bool(let p), .bool(let q)): return .value(.bool(p && q))
    case (.bitwiseOr, .bool(let p), .bool(let q)): return .value(.bool(p || q))
    case (.bitwiseXor, .bool(let p), .bool(let q)): return .value(.bool(p != q))
    case (_, .int(let p), .int(let q)): return integer(op, p, q, compute)
    case (_, .float(let p), .float(let q)):
      if compute == .float32 {
        guard let r = floatBinary(op, Float(p), Float(q)) else {
          return .declined("\(op.rawValue) has no float form")
        }
        return checked(.float(Double(r)), .float32)
      }
      guard let r = floatBinary(op, p, q) else {
        return .declined("\(op.rawValue) has no float form")
      }
      return .value(.float(r))
    default:
      return .declined("\(op.rawValue) does not apply to \(compute)")
    }
  }

  /// `value` converted to `dtype` as the `cast` op does (saturating, round to nearest even).
  static func cast(_ value: Scalar, from: DType, to dtype: DType) -> Evaluation {
    if let problem = denormal([(value, from)]) { return .declined(problem) }
    return checked(value.converted(to: dtype), dtype)
  }

  /// Declines a float32 result that is denormal (a device may flush it).
  static func checked(_ value: Scalar, _ dtype: DType) -> Evaluation {
    if let problem = denormal([(value, dtype)]) { return .declined(problem) }
    return .value(value)
  }

  /// Why any float32 value among `values` makes folding unsafe, or nil.
  static func denormal(_ values: [(Scalar, DType)]) -> String? {
    for (value, dtype) in values where dtype == .float32 {
      if case .float(let d) = value, Float(d).isSubnormal {
        return "float32 denormal \(value): OpenCL devices may flush it to zero"
      }
    }
    return nil
  }

  static func compare(_ op: BinaryOp, _ a: Scalar, _ b: Scalar) -> Bool {
    switch (a, b) {
    case (.bool(let p), .bool(let q)): return ordered(op, p ? 1 : 0, q ? 1 : 0)
    case (.int(let p), .int(let q)): return ordered(op, p, q)
    default: return ordered(op, a.doubleValue, b.doubleValue)
    }
  }

  static func ordered<T: Comparable>(_ op: BinaryOp, _ p: T, _ q: T) -> Bool {
    switch op {
    case .eq: return p == q
    case .ne: return p != q
    case .lt: return p < q
    case .le: return p <= q
    case .gt: return p > q
    default: return p >= q
    }
  }

  static func integer(_ op: BinaryOp, _ p: Int64, _ q: Int64, _ dtype: DType) -> Evaluation {
    switch op {
    case .add: return .value(wrap(p &+ q, dtype))
    case .sub: return .value(wrap(p &- q, dtype))
    case .mul: return .value(wrap(p &* q, dtype))
    case .pow: return .value(wrap(power(p, q), dtype))
    case .maximum: return .value(.int(Swift.max(p, q)))
    case .minimum: return .value(.int(Swift.min(p, q)))
    case .bitwiseAnd: return .value(wrap(p & q, dtype))
    case .bitwiseOr: return .value(wrap(p | q, dtype))
    case .bitwiseXor: return .value(wrap(p ^ q, dtype))
    case .leftShift, .rightShift:
      // NumPy's rule (docs/ops.md): a count outside 0..<bits shifts everything out.
      let bits: Int64 = dtype == .int32 ? 32 : 64
      guard q >= 0 && q < bits else { return .value(.int(op == .leftShift || p >= 0 ? 0 : -1)) }
      return .value(wrap(op == .leftShift ? p &<< q : p >> q, dtype))
    default: return .declined("\(op.rawValue) has no integer form")
    }
  }

  /// Integer `pow`: repeated squaring with wrapping; negative exponents per docs/ops.md.
  static func power(_ base: Int64, _ exponent: Int64) -> Int64 {
    if exponent < 0 {
      if base == 1 { return 1 }
      if base == -1 { return exponent & 1 == 0 ? 1 : -1 }
      return 0
    }
    var (result, b, e): (Int64, Int64, Int64) = (1, base, exponent)
    while e > 0 {
      if e & 1 == 1 { result = result &* b }
      e >>= 1
      if e > 0 { b = b &* b }
    }
    return result
  }

  /// An int64 computation's result as a value of `dtype` (int32 wraps modulo 2^32).
  static func wrap(_ v: Int64, _ dtype: DType) -> Scalar {
    dtype == .int32 ? .int(Int64(Int32(truncatingIfNeeded: v))) : .int(v)
  }

  static func floatUnary<T: BinaryFloatingPoint>(_ op: UnaryOp, _ x: T) -> T {
    switch op {
    case .neg: return -x
    case .abs: return Swift.abs(x)
    case .floor: return x.rounded(.down)
    default: return x.rounded(.up)
    }
  }

  /// Correctly rounded float arithmetic; maximum and minimum propagate NaN like the reference.
  static func floatBinary<T: BinaryFloatingPoint>(_ op: BinaryOp, _ a: T, _ b: T) -> T? {
    switch op {
    case .add: return a + b
    case .sub: return a - b
    case .mul: return a * b
    case .div: return a / b
    case .maximum: return a.isNaN ? a : b.isNaN ? b : (a < b ? b : a)
    case .minimum: return a.isNaN ? a : b.isNaN ? b : (b < a ? b : a)
    case .copysign: return T(signOf: b, magnitudeOf: a)
    case .fmod: return a.truncatingRemainder(dividingBy: b)
    default: return nil
    }
  }
}
