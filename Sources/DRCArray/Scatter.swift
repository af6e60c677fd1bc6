// Writes at computed positions: `x[idx] = v` (and every subscript holding index arrays or
// masks), `np.add.at`, `np.put`, `np.put_along_axis`, `np.bincount`.
//
// Each is the IR's `scatter` or `scatter_add` (trace format 1.4) into the array flattened: the
// flat position of every selected element is read from an array of positions (`arange` in the
// array's shape) through the same subscript, so every NumPy form of advanced indexing (several
// index arrays, masks, slices among them) selects exactly what its read selects; the values are
// broadcast to the selection's shape and cast to the array's dtype; the new array is written
// back into the whole array (so views and aliases see it). A position selected twice keeps the
// last value (`x[idx] = v`, as NumPy) or accumulates every value in order (`add.at`). Swift runs
// `x[idx] += v` as get, `+=`, set, which is NumPy's own buffered meaning: a repeated index
// adds once. An index out of range is NumPy's IndexError: at the call in reference mode (the
// read of the positions already raises it), and from the plan's bounds check in device mode.

import DRCIR

extension NDArray {
  /// The flat positions (int64) of the elements `indices` select, in the selection's shape.
  func selectedPositions(_ indices: [any ArrayIndex], site: CallSite) throws(ArrayError)
    -> NDArray
  {
    let all = try NDArray.apply(
      .arange(start: .int(0), step: .int(1)), [], dtype: .int64, shape: [count], site: site)
    let selected = all.view(.reshape, shape: shape, site: site).view(at: indices)
    try selected.throwIfFailed()
    return selected
  }

  /// This array with `values` (broadcast to the positions' shape, cast) written (`scatter`) or
  /// added (`scatter_add`) at the flat `positions`, in row-major order of the positions.
  func scattered(
    _ op: ScatterOp, at positions: NDArray, _ values: NDArray, site: CallSite
  ) throws(ArrayError) -> NDArray {
    func fail(_ message: String) -> ArrayError {
      ArrayError(op: op.rawValue, message, location: Session.shared.location(site, force: true))
    }
    guard positions.dtype.isInteger else {
      throw fail("indices must be integers, not \(positions.dtype)")
    }
    guard ShapeRules.broadcasts(values.shape, to: positions.shape) else {
      throw fail(
        "shape mismatch: value array of shape \(values.shape) could not be broadcast to "
          + "indexing result of shape \(positions.shape)")
    }
    if op == .scatterAdd && dtype == .bool {
      throw fail("add.at into a bool array is not supported (NumPy's is logical or)")
    }
    let m = positions.count
    let flat = positions.view(.reshape, shape: [m], site: site)
    var v = values.view(.broadcast, shape: positions.shape, site: site)
    if v.dtype != dtype {
      v = try NDArray.apply(.cast, [v], dtype: dtype, shape: v.shape, site: site)
    }
    let target = view(.reshape, shape: [count], site: site)
    let result = try NDArray.apply(
      .scatter(op), [target, flat, v.view(.reshape, shape: [m], site: site)], dtype: dtype,
      shape: [count], site: site)
    return result.view(.reshape, shape: shape, site: site)
  }

  /// `x[indices] = value` for a subscript holding index arrays or masks: NumPy's assignment.
  func storeAdvanced(_ value: NDArray, at indices: [any ArrayIndex], site given: CallSite?)
    throws(ArrayError)
  {
    try value.throwIfFailed()
    let site = given ?? .resolved(Session.shared.location(nil, force: true))
    let positions = try selectedPositions(indices, site: site)
    let kind: (DType) -> Int = { $0 == .bool ? 0 : $0.isInteger ? 1 : 2 }
    var v = value
    if kind(value.dtype) > kind(dtype) {
      // NumPy casts an assigned value unsafely (1.7 into an int array is 1).
      v = try NDArray.apply(.cast, [value], dtype: dtype, shape: value.shape, site: site)
    }
    let merged = try scattered(.scatter, at: positions, v, site: site)
    try assign(merged, at: shape.map { SliceRange.all($0) }, dropped: [], site: site)
  }
}

/// NumPy's `np.add.at(a, indices, b)`: `b` (broadcast to `a[indices]`'s shape) added into `a` at
/// `indices` (an index array along axis 0), every repeat accumulating, in place.
public func addAt(
  _ a: NDArray, _ indices: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line
) throws(ArrayError) {
  try addAt(a, [indices], b, file: file, line: line)
}

/// `np.add.at(a, (i, j, ...), b)` with a subscript (`.all`, ranges, integers, index arrays).
public func addAt(
  _ a: NDArray, _ indices: [any ArrayIndex], _ b: NDArray, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) {
  let site = CallSite.source(file, line)
  let kind: (DType) -> Int = { $0 == .bool ? 0 : $0.isInteger ? 1 : 2 }
  guard kind(b.dtype) <= kind(a.dtype) else {
    throw ArrayError(
      op: "add.at",
      "cannot add \(b.dtype) values into a \(a.dtype) array (NumPy's same-kind rule)",
      location: Session.shared.location(site, force: true))
  }
  let positions = try a.selectedPositions(indices, site: site)
  let sums = try a.scattered(.scatterAdd, at: positions, b, site: site)
  try a.assign(sums, at: a.shape.map { SliceRange.all($0) }, dropped: [], site: site)
}

/// NumPy's `np.put(a, ind, v)`: `v` (repeated to `ind`'s length) written at the flat positions
/// `ind` of `a`, in place (`mode="raise"`).
public func put(
  _ a: NDArray, _ indices: NDArray, _ v: NDArray, file: String = #filePath, line: Int = #line
) throws(ArrayError) {
  let site = CallSite.source(file, line)
  let flat = indices.view(.reshape, shape: [indices.count], site: site)
  var values = v.view(.reshape, shape: [v.count], site: site)
  if v.count != flat.count && v.count > 0 {
    // NumPy repeats v cyclically to the number of indices.
    let reps = (flat.count + v.count - 1) / v.count
    values = try tile(values, [reps], file: file, line: line).view(
      .slice([SliceRange(start: 0, stop: flat.count, step: 1)]), site: site)
  }
  let target = a.view(.reshape, shape: [a.count], site: site)
  try target.storeAdvanced(values, at: [flat], site: site)
}

/// NumPy's `np.bincount(x, weights, minlength)`: the occurrences (int64), or the summed
/// weights (float64), of each value `0...max(x)` of a 1-D array of non-negative integers.
/// The length is read on the host (NumPy's too depends on the data).
public func bincount(
  _ x: NDArray, weights: NDArray? = nil, minlength: Int = 0, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "bincount", message, location: Session.shared.location(site, force: true))
  }
  guard x.ndim == 1, x.dtype.isInteger || x.dtype == .bool else {
    throw fail("needs a 1-D array of integers, not \(x.dtype)\(x.shape)")
  }
  guard minlength >= 0 else { throw fail("minlength must not be negative") }
  if let weights, weights.shape != x.shape {
    throw fail("The weights and list don't have the same length.")
  }
  var length = minlength
  let wide = try NDArray.apply(.cast, [x], dtype: .int64, shape: x.shape, site: site)
  if x.count > 0 {
    let (low, high) = (
      try wide.reduce(.min, [0], keepdims: false, site: site),
      try wide.reduce(.max, [0], keepdims: false, site: site)
    )
    guard try low.item(at: [], site: site) >= 0 else {
      throw fail("'list' argument must have no negative elements")
    }
    let top = try high.item(at: [], site: site)
    guard top < 1e12 else { throw fail("a largest value of \(top) needs too many bins") }
    length = Swift.max(length, Int(top) + 1)
  }
  let dtype: DType = weights == nil ? .int64 : .float64
  let zeros = try NDArray.apply(
    .full(Scalar.int(0).converted(to: dtype)), [], dtype: dtype, shape: [length], site: site)
  var values = try NDArray.constant(.int(1), .int64, site: site)
  if let weights {
    values = try NDArray.apply(.cast, [weights], dtype: .float64, shape: weights.shape, site: site)
  }
  return try zeros.scattered(.scatterAdd, at: wide, values, site: site)
}

/// NumPy's `np.put_along_axis(a, indices, values, axis)`: `values` written into `a` at the
/// positions `indices` gives along `axis` (the other axes' coordinates their own), in place;
/// `indices` has `a`'s rank and broadcasts against it off `axis`, `values` against `indices`.
public func putAlongAxis(
  _ a: NDArray, _ indices: NDArray, _ values: NDArray, axis: Int, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "put_along_axis", message, location: Session.shared.location(site, force: true))
  }
  let axisIndex = try a.normalise(axis, rank: a.ndim, op: "put_along_axis", site: site)
  guard indices.ndim == a.ndim, indices.dtype.isInteger else {
    throw fail(
      "indices must be integers of the array's rank \(a.ndim), not \(indices.dtype)\(indices.shape)"
    )
  }
  var perAxis: [any ArrayIndex] = []
  for d in 0..<a.ndim {
    if d == axisIndex {
      perAxis.append(indices)
      continue
    }
    guard let extent = ShapeRules.broadcast([a.shape[d]], [indices.shape[d]])?.first else {
      throw fail("shape mismatch: indices \(indices.shape) do not broadcast against \(a.shape)")
    }
    var dims = Array(repeating: 1, count: a.ndim)
    dims[d] = extent
    perAxis.append(try arange(extent, file: file, line: line).reshape(dims))
  }
  try a.storeAdvanced(values, at: perAxis, site: site)
}
