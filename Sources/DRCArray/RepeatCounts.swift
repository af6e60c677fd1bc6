// NumPy's `repeat` with one count per element: `np.repeat(x, counts, axis)`.
//
// The result's length is the sum of the counts: known on the host for Swift counts, read back
// (with their smallest value, which NumPy requires to be non-negative) for an array of counts.
// Which element each output position copies is computed on the device without a search: a 1 is
// added (`scatter_add`) at each element's end position (the running sum of the counts) into
// `total + 1` zeros, and the running sum of those marks at position p is the number of elements
// that end at or before p, which is the index of the element p copies (elements with count 0
// end where the one before them ends, and are skipped). The copy is one `take`.

import DRCIR

extension NDArray {
  /// Each element repeated its own count of times along `axis` (nil: of the flattened array),
  /// as NumPy's `repeat(x, counts)`; one count repeats every element.
  public func `repeat`(
    _ counts: [Int], axis: Int? = nil, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    if counts.count == 1 { return try self.repeat(counts[0], axis: axis, file: file, line: line) }
    let site = CallSite.source(file, line)
    var total = 0
    for c in counts {
      let (sum, overflow) = total.addingReportingOverflow(c)
      guard c >= 0, !overflow else {
        throw ArrayError(
          op: "repeat", "counts must be non-negative and their sum representable",
          location: Session.shared.location(site, force: true))
      }
      total = sum
    }
    let table = try NDArray(counts.map { Int64($0) }, file: file, line: line)
    return try repeated(table, total: total, axis: axis, site: site)
  }

  /// Each element repeated the count at its position in `counts` (an integer array of one
  /// count, or one per element along `axis`) times, as NumPy's `repeat(x, counts)`. The total
  /// is read on the host.
  public func `repeat`(
    _ counts: NDArray, axis: Int? = nil, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    let site = CallSite.source(file, line)
    guard counts.dtype.isInteger, counts.ndim <= 1 else {
      throw ArrayError(
        op: "repeat",
        "counts must be a 0-d or 1-D integer array, not \(counts.dtype)\(counts.shape)",
        location: Session.shared.location(site, force: true))
    }
    let flat = counts.view(.reshape, shape: [counts.count], site: site)
    let wide = try flat.converted(to: .int64, site: site)
    if counts.count == 1 {
      // One count for every element (read on the host): the plain repeat.
      let one = try wide.item(at: [0], site: site)
      guard let c = Int(exactly: one), c >= 0 else {
        throw ArrayError(
          op: "repeat", "counts must be non-negative (negative dimensions are not allowed)",
          location: Session.shared.location(site, force: true))
      }
      return try self.repeat(c, axis: axis, file: file, line: line)
    }
    let smallest =
      counts.count == 0
      ? 0
      : try wide.reduce(.min, [0], keepdims: false, site: site)
        .item(at: [], site: site)
    let sum = try wide.reduce(.sum, [0], keepdims: false, site: site).item(at: [], site: site)
    guard smallest >= 0, let total = Int(exactly: sum) else {
      throw ArrayError(
        op: "repeat", "counts must be non-negative (negative dimensions are not allowed)",
        location: Session.shared.location(site, force: true))
    }
    return try repeated(wide, total: total, axis: axis, site: site)
  }

  /// The repeat itself: `table` (int64 counts, one per element along the axis) summing to
  /// `total`.
  private func repeated(_ table: NDArray, total known: Int, axis: Int?, site: CallSite)
    throws(ArrayError) -> NDArray
  {
    let source = axis == nil ? view(.reshape, shape: [count], site: site) : self
    let a = try source.normalise(axis ?? 0, rank: source.ndim, op: "repeat", site: site)
    let n = source.shape[a]
    guard table.count == n else {
      throw ArrayError(
        op: "repeat",
        "operands could not be broadcast together with shape (\(n),) (\(table.count),)",
        location: Session.shared.location(site, force: true))
    }
    let total = known
    let ends = try table.scan(.cumsum, axis: 0, site: site)
    let marks = try NDArray.apply(.full(.int(0)), [], dtype: .int64, shape: [total + 1], site: site)
    let ones = try NDArray.apply(.full(.int(1)), [], dtype: .int64, shape: [n], site: site)
    let marked = try marks.scattered(.scatterAdd, at: ends, ones, site: site)
    let index = try marked.view(.slice([SliceRange(start: 0, stop: total, step: 1)]), site: site)
      .scan(.cumsum, axis: 0, site: site)
    return try source.gather(index, axis: a, site: site)
  }
}

/// Each element of `x` repeated its own count of times along `axis`, as NumPy's `repeat`.
public func `repeat`(
  _ x: NDArray, _ counts: [Int], axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.repeat(counts, axis: axis, file: file, line: line)
}

/// Each element of `x` repeated the count in `counts` at its position, as NumPy's `repeat`.
public func `repeat`(
  _ x: NDArray, _ counts: NDArray, axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.repeat(counts, axis: axis, file: file, line: line)
}
