// NumPy's small numerical helpers that are compositions of existing ops: `diff`, `isclose`,
// `allclose`, `average`, `ptp`, `cross` (3-vectors) and `kron`.
//
// Each follows NumPy's definition: `diff` subtracts neighbouring slices (`!=` for bools), `n`
// times; `isclose` is |a - b| <= atol + rtol |b| where both are finite and a == b elsewhere (two
// NaNs close only with `equalNaN`); `average` with weights is sum(x w) / sum(w); `ptp` is
// max - min; `cross` takes 3-vectors along the last axis; `kron` places a's elements times b in
// blocks by interleaving broadcast axes.

import DRCIR

/// The `n`-th difference along `axis`, as NumPy's `diff` (each pass one element shorter).
public func diff(
  _ x: NDArray, n: Int = 1, axis: Int = -1, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let a = try x.normalise(axis, rank: x.ndim, op: "diff", site: site)
  guard n >= 0 else {
    throw ArrayError(
      op: "diff", "order must be non-negative, got \(n)",
      location: Session.shared.location(site, force: true))
  }
  var y = x
  for _ in 0..<n {
    let length = y.shape[a]
    var head = y.shape.map { SliceRange(start: 0, stop: $0, step: 1) }
    var tail = head
    tail[a] = SliceRange(start: Swift.min(1, length), stop: length, step: 1)
    head[a] = SliceRange(start: 0, stop: Swift.max(length - 1, 0), step: 1)
    let later = y.view(.slice(tail), site: site)
    let earlier = y.view(.slice(head), site: site)
    y = try NDArray.binary(y.dtype == .bool ? .ne : .sub, later, earlier, site: site)
  }
  return y
}

/// Elementwise closeness, as NumPy's `isclose`: |a - b| <= atol + rtol |b| where both are
/// finite, a == b elsewhere, NaNs close to each other only with `equalNaN`.
public func isclose(
  _ a: NDArray, _ b: NDArray, rtol: Double = 1e-5, atol: Double = 1e-8, equalNaN: Bool = false,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let x = a.dtype.isFloat ? a : try a.astype(.float64, file: file, line: line)
  let y = b.dtype.isFloat ? b : try b.astype(.float64, file: file, line: line)
  let finite = try NDArray.binary(
    .logicalAnd, try isfinite(x, file: file, line: line), try isfinite(y, file: file, line: line),
    site: site)
  let gap = try abs(try NDArray.binary(.sub, x, y, site: site), file: file, line: line)
  let scale = try NDArray.binary(
    .mul, try y.weak(rtol, site: site), try abs(y, file: file, line: line), site: site)
  let bound = try NDArray.binary(.add, try y.weak(atol, site: site), scale, site: site)
  let near = try NDArray.binary(.le, gap, bound, site: site)
  var close = try select(
    finite, near, try NDArray.binary(.eq, x, y, site: site), file: file, line: line)
  if equalNaN {
    let both = try NDArray.binary(
      .logicalAnd, try isnan(x, file: file, line: line), try isnan(y, file: file, line: line),
      site: site)
    close = try NDArray.binary(.logicalOr, close, both, site: site)
  }
  return close
}

/// Whether every element is close, as NumPy's `allclose` (a host read-back).
public func allclose(
  _ a: NDArray, _ b: NDArray, rtol: Double = 1e-5, atol: Double = 1e-8, equalNaN: Bool = false,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> Bool {
  let close = try isclose(
    a, b, rtol: rtol, atol: atol, equalNaN: equalNaN, file: file, line: line)
  return try close.all(file: file, line: line).item(file: file, line: line) != 0
}

/// The (weighted) average over `axis`, as NumPy's `average`: `weights` of x's shape, or 1-D
/// along `axis`; without weights, the mean.
public func average(
  _ x: NDArray, axis: Int? = nil, weights: NDArray? = nil, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard let w = weights else { return try x.mean(axis: axis, file: file, line: line) }
  var placed = w
  if w.shape != x.shape {
    guard let axis, w.ndim == 1 else {
      throw ArrayError(
        op: "average",
        "weights of shape \(w.shape) need x's shape \(x.shape), or 1-D weights and an axis",
        location: Session.shared.location(site, force: true))
    }
    let a = try x.normalise(axis, rank: x.ndim, op: "average", site: site)
    guard w.count == x.shape[a] else {
      throw ArrayError(
        op: "average", "\(w.count) weights for axis \(axis) of length \(x.shape[a])",
        location: Session.shared.location(site, force: true))
    }
    var along = [Int](repeating: 1, count: x.ndim)
    along[a] = w.count
    placed = w.view(.reshape, shape: along, site: site)
  }
  let weighted = try NDArray.binary(.mul, x, placed, site: site)
  let total = try weighted.sum(axis: axis, file: file, line: line)
  let mass = try placed.broadcast(to: x.shape, file: file, line: line).sum(
    axis: axis, file: file, line: line)
  return try NDArray.binary(.div, total, mass, site: site)
}

/// max - min over `axis`, as NumPy's `ptp`.
public func ptp(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try NDArray.binary(
    .sub, try x.max(axis: axis, keepdims: keepdims, file: file, line: line),
    try x.min(axis: axis, keepdims: keepdims, file: file, line: line), site: .source(file, line))
}

/// The cross product of 3-vectors along the last axis (leading axes broadcast), as NumPy's
/// `cross`.
public func cross(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  guard a.ndim >= 1, b.ndim >= 1, a.shape.last == 3, b.shape.last == 3 else {
    throw ArrayError(
      op: "cross", "needs 3-vectors along the last axis, got \(a.shape) and \(b.shape)",
      location: Session.shared.location(site, force: true))
  }
  func part(_ x: NDArray, _ i: Int) -> NDArray {
    var ranges = x.shape.map { SliceRange(start: 0, stop: $0, step: 1) }
    ranges[x.ndim - 1] = SliceRange(start: i, stop: i + 1, step: 1)
    return x.view(.slice(ranges), site: site)
  }
  func term(_ i: Int, _ j: Int) throws(ArrayError) -> NDArray {
    try NDArray.binary(
      .sub, try NDArray.binary(.mul, part(a, i), part(b, j), site: site),
      try NDArray.binary(.mul, part(a, j), part(b, i), site: site), site: site)
  }
  return try concatenate(
    [try term(1, 2), try term(2, 0), try term(0, 1)], axis: -1, file: file, line: line)
}

/// The Kronecker product, as NumPy's `kron`: blocks of b scaled by each element of a.
public func kron(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let rank = Swift.max(a.ndim, b.ndim)
  let x = a.atLeast(rank, site: site)
  let y = b.atLeast(rank, site: site)
  // x as [x0, 1, x1, 1, ...] and y as [1, y0, 1, y1, ...]: their product's axes pair up.
  let spreadX = x.view(.reshape, shape: x.shape.flatMap { [$0, 1] }, site: site)
  let spreadY = y.view(.reshape, shape: y.shape.flatMap { [1, $0] }, site: site)
  var shape: [Int] = []
  for (m, n) in zip(x.shape, y.shape) {
    let (p, overflow) = m.multipliedReportingOverflow(by: n)
    guard !overflow else {
      throw ArrayError(
        op: "kron", "the result of \(a.shape) and \(b.shape) has too many elements",
        location: Session.shared.location(site, force: true))
    }
    shape.append(p)
  }
  let blocks = try NDArray.binary(.mul, spreadX, spreadY, site: site)
  return blocks.view(.reshape, shape: shape, site: site)
}
