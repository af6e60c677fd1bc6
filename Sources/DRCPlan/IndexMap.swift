// How a kernel finds an element of a buffer: an affine map from the iteration index.
//
// The optimiser turns every chain of views (slices, transposes, broadcasts, reshapes that only
// split or merge axes) between a kernel and a buffer into one map: for each axis j of the buffer,
// viewed row-major with `shape`, coordinate_j = offsets[j] + sum_k coefficients[j][k] * i_k over
// the kernel's iteration axes i. Code generators collapse it to `base + sum_k stride_k * i_k`.
// When some iteration point would land outside the buffer (a stencil read at the edge of a masked
// update, a concatenation), `clamp` is set and each coordinate is clamped into range; the value
// read there is discarded by a select, so clamping only keeps the access in bounds.

/// An affine map from a kernel's iteration index to a buffer element.
public struct IndexMap: Codable, Hashable, Sendable {
  /// The buffer's shape as this map views it (row-major, contiguous).
  public var shape: [Int]
  /// `coefficients[j][k]`: how buffer axis j moves with iteration axis k.
  public var coefficients: [[Int]]
  /// The coordinate on each buffer axis at iteration index zero.
  public var offsets: [Int]
  /// Whether coordinates must be clamped into the buffer (some iteration points fall outside).
  public var clamp: Bool

  /// Creates a map.
  public init(shape: [Int], coefficients: [[Int]], offsets: [Int], clamp: Bool = false) {
    self.shape = shape
    self.coefficients = coefficients
    self.offsets = offsets
    self.clamp = clamp
  }

  /// The identity map of a buffer of `shape` read over an iteration space of the same shape.
  public static func identity(_ shape: [Int]) -> IndexMap {
    let rank = shape.count
    let rows = (0..<rank).map { j in (0..<rank).map { $0 == j ? 1 : 0 } }
    return IndexMap(shape: shape, coefficients: rows, offsets: Array(repeating: 0, count: rank))
  }

  /// The number of iteration axes the map reads.
  public var spaceRank: Int { coefficients.first?.count ?? 0 }

  /// Row-major strides of `shape`.
  public static func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = Array(repeating: 1, count: shape.count)
    var step = 1
    for j in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[j] = step
      step *= shape[j]
    }
    return strides
  }

  /// The flat form: element = `offset + sum_k strides[k] * i_k` (ignores `clamp`).
  public var linear: (offset: Int, strides: [Int]) {
    let rowStrides = IndexMap.rowMajorStrides(shape)
    var offset = 0
    var strides = Array(repeating: 0, count: spaceRank)
    for j in shape.indices {
      offset += rowStrides[j] * offsets[j]
      for k in 0..<spaceRank { strides[k] += rowStrides[j] * coefficients[j][k] }
    }
    return (offset, strides)
  }

  /// The flat element index for iteration point `index`, clamping when the map says so.
  public func element(at index: [Int]) -> Int {
    let rowStrides = IndexMap.rowMajorStrides(shape)
    var flat = 0
    for j in shape.indices {
      var c = offsets[j]
      for k in index.indices { c += coefficients[j][k] * index[k] }
      if clamp { c = Swift.min(Swift.max(c, 0), shape[j] - 1) }
      flat += rowStrides[j] * c
    }
    return flat
  }

  /// The lowest and highest coordinate on buffer axis `j` over an iteration space.
  public func range(axis j: Int, space: [Int]) -> ClosedRange<Int> {
    var lo = offsets[j]
    var hi = offsets[j]
    for k in space.indices where space[k] > 0 {
      let span = coefficients[j][k] * (space[k] - 1)
      if span < 0 { lo += span } else { hi += span }
    }
    return lo...hi
  }

  /// Whether every iteration point of `space` lands inside the buffer.
  public func staysInBounds(over space: [Int]) -> Bool {
    if space.contains(0) { return true }
    return shape.indices.allSatisfy {
      let r = range(axis: $0, space: space)
      return r.lowerBound >= 0 && r.upperBound < shape[$0]
    }
  }

  /// How many distinct buffer elements the map touches over `space`, at most.
  public func footprint(over space: [Int]) -> Int {
    if space.contains(0) { return 0 }
    var count = 1
    for k in space.indices where coefficients.contains(where: { $0[k] != 0 }) { count *= space[k] }
    return Swift.min(count, shape.reduce(1, *))
  }
}
