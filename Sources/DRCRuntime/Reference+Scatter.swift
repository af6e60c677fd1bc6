// The reference scatters: NumPy's `x[idx] = v` (`scatter`) and `np.add.at(x, idx, v)`
// (`scatter_add`) along axis 0.
//
// The result starts as a copy of `x` (shape `[n] + rest`); then, for each index in order, its
// slab of `v` (`[m] + rest`) is written to, or added into, the slab of `x` at the index's
// position, so a repeated position keeps the last value (`scatter`) or accumulates every value
// in index order (`scatter_add`, rounding each sum to the dtype as NumPy's unbuffered `add.at`
// does; integers wrap). A negative index counts from the end once; anything outside `-n..<n` is
// NumPy's IndexError, reported with the first offending value in index order.

import DRCIR

extension Reference {
  /// `x` with `values` written or added at `indices` along axis 0. With `skipping`, an index
  /// out of range is passed over (as a compiled kernel does; the plan's check reports it).
  static func scatter(
    _ op: ScatterOp, _ x: HostArray, _ indices: HostArray, _ values: HostArray,
    skipping: Bool = false
  ) throws -> HostArray {
    guard x.rank >= 1, indices.dtype.isInteger, indices.rank == 1 else {
      throw InterpreterError("\(op.rawValue) needs an array of rank >= 1 and 1-D integer indices")
    }
    let n = x.shape[0]
    let m = indices.count
    let rest = x.shape[1...].reduce(1, *)
    guard values.shape == [m] + Array(x.shape[1...]), values.dtype == x.dtype else {
      throw InterpreterError(
        "\(op.rawValue) values must be \(x.dtype)\([m] + Array(x.shape[1...]))")
    }
    var positions: [(Int, Int)] = []
    positions.reserveCapacity(m)
    for (i, value) in indices.converted(to: .int64).int64s().enumerated() {
      let k = value < 0 ? Int(value) + n : Int(value)
      guard k >= 0 && k < n else {
        if skipping { continue }
        throw InterpreterError("index \(value) is out of bounds for axis 0 with size \(n)")
      }
      positions.append((i, k))
    }
    func run<T: HostElement>(_: T.Type, _ add: (T, T) -> T) -> HostArray {
      var out = x.values(as: T.self)
      let v = values.values(as: T.self)
      for (i, k) in positions {
        for c in 0..<rest {
          out[k * rest + c] =
            op == .scatter ? v[i * rest + c] : add(out[k * rest + c], v[i * rest + c])
        }
      }
      return .make(out, shape: x.shape)
    }
    switch x.dtype {
    case .bool:
      guard op == .scatter else { throw InterpreterError("scatter_add into a bool array") }
      return run(Bool.self) { a, _ in a }
    case .int32: return run(Int32.self, &+)
    case .int64: return run(Int64.self, &+)
    case .float32: return run(Float.self, +)
    case .float64: return run(Double.self, +)
    }
  }
}
