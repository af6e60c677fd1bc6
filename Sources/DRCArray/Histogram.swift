// NumPy's `histogram(x, bins, range)` with equal-width bins.
//
// The edges are NumPy's: `linspace(lo, hi, bins + 1)` of the given range, or of the data's
// minimum and maximum (read on the host, as NumPy reads them; a non-finite one is NumPy's error;
// equal ones widen to `lo - 0.5 ... hi + 0.5`). Counting is comparison, as NumPy's own correction
// step defines the bins: bin i holds `e_i <= x < e_(i+1)`, the last one `e_(b-1) <= x <= e_b`,
// values outside and NaNs in none; the counts of values below each edge are sums of comparisons
// (O(n * bins) of them, computed inside the summing kernel; no scatter), and the bins are their
// differences.
// `weights` and `density` are not supported.

import DRCIR

/// NumPy's `histogram(x, bins, range)`: the counts (int64, `bins`) and the edges (float64,
/// `bins + 1`), over all elements of `x`.
public func histogram(
  _ x: NDArray, bins: Int = 10, range: (Double, Double)? = nil, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> (counts: NDArray, edges: NDArray) {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "histogram", message, location: Session.shared.location(site, force: true))
  }
  guard bins >= 1 else { throw fail("`bins` must be positive, not \(bins)") }
  let values = try NDArray.apply(
    .cast, [x.view(.reshape, shape: [x.count], site: site)], dtype: .float64, shape: [x.count],
    site: site)
  var (lo, hi): (Double, Double)
  if let range {
    (lo, hi) = range
    guard lo <= hi else { throw fail("max must be larger than min in range parameter.") }
  } else if x.count == 0 {
    (lo, hi) = (0, 1)
  } else {
    (lo, hi) = (try values.min().item(), try values.max().item())
  }
  guard lo.isFinite, hi.isFinite else {
    throw fail("autodetected range of [\(lo), \(hi)] is not finite")
  }
  if lo == hi { (lo, hi) = (lo - 0.5, hi + 0.5) }
  let edges = try linspace(lo, hi, bins + 1, file: file, line: line)
  func op(_ o: BinaryOp, _ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.binary(o, a, b, site: site)
  }
  // below[i]: the values under edge i; atMost: the values not above the last edge.
  let column = edges.view(.expandDims([1]), site: site)
  let below = try op(.lt, values, column).reduce(.sum, [1], keepdims: false, site: site)
  let atMost = try op(.le, values, try full([], hi, file: file, line: line))
    .reduce(.sum, [0], keepdims: true, site: site)
  let upper = try concatenate(
    [below.view(.slice([SliceRange(start: 1, stop: bins, step: 1)]), site: site), atMost],
    file: file, line: line)
  let lower = below.view(.slice([SliceRange(start: 0, stop: bins, step: 1)]), site: site)
  return (try op(.sub, upper, lower), edges)
}
