// Selections whose length depends on the data: NumPy's boolean-mask read `x[mask]`, `nonzero`,
// `flatnonzero`, `argwhere`, `extract` and `compress`.
//
// The result's length is the number of true elements, which the program needs before it can go
// on (NumPy knows it once the mask is computed), so it is read on the host: a host read, which
// in device mode runs the pending work, and in a recorded trace is a read-back (a compiled plan
// replays the recorded length, like any control flow on computed values: docs/lazy.md). The
// positions of the true elements, ascending, are the first `k` of the stable `argsort` of
// `!mask` (true sorts before false, each kept in its order), and values are gathered from them
// with `take`. Every form is made of the IR's existing ops and fuses as they do: the mask with
// the kernels that compute it, the gather with the ones that read its result. Cost: one sort of
// the mask on the device (O(n log n)); an all-true or all-false mask skips it.

import DRCIR

extension NDArray {
  /// The number of true elements of this bool array, read on the host.
  func trueCount(site: CallSite) throws(ArrayError) -> Int {
    let flat = view(.reshape, shape: [count], site: site)
    let k = try flat.reduce(.sum, [0], keepdims: false, site: site).item(at: [], site: site)
    guard let n = Int(exactly: k) else {
      throw ArrayError(
        op: "nonzero", "the count of true elements read back as \(k)",
        location: Session.shared.location(site, force: true))
    }
    return n
  }

  /// The flat positions (int64, ascending) of this bool array's true elements; `known`, when
  /// the caller knows how many there are, saves reading the count on the host.
  func truePositions(known: Int? = nil, site: CallSite) throws(ArrayError) -> NDArray {
    let n = count
    let k: Int
    if let known { k = known } else { k = try trueCount(site: site) }
    if k == 0 || k == n {
      let op: Op = k == 0 ? .full(.int(0)) : .arange(start: .int(0), step: .int(1))
      return try NDArray.apply(op, [], dtype: .int64, shape: [k], site: site)
    }
    let flat = view(.reshape, shape: [n], site: site)
    let order = try NDArray.unary(.logicalNot, flat, site: site).sorting(
      .argsort, axis: 0, site: site)
    return order.view(.slice([SliceRange(start: 0, stop: k, step: 1)]), site: site)
  }

  /// This array as a bool mask: itself if bool, else `self != 0`.
  func nonzeroMask(site: CallSite) throws(ArrayError) -> NDArray {
    if dtype == .bool { return self }
    return try NDArray.binary(
      .ne, self, try NDArray.constant(.int(0), dtype, site: site), site: site)
  }

  /// NumPy's `x[mask]` read: the elements (or sub-arrays) where `mask`, of this array's shape or
  /// a leading part of it, is true, in row-major order; shape `[k] + shape[mask.ndim...]`.
  func maskedValues(_ mask: NDArray, site: CallSite) throws(ArrayError) -> NDArray {
    guard mask.dtype == .bool, mask.ndim <= ndim, Array(shape.prefix(mask.ndim)) == mask.shape
    else {
      throw ArrayError(
        op: "mask",
        "a \(mask.dtype) mask of shape \(mask.shape) does not fit an array of shape \(shape) "
          + "(it must be bool, of the array's shape or a leading part of it)",
        location: Session.shared.location(site, force: true))
    }
    let rest = Array(shape[mask.ndim...])
    let rows = view(.reshape, shape: [mask.count] + rest, site: site)
    return try rows.gather(try mask.truePositions(site: site), axis: 0, site: site)
  }

  /// NumPy's `nonzero()`: for each axis, the int64 coordinates of the non-zero elements in
  /// row-major order.
  public func nonzero(file: String = #filePath, line: Int = #line) throws(ArrayError) -> [NDArray] {
    try nonzero(site: .source(file, line))
  }

  /// `nonzero()` read at `site`.
  func nonzero(site: CallSite) throws(ArrayError) -> [NDArray] {
    guard ndim >= 1 else {
      throw ArrayError(
        op: "nonzero",
        "of a 0-d array is not allowed (NumPy 2's error); use x.reshape([1]).nonzero()",
        location: Session.shared.location(site, force: true))
    }
    let positions = try nonzeroMask(site: site).truePositions(site: site)
    if ndim == 1 { return [positions] }
    var coordinates: [NDArray] = []
    var stride = count
    for d in shape {
      stride = d == 0 ? 0 : stride / d
      let (q, _) = try NDArray.floorDivMod(
        positions, try NDArray.constant(.int(Int64(Swift.max(stride, 1))), .int64, site: site),
        site: site)
      let (_, r) = try NDArray.floorDivMod(
        q, try NDArray.constant(.int(Int64(Swift.max(d, 1))), .int64, site: site), site: site)
      coordinates.append(r)
    }
    return coordinates
  }

  /// NumPy's `flatnonzero`: the positions of the non-zero elements of the flattened array.
  public func flatnonzero(file: String = #filePath, line: Int = #line) throws(ArrayError)
    -> NDArray
  {
    try nonzeroMask(site: .source(file, line)).truePositions(site: .source(file, line))
  }

  /// NumPy's `compress(condition, x, axis)`: the slices along `axis` (nil: of the flattened
  /// array) where the 1-D `condition` is true; a shorter condition leaves the rest out.
  public func compress(
    _ condition: NDArray, axis: Int? = nil, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    let site = CallSite.source(file, line)
    let source = axis == nil ? view(.reshape, shape: [count], site: site) : self
    let a = try source.normalise(axis ?? 0, rank: source.ndim, op: "compress", site: site)
    guard condition.ndim == 1 else {
      throw ArrayError(
        op: "compress", "condition must be a 1-d array, not shape \(condition.shape)",
        location: Session.shared.location(site, force: true))
    }
    let mask = try condition.nonzeroMask(site: site)
    let positions = try mask.truePositions(site: site)
    if condition.count > source.shape[a], positions.count > 0 {
      // NumPy: a true beyond the axis is an index error; falses there are ignored.
      let last = try positions.item(at: [positions.count - 1], site: site)
      guard last < Double(source.shape[a]) else {
        throw ArrayError(
          op: "compress",
          "index \(Int(last)) is out of bounds for axis \(a) with size \(source.shape[a])",
          location: Session.shared.location(site, force: true))
      }
    }
    return try source.gather(positions, axis: a, site: site)
  }
}

/// NumPy's `nonzero(x)`: the coordinates of the non-zero elements, one int64 array per axis.
public func nonzero(_ x: NDArray, file: String = #filePath, line: Int = #line) throws(ArrayError)
  -> [NDArray]
{
  try x.nonzero(file: file, line: line)
}

/// NumPy's `flatnonzero(x)`.
public func flatnonzero(_ x: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try x.flatnonzero(file: file, line: line)
}

/// NumPy's `argwhere(x)`: the coordinates of the non-zero elements, one row each (`[k, ndim]`).
public func argwhere(_ x: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  if x.ndim == 0 {
    // NumPy: a 0-d array gives shape (1, 0) where it is non-zero, (0, 0) where it is zero.
    let k = try x.nonzeroMask(site: site).trueCount(site: site)
    return try NDArray.apply(.full(.int(0)), [], dtype: .int64, shape: [k, 0], site: site)
  }
  let columns = try x.nonzero(file: file, line: line)
  return try stack(columns, axis: 1, file: file, line: line)
}

/// NumPy's `extract(condition, x)`: the elements of the flattened `x` where the flattened
/// `condition` (of `x`'s size) is non-zero.
public func extract(
  _ condition: NDArray, _ x: NDArray, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard condition.count == x.count else {
    throw ArrayError(
      op: "extract",
      "condition of \(condition.count) elements for an array of \(x.count) (they must match)",
      location: Session.shared.location(site, force: true))
  }
  let mask = try condition.nonzeroMask(site: site).view(.reshape, shape: [x.count], site: site)
  return try x.view(.reshape, shape: [x.count], site: site).maskedValues(mask, site: site)
}

/// NumPy's `compress(condition, x, axis)`.
public func compress(
  _ condition: NDArray, _ x: NDArray, axis: Int? = nil, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.compress(condition, axis: axis, file: file, line: line)
}
