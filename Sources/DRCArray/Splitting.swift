// NumPy's splitting, stacking and grid forms that are views and copies of existing ops: `split`,
// `array_split`, `column_stack`, `dstack`, `meshgrid` and constant `pad`.
//
// `split` and `array_split` return views (slices), as NumPy's do, so writes through a piece reach
// the array; `split` into sections that do not divide the axis throws, as NumPy raises.
// `column_stack` and `dstack` promote their operands as NumPy does (1-D arrays become columns,
// [1, n, 1] planes) and concatenate. `meshgrid` returns copies (NumPy's default `copy=True`)
// with `xy` (Cartesian: the first two output axes swapped) or `ij` (matrix) indexing. `pad` with
// a constant is a `full` array with the input written into its middle.

import DRCIR

/// Pieces of `x` along `axis`: `sections` equal ones (which must divide the axis), as NumPy's
/// `split(x, sections, axis)`.
public func split(
  _ x: NDArray, _ sections: Int, axis: Int = 0, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> [NDArray] {
  let site = CallSite.source(file, line)
  let a = try x.normalise(axis, rank: x.ndim, op: "split", site: site)
  guard sections > 0, x.shape[a] % sections == 0 else {
    throw ArrayError(
      op: "split",
      "\(sections) sections do not divide axis \(axis) of length \(x.shape[a]) into equal parts (array_split allows unequal ones)",
      location: Session.shared.location(site, force: true))
  }
  return pieces(x, axis: a, bounds: equalBounds(x.shape[a], sections), site: site)
}

/// Pieces of `x` along `axis` cut before each of `indices`, as NumPy's `split(x, [i, j], axis)`
/// (indices past the end give empty pieces; negative ones count from the end).
public func split(
  _ x: NDArray, indices: [Int], axis: Int = 0, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> [NDArray] {
  let site = CallSite.source(file, line)
  let a = try x.normalise(axis, rank: x.ndim, op: "split", site: site)
  let length = x.shape[a]
  let cuts = indices.map { Swift.min(Swift.max($0 < 0 ? $0 + length : $0, 0), length) }
  return pieces(x, axis: a, bounds: [0] + cuts + [length], site: site)
}

/// `sections` pieces of `x` along `axis`, the first `length % sections` one longer, as NumPy's
/// `array_split`.
public func arraySplit(
  _ x: NDArray, _ sections: Int, axis: Int = 0, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> [NDArray] {
  let site = CallSite.source(file, line)
  let a = try x.normalise(axis, rank: x.ndim, op: "array_split", site: site)
  guard sections > 0 else {
    throw ArrayError(
      op: "array_split", "needs at least one section, got \(sections)",
      location: Session.shared.location(site, force: true))
  }
  return pieces(x, axis: a, bounds: equalBounds(x.shape[a], sections), site: site)
}

/// Piece boundaries of `length` in `sections`: NumPy's array_split sizes.
private func equalBounds(_ length: Int, _ sections: Int) -> [Int] {
  let (size, extra) = length.quotientAndRemainder(dividingBy: sections)
  var bounds = [0]
  for i in 0..<sections { bounds.append(bounds[i] + size + (i < extra ? 1 : 0)) }
  return bounds
}

/// The slices of `x` along `axis` between consecutive `bounds` (a later bound below an earlier
/// one gives an empty piece).
private func pieces(_ x: NDArray, axis: Int, bounds: [Int], site: CallSite) -> [NDArray] {
  (0..<(bounds.count - 1)).map { i in
    var ranges = x.shape.map { SliceRange(start: 0, stop: $0, step: 1) }
    ranges[axis] = SliceRange(
      start: bounds[i], stop: Swift.max(bounds[i], bounds[i + 1]), step: 1)
    return x.view(.slice(ranges), site: site)
  }
}

/// 1-D arrays as columns, 2-D arrays as they are, joined along axis 1: NumPy's `column_stack`.
public func columnStack(_ arrays: [NDArray], file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let columns = arrays.map {
    $0.ndim < 2 ? $0.view(.reshape, shape: [$0.count, 1], site: site) : $0
  }
  return try concatenate(columns, axis: 1, file: file, line: line)
}

/// Arrays joined along the third axis (1-D [n] as [1, n, 1], 2-D [m, n] as [m, n, 1]): NumPy's
/// `dstack`.
public func dstack(_ arrays: [NDArray], file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let planes = arrays.map { a -> NDArray in
    switch a.ndim {
    case 0: return a.view(.reshape, shape: [1, 1, 1], site: site)
    case 1: return a.view(.reshape, shape: [1, a.count, 1], site: site)
    case 2: return a.view(.reshape, shape: a.shape + [1], site: site)
    default: return a
    }
  }
  return try concatenate(planes, axis: 2, file: file, line: line)
}

/// How `meshgrid` orders its output axes.
public enum MeshIndexing: Sendable {
  /// Cartesian (NumPy's default): the first two output axes swapped.
  case xy
  /// Matrix: output axis i follows input i.
  case ij
}

/// Coordinate arrays from 1-D coordinate vectors, as NumPy's `meshgrid` (copies).
public func meshgrid(
  _ vectors: [NDArray], indexing: MeshIndexing = .xy, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> [NDArray] {
  let site = CallSite.source(file, line)
  let lengths = vectors.map(\.count)
  guard ShapeRules.count(lengths) != nil else {
    throw ArrayError(
      op: "meshgrid", "a grid of \(lengths) has too many elements",
      location: Session.shared.location(site, force: true))
  }
  var shape = lengths
  let swap = indexing == .xy && vectors.count >= 2
  if swap { shape.swapAt(0, 1) }
  var grids: [NDArray] = []
  for (i, v) in vectors.enumerated() {
    let axis = swap && i < 2 ? 1 - i : i
    grids.append(try v.spread(along: axis, of: shape, site: site))
  }
  return grids
}

/// `x` padded with `value`: `widths[i]` = (before, after) elements on axis i, one pair for every
/// axis, or a single pair for all; NumPy's `pad(x, widths, constant_values=value)`.
public func pad(
  _ x: NDArray, _ widths: [(Int, Int)], value: Double = 0, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let all = widths.count == 1 ? [(Int, Int)](repeating: widths[0], count: x.ndim) : widths
  guard all.count == x.ndim, all.allSatisfy({ $0.0 >= 0 && $0.1 >= 0 }) else {
    throw ArrayError(
      op: "pad",
      "needs one non-negative (before, after) pair per axis of \(x.shape), or one for all; got \(widths.count)",
      location: Session.shared.location(site, force: true))
  }
  var shape: [Int] = []
  for (n, w) in zip(x.shape, all) {
    let (s1, o1) = n.addingReportingOverflow(w.0)
    let (s2, o2) = s1.addingReportingOverflow(w.1)
    guard !o1, !o2 else {
      throw ArrayError(
        op: "pad", "padded shape overflows", location: Session.shared.location(site, force: true))
    }
    shape.append(s2)
  }
  let out = try full(shape, value, dtype: x.dtype, file: file, line: line)
  let ranges = zip(x.shape, all).map { SliceRange(start: $1.0, stop: $1.0 + $0, step: 1) }
  try out.assign(x, at: ranges, dropped: [], site: site)
  return out
}
