// Subscripts: NumPy-style indexing with Swift ranges, Python-style slices and integer indices.
//
// `u[1..<n-1, 2...]`, `u[.all, 0]`, `u[.s(nil, nil, -1)]`, `u[.newAxis, .all]` select views.
// Slice bounds are clamped to the axis as NumPy clamps them (`x[..<100]` on 16 elements is all
// 16); an integer index out of bounds is an error, as in NumPy. Swift ranges cannot say negative
// bounds or steps: `.s(start, stop, step)` is NumPy's `start:stop:step` (negative bounds count
// from the end), and the error for a negative Swift range shows the `.s` spelling to use.
// The subscripts themselves are in Subscripts.swift.

import DRCIR

/// One subscript component: an integer, a Swift range, or an `AxisSlice`.
public protocol ArrayIndex {
  /// The normalised range on an axis of length `dim`, and whether the axis is dropped.
  func resolve(dim: Int) -> (range: SliceRange, drops: Bool)?
  /// Why this index cannot be used and what to write instead, when `resolve` gives nil.
  func problem(dim: Int) -> String?
}

extension ArrayIndex {
  /// No specific advice by default.
  public func problem(dim: Int) -> String? { nil }
}

/// NumPy's `np.newaxis` (`None`) in a subscript: inserts a length-1 axis.
public struct NewAxis: ArrayIndex, Sendable {
  /// Creates the marker.
  public init() {}
  /// Never used: `NDArray.resolve` handles new axes before resolving the others.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? { nil }
}

extension ArrayIndex where Self == NewAxis {
  /// A new length-1 axis, as NumPy's `x[np.newaxis, :]` or `x[None, :]`.
  public static var newAxis: NewAxis { NewAxis() }
}

/// NumPy's `...` (Ellipsis) in a subscript: as many whole axes (`:`) as the other components
/// leave unnamed; one per subscript.
public struct EllipsisIndex: ArrayIndex, Sendable {
  /// Creates the marker.
  public init() {}
  /// Reached only for a second ellipsis: `NDArray.expandingEllipsis` replaces the first.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? { nil }
  /// NumPy's rule.
  public func problem(dim: Int) -> String? { "an index can only have a single ellipsis ('...')" }
}

extension ArrayIndex where Self == EllipsisIndex {
  /// The remaining axes, as NumPy's `x[..., 0]`.
  public static var ellipsis: EllipsisIndex { EllipsisIndex() }
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

  /// Normalises the slice as Python does (`PySlice_AdjustIndices`): bounds past either end are
  /// clamped; nil only when the step is 0.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    guard step != 0 else { return nil }
    let empty = (SliceRange(start: 0, stop: 0, step: 1), false)
    let backward = step < 0
    // `i + dim` cannot overflow: i < 0 and 0 <= dim.
    func adjust(_ i: Int) -> Int {
      if i < 0 {
        let j = i + dim
        return j < 0 ? (backward ? -1 : 0) : j
      }
      return i >= dim ? (backward ? dim - 1 : dim) : i
    }
    if !backward {
      let a = start.map(adjust) ?? 0
      let b = stop.map(adjust) ?? dim
      guard b > a else { return empty }
      let n = (b - a - 1) / step + 1
      // A step longer than the axis selects one element; 1 says the same and keeps the IR's
      // count arithmetic (`stop - start + step - 1`) from overflowing.
      let s = step > dim ? 1 : step
      return (SliceRange(start: a, stop: a + (n - 1) * s + 1, step: s), false)
    }
    let a = start.map(adjust) ?? dim - 1
    let b = stop.map(adjust) ?? -1
    guard a > b else { return empty }
    let n = (a - b - 1) / Int(clamping: step.magnitude) + 1
    // Likewise -1 for a step longer than the axis (`-step` overflows at Int.min).
    let s = step < -dim ? -1 : step
    return (SliceRange(start: a, stop: a + (n - 1) * s - 1, step: s), false)
  }

  /// The step-0 error.
  public func problem(dim: Int) -> String? { step == 0 ? "a slice step cannot be 0" : nil }
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
  /// `a..<b`; a stop past the end is clamped.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    AxisSlice(lowerBound, upperBound).resolveStrict(dim)
  }
  /// Advice for negative bounds.
  public func problem(dim: Int) -> String? {
    AxisSlice.negativeRangeHint("\(lowerBound)..<\(upperBound)", lowerBound, upperBound)
  }
}
extension ClosedRange<Int>: ArrayIndex {
  /// `a...b`; a stop past the end is clamped.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    AxisSlice(lowerBound, AxisSlice.after(upperBound)).resolveStrict(dim)
  }
  /// Advice for negative bounds.
  public func problem(dim: Int) -> String? {
    AxisSlice.negativeRangeHint(
      "\(lowerBound)...\(upperBound)", lowerBound,
      upperBound == -1 ? nil : AxisSlice.after(upperBound))
  }
}
extension PartialRangeFrom<Int>: ArrayIndex {
  /// `a...`.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    AxisSlice(lowerBound, nil).resolveStrict(dim)
  }
  /// Advice for a negative bound.
  public func problem(dim: Int) -> String? {
    AxisSlice.negativeRangeHint("\(lowerBound)...", lowerBound, nil)
  }
}
extension PartialRangeUpTo<Int>: ArrayIndex {
  /// `..<b`; a stop past the end is clamped.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    AxisSlice(nil, upperBound).resolveStrict(dim)
  }
  /// Advice for a negative bound.
  public func problem(dim: Int) -> String? {
    AxisSlice.negativeRangeHint("..<\(upperBound)", nil, upperBound)
  }
}
extension PartialRangeThrough<Int>: ArrayIndex {
  /// `...b`; a stop past the end is clamped.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? {
    AxisSlice(nil, AxisSlice.after(upperBound)).resolveStrict(dim)
  }
  /// Advice for a negative bound.
  public func problem(dim: Int) -> String? {
    AxisSlice.negativeRangeHint(
      "...\(upperBound)", nil, upperBound == -1 ? nil : AxisSlice.after(upperBound))
  }
}

extension AxisSlice {
  /// Swift ranges take absolute, non-negative bounds (a stop past the end is clamped).
  func resolveStrict(_ dim: Int) -> (range: SliceRange, drops: Bool)? {
    guard (start ?? 0) >= 0, (stop ?? 0) >= 0 else { return nil }
    return resolve(dim: dim)
  }

  /// `b + 1` for an inclusive bound; nil (to the end) at `Int.max`.
  static func after(_ b: Int) -> Int? {
    let (next, overflow) = b.addingReportingOverflow(1)
    return overflow ? nil : next
  }

  /// The message for a Swift range with a negative bound: the `.s` spelling that says it.
  static func negativeRangeHint(_ written: String, _ start: Int?, _ stop: Int?) -> String? {
    guard (start ?? 0) < 0 || (stop ?? 0) < 0 else { return nil }
    let a = start.map(String.init) ?? "nil"
    let b = stop.map(String.init) ?? "nil"
    let call = stop == nil ? (start == nil ? ".all" : ".s(\(a))") : ".s(\(a), \(b))"
    return "the Swift range \(written) has a negative bound, which Swift ranges cannot use to "
      + "count from the end; write \(call) for NumPy's \(start.map(String.init) ?? ""):"
      + "\(stop.map(String.init) ?? "") (and .s(start, stop, step) for a step)"
  }
}
