// Sources of new arrays: full, arange and iota.
//
// `arange` computes each element independently, so no error accumulates along the array:
// integers as `start + i*step` with wrapping, floats as `start + Double(i)*step` rounded once
// to the dtype. `iota` gives each element its index along one axis.

import DRCIR

extension Reference {
  /// An array of `shape` filled with `value` converted to `dtype`.
  static func full(_ value: Scalar, dtype: DType, shape: [Int]) throws -> HostArray {
    try HostArray.checkShape(shape)
    let n = shape.reduce(1, *)
    func fill<T: HostElement>(_: T.Type) -> HostArray {
      .make([T](repeating: element(value, as: T.self), count: n), shape: shape)
    }
    switch dtype {
    case .bool: return fill(Bool.self)
    case .int32: return fill(Int32.self)
    case .int64: return fill(Int64.self)
    case .float32: return fill(Float.self)
    case .float64: return fill(Double.self)
    }
  }

  /// `start + i*step` for i in `0..<shape[0]`.
  static func arange(start: Scalar, step: Scalar, dtype: DType, shape: [Int]) throws -> HostArray {
    guard shape.count == 1, shape[0] >= 0 else {
      throw InterpreterError("arange result must be 1-D, not \(shape)")
    }
    let n = shape[0]
    switch dtype {
    case .bool:
      throw InterpreterError("arange has no bool form")
    case .int32, .int64:
      let s = start.converted(to: .int64).int64OrZero
      let d = step.converted(to: .int64).int64OrZero
      let values = (0..<n).map { s &+ Int64($0) &* d }
      if dtype == .int64 { return .make(values, shape: shape) }
      return .make(values.map { Int32(truncatingIfNeeded: $0) }, shape: shape)
    case .float32, .float64:
      let s = start.doubleValue
      let d = step.doubleValue
      let values = (0..<n).map { s + Double($0) * d }
      if dtype == .float64 { return .make(values, shape: shape) }
      return .make(values.map { Float($0) }, shape: shape)
    }
  }

  /// Each element's index along `axis`, as int32 or int64.
  static func iota(axis: Int, dtype: DType, shape: [Int]) throws -> HostArray {
    try HostArray.checkShape(shape)
    guard axis >= 0 && axis < shape.count else {
      throw InterpreterError("iota axis \(axis) is out of range for shape \(shape)")
    }
    let inner = shape[(axis + 1)...].reduce(1, *)
    let dim = shape[axis]
    let values = (0..<shape.reduce(1, *)).map { Int64(($0 / inner) % dim) }
    switch dtype {
    case .int32: return .make(values.map { Int32(truncatingIfNeeded: $0) }, shape: shape)
    case .int64: return .make(values, shape: shape)
    default: throw InterpreterError("iota must be int32 or int64, not \(dtype)")
    }
  }
}

extension Scalar {
  /// The integer payload (bool as 0/1); 0 for floats, which `converted(to:)` never leaves.
  fileprivate var int64OrZero: Int64 {
    switch self {
    case .int(let i): return i
    case .bool(let b): return b ? 1 : 0
    case .float: return 0
    }
  }
}
