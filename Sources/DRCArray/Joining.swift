// Joining and repeating arrays: `stack`, `hstack`, `vstack`, `roll`, `tile`, `repeat`, `outer`,
// and NumPy's `append`, `delete` (the kept runs taken as slices) and `insert`.
//
// Each is recorded as views (expand_dims, reshape, broadcast, slice) and `concatenate` or `mul`,
// and returns a new array, as NumPy's functions return copies. Shapes are checked up front:
// mismatched shapes, axes out of range and negative counts throw an `ArrayError` at the call.

import DRCIR

/// Arrays of one shape joined along a new axis `axis`, as NumPy's `stack`.
public func stack(_ arrays: [NDArray], axis: Int = 0, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  guard let first = arrays.first else {
    throw ArrayError(
      op: "stack", "needs at least one array", location: Session.shared.location(site, force: true))
  }
  for a in arrays where a.shape != first.shape {
    throw ArrayError(
      op: "stack",
      "all arrays must have the same shape, got \(first.shape) and \(a.shape)",
      location: Session.shared.location(site, force: true))
  }
  let a = try first.normalise(axis, rank: first.ndim + 1, op: "stack", site: site)
  let expanded = arrays.map { $0.view(.expandDims([a]), site: site) }
  return try NDArray.apply(.concatenate(axis: a), expanded, dtype: .bool, shape: [], site: site)
}

/// Arrays joined column-wise, as NumPy's `hstack`: along axis 0 for 1-D arrays, else axis 1.
public func hstack(_ arrays: [NDArray], file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let promoted = arrays.map { $0.atLeast(1, site: site) }
  let axis = promoted.first?.ndim == 1 ? 0 : 1
  return try NDArray.apply(.concatenate(axis: axis), promoted, dtype: .bool, shape: [], site: site)
}

/// Arrays joined row-wise, as NumPy's `vstack`: 1-D arrays become rows.
public func vstack(_ arrays: [NDArray], file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let promoted = arrays.map { $0.atLeast(2, site: site) }
  return try NDArray.apply(.concatenate(axis: 0), promoted, dtype: .bool, shape: [], site: site)
}

/// Elements shifted by `shift` along `axis`, wrapping around (nil: over the flattened array, as
/// NumPy's `roll`).
public func roll(
  _ x: NDArray, _ shift: Int, axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard let axis else {
    let flat = x.view(.reshape, shape: [x.count], site: site)
    let rolled = try roll(flat, shift, axis: 0, file: file, line: line)
    return NDArray(try rolled.view(.reshape, shape: x.shape, site: site).value())
  }
  let a = try x.normalise(axis, rank: x.ndim, op: "roll", site: site)
  let n = x.shape[a]
  let s = n == 0 ? 0 : ((shift % n) + n) % n
  if s == 0 { return NDArray(try x.value()) }
  func part(_ range: SliceRange) -> NDArray {
    var ranges = x.shape.map { SliceRange.all($0) }
    ranges[a] = range
    return x.view(.slice(ranges), site: site)
  }
  let tail = part(SliceRange(start: n - s, stop: n, step: 1))
  let head = part(SliceRange(start: 0, stop: n - s, step: 1))
  return try NDArray.apply(
    .concatenate(axis: a), [tail, head], dtype: .bool, shape: [], site: site)
}

/// `x` repeated `reps[i]` times along each axis, as NumPy's `tile`.
public func tile(_ x: NDArray, _ reps: [Int], file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let rank = Swift.max(x.ndim, reps.count)
  let dims = [Int](repeating: 1, count: rank - x.ndim) + x.shape
  let counts = [Int](repeating: 1, count: rank - reps.count) + reps
  var interleaved: [Int] = []
  var spread: [Int] = []
  var result: [Int] = []
  for (d, r) in zip(dims, counts) {
    let (total, overflow) = d.multipliedReportingOverflow(by: r)
    guard r >= 0, !overflow else {
      throw ArrayError(
        op: "tile",
        "repetitions \(reps) must be non-negative and small enough for shape \(x.shape)",
        location: Session.shared.location(site, force: true))
    }
    interleaved += [1, d]
    spread += [r, d]
    result.append(total)
  }
  let v = x.view(.reshape, shape: interleaved, site: site)
    .view(.broadcast, shape: spread, site: site).view(.reshape, shape: result, site: site)
  return NDArray(try v.value())
}

extension NDArray {
  /// Each element repeated `repeats` times along `axis` (nil: the flattened array), as NumPy's
  /// `repeat` with one count for every element.
  public func `repeat`(
    _ repeats: Int, axis: Int? = nil, file: String = #filePath, line: Int = #line
  )
    throws(ArrayError) -> NDArray
  {
    let site = CallSite.source(file, line)
    let source = axis == nil ? view(.reshape, shape: [count], site: site) : self
    let a = try source.normalise(axis ?? 0, rank: source.ndim, op: "repeat", site: site)
    let (total, overflow) = source.shape[a].multipliedReportingOverflow(by: repeats)
    guard repeats >= 0, !overflow else {
      throw ArrayError(
        op: "repeat", "the count \(repeats) must be non-negative and small enough",
        location: Session.shared.location(site, force: true))
    }
    var spread = source.shape
    spread.insert(repeats, at: a + 1)
    var result = source.shape
    result[a] = total
    let v = source.view(.expandDims([a + 1]), site: site).view(
      .broadcast, shape: spread, site: site
    )
    .view(.reshape, shape: result, site: site)
    return NDArray(try v.value())
  }
}

/// Each element of `x` repeated `repeats` times along `axis`, as NumPy's `repeat`.
public func `repeat`(
  _ x: NDArray, _ repeats: Int, axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.repeat(repeats, axis: axis, file: file, line: line)
}

/// `a.ravel()[:, newaxis] * b.ravel()[newaxis, :]`, as NumPy's `outer`.
public func outer(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  let column = a.view(.reshape, shape: [a.count, 1], site: site)
  let row = b.view(.reshape, shape: [1, b.count], site: site)
  return try NDArray.binary(.mul, column, row, site: site)
}

/// `op(a[..., newaxis, ...], b)` over every pair of elements, as NumPy's `ufunc.outer`
/// (`np.add.outer(a, b)` is `outer(a, b) { try $0 + $1 }`): the result has shape
/// `a.shape + b.shape`, without `outer`'s flattening.
public func outer<E: Error>(
  _ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line,
  _ op: (NDArray, NDArray) throws(E) -> NDArray
) throws(E) -> NDArray {
  let expanded = a.view(
    .reshape, shape: a.shape + Array(repeating: 1, count: b.ndim), site: .source(file, line))
  return try op(expanded, b)
}

/// `values` appended to `x` along `axis` (nil: both flattened), as NumPy's `append`.
public func append(
  _ x: NDArray, _ values: NDArray, axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  guard let axis else {
    return try concatenate(
      [x.ravel(file: file, line: line), values.ravel(file: file, line: line)],
      axis: 0, file: file, line: line)
  }
  return try concatenate([x, values], axis: axis, file: file, line: line)
}

/// `x` without the elements at `indices` along `axis` (nil: of the flattened array), as NumPy's
/// `delete`; negative indices count from the end, repeats delete once.
public func delete(
  _ x: NDArray, _ indices: [Int], axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let source = axis == nil ? x.ravel(file: file, line: line) : x
  let a = try source.normalise(axis ?? 0, rank: source.ndim, op: "delete", site: site)
  let length = source.shape[a]
  var gone = Set<Int>()
  for i in indices {
    let j = i < 0 ? i + length : i
    guard (0..<length).contains(j) else {
      throw ArrayError(
        op: "delete", "index \(i) is out of bounds for axis \(a) with size \(length)",
        location: Session.shared.location(site, force: true))
    }
    gone.insert(j)
  }
  return try source.take(
    (0..<length).filter { !gone.contains($0) }, axis: a, file: file, line: line)
}

/// NumPy's `insert(x, indices, values, axis)`: `x` with a slab of `values` inserted before each
/// position of `indices` along `axis` (nil: of the flattened array). Positions refer to `x`
/// (negative ones count from the end, `n` appends); `values` broadcasts to one slab per index,
/// taken in the order of `indices`, and is cast to `x`'s dtype.
public func insert(
  _ x: NDArray, _ indices: [Int], _ values: NDArray, axis: Int? = nil, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "insert", message, location: Session.shared.location(site, force: true))
  }
  let source = axis == nil ? x.ravel(file: file, line: line) : x
  let a = try source.normalise(axis ?? 0, rank: source.ndim, op: "insert", site: site)
  let n = source.shape[a]
  var positions: [(at: Int, value: Int)] = []
  for (j, i) in indices.enumerated() {
    let p = i < 0 ? i + n : i
    guard (0...n).contains(p) else {
      throw fail("index \(i) is out of bounds for axis \(a) with size \(n)")
    }
    positions.append((p, j))
  }
  positions.sort { ($0.at, $0.value) < ($1.at, $1.value) }
  var target = source.shape
  target[a] = indices.count
  guard values.ndim <= target.count,
    ShapeRules.broadcast([values.shape, target]) == target
  else {
    throw fail("values of shape \(values.shape) do not broadcast to \(target)")
  }
  let slabs = try values.converted(to: x.dtype, site: site).broadcast(
    to: target, file: file, line: line)
  func part(_ y: NDArray, _ start: Int, _ stop: Int) -> NDArray {
    var ranges = y.shape.map { SliceRange(start: 0, stop: $0, step: 1) }
    ranges[a] = SliceRange(start: start, stop: stop, step: 1)
    return y.view(.slice(ranges), site: site)
  }
  var pieces: [NDArray] = []
  var previous = 0
  for (at, j) in positions {
    if at > previous { pieces.append(part(source, previous, at)) }
    pieces.append(part(slabs, j, j + 1))
    previous = at
  }
  if previous < n || pieces.isEmpty { pieces.append(part(source, previous, n)) }
  return try concatenate(pieces, axis: a, file: file, line: line)
}
