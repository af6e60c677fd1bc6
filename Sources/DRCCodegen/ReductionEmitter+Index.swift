// argmin / argmax accumulations: a best value and its position, with NumPy's exact tie rule.
//
// An index accumulation `a` keeps two variables: `acc<a>` (the best value so far, in the operand's
// dtype) and `idx<a>` (its int64 position in the row-major inner space, -1 before the first
// point). A candidate `(x, j)` replaces them when nothing is held yet, or when it is strictly
// better, or equally good at a smaller position: for floats a NaN beats every number and the
// first NaN wins among NaNs, as NumPy's argmax/argmin return the first NaN. Because the rule
// compares positions, the result is the same whatever order candidates arrive in, so serial
// loops, partial blocks combined in order (an empty block's slot holds position -1 and is
// skipped) and vector lanes combined in lane order all give NumPy's first index exactly.
//
// Vector code keeps `acc<a>` as W lanes of values and `idx<a>` as W long positions. Each lane
// sees its candidates in increasing position (a partial block's lane l takes points r + l, a
// serial kernel's lanes are output points sharing the loop position), so a lane's update needs
// no position test: it takes a candidate when it holds none yet, or when its value is not NaN
// and the candidate is NaN or strictly better; the comparison mask (int lanes for float and
// int32 values, long for 8-byte ones) selects the value and, widened with `convert_longW`, the
// position. Bool operands keep scalar code (`LaunchGeometry.lanes`).

import DRCIR
import DRCPlan

extension ReductionEmitter {
  /// Whether accumulation op `op` yields a position (argmin/argmax).
  static func isIndex(_ op: ReduceOp) -> Bool { op.isIndex }

  /// `if (better) { acc = x; idx = j; }` for argmin/argmax over values of dtype `d`.
  static func indexUpdate(
    _ op: ReduceOp, acc: String, idx: String, x: String, j: String, _ d: DType
  ) -> String {
    let beats = op == .argmax ? "\(x) > \(acc)" : "\(x) < \(acc)"
    let tie = "(\(x) == \(acc) && \(j) < \(idx))"
    let better: String
    if d.isFloat {
      better =
        "(isnan(\(acc)) ? (isnan(\(x)) && \(j) < \(idx)) : (isnan(\(x)) || \(beats) || \(tie)))"
    } else {
      better = "(\(beats) || \(tie))"
    }
    return "if (\(idx) < 0L || (\(j) >= 0L && \(better))) { \(acc) = \(x); \(idx) = \(j); }"
  }

  /// `acc`/`idx` updated lane by lane from candidates `x` at positions `j` (a long vector), for
  /// candidates arriving in increasing position per lane.
  static func vectorIndexUpdate(
    _ op: ReduceOp, acc: String, idx: String, x: String, j: String, _ d: DType, width: Int
  ) -> String {
    let mask = CLSyntax.maskType(d) + String(width)
    let long = "long\(width)"
    let beats = op == .argmax ? "(\(x) > \(acc))" : "(\(x) < \(acc))"
    let empty = "convert_\(mask)(\(idx) < (\(long))(0L))"
    let take =
      d.isFloat ? "\(empty) | (~isnan(\(acc)) & (isnan(\(x)) | \(beats)))" : "\(empty) | \(beats)"
    return "{ const \(mask) t = \(take); \(acc) = select(\(acc), \(x), t); "
      + "\(idx) = select(\(idx), \(j), convert_\(long)(t)); }"
  }

  /// The flat row-major position of the current inner point, from coordinates `i<outerRank+k>`.
  func innerPosition() -> String {
    if kernel.symbolic == true { return SymbolicAddressing(kernel).innerPosition() }
    let outerRank = kernel.outer.count
    var stride = 1
    var terms: [(Int, String)] = []
    for (k, n) in kernel.inner.enumerated().reversed() {
      if n > 1 { terms.append((stride, "i\(outerRank + k)")) }
      stride *= n
    }
    return Addressing.affine(0, terms.reversed())
  }

  /// Scratch slots (8 bytes per work-item each) per accumulation, in body order: one per
  /// value, two (value, position) per index accumulation; the first slot's ordinal.
  func slotOrdinals(_ accumulations: [Int]) -> [Int: Int] {
    var ordinals: [Int: Int] = [:]
    var next = 0
    for a in accumulations {
      ordinals[a] = next
      if case .accumulate(let op, _) = kernel.body[a].op, op.isIndex {
        next += 2
      } else {
        next += 1
      }
    }
    return ordinals
  }
}
