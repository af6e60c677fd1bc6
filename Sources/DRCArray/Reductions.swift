// Reductions (sum, prod, min, max, mean, variance) and matrix products (matmul, dot, diag).
//
// Axes may be negative (counted from the end); `nil` reduces over every axis. `variance` is
// recorded as the primitive ops NumPy's `var` performs: mean, subtract, square, sum, divide.

import DRCIR

extension NDArray {
  /// Normalises user axes: negatives from the end, sorted, distinct; nil means all.
  func axes(_ given: [Int]?, op: String, site: CallSite) throws(ArrayError) -> [Int] {
    guard let given else { return Array(0..<ndim) }
    var out: [Int] = []
    for a in given {
      let axis = a < 0 ? a + ndim : a
      guard (0..<ndim).contains(axis), !out.contains(axis) else {
        throw ArrayError(
          op: op, "axis \(a) is out of range or repeated for an array of shape \(shape)",
          location: Session.shared.location(site, force: true))
      }
      out.append(axis)
    }
    return out.sorted()
  }

  func reduce(_ r: ReduceOp, _ given: [Int]?, keepdims: Bool, site: CallSite) throws(ArrayError)
    -> NDArray
  {
    let axes = try axes(given, op: r.rawValue, site: site)
    if axes.isEmpty { return self }
    return try NDArray.apply(
      .reduce(r, axes: axes, keepdims: keepdims), [self], dtype: dtype,
      shape: ShapeRules.reduced(shape, axes: axes, keepdims: keepdims), site: site)
  }

  /// Sum over `axis` (nil: all axes).
  public func sum(
    axis: Int? = nil, keepdims: Bool = false, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try reduce(.sum, axis.map { [$0] }, keepdims: keepdims, site: .source(file, line))
  }
  /// Sum over several axes.
  public func sum(axes: [Int], keepdims: Bool = false, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try reduce(.sum, axes, keepdims: keepdims, site: .source(file, line))
  }
  /// Product over `axis` (nil: all axes).
  public func prod(
    axis: Int? = nil, keepdims: Bool = false, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try reduce(.prod, axis.map { [$0] }, keepdims: keepdims, site: .source(file, line))
  }
  /// Minimum over `axis` (nil: all axes).
  public func min(
    axis: Int? = nil, keepdims: Bool = false, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try reduce(.min, axis.map { [$0] }, keepdims: keepdims, site: .source(file, line))
  }
  /// Maximum over `axis` (nil: all axes).
  public func max(
    axis: Int? = nil, keepdims: Bool = false, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try reduce(.max, axis.map { [$0] }, keepdims: keepdims, site: .source(file, line))
  }
  /// Mean over `axis` (nil: all axes).
  public func mean(
    axis: Int? = nil, keepdims: Bool = false, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try reduce(.mean, axis.map { [$0] }, keepdims: keepdims, site: .source(file, line))
  }
  /// Mean over several axes.
  public func mean(axes: [Int], keepdims: Bool = false, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try reduce(.mean, axes, keepdims: keepdims, site: .source(file, line))
  }

  /// Variance over `axis` (nil: all) with `ddof` delta degrees of freedom, as NumPy's `var`.
  public func variance(
    axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false, file: String = #filePath,
    line: Int = #line
  ) throws(ArrayError) -> NDArray {
    let site = CallSite.source(file, line)
    let axes = try axes(axis.map { [$0] }, op: "variance", site: site)
    let n = axes.reduce(1) { $0 * shape[$1] }
    let centred = try self - (try reduce(.mean, axes, keepdims: true, site: site))
    let squares = try NDArray.binary(.mul, centred, centred, site: site)
    let total = try squares.reduce(.sum, axes, keepdims: keepdims, site: site)
    return try NDArray.binary(
      .div, total, try total.weak(Double(Swift.max(n - ddof, 0)), site: site), site: site)
  }
}

/// Sum over `axis` (nil: all axes).
public func sum(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.sum(axis: axis, keepdims: keepdims, file: file, line: line)
}
/// Mean over `axis` (nil: all axes).
public func mean(
  _ x: NDArray, axis: Int? = nil, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.mean(axis: axis, keepdims: keepdims, file: file, line: line)
}
/// Variance with `ddof`, as NumPy's `var`.
public func variance(
  _ x: NDArray, axis: Int? = nil, ddof: Int = 0, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.variance(axis: axis, ddof: ddof, file: file, line: line)
}

/// Matrix product with NumPy's rules: 1-D and 2-D operands, and stacks of matrices (more than
/// two dimensions, batch axes broadcast: BatchedMatmul.swift).
public func matmul(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  if a.ndim > 2 || b.ndim > 2 { return try NDArray.batchedMatmul(a, b, file: file, line: line) }
  let shape = (try? ShapeRules.matmul(a.shape, b.shape).get()) ?? []
  return try NDArray.apply(
    .matmul, [a, b], dtype: a.dtype, shape: shape, site: .source(file, line))
}

/// `dot` for 1-D and 2-D operands (the same as `matmul` there; NumPy's N-D `dot` contracts
/// differently and is not supported).
public func dot(_ a: NDArray, _ b: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  guard a.ndim <= 2, b.ndim <= 2 else {
    throw ArrayError(
      op: "dot",
      "takes 1-D and 2-D operands, got \(a.shape) and \(b.shape) (for stacks of matrices use matmul)",
      location: Session.shared.location(.source(file, line), force: true))
  }
  return try matmul(a, b, file: file, line: line)
}
