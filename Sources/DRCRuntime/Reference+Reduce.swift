// Reductions: sum, prod, min, max, mean, argmin and argmax over any set of axes, with keepdims.
//
// The operand is transposed so the reduced axes come last and gathered row-major; each result
// element then reduces one contiguous run. Integer sums and products wrap in int64 (bool and
// int32 widen first); float sums use the pairwise scheme of `pairwiseSum`, which docs/ops.md
// specifies so that generated kernels can reproduce it bit for bit. argmin/argmax give the int64
// position, within the run (the reduced axes flattened row-major), of the first extreme value, or
// of the first NaN when there is one, as NumPy; an empty run is an error, as NumPy raises.

import DRCIR

extension Reference {
  /// Evaluates a reduction of `x` over `axes`.
  static func reduce(_ op: ReduceOp, _ x: HostArray, axes: [Int], keepdims: Bool) throws
    -> HostArray
  {
    guard !axes.isEmpty, Set(axes).count == axes.count, axes.allSatisfy({ $0 >= 0 && $0 < x.rank })
    else {
      throw InterpreterError("reduction axes \(axes) are invalid for rank \(x.rank)")
    }
    let reduced = Set(axes)
    let kept = (0..<x.rank).filter { !reduced.contains($0) }
    let sortedAxes = axes.sorted()
    let moved = try x.transposed(kept + sortedAxes)
    let runLength = sortedAxes.reduce(1) { $0 * x.shape[$1] }
    let outShape =
      keepdims
      ? (0..<x.rank).map { reduced.contains($0) ? 1 : x.shape[$0] } : kept.map { x.shape[$0] }
    let runs = outShape.reduce(1, *)
    if (op == .min || op == .max) && runLength == 0 && runs > 0 {
      throw InterpreterError("\(op.rawValue) over zero elements has no identity")
    }
    if op.isIndex && runLength == 0 {
      throw InterpreterError("attempt to get \(op.rawValue) of an empty sequence")
    }
    func run<T: HostElement, R: HostElement>(_: T.Type, _ f: (UnsafeBufferPointer<T>, Int) -> R)
      -> HostArray
    {
      let v = moved.values(as: T.self)
      let out = v.withUnsafeBufferPointer { p in
        (0..<runs).map { f(p, $0 * runLength) }
      }
      return .make(out, shape: outShape)
    }
    let n = runLength
    switch (op, x.dtype) {
    case (.sum, .float32):
      return run(Float.self) { p, s in pairwiseSum(p, start: s, count: n) }
    case (.sum, .float64):
      return run(Double.self) { p, s in pairwiseSum(p, start: s, count: n) }
    case (.sum, _):
      return run(Int64.self) { p, s in (s..<s + n).reduce(0) { $0 &+ p[$1] } }
    case (.prod, .float32):
      return run(Float.self) { p, s in (s..<s + n).reduce(1) { $0 * p[$1] } }
    case (.prod, .float64):
      return run(Double.self) { p, s in (s..<s + n).reduce(1) { $0 * p[$1] } }
    case (.prod, _):
      return run(Int64.self) { p, s in (s..<s + n).reduce(1) { $0 &* p[$1] } }
    case (.mean, .float32):
      return run(Float.self) { p, s in pairwiseSum(p, start: s, count: n) / Float(n) }
    case (.mean, _):
      return run(Double.self) { p, s in pairwiseSum(p, start: s, count: n) / Double(n) }
    case (.argmin, _), (.argmax, _):
      let isMax = op == .argmax
      func position<T: HostElement>(_ t: T.Type) -> HostArray {
        run(T.self) { p, s in Int64(firstExtreme(p, start: s, count: n, max: isMax)) }
      }
      switch x.dtype {
      case .bool: return position(Bool.self)
      case .int32: return position(Int32.self)
      case .int64: return position(Int64.self)
      case .float32: return position(Float.self)
      case .float64: return position(Double.self)
      }
    case (.min, _), (.max, _):
      let isMax = op == .max
      func extreme<T: HostElement>(_ t: T.Type) -> HostArray {
        run(T.self) { p, s in
          var m = p[s]
          for i in s + 1..<s + n {
            m = isMax ? Kernels.maximum(m, p[i]) : Kernels.minimum(m, p[i])
          }
          return m
        }
      }
      switch x.dtype {
      case .bool: return extreme(Bool.self)
      case .int32: return extreme(Int32.self)
      case .int64: return extreme(Int64.self)
      case .float32: return extreme(Float.self)
      case .float64: return extreme(Double.self)
      }
    }
  }

  /// The offset from `start` of the first largest (`max`) or smallest element of a non-empty run,
  /// or of its first NaN: NumPy's argmax/argmin rule.
  static func firstExtreme<T: HostElement>(
    _ p: UnsafeBufferPointer<T>, start: Int, count: Int, max: Bool
  ) -> Int {
    guard count > 0 else { return 0 }
    if p[start].isNaNValue { return 0 }
    var best = p[start]
    var index = 0
    for k in 1..<count {
      let v = p[start + k]
      if v.isNaNValue { return k }
      if max ? best.isLess(than: v) : v.isLess(than: best) {
        best = v
        index = k
      }
    }
    return index
  }

  /// The pairwise float sum of `count` elements of `p` from `start`, in `T`'s precision.
  ///
  /// The run is cut into blocks of 8 consecutive elements (the last may be shorter). Each block
  /// is summed left to right starting from its first element: `((x0 + x1) + x2) + ...`. While
  /// more than one partial sum remains, neighbours are added in place, `s[i] = s[2i] + s[2i+1]`,
  /// an odd last partial sum carried unchanged to the next level. An empty run sums to +0.
  public static func pairwiseSum<T: FloatElement>(
    _ p: UnsafeBufferPointer<T>, start: Int, count: Int
  ) -> T {
    if count <= 0 { return 0 }
    let blocks = (count + 7) / 8
    func block(_ b: Int) -> T {
      let first = start + b * 8
      let end = start + Swift.min(count, b * 8 + 8)
      var s = p[first]
      var i = first + 1
      while i < end {
        s += p[i]
        i += 1
      }
      return s
    }
    if blocks == 1 { return block(0) }
    var partial = (0..<blocks).map(block)
    var m = blocks
    while m > 1 {
      let half = m / 2
      for i in 0..<half { partial[i] = partial[2 * i] + partial[2 * i + 1] }
      if m % 2 == 1 { partial[half] = partial[m - 1] }
      m = half + m % 2
    }
    return partial[0]
  }
}
