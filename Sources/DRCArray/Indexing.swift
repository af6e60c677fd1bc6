// Subscripts: NumPy-style indexing with Swift ranges, Python-style slices and integer indices.
//
// `u[1..<n-1, 2...]`, `u[.all, 0]`, `u[.s(nil, nil, -1)]` select views. Reading a subscript gives
// a view that tracks later writes to its base; assigning to a subscript writes into the base, and
// `u[r] += e` updates the region in place. Indices out of bounds are errors (stricter than NumPy,
// which clamps slice bounds): a getter cannot throw, so the error travels with the returned view
// and is thrown when the view is used; a failed assignment is thrown by the next operation.

import DRCIR

/// One subscript component: an integer, a Swift range, or an `AxisSlice`.
public protocol ArrayIndex {
  /// The normalised range on an axis of length `dim`, and whether the axis is dropped.
  func resolve(dim: Int) -> (range: SliceRange, drops: Bool)?
}

/// A Python-style slice `start:stop:step`; negative bounds count from the end.
public struct AxisSlice: ArrayIndex, Sendable {
  /// First index, or nil for the natural start.
  public var start: Int?
  /// Exclusive bound, or nil for the natural end.
  public var stop: Int?
  /// Increment, non-zero.
  public var step: Int

  /// Creates a slice.
  public init(_ start: Int? = nil, _ stop: Int? = nil, _ step: Int = 1) {
    self.start = start
    self.stop = stop
    self.step = step
  }

  /// Normalises the slice; nil when a bound is out of range or the step is 0.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    guard step != 0 else { return nil }
    func wrap(_ i: Int) -> Int { i < 0 ? i + dim : i }
    if step > 0 {
      let a = start.map(wrap) ?? 0
      let b = stop.map(wrap) ?? dim
      guard (0...dim).contains(a), (0...dim).contains(b) else { return nil }
      let n = b > a ? (b - a + step - 1) / step : 0
      return (
        n == 0
          ? SliceRange(start: 0, stop: 0, step: 1)
          : SliceRange(start: a, stop: a + (n - 1) * step + 1, step: step), false
      )
    }
    let a = start.map(wrap) ?? dim - 1
    let b = stop.map(wrap) ?? -1
    guard (-1..<dim).contains(a), (-1..<dim).contains(b) else { return nil }
    let n = a > b ? (a - b - step - 1) / -step : 0
    return (
      n == 0
        ? SliceRange(start: 0, stop: 0, step: 1)
        : SliceRange(start: a, stop: a + (n - 1) * step - 1, step: step), false
    )
  }
}

extension ArrayIndex where Self == AxisSlice {
  /// The whole axis (`:`).
  public static var all: AxisSlice { AxisSlice() }
  /// A Python-style slice.
  public static func s(_ start: Int? = nil, _ stop: Int? = nil, _ step: Int = 1) -> AxisSlice {
    AxisSlice(start, stop, step)
  }
}

extension Int: ArrayIndex {
  /// One index (negative counts from the end); the axis is dropped.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    let i = self < 0 ? self + dim : self
    guard (0..<dim).contains(i) else { return nil }
    return (SliceRange(start: i, stop: i + 1, step: 1), true)
  }
}

extension Range<Int>: ArrayIndex {
  /// `a..<b`.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    AxisSlice(lowerBound, upperBound).resolveStrict(dim)
  }
}
extension ClosedRange<Int>: ArrayIndex {
  /// `a...b`.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    AxisSlice(lowerBound, upperBound + 1).resolveStrict(dim)
  }
}
extension PartialRangeFrom<Int>: ArrayIndex {
  /// `a...`.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    AxisSlice(lowerBound, nil).resolveStrict(dim)
  }
}
extension PartialRangeUpTo<Int>: ArrayIndex {
  /// `..<b`.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    AxisSlice(nil, upperBound).resolveStrict(dim)
  }
}
extension PartialRangeThrough<Int>: ArrayIndex {
  /// `...b`.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    AxisSlice(nil, upperBound + 1).resolveStrict(dim)
  }
}

extension AxisSlice {
  /// Swift ranges take absolute, non-negative bounds.
  func resolveStrict(_ dim: Int) -> (range: SliceRange, drops: Bool)? {
    guard (start ?? 0) >= 0, (stop ?? 0) >= 0 else { return nil }
    return resolve(dim: dim)
  }
}

extension NDArray {
  /// Resolves subscript components against this array's shape.
  func resolve(_ indices: [any ArrayIndex]) -> Result<
    (ranges: [SliceRange], dropped: [Int]), ArrayError
  > {
    guard indices.count <= shape.count else {
      return .failure(
        ArrayError(op: "slice", "\(indices.count) indices for an array of rank \(shape.count)"))
    }
    var ranges: [SliceRange] = []
    var dropped: [Int] = []
    for (axis, dim) in shape.enumerated() {
      guard axis < indices.count else {
        ranges.append(.all(dim))
        continue
      }
      guard let (range, drops) = indices[axis].resolve(dim: dim) else {
        return .failure(
          ArrayError(
            op: "slice",
            "index \(indices[axis]) is out of bounds for axis \(axis) of length \(dim) (shape \(shape))"
          ))
      }
      ranges.append(range)
      if drops { dropped.append(axis) }
    }
    return .success((ranges, dropped))
  }

  /// The view selected by `indices`, or an array carrying the indexing error.
  public subscript(_ indices: any ArrayIndex...) -> NDArray {
    get {
      switch resolve(indices) {
      case .failure(var error):
        error.location = Session.shared.location(nil, force: true)
        return failed(error)
      case .success(let (ranges, dropped)):
        let sliced = view(.slice(ranges), site: nil)
        return dropped.isEmpty ? sliced : sliced.view(.squeeze(dropped), site: nil)
      }
    }
    nonmutating set {
      switch resolve(indices) {
      case .failure(var error):
        error.location = Session.shared.location(nil, force: true)
        Session.shared.postpone(error)
      case .success(let (ranges, dropped)):
        // `u[r] += e` has already written through the view the getter returned.
        if newValue.isView(of: self, ranges: ranges, dropped: dropped) { return }
        do {
          try assign(newValue, at: ranges, dropped: dropped, site: nil)
        } catch {
          Session.shared.postpone(error)
        }
      }
    }
  }

  /// Whether `self` is exactly the view `base[ranges]` (with `dropped` axes squeezed).
  func isView(of base: NDArray, ranges: [SliceRange], dropped: [Int]) -> Bool {
    guard storage === base.storage, error == nil else { return false }
    let expected = dropped.isEmpty ? 1 : 2
    guard steps.count == base.steps.count + expected else { return false }
    for (a, b) in zip(steps, base.steps) where a.op != b.op || a.shape != b.shape { return false }
    guard steps[base.steps.count].op == .slice(ranges) else { return false }
    return dropped.isEmpty || steps[base.steps.count + 1].op == .squeeze(dropped)
  }
}
