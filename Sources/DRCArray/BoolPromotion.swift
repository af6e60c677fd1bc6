// NumPy's promotion of bool operands in arithmetic: `mask * x`, `x + mask`, `dout * (x > 0)`.
//
// The IR's arithmetic ops take numeric operands only (`TypeInference`: "add does not take bool
// operands"), as a compiler should. NumPy promotes a bool array mixed with a numeric one to the
// other's dtype (True is 1), and between two bool arrays computes `+` and `maximum` as logical
// or, `*` and `minimum` as logical and, and `/` in float64; it refuses `-` of two bools, and so
// does drc (the IR's error). `binary` applies these rules before the op is emitted, so traces
// only ever hold the cast, never a bool operand of arithmetic.

import DRCIR

extension NDArray {
  /// The arithmetic ops NumPy promotes bool operands for.
  static let promotesBools: Set<BinaryOp> = [
    .add, .sub, .mul, .div, .pow, .maximum, .minimum, .atan2, .copysign, .fmod,
  ]

  /// `op` and its operands after NumPy's bool promotion (unchanged when neither is bool, the op
  /// is not arithmetic, or NumPy refuses the combination too).
  static func promotingBools(_ op: BinaryOp, _ a: NDArray, _ b: NDArray, site: CallSite?)
    throws(ArrayError) -> (BinaryOp, NDArray, NDArray)
  {
    guard promotesBools.contains(op), a.dtype == .bool || b.dtype == .bool else {
      return (op, a, b)
    }
    if a.dtype == .bool && b.dtype == .bool {
      switch op {
      case .add, .maximum: return (.logicalOr, a, b)
      case .mul, .minimum: return (.logicalAnd, a, b)
      case .div:
        return (
          .div, try a.converted(to: .float64, site: site), try b.converted(to: .float64, site: site)
        )
      default: return (op, a, b)
      }
    }
    let target = a.dtype == .bool ? b.dtype : a.dtype
    return (op, try a.converted(to: target, site: site), try b.converted(to: target, site: site))
  }
}
