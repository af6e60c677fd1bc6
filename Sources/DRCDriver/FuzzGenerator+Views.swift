// The view steps of the fuzz generator: slices (steps, negative steps, integer indices),
// reshapes, transposes, broadcasts, expand_dims, squeeze, and updates through views.

import DRCIR

extension FuzzGenerator {
  /// A random normalised range over an axis of length `n` (trace-format.md): any step in
  /// {1, 2, 3, -1, -2}, possibly empty.
  mutating func randomRange(_ n: Int) -> SliceRange {
    guard n > 0 else { return SliceRange(start: 0, stop: 0, step: 1) }
    let step = rng.pick([1, 1, 1, 2, 3, -1, -1, -2])
    let start = rng.int(0...(n - 1))
    if step > 0 { return SliceRange(start: start, stop: rng.int(start...n), step: step) }
    return SliceRange(start: start, stop: rng.int(-1...start), step: step)
  }

  /// A random view of a random operand.
  mutating func view() -> Int? {
    let x = operand()
    let shape = graph.nodes[x].shape
    switch rng.int(0...6) {
    case 0:
      return add(.slice(shape.map { randomRange($0) }), [x])
    case 1:
      // An integer index: one element along an axis, the axis dropped.
      guard let axis = shape.indices.filter({ shape[$0] > 0 }).randomElement(using: &rng) else {
        return nil
      }
      var ranges = shape.map { SliceRange(start: 0, stop: $0, step: 1) }
      let i = rng.int(0...(shape[axis] - 1))
      ranges[axis] = SliceRange(start: i, stop: i + 1, step: 1)
      guard let one = add(.slice(ranges), [x]) else { return nil }
      return add(.squeeze([axis]), [one])
    case 2:
      return add(.reshape, [x], declared: ValueType(graph.nodes[x].dtype, reshaped(shape)))
    case 3:
      guard shape.count >= 2 else { return nil }
      let perm = Array(0..<shape.count).shuffledDeterministically(using: &rng)
      return add(.transpose(perm), [x])
    case 4:
      var target = shape.map { $0 == 1 ? rng.pick([1, 2, 3]) : $0 }
      if rng.chance(0.5) { target.insert(rng.pick([1, 2, 4]), at: 0) }
      return add(.broadcast, [x], declared: ValueType(graph.nodes[x].dtype, target))
    case 5:
      let rank = shape.count + 1
      return add(.expandDims([rng.int(0...(rank - 1))]), [x])
    default:
      let ones = shape.indices.filter { shape[$0] == 1 }
      guard !ones.isEmpty else { return nil }
      return add(.squeeze(ones.filter { _ in rng.chance(0.7) }.isEmpty ? [ones[0]] : ones), [x])
    }
  }

  /// Another shape with the same element count: flattened, split into factors, or with unit
  /// axes added.
  mutating func reshaped(_ shape: [Int]) -> [Int] {
    let n = shape.reduce(1, *)
    switch rng.int(0...2) {
    case 0: return [n]
    case 1:
      let divisors = n == 0 ? [0] : (1...max(n, 1)).filter { n % $0 == 0 }
      let d = rng.pick(divisors)
      return d == 0 ? [0, rng.pick([1, 3])] : [d, n / d]
    default:
      var out = shape
      out.insert(1, at: rng.int(0...out.count))
      return out
    }
  }

  /// An update of a region of a random operand by a scalar, a value of the region's shape, or a
  /// value broadcasting to it.
  mutating func update() -> Int? {
    let base = operand()
    let shape = graph.nodes[base].shape
    guard !shape.isEmpty else { return nil }
    let ranges = shape.map { randomRange($0) }
    guard let region = try? TypeInference.sliceShape(ranges, of: shape) else { return nil }
    let value: Int?
    switch rng.int(0...2) {
    case 0:
      value = constant(shape: [], dtype: rng.pick(FuzzGenerator.dtypes))
    case 1:
      // A computed value of the region's shape: the region itself, transformed.
      guard let slice = add(.slice(ranges), [base]) else { return nil }
      value = rng.chance(0.5) ? add(.unary(rng.pick([.neg, .abs, .sqrt, .exp])), [slice]) : slice
    default:
      value = constant(shape: partner(of: region), dtype: rng.pick(FuzzGenerator.dtypes))
    }
    guard let v = value else { return nil }
    return add(.update(ranges), [base, v])
  }
}

extension Array {
  /// The elements in an order drawn from `rng` (Fisher-Yates).
  func shuffledDeterministically(using rng: inout FuzzRandom) -> [Element] {
    var out = self
    if out.count < 2 { return out }
    for i in stride(from: out.count - 1, to: 0, by: -1) {
      out.swapAt(i, rng.int(0...i))
    }
    return out
  }

  /// A uniform element drawn from `rng`, or nil when empty.
  func randomElement(using rng: inout FuzzRandom) -> Element? {
    isEmpty ? nil : self[rng.int(0...(count - 1))]
  }
}
