// NumPy's `any`, `all` and `count_nonzero`, recorded as reductions of a bool array.
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
