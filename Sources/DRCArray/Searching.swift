// Searching sorted arrays: NumPy's `searchsorted`, `interp`, `partition` and `argpartition`.
//
// `searchsorted(a, v)` counts, for each value of `v`, the elements of the sorted 1-D `a` that sort
// before it (`side: .left`) or not after it (`.right`), in the sort order (NaN last). For the
// small tables of bins and breakpoints programs usually search (up to 2^22 pairs) it is one
// comparison per pair, reduced in one fused kernel; beyond that, one stable sort of `v` and `a`
// together (`v` first for `.left`, so a value sorts before the equal elements of `a`; `a` first
// for `.right`), the sorted position of each value (the inverse permutation, a `scatter`) and
// the running count of elements of `a` before it: O((n + m) log(n + m)).
// `interp` (NumPy's `np.interp`) finds each point's interval that way and gathers its ends
// (`take`): `slope * (x - xp[j]) + fp[j]`, `fp[0]` (or `left`) left of the table, `fp[-1]` at
// its end and (or `right`) right of it, NaN for NaN (but fp[0] for a one-point table, as
// NumPy's loop compares), float64. `partition` and `argpartition` return the full sort, which
// satisfies NumPy's contract (element k in its sorted place, no larger one before it, no smaller
// one after it) for every k.

import DRCIR

/// Which end of a run of equal values `searchsorted` reports.
public enum SearchSide: Sendable {
  /// The first position where the value could be inserted (NumPy's `side="left"`).
  case left
  /// The last such position (`side="right"`).
  case right
}

/// NumPy's `searchsorted(a, v, side)` for a sorted 1-D `a`: int64 positions, `v`'s shape.
public func searchsorted(
  _ a: NDArray, _ v: NDArray, side: SearchSide = .left, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard a.ndim == 1 else {
    throw ArrayError(
      op: "searchsorted", "needs a 1-D sorted array, not shape \(a.shape)",
      location: Session.shared.location(site, force: true))
  }
  if a.count.multipliedReportingOverflow(by: v.count).partialValue > 1 << 22 {
    return try searchsortedBySorting(a, v, side: side, site: site)
  }
  let values = v.view(.expandDims([v.ndim]), site: site)  // [..., 1] against a's [n]
  func op(_ o: BinaryOp, _ x: NDArray, _ y: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.binary(o, x, y, site: site)
  }
  /// Whether `x` sorts strictly before `y`: `<`, or a number before a NaN.
  func less(_ x: NDArray, _ y: NDArray) throws(ArrayError) -> NDArray {
    guard x.dtype.isFloat || y.dtype.isFloat else { return try op(.lt, x, y) }
    let numberBeforeNaN = try op(.logicalAnd, try op(.ne, y, y), try op(.eq, x, x))
    return try op(.logicalOr, try op(.lt, x, y), numberBeforeNaN)
  }
  let counted =
    side == .left
    ? try less(a, values) : try NDArray.unary(.logicalNot, try less(values, a), site: site)
  return try counted.reduce(.sum, [v.ndim], keepdims: false, site: site)
}

/// `searchsorted` for large tables and many values: one merged stable sort.
private func searchsortedBySorting(
  _ a: NDArray, _ v: NDArray, side: SearchSide, site: CallSite
) throws(ArrayError) -> NDArray {
  let (n, m) = (a.count, v.count)
  let total = n + m
  let merged = side == .left ? try joined(v, a, site: site) : try joined(a, v, site: site)
  let order = try merged.sorting(.argsort, axis: 0, site: site)
  func int(_ k: Int) throws(ArrayError) -> NDArray {
    try NDArray.constant(.int(Int64(k)), .int64, site: site)
  }
  // Where each merged element lands in the sorted order.
  let iota = try NDArray.apply(
    .arange(start: .int(0), step: .int(1)), [], dtype: .int64, shape: [total], site: site)
  let zeros = try NDArray.apply(.full(.int(0)), [], dtype: .int64, shape: [total], site: site)
  let landing = try zeros.scattered(.scatter, at: order, iota, site: site)
  // Elements of `a` strictly before each sorted position.
  let fromA =
    side == .left
    ? try NDArray.binary(.ge, order, try int(m), site: site)
    : try NDArray.binary(.lt, order, try int(n), site: site)
  let counted = try fromA.scan(.cumsum, axis: 0, site: site)
  let before = try NDArray.binary(
    .sub, counted, try NDArray.apply(.cast, [fromA], dtype: .int64, shape: [total], site: site),
    site: site)
  // The values' own merged indices: 0..<m (`.left`) or n..<n+m (`.right`).
  let start = side == .left ? 0 : n
  let own = landing.view(.slice([SliceRange(start: start, stop: start + m, step: 1)]), site: site)
  return try before.gather(own, axis: 0, site: site).view(.reshape, shape: v.shape, site: site)
}

/// NumPy's `interp(x, xp, fp)`: piecewise-linear interpolation in the increasing table `xp`.
public func interp(
  _ x: NDArray, _ xp: NDArray, _ fp: NDArray, left: Double? = nil, right: Double? = nil,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard xp.ndim == 1, fp.shape == xp.shape, xp.count >= 1 else {
    throw ArrayError(
      op: "interp", "xp and fp must be 1-D of one non-zero length, not \(xp.shape) and \(fp.shape)",
      location: Session.shared.location(site, force: true))
  }
  func cast(_ a: NDArray) throws(ArrayError) -> NDArray {
    a.dtype == .float64
      ? a : try NDArray.apply(.cast, [a], dtype: .float64, shape: a.shape, site: site)
  }
  let (px, tx, ty) = (try cast(x), try cast(xp), try cast(fp))
  let n = xp.count
  func op(_ o: BinaryOp, _ p: NDArray, _ q: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.binary(o, p, q, site: site)
  }
  func int(_ k: Int) throws(ArrayError) -> NDArray {
    try NDArray.apply(.full(.int(Int64(k))), [], dtype: .int64, shape: [], site: site)
  }
  let first = tx.element(0, axis: 0, site: site)
  let last = tx.element(n - 1, axis: 0, site: site)
  func value(_ v: Double?, or table: NDArray) throws(ArrayError) -> NDArray {
    guard let v else { return table }
    return try NDArray.apply(.full(.float(v)), [], dtype: .float64, shape: [], site: site)
  }
  guard n >= 2 else {
    // One point, as NumPy's C loop: `left` before it, `right` after it, fp[0] at it and for
    // NaN (which compares neither way).
    let y = ty.element(0, axis: 0, site: site)
    func pick(_ c: NDArray, _ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
      try NDArray.apply(.select, [c, a, b], dtype: .float64, shape: px.shape, site: site)
    }
    return try pick(
      try op(.lt, px, first), try value(left, or: y),
      try pick(try op(.gt, px, first), try value(right, or: y), y))
  }
  // j: the interval [xp[j], xp[j+1]] holding x, clamped to 0...n-2.
  let after = try searchsorted(tx, px, side: .right, file: file, line: line)
  let j = try op(
    .minimum, try op(.maximum, try op(.sub, after, try int(1)), try int(0)), try int(n - 2))
  let j1 = try op(.add, j, try int(1))
  func at(_ table: NDArray, _ k: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.apply(.take(axis: 0), [table, k], dtype: .float64, shape: k.shape, site: site)
  }
  let (x0, x1, y0, y1) = (try at(tx, j), try at(tx, j1), try at(ty, j), try at(ty, j1))
  let slope = try op(.div, try op(.sub, y1, y0), try op(.sub, x1, x0))
  func choose(_ c: NDArray, _ a: NDArray, _ b: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.apply(.select, [c, a, b], dtype: .float64, shape: px.shape, site: site)
  }
  func isNaN(_ a: NDArray) throws(ArrayError) -> NDArray { try op(.ne, a, a) }
  // NumPy's order: from the left end; where that is NaN (an infinite slope), from the right
  // end; where that is NaN too and both ends are equal, that value; NaN for a NaN point.
  let fromLeft = try op(.add, try op(.mul, slope, try op(.sub, px, x0)), y0)
  let fromRight = try op(.add, try op(.mul, slope, try op(.sub, px, x1)), y1)
  let flat = try op(.logicalAnd, try isNaN(fromRight), try op(.eq, y0, y1))
  let inside = try choose(
    try isNaN(px), px,
    try choose(try isNaN(fromLeft), try choose(flat, y0, fromRight), fromLeft))
  let yFirst = ty.element(0, axis: 0, site: site)
  let yLast = ty.element(n - 1, axis: 0, site: site)
  let atOrAfterEnd = try choose(
    try op(.gt, px, last), try value(right, or: yLast),
    try choose(try op(.ge, px, last), yLast, inside))
  return try choose(try op(.lt, px, first), try value(left, or: yFirst), atOrAfterEnd)
}

extension NDArray {
  /// NumPy's `partition(x, kth, axis)`: here the whole sort, which is one valid partition.
  public func partition(_ kth: Int, axis: Int = -1, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try checkKth(kth, axis: axis, op: "partition", site: .source(file, line))
    return try sort(axis: axis, file: file, line: line)
  }

  /// NumPy's `argpartition(x, kth, axis)`: here the stable `argsort`, one valid answer.
  public func argpartition(_ kth: Int, axis: Int = -1, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try checkKth(kth, axis: axis, op: "argpartition", site: .source(file, line))
    return try argsort(axis: axis, file: file, line: line)
  }

  func checkKth(_ kth: Int, axis: Int, op: String, site: CallSite) throws(ArrayError) {
    let a = try normalise(axis, rank: ndim, op: op, site: site)
    guard (-shape[a]..<shape[a]).contains(kth) else {
      throw ArrayError(
        op: op, "kth(=\(kth)) out of bounds (\(shape[a]))",
        location: Session.shared.location(site, force: true))
    }
  }
}
