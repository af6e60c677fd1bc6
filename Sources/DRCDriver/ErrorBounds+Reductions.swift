// How reductions and matrix products carry error bounds (see ErrorBounds.swift).
//
// A float sum of n terms x_i with bounds e_i is off by at most sum e_i (the operands) plus
// gamma_d * sum (|x_i| + e_i) for the d additions one result goes through in the device's order
// (`Tolerance.sumDepth`), plus d subnormal floors, plus the oracle's own pairwise-sum rounding
// in float64; `mean` divides that by n and adds the division's rounding. A product of n factors
// is within prod (|x_i| + e_i) * (1 + gamma_(n-1)) of |prod x_i|, so its bound grows with n.
// `min` and `max` move by at most the largest operand bound. A matrix product is a sum of K
// products per element: |A| E_B + E_A |B| + E_A E_B plus gamma_(K+1) |A'| |B'| (A' = |A| + E_A),
// computed with the reference's own matmul on the magnitude and bound arrays.

import DRCIR
import DRCRuntime

extension ErrorBounds {
  static func reduction(
    _ node: Node, _ r: ReduceOp, axes: [Int], _ x: BoundedValue, _ v: [Double]
  ) throws -> [Double] {
    let shape = x.value.shape
    let n = axes.reduce(1) { $0 * (($1 >= 0 && $1 < shape.count) ? shape[$1] : 1) }
    let xs = x.value.doubles()
    let e = x.bound
    let magnitude = try HostArray(zip(xs, e).map { abs($0) + $1 }, shape: shape)
    let bounds = try HostArray(e, shape: shape)
    let u = Tolerance.unitRoundoff(node.dtype)
    let floor = Tolerance.subnormalFloor(node.dtype)
    switch r {
    case .argmin, .argmax:
      return try index(r, axes: axes, x, v)
    case .min, .max:
      return try apply(node, [bounds], op: .reduce(.max, axes: axes, keepdims: reduceKeeps(node)))
    case .sum, .mean:
      let sumOp = Op.reduce(.sum, axes: axes, keepdims: reduceKeeps(node))
      let propagated = try apply(node, [bounds], op: sumOp)
      guard node.dtype.isFloat else { return propagated }
      let total = try apply(node, [magnitude], op: sumOp)
      let depth = Tolerance.sumDepth(n: n, points: node.count)
      let g = Tolerance.gamma(depth, u) + Tolerance.gamma(Tolerance.pairwiseDepth(n: n), 0x1p-53)
      let sums = zip(propagated, total).map { $0 + scaled($1, g) + Double(depth) * floor }
      guard r == .mean else { return sums }
      let count = Double(max(n, 1))
      return zip(sums, v).map {
        $0 / count
          + rounding(.binary(.div), node.dtype, magnitude: abs($1) + $0 / count, oracle: $1)
      }
    case .prod:
      let prodOp = Op.reduce(.prod, axes: axes, keepdims: reduceKeeps(node))
      if e.allSatisfy({ $0 == 0 }) && !node.dtype.isFloat {
        return Array(repeating: 0, count: v.count)
      }
      let upper = try apply(node, [magnitude], op: prodOp)
      let large = try apply(
        node, [try HostArray(magnitude.doubles().map { max($0, 1) }, shape: shape)], op: prodOp)
      let g = Tolerance.gamma(max(n - 1, 0), u) + Tolerance.gamma(max(n - 1, 0), 0x1p-53)
      return v.indices.map { i in
        max(upper[i] - abs(v[i]), 0) + scaled(upper[i], g) + Double(n) * floor * large[i]
      }
    }
  }

  /// Whether the reduction keeps its reduced axes (as the node says).
  static func reduceKeeps(_ node: Node) -> Bool {
    if case .reduce(_, _, let keepdims) = node.op { return keepdims }
    return false
  }

  static func matmul(_ node: Node, _ a: BoundedValue, _ b: BoundedValue, _ v: [Double]) throws
    -> [Double]
  {
    let k = a.value.shape.last ?? 1
    func array(_ x: BoundedValue, _ f: (Double, Double) -> Double) throws -> HostArray {
      try HostArray(zip(x.value.doubles(), x.bound).map(f), shape: x.value.shape)
    }
    let absA = try array(a) { v, _ in abs(v) }
    let absB = try array(b) { v, _ in abs(v) }
    let errA = try array(a) { _, e in e }
    let errB = try array(b) { _, e in e }
    let magA = try array(a) { v, e in abs(v) + e }
    let magB = try array(b) { v, e in abs(v) + e }
    let terms = [
      try apply(node, [absA, errB]), try apply(node, [errA, absB]), try apply(node, [errA, errB]),
    ]
    let propagated = v.indices.map { i in terms.reduce(0) { $0 + $1[i] } }
    guard node.dtype.isFloat else { return propagated }
    let total = try apply(node, [magA, magB])
    let g =
      Tolerance.gamma(k + 1, Tolerance.unitRoundoff(node.dtype)) + Tolerance.gamma(k + 1, 0x1p-53)
    let floor = Double(2 * k) * Tolerance.subnormalFloor(node.dtype)
    return v.indices.map { propagated[$0] + scaled(total[$0], g) + floor }
  }
}
