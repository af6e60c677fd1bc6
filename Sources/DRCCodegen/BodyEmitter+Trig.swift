// Sin and cos of one value computed together.
//
// The generated sin and cos (CLTrig.swift) each reduce the argument and evaluate both the sine
// and the cosine polynomial, then pick by quadrant. A kernel that needs sin x and cos x of the
// same varying value (a rotation, a polar-to-Cartesian conversion, DelayRepay's sincos
// benchmark) calls one `drc_sincos` helper at the first of the two, which stores both results;
// the second reads its variable. The results are those of the separate helpers, bit for bit
// (the same operations on the same values). Scalar code and uniform values keep the separate
// calls.

import DRCIR
import DRCPlan

extension BodyEmitter {
  /// Emits value `i` (`op` of the varying float value `x`, body value `operand`) together with
  /// its partner when `op` is sin or cos and the body also takes the other of the same operand,
  /// not yet emitted; returns whether it did.
  mutating func pairedTrig(_ i: Int, _ op: UnaryOp, _ x: ValueRef, operand: Int) throws -> Bool {
    guard op == .sin || op == .cos, width > 1, !x.uniform, x.dtype.isFloat,
      kernel.body[i].dtype == x.dtype
    else { return false }
    let partnerOp: UnaryOp = op == .sin ? .cos : .sin
    let partner = kernel.body.indices.first { j in
      guard j != i, refs[j] == nil, kernel.body[j].dtype == x.dtype,
        kernel.body[j].inner == kernel.body[i].inner,
        case .unary(let o, let b) = kernel.body[j].op
      else { return false }
      return o == partnerOp && b == operand
    }
    guard let partner else { return false }
    let t = CLSyntax.type(x.dtype, width: width)
    let (s, c) = ("s\(i)", "c\(i)")
    out.line("\(t) \(s), \(c);")
    out.line(ops.sincos(x.name, dtype: x.dtype, sine: s, cosine: c) + " \(comment(i))")
    define(i, op == .sin ? s : c, uniform: false)
    pairedResults[partner] = op == .sin ? c : s
    return true
  }
}
