// How scans and index reductions carry error bounds (see ErrorBounds.swift, docs/numerics.md).
//
// Element k of a float `cumsum` line is a sum of k+1 terms computed with at most k additions on
// any term's path, in the serial order and in the blocked two-pass order alike (block totals
// only hold earlier elements, so the computation is a binary tree over x_0..x_k). Its bound is
// the prefix sum of the operand bounds plus (gamma_k(u) + gamma_k(2^-53)) times the prefix sum of
// |x_i| + e_i plus k subnormal floors: it grows with the prefix length. Element k of `cumprod` is
// bounded as a product of k+1 factors (as `prod`). A running maximum or minimum rounds nothing:
// element k carries the largest operand bound of its prefix. Integer scans are exact when their operands
// are. An argmin/argmax result is a position and must match exactly, except where the operand's
// bounds leave the winner uncertain: a position j whose interval [x_j - e_j, x_j + e_j] reaches
// the oracle winner's interval could be the device's extreme (rounding can make two distinct
// oracle values equal, or swap them), so the bound becomes the largest |j - winner| among such
// positions; an infinite operand bound in the run makes it infinite.

import DRCIR
import DRCRuntime

extension ErrorBounds {
  static func scan(_ node: Node, _ op: ScanOp, axis: Int, _ x: BoundedValue, _ v: [Double])
    throws -> [Double]
  {
    let shape = x.value.shape
    let xs = x.value.doubles()
    let e = x.bound
    func prefix(_ values: [Double], _ scanOp: ScanOp) throws -> [Double] {
      try apply(node, [try HostArray(values, shape: shape)], op: .scan(scanOp, axis: axis))
    }
    // k + 1 at element k of its line.
    let counts = try prefix(Array(repeating: 1, count: xs.count), .cumsum)
    let u = Tolerance.unitRoundoff(node.dtype)
    let floor = Tolerance.subnormalFloor(node.dtype)
    let magnitudes = zip(xs, e).map { abs($0) + $1 }
    switch op {
    case .cummax, .cummin:
      // Exact: |max(a_0..a_k) - max(b_0..b_k)| <= max_i |a_i - b_i|, so element k carries the
      // largest operand bound of its prefix (the same for min).
      return try prefix(e, .cummax)
    case .cumsum:
      let propagated = try prefix(e, .cumsum)
      guard node.dtype.isFloat else { return propagated }
      let total = try prefix(magnitudes, .cumsum)
      return v.indices.map { i in
        let k = max((Int(exactly: counts[i]) ?? 1) - 1, 0)
        let g = Tolerance.gamma(k, u) + Tolerance.gamma(k, 0x1p-53)
        return propagated[i] + scaled(total[i], g) + Double(k) * floor
      }
    case .cumprod:
      if e.allSatisfy({ $0 == 0 }) && !node.dtype.isFloat {
        return Array(repeating: 0, count: v.count)
      }
      let upper = try prefix(magnitudes, .cumprod)
      let large = try prefix(magnitudes.map { max($0, 1) }, .cumprod)
      return v.indices.map { i in
        let k = max((Int(exactly: counts[i]) ?? 1) - 1, 0)
        let g = Tolerance.gamma(k, u) + Tolerance.gamma(k, 0x1p-53)
        return max(upper[i] - abs(v[i]), 0) + scaled(upper[i], g)
          + Double(k + 1) * floor * large[i]
      }
    }
  }

  /// The bound of an argmin/argmax result: 0 (exact) unless another position may be the extreme.
  static func index(_ r: ReduceOp, axes: [Int], _ x: BoundedValue, _ v: [Double]) throws
    -> [Double]
  {
    let shape = x.value.shape
    guard axes.allSatisfy({ $0 >= 0 && $0 < shape.count }) else {
      throw InterpreterError("reduction axes \(axes) are invalid for rank \(shape.count)")
    }
    let kept = shape.indices.filter { !axes.contains($0) }
    let perm = kept + axes.sorted()
    let values = try x.value.converted(to: .float64).transposed(perm).contiguous().doubles()
    let bounds = try HostArray(x.bound, shape: shape).transposed(perm).contiguous().doubles()
    let n = axes.reduce(1) { $0 * shape[$1] }
    guard n > 0 else { return Array(repeating: 0, count: v.count) }
    return v.indices.map { run in
      let start = run * n
      guard let winner = Int(exactly: v[run]), (0..<n).contains(winner) else { return .infinity }
      let w = values[start + winner]
      let ew = bounds[start + winner]
      var farthest = 0.0
      for j in 0..<n {
        let e = bounds[start + j]
        if !e.isFinite { return .infinity }
        if j == winner || e + ew == 0 { continue }
        let xj = values[start + j]
        if w.isNaN || xj.isNaN { continue }
        let reaches = r == .argmax ? xj + e >= w - ew : xj - e <= w + ew
        if reaches { farthest = max(farthest, Double(abs(j - winner))) }
      }
      return farthest
    }
  }
}
