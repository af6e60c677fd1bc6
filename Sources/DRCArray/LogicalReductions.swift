// NumPy's `any`, `all` and `count_nonzero`, recorded as reductions of a bool array, and
// `array_equal` / `array_equiv` (an `all` read on the host).
//
// Each element's truth is `x != 0` (the `cast` to bool, so NaN is true, as in NumPy). `any` is a
// `max` over bools, `all` a `min`, and `count_nonzero` a `sum` (int64). Reductions over zero
// elements, which the `min`/`max` ops reject, give NumPy's answers directly: `any` of nothing is
// false and `all` of nothing is true. `any` is spelled `anyTrue` because `any` is a Swift keyword.

import DRCIR

extension NDArray {
  /// The truth of each element (`x != 0`) as a bool array.
  func truth(site: CallSite) throws(ArrayError) -> NDArray {
    dtype == .bool ? self : try NDArray.apply(.cast, [self], dtype: .bool, shape: shape, site: site)
  }

  /// `max` (any) or `min` (all) of the truth of each element over `given` axes.
  func logicalReduce(_ r: ReduceOp, _ given: [Int]?, keepdims: Bool, site: CallSite)
    throws(ArrayError) -> NDArray
  {
    let name = r == .max ? "any" : "all"
    let axes = try axes(given, op: name, site: site)
    let flags = try truth(site: site)
    if axes.isEmpty { return flags }
    let n = axes.reduce(1) { $0 * shape[$1] }
    guard n > 0 else {
      let target = ShapeRules.reduced(shape, axes: axes, keepdims: keepdims)
      return try NDArray.apply(
        .full(.bool(r == .min)), [], dtype: .bool, shape: target, site: site)
    }
    return try NDArray.apply(
      .reduce(r, axes: axes, keepdims: keepdims), [flags], dtype: .bool,
      shape: ShapeRules.reduced(shape, axes: axes, keepdims: keepdims), site: site)
  }

  /// Whether any element is true (non-zero) over `axis` (nil: all axes), as NumPy's `any`.
  public func anyTrue(
    axis: Int? = nil, keepdims: Bool = false, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try logicalReduce(.max, axis.map { [$0] }, keepdims: keepdims, site: .source(file, line))
  }

  /// Whether every element is true (non-zero) over `axis` (nil: all axes), as NumPy's `all`.
  public func all(
    axis: Int? = nil, keepdims: Bool = false, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try logicalReduce(.min, axis.map { [$0] }, keepdims: keepdims, site: .source(file, line))
  }

  /// The number of non-zero elements over `axis` (nil: all axes), int64, as `count_nonzero`.
  public func countNonzero(
    axis: Int? = nil, keepdims: Bool = false, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    let site = CallSite.source(file, line)
    let axes = try axes(axis.map { [$0] }, op: "count_nonzero", site: site)
    let flags = try truth(site: site)
    let counts = try NDArray.apply(.cast, [flags], dtype: .int64, shape: shape, site: site)
    if axes.isEmpty { return counts }
    return try NDArray.apply(
      .reduce(.sum, axes: axes, keepdims: keepdims), [counts], dtype: .int64,
      shape: ShapeRules.reduced(shape, axes: axes, keepdims: keepdims), site: site)
  }
}

/// Whether any element of `x` is true over `axis`, as NumPy's `any`.
public func anyTrue(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.anyTrue(axis: axis, keepdims: keepdims, file: file, line: line)
}

/// Whether every element of `x` is true over `axis`, as NumPy's `all`.
public func all(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.all(axis: axis, keepdims: keepdims, file: file, line: line)
}

/// The number of non-zero elements of `x` over `axis`, as NumPy's `count_nonzero`.
public func countNonzero(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.countNonzero(axis: axis, keepdims: keepdims, file: file, line: line)
}

/// Whether `a` and `b` have the same shape and equal elements, as NumPy's `array_equal` (a host
/// read); NaNs equal each other only with `equalNaN`.
public func arrayEqual(
  _ a: NDArray, _ b: NDArray, equalNaN: Bool = false, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> Bool {
  guard a.shape == b.shape else { return false }
  return try allEqual(a, b, equalNaN: equalNaN, file: file, line: line)
}

/// Whether `a` and `b` broadcast to one shape with equal elements, as NumPy's `array_equiv` (a
/// host read).
public func arrayEquiv(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> Bool
{
  guard ShapeRules.broadcast([a.shape, b.shape]) != nil else { return false }
  return try allEqual(a, b, equalNaN: false, file: file, line: line)
}

/// Whether every pair of elements is equal (NaN pairs too with `equalNaN`), read on the host.
private func allEqual(_ a: NDArray, _ b: NDArray, equalNaN: Bool, file: String, line: Int)
  throws(ArrayError) -> Bool
{
  var same = try NDArray.binary(.eq, a, b, site: .source(file, line))
  if equalNaN {
    let both = try logicalAnd(
      try isnan(a, file: file, line: line), try isnan(b, file: file, line: line), file: file,
      line: line)
    same = try logicalOr(same, both, file: file, line: line)
  }
  return try all(same, file: file, line: line).item(file: file, line: line) != 0
}
