// The reference gather: NumPy's `take(x, indices, axis)`.
//
// Each index picks one slab of `x` along `axis` (every element with that coordinate); slabs are
// laid out in the order of the flattened indices, for every position of the axes before `axis`.
// A negative index counts from the end once (`-1` is the last); anything outside `-n..<n` is
// NumPy's IndexError, reported with the first offending value in index order.

import DRCIR

extension Reference {
  /// `take(x, indices, axis)`: the result has shape
  /// `x.shape[..<axis] + indices.shape + x.shape[axis+1...]`.
  static func take(_ x: HostArray, _ indices: HostArray, axis: Int) throws -> HostArray {
    guard axis >= 0 && axis < x.rank else {
      throw InterpreterError("take axis \(axis) is out of range for rank \(x.rank)")
    }
    guard indices.dtype.isInteger else {
      throw InterpreterError("take indices must be integers, not \(indices.dtype)")
    }
    let n = x.shape[axis]
    var positions: [Int] = []
    positions.reserveCapacity(indices.count)
    for value in indices.converted(to: .int64).int64s() {
      let k = value < 0 ? Int(value) + n : Int(value)
      guard k >= 0 && k < n else {
        throw InterpreterError("index \(value) is out of bounds for axis \(axis) with size \(n)")
      }
      positions.append(k)
    }
    let shape = Array(x.shape[..<axis]) + indices.shape + Array(x.shape[(axis + 1)...])
    try HostArray.checkShape(shape)
    let outer = x.shape[..<axis].reduce(1, *)
    let inner = x.shape[(axis + 1)...].reduce(1, *)
    func gather<T: HostElement>(_: T.Type) -> HostArray {
      let values = x.values(as: T.self)
      var out = [T]()
      out.reserveCapacity(outer * positions.count * inner)
      for o in 0..<outer {
        for k in positions {
          let start = (o * n + k) * inner
          out.append(contentsOf: values[start..<start + inner])
        }
      }
      return .make(out, shape: shape)
    }
    switch x.dtype {
    case .bool: return gather(Bool.self)
    case .int32: return gather(Int32.self)
    case .int64: return gather(Int64.self)
    case .float32: return gather(Float.self)
    case .float64: return gather(Double.self)
    }
  }
}
