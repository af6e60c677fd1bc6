// NumPy's `histogram(x, bins, range, weights, density)` with equal-width bins.
//
// The edges are NumPy's: `linspace(lo, hi, bins + 1)` of the given range, or of the data's
// minimum and maximum (read on the host, as NumPy reads them; a non-finite one is NumPy's error;
// equal ones widen to `lo - 0.5 ... hi + 0.5`). Each value's bin is found as NumPy's fast path
// finds it: `int((x - lo) / (hi - lo) * bins)`, the top edge folded into the last bin, then
// corrected by one against the edges themselves (`x < e[i]` moves down, `x >= e[i+1]` up but
// never past the last bin), so bin i holds `e_i <= x < e_(i+1)` and the last one is closed.
// Values outside the range and NaNs go to a spare bin that is dropped. The counts (or weights,
// summed in float64 in the values' order as NumPy's `bincount` sums them, then cast to the
// weights' dtype) are a `scatter_add` into the bins: O(n), one pass. `density` divides by the
// bin widths and the total, as NumPy does.

import DRCIR

/// NumPy's `histogram(x, bins, range, weights, density)`: the counts (int64; the weights'
/// dtype with `weights`; float64 with `density`) and the edges (float64, `bins + 1`), over all
/// elements of `x` (`weights` has `x`'s shape).
public func histogram(
  _ x: NDArray, bins: Int = 10, range: (Double, Double)? = nil, weights: NDArray? = nil,
  density: Bool = false, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> (counts: NDArray, edges: NDArray) {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "histogram", message, location: Session.shared.location(site, force: true))
  }
  guard bins >= 1 else { throw fail("`bins` must be positive, not \(bins)") }
  if let weights, weights.shape != x.shape {
    throw fail("weights should have the same shape as a (\(weights.shape) against \(x.shape))")
  }
  let values = try x.flat(site: site).converted(to: .float64, site: site)
  var (lo, hi): (Double, Double)
  if let range {
    (lo, hi) = range
    guard lo <= hi else { throw fail("max must be larger than min in range parameter.") }
  } else if x.count == 0 {
    (lo, hi) = (0, 1)
  } else {
    (lo, hi) = (
      try values.min(file: file, line: line).item(file: file, line: line),
      try values.max(file: file, line: line).item(file: file, line: line)
    )
  }
  guard lo.isFinite, hi.isFinite else {
    throw fail("autodetected range of [\(lo), \(hi)] is not finite")
  }
  if lo == hi { (lo, hi) = (lo - 0.5, hi + 0.5) }
  let edges = try linspace(lo, hi, bins + 1, file: file, line: line)
  let bin = try binIndices(values, edges: edges, lo: lo, hi: hi, bins: bins, site: site)
  // Weights (or ones) summed into bins + 1 slots; the spare one holds what is out of range.
  let sums: NDArray
  if let weights {
    let zeros = try NDArray.apply(
      .full(.float(0)), [], dtype: .float64, shape: [bins + 1], site: site)
    let summed = try zeros.scattered(
      .scatterAdd, at: bin, try weights.flat(site: site).converted(to: .float64, site: site),
      site: site)
    sums =
      weights.dtype == .float64 || density
      ? summed
      : try NDArray.apply(.cast, [summed], dtype: weights.dtype, shape: [bins + 1], site: site)
  } else {
    let zeros = try NDArray.apply(.full(.int(0)), [], dtype: .int64, shape: [bins + 1], site: site)
    sums = try zeros.scattered(
      .scatterAdd, at: bin, try NDArray.constant(.int(1), .int64, site: site), site: site)
  }
  let counts = sums.view(.slice([SliceRange(start: 0, stop: bins, step: 1)]), site: site)
  guard density else { return (counts, edges) }
  // n / diff(edges) / n.sum()
  func op(_ o: BinaryOp, _ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.binary(o, a, b, site: site)
  }
  let widths = try diff(edges, file: file, line: line)
  let total = try counts.reduce(.sum, [0], keepdims: false, site: site)
  return (try op(.div, try op(.div, counts, widths), total), edges)
}

/// Each value's bin by NumPy's fast path and its correction against the edges; `bins` (the
/// spare slot) for values outside `lo...hi` and NaNs.
private func binIndices(
  _ values: NDArray, edges: NDArray, lo: Double, hi: Double, bins: Int, site: CallSite
) throws(ArrayError) -> NDArray {
  func op(_ o: BinaryOp, _ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.binary(o, a, b, site: site)
  }
  func real(_ v: Double) throws(ArrayError) -> NDArray {
    try NDArray.constant(.float(v), .float64, site: site)
  }
  func int(_ v: Int) throws(ArrayError) -> NDArray {
    try NDArray.constant(.int(Int64(v)), .int64, site: site)
  }
  func choose(_ c: NDArray, _ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.choose(c, a, b, site: site)
  }
  let keep = try op(
    .logicalAnd, try op(.ge, values, try real(lo)), try op(.le, values, try real(hi)))
  let v = try choose(keep, values, try real(lo))
  let scaled = try op(
    .mul, try op(.div, try op(.sub, v, try real(lo)), try real(hi - lo)), try real(Double(bins)))
  var k = try NDArray.apply(.cast, [scaled], dtype: .int64, shape: scaled.shape, site: site)
  k = try choose(try op(.eq, k, try int(bins)), try int(bins - 1), k)
  let down = try op(.lt, v, try edges.gather(k, axis: 0, site: site))
  k = try choose(down, try op(.sub, k, try int(1)), k)
  let up = try op(
    .logicalAnd, try op(.ge, v, try edges.gather(try op(.add, k, try int(1)), axis: 0, site: site)),
    try op(.ne, k, try int(bins - 1)))
  k = try choose(up, try op(.add, k, try int(1)), k)
  return try choose(keep, k, try int(bins))
}
