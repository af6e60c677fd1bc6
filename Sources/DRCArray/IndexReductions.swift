// NumPy's `argmin` and `argmax`: the int64 position of the first extreme value.
//
// With an axis the position is along that axis; without one (nil) it is the position in the
// array flattened row-major, recorded as a reduction over every axis (its reduced run is the
// row-major order, so the position is the flat index). Ties go to the first position and NaN is
// the extreme (the first NaN wins), as NumPy. `keepdims` keeps the reduced axes with length 1
// (all of them when flattened). An empty reduced axis raises in NumPy; here the type rules refuse
// it and the library throws an `ArrayError` naming the source line. A 0-d array's argmax is 0.

import DRCIR

extension NDArray {
  /// The position reduction `r` (argmin/argmax) over `axis` (nil: the flattened array).
  func indexReduce(_ r: ReduceOp, axis: Int?, keepdims: Bool, site: CallSite) throws(ArrayError)
    -> NDArray
  {
    let axes = try axes(axis.map { [$0] }, op: r.rawValue, site: site)
    guard !axes.isEmpty else {
      // A 0-d array flattened has one element: its position is 0.
      return try NDArray.apply(.full(.int(0)), [], dtype: .int64, shape: [], site: site)
    }
    return try NDArray.apply(
      .reduce(r, axes: axes, keepdims: keepdims), [self], dtype: .int64,
      shape: ShapeRules.reduced(shape, axes: axes, keepdims: keepdims), site: site)
  }

  /// The position of the first largest element along `axis` (nil: of the flattened array), int64;
  /// NaN counts as largest, as NumPy's `argmax`.
  public func argmax(
    axis: Int? = nil, keepdims: Bool = false, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try indexReduce(.argmax, axis: axis, keepdims: keepdims, site: .source(file, line))
  }

  /// The position of the first smallest element along `axis` (nil: of the flattened array),
  /// int64; NaN counts as smallest, as NumPy's `argmin`.
  public func argmin(
    axis: Int? = nil, keepdims: Bool = false, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try indexReduce(.argmin, axis: axis, keepdims: keepdims, site: .source(file, line))
  }
}

/// The position of the first largest element along `axis` (nil: flattened), as `np.argmax`.
public func argmax(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.argmax(axis: axis, keepdims: keepdims, file: file, line: line)
}

/// The position of the first smallest element along `axis` (nil: flattened), as `np.argmin`.
public func argmin(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.argmin(axis: axis, keepdims: keepdims, file: file, line: line)
}
