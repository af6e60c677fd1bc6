// How an elementwise op carries its operands' error bounds (see ErrorBounds.swift).
//
// For operand values a, b with bounds ea, eb (|device operand - oracle operand| <= ea), the
// bound on |f(device operands) - f(oracle operands)| before the result is rounded: exact over
// the error interval for monotone functions (exp, expm1, log and its variants, sqrt, asin, acos,
// sinh, tan between poles, pow at the corners of its box; cosh at the interval's extreme |x|),
// the Lipschitz constant for sin, cos, tanh, erf, atan and atan2, the first-order
// terms plus their product for mul and div. Integer and bool results are exact unless an operand
// may change a truncation, a comparison or a condition; then the bound is the largest change
// (1 for a bool that may flip, the two branches' distance for a select).

import DRCIR
import DRCRuntime
import Foundation

extension ErrorBounds {
  /// `m * e`, with 0 when `e` is 0 (so an exact operand never turns an infinite value into NaN).
  static func scaled(_ m: Double, _ e: Double) -> Double { e == 0 ? 0 : abs(m) * e }

  static func elementwise(_ node: Node, _ operands: [BoundedValue], _ v: [Double]) throws
    -> [Double]
  {
    let xs = try operands.map { try broadcast($0, to: node.shape) }
    var out = [Double](repeating: 0, count: v.count)
    for i in out.indices {
      let a = xs[0].v[i]
      let ea = xs[0].e[i]
      let prop: Double
      var roundsHere = true
      switch node.op {
      case .unary(let u): prop = unary(u, a, ea, v[i])
      case .binary(let b): prop = binary(b, a, ea, xs[1].v[i], xs[1].e[i], v[i])
      case .select:
        let chosen = a != 0 ? xs[1] : xs[2]
        let other = a != 0 ? xs[2] : xs[1]
        prop =
          ea == 0
          ? chosen.e[i] : max(chosen.e[i], abs(xs[1].v[i] - xs[2].v[i]) + other.e[i])
      case .cast:
        prop = cast(from: operands[0].value.dtype, to: node.dtype, a, ea, v[i])
        roundsHere = rounds(from: operands[0].value.dtype, to: node.dtype)
      default: prop = 0
      }
      let local =
        roundsHere ? rounding(node.op, node.dtype, magnitude: abs(v[i]) + prop, oracle: v[i]) : 0
      out[i] = prop + local
    }
    return out
  }

  /// Whether a cast between the node dtypes can round (narrowing floats, integers to floats).
  static func rounds(from: DType, to: DType) -> Bool {
    guard to.isFloat else { return false }
    return from.isInteger || (from == .float64 && to == .float32)
  }

  static func cast(from: DType, to: DType, _ a: Double, _ ea: Double, _ v: Double) -> Double {
    if ea == 0 { return 0 }
    if to == .bool { return abs(a) <= ea ? 1 : 0 }
    if to.isInteger && from.isFloat {
      return max(abs((a + ea).rounded(.towardZero) - v), abs(v - (a - ea).rounded(.towardZero)))
    }
    return ea
  }

  static func unary(_ u: UnaryOp, _ a: Double, _ ea: Double, _ v: Double) -> Double {
    if ea == 0 { return 0 }
    switch u {
    // ~x is -x - 1 on integers (and logical not on bools): it moves as x does.
    case .neg, .abs, .logicalNot, .invert: return ea
    case .sqrt:
      if a < 0 { return a + ea >= 0 ? .infinity : 0 }
      return a - ea < 0 ? .infinity : ea / ((a - ea).squareRoot() + a.squareRoot())
    case .exp: return scaled(v, Foundation.expm1(ea))
    case .log: return a > ea ? -Foundation.log1p(-ea / a) : .infinity
    case .sin, .cos: return min(ea, 2)
    case .tanh: return min(ea, 2)
    case .erf: return min(ea * 1.1283791670955126, 2)
    case .tan:
      // Monotone between poles: the interval must not reach one (cos keeps its sign).
      let lo = a - ea
      let hi = a + ea
      guard ea < 1.5, cos(lo).sign == cos(hi).sign, cos(lo).sign == cos(a).sign, cos(lo) != 0
      else { return .infinity }
      return max(abs(tan(hi) - v), abs(v - tan(lo)))
    case .floor: return (a + ea).rounded(.down) - (a - ea).rounded(.down)
    case .ceil: return (a + ea).rounded(.up) - (a - ea).rounded(.up)
    case .rint: return (a + ea).rounded(.toNearestOrEven) - (a - ea).rounded(.toNearestOrEven)
    case .expm1: return scaled(v + 1, Foundation.expm1(ea))
    case .log1p: return 1 + a > ea ? -Foundation.log1p(-ea / (1 + a)) : .infinity
    case .log2: return a > ea ? -Foundation.log1p(-ea / a) / 0.6931471805599453 : .infinity
    case .log10: return a > ea ? -Foundation.log1p(-ea / a) / 2.302585092994046 : .infinity
    case .asin, .acos: return inverseSine(u, a, ea, v)
    case .atan: return min(ea, Double.pi)
    case .sinh: return max(abs(Foundation.sinh(a + ea) - v), abs(v - Foundation.sinh(a - ea)))
    case .cosh:
      // Even and increasing in |x|: extremes at the interval's largest and smallest |x|.
      let far = max(abs(a - ea), abs(a + ea))
      let near = abs(a) <= ea ? 0 : min(abs(a - ea), abs(a + ea))
      return max(Foundation.cosh(far) - v, v - Foundation.cosh(near))
    case .asinh: return increasing(Foundation.asinh, a, ea, v)
    case .cbrt: return increasing(Foundation.cbrt, a, ea, v)
    case .exp2: return increasing(Foundation.exp2, a, ea, v)
    case .acosh:
      // Increasing on [1, inf): unbounded when the interval reaches below 1 (NaN there).
      return a - ea >= 1 ? increasing(Foundation.acosh, a, ea, v) : .infinity
    case .atanh:
      // Increasing on (-1, 1): unbounded when the interval reaches an end.
      return Swift.abs(a) + ea < 1 ? increasing(Foundation.atanh, a, ea, v) : .infinity
    }
  }

  /// The exact range of an increasing `f` over [a - ea, a + ea], as distances from `v`.
  static func increasing(_ f: (Double) -> Double, _ a: Double, _ ea: Double, _ v: Double) -> Double
  {
    max(Swift.abs(f(a + ea) - v), Swift.abs(v - f(a - ea)))
  }

  /// asin and acos, monotone on [-1, 1]: the exact range when the interval stays inside, none
  /// when it lies wholly outside (NaN either way), unbounded when it straddles an end.
  static func inverseSine(_ u: UnaryOp, _ a: Double, _ ea: Double, _ v: Double) -> Double {
    if a + ea < -1 || a - ea > 1 { return 0 }
    if a - ea < -1 || a + ea > 1 { return .infinity }
    func f(_ t: Double) -> Double { u == .asin ? Foundation.asin(t) : Foundation.acos(t) }
    return max(abs(f(a + ea) - v), abs(v - f(a - ea)))
  }

  static func binary(
    _ b: BinaryOp, _ a: Double, _ ea: Double, _ x: Double, _ ex: Double, _ v: Double
  )
    -> Double
  {
    if ea == 0 && ex == 0 { return 0 }
    switch b {
    case .add, .sub: return ea + ex
    case .mul: return scaled(x, ea) + scaled(a, ex) + ea * ex
    case .div:
      guard abs(x) > ex else { return .infinity }
      return (scaled(x, ea) + scaled(a, ex)) / (abs(x) * (abs(x) - ex))
    case .maximum, .minimum: return max(ea, ex)
    case .logicalAnd, .logicalOr: return max(ea, ex)
    // Bits of an operand that may be off by any amount: any result (exact operands return 0
    // above).
    case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .leftShift, .rightShift: return .infinity
    case .eq, .ne, .lt, .le, .gt, .ge: return abs(a - x) <= ea + ex ? 1 : 0
    case .atan2:
      let r = (a * a + x * x).squareRoot()
      if x - ex < 0 && abs(a) <= ea { return 2 * Double.pi }
      return r > ea + ex ? min((ea + ex) / (r - ea - ex), 2 * Double.pi) : 2 * Double.pi
    case .pow: return power(a, ea, x, ex, v)
    case .fmod:
      // Continuous (slope 1 in a) while the dividend's interval stays between two multiples of
      // an exact divisor, on one side of 0; otherwise it may jump anywhere in (-|x|, |x|).
      let m = abs(x)
      if ex == 0, m > 0, a - ea > 0 || a + ea < 0,
        ((abs(a) - ea) / m).rounded(.down) == ((abs(a) + ea) / m).rounded(.down)
      {
        return ea
      }
      return abs(v) + m + ex
    case .copysign:
      // |a| with x's sign: a sign that may flip moves the result by up to 2|a| + ea. A NaN's
      // sign bit is not portable (an invalid operation's NaN is negative on x86, positive in
      // other libraries; drc fuzz seed 700340: copysign(6, asin(2))), so it may flip too.
      return x.isNaN || (ex > 0 && abs(x) <= ex) ? 2 * abs(a) + ea : ea
    }
  }

  /// pow over the box [a +- ea] x [y +- ey]: for a positive base, a^y = exp(y log a) takes its
  /// extremes at the corners; for an integer exponent known exactly, |a|^y is monotone in |a|.
  static func power(_ a: Double, _ ea: Double, _ y: Double, _ ey: Double, _ v: Double) -> Double {
    if a - ea > 0 {
      var worst = 0.0
      for p in [a - ea, a + ea] {
        for q in [y - ey, y + ey] { worst = max(worst, abs(Foundation.pow(p, q) - v)) }
      }
      return worst
    }
    guard ey == 0, y == y.rounded(), y >= 0 else { return .infinity }
    let top = Foundation.pow(abs(a) + ea, y)
    let bottom = Foundation.pow(max(abs(a) - ea, 0), y)
    let crosses = abs(a) <= ea && y.truncatingRemainder(dividingBy: 2) != 0
    return crosses ? abs(v) + top : max(top - abs(v), abs(v) - bottom)
  }
}
