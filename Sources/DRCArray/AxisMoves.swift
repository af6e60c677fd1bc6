// Axis rearrangements as views, as NumPy's: `swapaxes`, `moveaxis`, `ravel`, checked `squeeze`,
// `flip`, and the 1-D/2-D promotions `hstack`/`vstack` use.
//
// Each is a transpose, reshape, squeeze or slice view of the same base, so writes through it
// reach the base as NumPy's views do. Unlike `transpose` and `reshape`, these check their axes
// at once and throw an `ArrayError` naming the call's line.

import DRCIR

extension NDArray {
  /// `axis` made non-negative (counted from the end when negative) for a rank-`rank` array.
  func normalise(_ axis: Int, rank: Int, op: String, site: CallSite) throws(ArrayError) -> Int {
    let a = axis < 0 ? axis + rank : axis
    guard (0..<rank).contains(a) else {
      throw ArrayError(
        op: op, "axis \(axis) is out of range for an array of shape \(shape)",
        location: Session.shared.location(site, force: true))
    }
    return a
  }

  /// A copy-free view with axes `axis1` and `axis2` exchanged, as NumPy's `swapaxes`.
  public func swapaxes(_ axis1: Int, _ axis2: Int, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    let site = CallSite.source(file, line)
    let a = try normalise(axis1, rank: ndim, op: "swapaxes", site: site)
    let b = try normalise(axis2, rank: ndim, op: "swapaxes", site: site)
    var perm = Array(0..<ndim)
    perm.swapAt(a, b)
    return view(.transpose(perm), site: site)
  }

  /// A view with axis `source` moved to position `destination`, as NumPy's `moveaxis`.
  public func moveaxis(
    _ source: Int, _ destination: Int, file: String = #filePath, line: Int = #line
  )
    throws(ArrayError) -> NDArray
  {
    let site = CallSite.source(file, line)
    let s = try normalise(source, rank: ndim, op: "moveaxis", site: site)
    let d = try normalise(destination, rank: ndim, op: "moveaxis", site: site)
    var perm = Array(0..<ndim).filter { $0 != s }
    perm.insert(s, at: d)
    return view(.transpose(perm), site: site)
  }

  /// The elements as a 1-D view in row-major order, as NumPy's `ravel`.
  public func ravel(file: String = #filePath, line: Int = #line) -> NDArray {
    view(.reshape, shape: [count], site: .source(file, line))
  }

  /// A 1-D copy of the elements in row-major order, as NumPy's `flatten`.
  public func flatten(file: String = #filePath, line: Int = #line) throws(ArrayError) -> NDArray {
    NDArray(try ravel(file: file, line: line).value())
  }

  /// The view without length-1 axis `axis`, as NumPy's `squeeze(axis=)`; throws otherwise.
  public func squeeze(axis: Int, file: String = #filePath, line: Int = #line) throws(ArrayError)
    -> NDArray
  {
    try squeeze(axes: [axis], file: file, line: line)
  }

  /// The view without the length-1 axes `axes`; throws for an axis out of range or not of length 1.
  public func squeeze(axes: [Int], file: String = #filePath, line: Int = #line) throws(ArrayError)
    -> NDArray
  {
    let site = CallSite.source(file, line)
    var normalised: [Int] = []
    for axis in axes {
      let a = try normalise(axis, rank: ndim, op: "squeeze", site: site)
      guard shape[a] == 1 else {
        throw ArrayError(
          op: "squeeze", "cannot squeeze axis \(axis) of length \(shape[a]) (shape \(shape))",
          location: Session.shared.location(site, force: true))
      }
      if !normalised.contains(a) { normalised.append(a) }
    }
    if normalised.isEmpty { return self }
    return view(.squeeze(normalised.sorted()), site: site)
  }

  /// A view with the order of elements along `axis` reversed (nil: every axis), as NumPy's `flip`.
  public func flip(axis: Int? = nil, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    let site = CallSite.source(file, line)
    let axes =
      try axis.map { a throws(ArrayError) in
        [try normalise(a, rank: ndim, op: "flip", site: site)]
      } ?? Array(0..<ndim)
    let ranges = shape.enumerated().map { axis, dim in
      axes.contains(axis)
        ? (AxisSlice(nil, nil, -1).resolve(dim: dim)?.range ?? .all(dim)) : .all(dim)
    }
    return view(.slice(ranges), site: site)
  }

  /// The array with at least `rank` axes, length-1 axes added in front (`atleast_1d`/`_2d`).
  func atLeast(_ rank: Int, site: CallSite) -> NDArray {
    guard ndim < rank else { return self }
    let front = [Int](repeating: 1, count: rank - ndim)
    return view(.reshape, shape: front + shape, site: site)
  }
}

/// The array with axes `axis1` and `axis2` exchanged, as NumPy's `swapaxes`.
public func swapaxes(
  _ x: NDArray, _ axis1: Int, _ axis2: Int, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.swapaxes(axis1, axis2, file: file, line: line)
}

/// The array with axis `source` moved to `destination`, as NumPy's `moveaxis`.
public func moveaxis(
  _ x: NDArray, _ source: Int, _ destination: Int, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.moveaxis(source, destination, file: file, line: line)
}

/// The elements as a 1-D view, as NumPy's `ravel`.
public func ravel(_ x: NDArray, file: String = #filePath, line: Int = #line) -> NDArray {
  x.ravel(file: file, line: line)
}
