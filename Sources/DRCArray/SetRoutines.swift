// NumPy's set routines on flattened arrays: `isin`, `intersect1d`, `union1d`, `setdiff1d` and
// `setxor1d`, and `digitize`.
//
// `isin(e, t)` sorts the test elements once (NaN last) and looks each element up with
// `searchsorted`: it is present where the element at its left insertion point equals it, so NaN
// is never found (NaN != NaN, as NumPy). The sets follow NumPy's own definitions: `union1d` is
// `unique(concatenate)`, `intersect1d` the unique elements of `a` found in `b`, `setdiff1d` those
// not found, and `setxor1d` the values of the sorted concatenation of both `unique`s that equal
// neither neighbour (so NaN present in both is kept twice, as NumPy keeps it). Results are sorted
// and 1-D; their length is data-dependent, read on the host like every compaction
// (`Compaction.swift`). `digitize(x, bins)` checks the bins' monotonicity on the host by NumPy's
// rule (repeats first, then the first change decides the direction) and is one `searchsorted`:
// `side: .right` for `right: false`, on the reversed bins when they decrease.

import DRCIR

/// NumPy's `isin(element, testElements)`: for each element, whether it occurs among the test
/// elements (flattened); `invert` negates. The result has `element`'s shape.
public func isin(
  _ element: NDArray, _ testElements: NDArray, invert: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let n = testElements.count
  guard n > 0 else {
    let none = Scalar.bool(invert)
    return try NDArray.apply(.full(none), [], dtype: .bool, shape: element.shape, site: site)
  }
  let dtype = DType.promote(element.dtype, testElements.dtype)
  let e = try element.converted(to: dtype, site: site)
  let table = try testElements.flat(site: site).converted(to: dtype, site: site)
    .sorting(.sort, axis: 0, site: site)
  let position = try searchsorted(table, e, file: file, line: line)
  let last = try NDArray.constant(.int(Int64(n - 1)), .int64, site: site)
  let clipped = try NDArray.binary(.minimum, position, last, site: site)
  let found = try NDArray.binary(.eq, try table.gather(clipped, axis: 0, site: site), e, site: site)
  return invert ? try logicalNot(found, file: file, line: line) : found
}

/// NumPy's `union1d(a, b)`: the sorted unique values of both arrays (their promoted dtype).
public func union1d(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let both = try joined(a, b, site: site)
  return try unique(both, file: file, line: line)
}

/// NumPy's `intersect1d(a, b)`: the sorted unique values found in both arrays.
public func intersect1d(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let dtype = DType.promote(a.dtype, b.dtype)
  let values = try unique(a, file: file, line: line).converted(to: dtype, site: site)
  return try extract(try isin(values, b, file: file, line: line), values, file: file, line: line)
}

/// NumPy's `setdiff1d(a, b)`: the sorted unique values of `a` not found in `b` (`a`'s dtype).
public func setdiff1d(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let values = try unique(a, file: file, line: line)
  let kept = try isin(values, b, invert: true, file: file, line: line)
  return try extract(kept, values, file: file, line: line)
}

/// NumPy's `setxor1d(a, b)`: the sorted values found in exactly one of the arrays.
public func setxor1d(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let both = try joined(
    try unique(a, file: file, line: line), try unique(b, file: file, line: line), site: site)
  let n = both.count
  guard n > 1 else { return both }
  let sorted = try both.sorting(.sort, axis: 0, site: site)
  func part(_ start: Int, _ stop: Int) -> NDArray {
    sorted.view(.slice([SliceRange(start: start, stop: stop, step: 1)]), site: site)
  }
  // flag[k] for k in 0...n: true at both ends and where neighbours differ.
  let differs = try NDArray.binary(.ne, part(1, n), part(0, n - 1), site: site)
  let edge = try NDArray.apply(.full(.bool(true)), [], dtype: .bool, shape: [1], site: site)
  let flag = try NDArray.apply(
    .concatenate(axis: 0), [edge, differs, edge], dtype: .bool, shape: [n + 1], site: site)
  func flags(_ start: Int) -> NDArray {
    flag.view(.slice([SliceRange(start: start, stop: start + n, step: 1)]), site: site)
  }
  let single = try NDArray.binary(.logicalAnd, flags(1), flags(0), site: site)
  return try extract(single, sorted, file: file, line: line)
}

/// NumPy's `digitize(x, bins, right)`: for each value, the index of the bin it falls in among
/// the monotonic 1-D `bins` (0 below the first edge, `len(bins)` past the last). The bins'
/// direction is read on the host.
public func digitize(
  _ x: NDArray, _ bins: NDArray, right: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "digitize", message, location: Session.shared.location(site, force: true))
  }
  guard bins.ndim == 1 else { throw fail("bins must be 1-D, not shape \(bins.shape)") }
  let edges = try bins.scalars(file: file, line: line)
  guard let direction = monotonicity(edges) else {
    throw fail("bins must be monotonically increasing or decreasing")
  }
  let side: SearchSide = right ? .left : .right
  guard direction < 0 else { return try searchsorted(bins, x, side: side, file: file, line: line) }
  let reversed = try searchsorted(
    try bins.flip(file: file, line: line), x, side: side, file: file, line: line)
  let count = try NDArray.constant(.int(Int64(bins.count)), .int64, site: site)
  return try NDArray.binary(.sub, count, reversed, site: site)
}

/// NumPy's monotonicity rule for `digitize`: 1 increasing (or constant, or shorter than 2), -1
/// decreasing, nil neither. Repeats at the start are skipped; the first change decides.
func monotonicity(_ values: [Scalar]) -> Int? {
  func less(_ a: Scalar, _ b: Scalar) -> Bool {
    if case .int(let x) = a, case .int(let y) = b { return x < y }
    return a.doubleValue < b.doubleValue
  }
  func equal(_ a: Scalar, _ b: Scalar) -> Bool {
    if case .int(let x) = a, case .int(let y) = b { return x == y }
    return a.doubleValue == b.doubleValue
  }
  var i = 1
  while i < values.count, equal(values[i], values[i - 1]) { i += 1 }
  guard i < values.count else { return 1 }
  let increasing = less(values[i - 1], values[i])
  for k in (i + 1)..<Swift.max(i + 1, values.count) {
    if increasing ? less(values[k], values[k - 1]) : less(values[k - 1], values[k]) { return nil }
  }
  return increasing ? 1 : -1
}

extension NDArray {
  /// The array as a 1-D view of its elements.
  func flat(site: CallSite) throws(ArrayError) -> NDArray {
    view(.reshape, shape: [count], site: site)
  }

  /// The array cast to `dtype` (itself when it has it).
  func converted(to dtype: DType, site: CallSite?) throws(ArrayError) -> NDArray {
    self.dtype == dtype
      ? self : try NDArray.apply(.cast, [self], dtype: dtype, shape: shape, site: site)
  }
}

/// Both arrays flattened, in their promoted dtype, one after the other.
func joined(_ a: NDArray, _ b: NDArray, site: CallSite) throws(ArrayError) -> NDArray {
  let dtype = DType.promote(a.dtype, b.dtype)
  let parts = [
    try a.flat(site: site).converted(to: dtype, site: site),
    try b.flat(site: site).converted(to: dtype, site: site),
  ]
  return try NDArray.apply(
    .concatenate(axis: 0), parts, dtype: dtype, shape: [a.count + b.count], site: site)
}
