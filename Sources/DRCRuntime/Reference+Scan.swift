// Scans: cumsum, cumprod, cummax and cummin along one axis, the reference every compiled scan is
// checked against. A running maximum or minimum keeps the operand's dtype and is exact; NaN
// propagates from where it appears (NumPy's `maximum.accumulate`).
//
// The scanned axis is moved last and the elements gathered row-major, so each line along the
// axis is one contiguous run; the run is combined strictly left to right (element k is
// `((x0 op x1) op ...) op xk`), as NumPy's `add.accumulate` / `multiply.accumulate` do, and the
// result is moved back. Bool and int32 operands widen to int64 first and integer arithmetic wraps;
// float32 accumulates in float32 and float64 in float64. A compiled scan that splits a long line
// into blocks may round differently: docs/numerics.md gives the bound (ErrorBounds+Scans.swift).

import DRCIR

extension Reference {
  /// The inclusive scan `op` of `x` along `axis`, in the scan's result dtype.
  static func scan(_ op: ScanOp, _ x: HostArray, axis: Int) throws -> HostArray {
    try alongLines(x, axis: axis, op.rawValue) { moved, n in
      let total = moved.count
      func run<T: HostElement>(_: T.Type, _ combine: (T, T) -> T) -> HostArray {
        var v = moved.values(as: T.self)
        if n > 1 {
          var start = 0
          while start < total {
            for k in start + 1..<start + n { v[k] = combine(v[k - 1], v[k]) }
            start += n
          }
        }
        return .make(v, shape: moved.shape)
      }
      switch (op, x.dtype) {
      case (.cumsum, .float32): return run(Float.self, +)
      case (.cumsum, .float64): return run(Double.self, +)
      case (.cumsum, _): return run(Int64.self, &+)
      case (.cumprod, .float32): return run(Float.self, *)
      case (.cumprod, .float64): return run(Double.self, *)
      case (.cumprod, _): return run(Int64.self, &*)
      case (.cummax, _), (.cummin, _):
        let max = op == .cummax
        switch x.dtype {
        case .bool: return run(Bool.self, max ? { $0 || $1 } : { $0 && $1 })
        case .int32: return run(Int32.self, max ? Kernels.maximum : Kernels.minimum)
        case .int64: return run(Int64.self, max ? Kernels.maximum : Kernels.minimum)
        case .float32: return run(Float.self, max ? Kernels.maximum : Kernels.minimum)
        case .float64: return run(Double.self, max ? Kernels.maximum : Kernels.minimum)
        }
      }
    }
  }

  /// `body` applied to `x` with `axis` moved last (each line along it one contiguous run of
  /// `n` elements, row-major), its result moved back: how scans and sorts see their lines.
  static func alongLines(
    _ x: HostArray, axis: Int, _ op: String, _ body: (HostArray, Int) throws -> HostArray
  ) throws -> HostArray {
    guard axis >= 0, axis < x.rank else {
      throw InterpreterError("\(op) axis \(axis) is out of range for rank \(x.rank)")
    }
    var perm = (0..<x.rank).filter { $0 != axis }
    perm.append(axis)
    let result = try body(try x.transposed(perm).contiguous(), x.shape[axis])
    // Axis `axis` sits last in `result`: the inverse permutation puts it back.
    var inverse = Array(repeating: 0, count: x.rank)
    for (i, p) in perm.enumerated() { inverse[p] = i }
    return try result.transposed(inverse).contiguous()
  }
}
