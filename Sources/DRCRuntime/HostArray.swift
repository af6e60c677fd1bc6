// Host arrays: n-dimensional strided views over shared, immutable typed storage.
//
// A `HostArray` is a dtype, a shape, per-axis strides in elements (0 for broadcast axes, negative
// for reversed slices) and an offset into a `HostStorage`. Storage is never mutated once built,
// so arrays have value semantics for free and views (slice, transpose, broadcast, ...) cost
// nothing: the interpreter's `update` builds a new storage instead of writing in place.
// Reading goes through `values(as:)`, which gathers elements in row-major logical order.

import DRCIR

/// Immutable typed element storage shared by arrays and their views.
public final class HostStorage: Sendable {
  /// The elements.
  public let buffer: ElementBuffer

  /// Wraps `buffer`.
  public init(_ buffer: ElementBuffer) { self.buffer = buffer }
}

/// An n-dimensional strided array on the host.
public struct HostArray: Sendable, CustomStringConvertible {
  /// The element type.
  public let dtype: DType
  /// The extent of each axis.
  public let shape: [Int]
  /// The step, in elements, between neighbours along each axis.
  public let strides: [Int]
  /// The storage index of the element at index (0, ..., 0).
  public let offset: Int
  /// The shared elements.
  public let storage: HostStorage

  /// Creates a view; the caller guarantees every reachable index lies inside `storage`.
  init(storage: HostStorage, shape: [Int], strides: [Int], offset: Int) {
    self.dtype = storage.buffer.dtype
    self.storage = storage
    self.shape = shape
    self.strides = strides
    self.offset = offset
  }

  /// Wraps row-major `buffer` with `shape`; the counts must agree.
  init(buffer: ElementBuffer, shape: [Int]) {
    self.init(
      storage: HostStorage(buffer), shape: shape, strides: HostArray.rowMajorStrides(shape),
      offset: 0)
  }

  /// Wraps row-major typed values.
  static func make<T: HostElement>(_ values: [T], shape: [Int]) -> HostArray {
    HostArray(buffer: T.wrap(values), shape: shape)
  }

  /// A zero-filled (false for bool) array.
  public init(dtype: DType, shape: [Int]) {
    let n = shape.reduce(1, *)
    switch dtype {
    case .bool: self.init(buffer: .bool(Array(repeating: false, count: n)), shape: shape)
    case .int32: self.init(buffer: .int32(Array(repeating: 0, count: n)), shape: shape)
    case .int64: self.init(buffer: .int64(Array(repeating: 0, count: n)), shape: shape)
    case .float32: self.init(buffer: .float32(Array(repeating: 0, count: n)), shape: shape)
    case .float64: self.init(buffer: .float64(Array(repeating: 0, count: n)), shape: shape)
    }
  }

  /// A float32 array from row-major values.
  public init(_ values: [Float], shape: [Int]) throws { try self.init(typed: values, shape: shape) }
  /// A float64 array from row-major values.
  public init(_ values: [Double], shape: [Int]) throws {
    try self.init(typed: values, shape: shape)
  }
  /// An int32 array from row-major values.
  public init(_ values: [Int32], shape: [Int]) throws { try self.init(typed: values, shape: shape) }
  /// An int64 array from row-major values.
  public init(_ values: [Int64], shape: [Int]) throws { try self.init(typed: values, shape: shape) }
  /// A bool array from row-major values.
  public init(_ values: [Bool], shape: [Int]) throws { try self.init(typed: values, shape: shape) }

  /// A typed array from row-major values; throws when the count does not match the shape.
  public init<T: HostElement>(typed values: [T], shape: [Int]) throws {
    try HostArray.checkShape(shape)
    let n = shape.reduce(1, *)
    guard values.count == n else {
      throw InterpreterError("\(values.count) values given for shape \(shape) (\(n) elements)")
    }
    self.init(buffer: T.wrap(values), shape: shape)
  }

  /// A 0-d array holding `scalar` converted to `dtype`.
  public init(scalar: Scalar, dtype: DType) {
    let buffer: ElementBuffer
    switch dtype {
    case .bool: buffer = .bool([element(scalar, as: Bool.self)])
    case .int32: buffer = .int32([element(scalar, as: Int32.self)])
    case .int64: buffer = .int64([element(scalar, as: Int64.self)])
    case .float32: buffer = .float32([element(scalar, as: Float.self)])
    case .float64: buffer = .float64([element(scalar, as: Double.self)])
    }
    self.init(buffer: buffer, shape: [])
  }

  /// Throws unless every dim is non-negative and the element count does not overflow.
  static func checkShape(_ shape: [Int]) throws {
    var n = 1
    for d in shape {
      guard d >= 0 else { throw InterpreterError("shape \(shape) has a negative dimension") }
      let (p, overflow) = n.multipliedReportingOverflow(by: d)
      guard !overflow else { throw InterpreterError("shape \(shape) has too many elements") }
      n = p
    }
  }

  /// Row-major (C order) strides of `shape`.
  public static func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var step = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[i] = step
      step *= Swift.max(shape[i], 1)
    }
    return strides
  }

  /// The number of elements.
  public var count: Int { shape.reduce(1, *) }
  /// The number of axes.
  public var rank: Int { shape.count }

  /// Whether the elements are laid out row-major without gaps (from `offset`).
  public var isContiguous: Bool {
    if count <= 1 { return true }
    var expected = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) where shape[i] != 1 {
      if strides[i] != expected { return false }
      expected *= shape[i]
    }
    return true
  }

  /// The elements in row-major logical order converted (with `cast` semantics) to `T`.
  public func values<T: HostElement>(as type: T.Type) -> [T] {
    switch storage.buffer {
    case .bool(let a): return convertElements(gather(a), to: T.self)
    case .int32(let a): return convertElements(gather(a), to: T.self)
    case .int64(let a): return convertElements(gather(a), to: T.self)
    case .float32(let a): return convertElements(gather(a), to: T.self)
    case .float64(let a): return convertElements(gather(a), to: T.self)
    }
  }

  /// The viewed elements of `source` (this array's storage) in row-major order.
  func gather<S>(_ source: [S]) -> [S] {
    let n = count
    if offset == 0 && source.count == n && isContiguous { return source }
    if n == 0 { return [] }
    return [S](unsafeUninitializedCapacity: n) { out, initialized in
      source.withUnsafeBufferPointer { src in
        guard let o = out.baseAddress else { return }
        var k = 0
        let inner = shape.last ?? 1
        let step = strides.last ?? 0
        StridedLoop.forEachRow(shape: shape, strides: strides, offset: offset) { start in
          var p = start
          for _ in 0..<inner {
            (o + k).initialize(to: src[p])
            k += 1
            p += step
          }
        }
      }
      initialized = n
    }
  }

  /// A row-major array with the same dtype and values (self when already one).
  public func contiguous() -> HostArray {
    if offset == 0 && isContiguous && storage.buffer.count == count { return self }
    return converted(to: dtype)
  }

  /// A new row-major array of the values converted to `dtype` with `cast` semantics.
  public func converted(to dtype: DType) -> HostArray {
    switch dtype {
    case .bool: return .make(values(as: Bool.self), shape: shape)
    case .int32: return .make(values(as: Int32.self), shape: shape)
    case .int64: return .make(values(as: Int64.self), shape: shape)
    case .float32: return .make(values(as: Float.self), shape: shape)
    case .float64: return .make(values(as: Double.self), shape: shape)
    }
  }

  /// The element at `index` (one in-range entry per axis), or nil when out of range.
  public func scalar(at index: [Int]) -> Scalar? {
    guard index.count == rank else { return nil }
    var p = offset
    for (i, x) in index.enumerated() {
      guard x >= 0 && x < shape[i] else { return nil }
      p += x * strides[i]
    }
    switch storage.buffer {
    case .bool(let a): return a[p].scalar
    case .int32(let a): return a[p].scalar
    case .int64(let a): return a[p].scalar
    case .float32(let a): return a[p].scalar
    case .float64(let a): return a[p].scalar
    }
  }

  /// The element at row-major position `flat`, or nil when out of range (one element read
  /// without converting the others).
  public func scalar(atFlat flat: Int) -> Scalar? {
    guard flat >= 0, flat < count else { return nil }
    var index = Array(repeating: 0, count: rank)
    var rest = flat
    for axis in stride(from: rank - 1, through: 0, by: -1) where shape[axis] > 0 {
      index[axis] = rest % shape[axis]
      rest /= shape[axis]
    }
    return scalar(at: index)
  }

  /// All elements as doubles in row-major order (int64 may round).
  public func doubles() -> [Double] { values(as: Double.self) }
  /// All elements as floats in row-major order (cast semantics).
  public func floats() -> [Float] { values(as: Float.self) }
  /// All elements as int32 in row-major order (cast semantics).
  public func int32s() -> [Int32] { values(as: Int32.self) }
  /// All elements as int64 in row-major order (cast semantics).
  public func int64s() -> [Int64] { values(as: Int64.self) }
  /// All elements as bools in row-major order (`x != 0`).
  public func bools() -> [Bool] { values(as: Bool.self) }

  /// All elements as scalars in row-major order.
  public func scalars() -> [Scalar] { firstValues(count) }

  /// The first `n` elements in row-major order, as scalars.
  public func firstValues(_ n: Int) -> [Scalar] {
    let m = Swift.max(0, Swift.min(n, count))
    switch storage.buffer {
    case .bool: return values(as: Bool.self).prefix(m).map(\.scalar)
    case .int32: return values(as: Int32.self).prefix(m).map(\.scalar)
    case .int64: return values(as: Int64.self).prefix(m).map(\.scalar)
    case .float32: return values(as: Float.self).prefix(m).map(\.scalar)
    case .float64: return values(as: Double.self).prefix(m).map(\.scalar)
    }
  }

  /// The sum of all elements converted to Double, added one by one in row-major order (NaN
  /// propagates): `doubles().reduce(0, +)` without making the converted copy.
  public func checksum() -> Double {
    switch storage.buffer {
    case .bool(let a): return gather(a).withUnsafeBytes { HostArray.checksum(of: $0, dtype: .bool) }
    case .int32(let a):
      return gather(a).withUnsafeBytes { HostArray.checksum(of: $0, dtype: .int32) }
    case .int64(let a):
      return gather(a).withUnsafeBytes { HostArray.checksum(of: $0, dtype: .int64) }
    case .float32(let a):
      return gather(a).withUnsafeBytes { HostArray.checksum(of: $0, dtype: .float32) }
    case .float64(let a):
      return gather(a).withUnsafeBytes { HostArray.checksum(of: $0, dtype: .float64) }
    }
  }

  /// `checksum()` of the row-major elements of `dtype` in `bytes` (a whole number of them;
  /// bools are bytes, nonzero meaning true), for values read in place from device memory.
  public static func checksum(of bytes: UnsafeRawBufferPointer, dtype: DType) -> Double {
    func sum<T>(_: T.Type, _ convert: (T) -> Double) -> Double {
      let elements = bytes.count / MemoryLayout<T>.stride
      guard elements > 0, let base = bytes.baseAddress else { return 0 }
      // Element-aligned storage (Swift arrays, device buffers) is the only kind passed here.
      let typed = UnsafeBufferPointer(
        start: base.assumingMemoryBound(to: T.self), count: elements)
      var total = 0.0
      for x in typed { total += convert(x) }
      return total
    }
    switch dtype {
    case .bool: return sum(UInt8.self) { $0 != 0 ? 1 : 0 }
    case .int32: return sum(Int32.self) { Double($0) }
    case .int64: return sum(Int64.self) { Double($0) }
    case .float32: return sum(Float.self) { Double($0) }
    case .float64: return sum(Double.self) { $0 }
    }
  }

  /// `float32[2, 3]`.
  public var description: String {
    "\(dtype)[\(shape.map(String.init).joined(separator: ", "))]"
  }
}

/// Row iteration over strided layouts: the odometer behind gathers, scatters and kernels.
enum StridedLoop {
  /// Calls `body` with the storage index of the first element of every innermost row, in
  /// row-major order; a rank-0 layout has one row of one element. Nothing runs when empty.
  @inline(__always)
  static func forEachRow(shape: [Int], strides: [Int], offset: Int, _ body: (Int) -> Void) {
    let r = shape.count
    if r == 0 {
      body(offset)
      return
    }
    if shape.contains(0) { return }
    var index = [Int](repeating: 0, count: r)
    var p = offset
    while true {
      body(p)
      var d = r - 2
      while d >= 0 {
        index[d] += 1
        p += strides[d]
        if index[d] < shape[d] { break }
        p -= strides[d] * shape[d]
        index[d] = 0
        d -= 1
      }
      if d < 0 { return }
    }
  }
}
