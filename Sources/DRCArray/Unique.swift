// NumPy's `unique` and the array API's `unique_all`, `unique_counts`, `unique_inverse` and
// `unique_values`, over the flattened array.
//
// The elements are sorted (a stable `argsort`, NaN last), a run starts where an element differs
// from the one before it (NaNs equal to each other when `equalNaN`, NumPy's default for
// `unique`; the array API's functions keep every NaN, as NumPy's do), and the starts are
// compacted like a boolean mask (`Compaction.swift`: their count is read on the host). From the
// start positions `p` in the sorted order: the values are the sorted elements at `p`, the
// counts are the gaps between consecutive starts, the first indices are the sort's positions at
// `p` (the sort is stable, so the first of a run is the first occurrence), and the inverse (for
// every element, its value's position among the unique values) is the running count of starts
// read through the inverse permutation (the `argsort` of the sort's positions), in `x`'s shape
// as NumPy 2 gives it. Everything but the count is device work made of existing ops.

import DRCIR

/// The unique values of an array with, for each, its first position in the flattened array,
/// and the number of its occurrences; and for each element of the array, its value's position
/// among the values (`x`'s shape). NumPy's `unique_all`.
public struct UniqueResult {
  /// The sorted unique values (1-D, the array's dtype).
  public let values: NDArray
  /// The first position of each value in the flattened array (int64).
  public let indices: NDArray
  /// For each element of the array, the position of its value in `values` (int64, its shape).
  public let inverseIndices: NDArray
  /// The number of occurrences of each value (int64).
  public let counts: NDArray
}

/// NumPy's `unique(x)`: the sorted unique values of the flattened array; all NaNs count as one
/// unless `equalNaN` is false.
public func unique(
  _ x: NDArray, equalNaN: Bool = true, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try uniqueAll(x, equalNaN: equalNaN, file: file, line: line).values
}

/// NumPy's `unique_values(x)` (every NaN kept, as the array API asks).
public func uniqueValues(_ x: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try uniqueAll(x, equalNaN: false, file: file, line: line).values
}

/// NumPy's `unique_counts(x)`; `unique(x, return_counts=True)` with `equalNaN: true`.
public func uniqueCounts(
  _ x: NDArray, equalNaN: Bool = false, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> (values: NDArray, counts: NDArray) {
  let all = try uniqueAll(x, equalNaN: equalNaN, file: file, line: line)
  return (all.values, all.counts)
}

/// NumPy's `unique_inverse(x)`; `unique(x, return_inverse=True)` with `equalNaN: true`.
public func uniqueInverse(
  _ x: NDArray, equalNaN: Bool = false, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> (values: NDArray, inverseIndices: NDArray) {
  let all = try uniqueAll(x, equalNaN: equalNaN, file: file, line: line)
  return (all.values, all.inverseIndices)
}

/// NumPy's `unique_all(x)` (every NaN kept); with `equalNaN: true`, `np.unique(x,
/// return_index=True, return_inverse=True, return_counts=True)`. Parts a program does not use
/// are never computed (device mode and compiled plans drop them).
public func uniqueAll(
  _ x: NDArray, equalNaN: Bool = false, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> UniqueResult {
  let site = CallSite.source(file, line)
  let n = x.count
  let flat = x.view(.reshape, shape: [n], site: site)
  func op(_ o: BinaryOp, _ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.binary(o, a, b, site: site)
  }
  func part(_ a: NDArray, _ start: Int, _ stop: Int) -> NDArray {
    a.view(.slice([SliceRange(start: start, stop: stop, step: 1)]), site: site)
  }
  func int(_ v: Int) throws(ArrayError) -> NDArray {
    try NDArray.constant(.int(Int64(v)), .int64, site: site)
  }
  guard n > 0 else {
    let none = try NDArray.apply(.full(.int(0)), [], dtype: .int64, shape: [0], site: site)
    let inverse = try NDArray.apply(.full(.int(0)), [], dtype: .int64, shape: x.shape, site: site)
    return UniqueResult(values: flat, indices: none, inverseIndices: inverse, counts: none)
  }
  let order = try flat.sorting(.argsort, axis: 0, site: site)
  let sorted = try flat.gather(order, axis: 0, site: site)
  // starts[i]: element i of the sorted order begins a run.
  let (next, previous) = (part(sorted, 1, n), part(sorted, 0, n - 1))
  var differs = try op(.ne, next, previous)
  if equalNaN && x.dtype.isFloat {
    let bothNaN = try op(.logicalAnd, try op(.ne, next, next), try op(.ne, previous, previous))
    differs = try op(.logicalAnd, differs, try NDArray.unary(.logicalNot, bothNaN, site: site))
  }
  let first = try NDArray.apply(.full(.bool(true)), [], dtype: .bool, shape: [1], site: site)
  let starts = try concatenate([first, differs], file: file, line: line)
  let positions = try starts.truePositions(site: site)
  let k = positions.count
  let ends = try concatenate(
    [part(positions, 1, k), try int(n).view(.reshape, shape: [1], site: site)], file: file,
    line: line)
  let runIndex = try op(.sub, try starts.scan(.cumsum, axis: 0, site: site), try int(1))
  let inverse = try runIndex.gather(
    try order.sorting(.argsort, axis: 0, site: site), axis: 0, site: site)
  return UniqueResult(
    values: try sorted.gather(positions, axis: 0, site: site),
    indices: try order.gather(positions, axis: 0, site: site),
    inverseIndices: inverse.view(.reshape, shape: x.shape, site: site),
    counts: try op(.sub, ends, positions))
}
