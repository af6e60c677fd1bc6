// NumPy's `histogram(x, bins=edges)`: counts (or weights) between given, increasing edges.
//
// As NumPy computes it for an array of edges: the values sorted once, and for each edge the
// number of values before it (`searchsorted`, the last edge inclusive: bin i holds
// `e_i <= x < e_(i+1)`, the last one closed); the counts are the differences. With weights, the
// weights are taken in the values' sorted order and summed into a running sum that the same
// positions read, so a bin's total is a difference of running sums (NumPy's own method; it sums
// in blocks of 65,536 values, this in one block, so float totals of longer inputs may differ in
// the last bits). Values outside the edges and NaN count nowhere. The edges' monotonicity is
// checked on the host (NumPy's error otherwise).

import DRCIR

/// NumPy's `histogram(x, bins=edges, weights, density)` with explicit, increasing `edges`
/// (1-D): the counts (int64; the weights' dtype with `weights`; float64 with `density`) and
/// the edges themselves.
public func histogram(
  _ x: NDArray, edges: NDArray, weights: NDArray? = nil, density: Bool = false,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> (counts: NDArray, edges: NDArray) {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "histogram", message, location: Session.shared.location(site, force: true))
  }
  guard edges.ndim == 1, edges.count >= 1 else {
    throw fail("bins must be a 1-D array of at least one edge, not shape \(edges.shape)")
  }
  if let weights, weights.shape != x.shape {
    throw fail("weights should have the same shape as a (\(weights.shape) against \(x.shape))")
  }
  let values = try edges.scalars(file: file, line: line)
  for k in values.indices.dropFirst() where !(values[k - 1].doubleValue <= values[k].doubleValue) {
    throw fail("`bins` must increase monotonically, when an array")
  }
  let n = edges.count
  let flat = try x.flat(site: site)
  func part(_ a: NDArray, _ start: Int, _ stop: Int) -> NDArray {
    a.view(.slice([SliceRange(start: start, stop: stop, step: 1)]), site: site)
  }
  /// Positions in the sorted values of every edge: before it, and after the last one.
  func positions(_ sorted: NDArray) throws(ArrayError) -> NDArray {
    let inner = try searchsorted(sorted, part(edges, 0, n - 1), file: file, line: line)
    let last = try searchsorted(sorted, part(edges, n - 1, n), side: .right, file: file, line: line)
    return try concatenate([inner, last], axis: 0, file: file, line: line)
  }
  var counts: NDArray
  if let weights {
    let order = try flat.sorting(.argsort, axis: 0, site: site)
    let sorted = try flat.gather(order, axis: 0, site: site)
    let w = try weights.flat(site: site).gather(order, axis: 0, site: site)
    let zero = try NDArray.apply(
      .full(Scalar.int(0).converted(to: w.dtype)), [], dtype: w.dtype, shape: [1], site: site)
    let running = try concatenate(
      [zero, try w.scan(.cumsum, axis: 0, site: site).converted(to: w.dtype, site: site)], axis: 0,
      file: file, line: line)
    counts = try diff(
      try running.gather(try positions(sorted), axis: 0, site: site), file: file, line: line)
  } else {
    counts = try diff(
      try positions(try flat.sorting(.sort, axis: 0, site: site)), file: file, line: line)
  }
  guard density else { return (counts, edges) }
  let widths = try diff(edges, file: file, line: line).converted(to: .float64, site: site)
  counts = try counts.converted(to: .float64, site: site)
  let total = try counts.reduce(.sum, [0], keepdims: false, site: site)
  let perWidth = try NDArray.binary(.div, counts, widths, site: site)
  return (try NDArray.binary(.div, perWidth, total, site: site), edges)
}
