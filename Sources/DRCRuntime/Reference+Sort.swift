// The reference sorts: NumPy's `sort` and `argsort(kind="stable")` along one axis.
//
// Each line along the axis is ordered ascending by `less`: the dtype's `<`, with every NaN after
// every number (NumPy's rule; NaNs among themselves are equal). `argsort` breaks ties by
// position, so its result is the one stable order, and `sort` is the values taken in that order
// (equal values are interchangeable, except -0 and +0, which compare equal and keep their order).

import DRCIR

extension Reference {
  /// `op` of `x` along `axis`.
  static func sort(_ op: SortOp, _ x: HostArray, axis: Int) throws -> HostArray {
    try alongLines(x, axis: axis, op.rawValue) { moved, n in
      let total = moved.count
      func run<T: HostElement>(_: T.Type) -> HostArray {
        let v = moved.values(as: T.self)
        var order: [Int64] = []
        var sorted: [T] = []
        order.reserveCapacity(op == .argsort ? total : 0)
        sorted.reserveCapacity(op == .sort ? total : 0)
        var start = 0
        while start < total {
          let line = (0..<n).sorted { i, j in
            let (a, b) = (v[start + i], v[start + j])
            if Reference.less(a, b) { return true }
            if Reference.less(b, a) { return false }
            return i < j
          }
          if op == .sort {
            sorted.append(contentsOf: line.map { v[start + $0] })
          } else {
            order.append(contentsOf: line.map(Int64.init))
          }
          start += n
        }
        return op == .sort ? .make(sorted, shape: moved.shape) : .make(order, shape: moved.shape)
      }
      switch x.dtype {
      case .bool: return run(Bool.self)
      case .int32: return run(Int32.self)
      case .int64: return run(Int64.self)
      case .float32: return run(Float.self)
      case .float64: return run(Double.self)
      }
    }
  }

  /// The sort order: `<`, and every NaN after every number.
  static func less<T: HostElement>(_ a: T, _ b: T) -> Bool {
    if a.isNaNValue { return false }
    if b.isNaNValue { return true }
    return a.isLess(than: b)
  }
}
