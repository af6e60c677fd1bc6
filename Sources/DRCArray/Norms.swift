// NumPy's `linalg.norm` with an `ord`: vector norms along one axis and matrix norms over two.
//
// As NumPy's implementation computes them (integer and bool arrays as float64 first): for
// vectors, `inf` is max |x| (0 for an empty axis), `-inf` min |x|, `0` the count of non-zeros in
// the dtype, `1` sum |x|, `2` sqrt(sum x * x), any other p (sum |x|^p)^(1/p) with 1/p rounded to
// the dtype; for matrices, `1` and `-1` the largest and smallest column sum of |x|, `inf` and
// `-inf` the largest and smallest row sum, and `fro` (`ord` nil) sqrt(sum x * x). The 2-norm,
// -2 and nuclear norms of matrices need singular values, which drc does not compute: they throw.
// The plain `norm(x, axis:)` (the 2-norm or Frobenius norm) is in `Statistics.swift`.

import DRCIR

/// NumPy's `linalg.norm(x, ord)`: a vector norm of a 1-D `x`, a matrix norm of a 2-D one;
/// `Double.infinity` and `-Double.infinity` stand for NumPy's `inf` and `-inf`.
public func norm(
  _ x: NDArray, ord: Double, keepdims: Bool = false, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  switch x.ndim {
  case 1: return try norm(x, ord: ord, axis: 0, keepdims: keepdims, file: file, line: line)
  case 2: return try norm(x, ord: ord, axes: (0, 1), keepdims: keepdims, file: file, line: line)
  default:
    throw ArrayError(
      op: "norm", "Improper number of dimensions to norm (shape \(x.shape))",
      location: Session.shared.location(.source(file, line), force: true))
  }
}

/// NumPy's `linalg.norm(x, ord, axis=k)`: the vector norm of order `ord` along `axis`.
public func norm(
  _ x: NDArray, ord: Double, axis: Int, keepdims: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let v = x.dtype.isFloat ? x : try x.converted(to: .float64, site: site)
  let a = try v.normalise(axis, rank: v.ndim, op: "norm", site: site)
  let magnitude = try abs(v, file: file, line: line)
  func reduce(_ r: ReduceOp, _ y: NDArray) throws(ArrayError) -> NDArray {
    try y.reduce(r, [a], keepdims: keepdims, site: site)
  }
  switch ord {
  case .infinity:
    if v.shape[a] == 0 { return try emptyMax(v, axes: [a], keepdims: keepdims, site: site) }
    return try reduce(.max, magnitude)
  case -.infinity:
    return try reduce(.min, magnitude)
  case 0:
    let nonzero = try NDArray.binary(.ne, v, try v.weak(0.0, site: site), site: site)
    return try reduce(.sum, try nonzero.converted(to: v.dtype, site: site))
  case 1:
    return try reduce(.sum, magnitude)
  case 2:
    return try sqrt(
      try reduce(.sum, try NDArray.binary(.mul, v, v, site: site)), file: file, line: line)
  default:
    let powers = try NDArray.binary(.pow, magnitude, try v.weak(ord, site: site), site: site)
    let total = try reduce(.sum, powers)
    let exponent = v.dtype == .float32 ? Double(1 / Float(ord)) : 1 / ord
    return try NDArray.binary(.pow, total, try total.weak(exponent, site: site), site: site)
  }
}

/// NumPy's `linalg.norm(x, ord, axis=(r, c))`: the matrix norm of order `ord` (1, -1, inf, -inf;
/// nil: Frobenius) over rows `r` and columns `c`.
public func norm(
  _ x: NDArray, ord: Double?, axes: (Int, Int), keepdims: Bool = false,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "norm", message, location: Session.shared.location(site, force: true))
  }
  let v = x.dtype.isFloat ? x : try x.converted(to: .float64, site: site)
  let row = try v.normalise(axes.0, rank: v.ndim, op: "norm", site: site)
  let column = try v.normalise(axes.1, rank: v.ndim, op: "norm", site: site)
  guard row != column else { throw fail("Duplicate axes given.") }
  let result: NDArray
  switch ord {
  case nil:
    let squares = try NDArray.binary(.mul, v, v, site: site)
    result = try sqrt(
      try squares.reduce(.sum, [row, column].sorted(), keepdims: false, site: site), file: file,
      line: line)
  case .some(1), .some(-1), .some(.infinity), .some(-.infinity):
    // 1: sums down each column (over the rows), then the extreme over the columns; inf: the
    // other way round. NumPy reduces one axis, then the other at its new position.
    let byColumns = ord == 1 || ord == -1
    let (first, second) = byColumns ? (row, column) : (column, row)
    let sums = try abs(v, file: file, line: line).reduce(.sum, [first], keepdims: false, site: site)
    let then = second > first ? second - 1 : second
    let largest = ord == 1 || ord == .infinity
    if largest && sums.shape[then] == 0 {
      result = try emptyMax(sums, axes: [then], keepdims: false, site: site)
    } else {
      result = try sums.reduce(largest ? .max : .min, [then], keepdims: false, site: site)
    }
  default:
    throw fail(
      "the matrix norm of order \(ord ?? 0) needs singular values, which drc does not compute")
  }
  guard keepdims else { return result }
  var shape = v.shape
  shape[row] = 1
  shape[column] = 1
  return result.view(.reshape, shape: shape, site: site)
}

/// NumPy's `max(..., initial=0)` over axes of zero length: zeros of the reduced shape.
private func emptyMax(_ v: NDArray, axes: [Int], keepdims: Bool, site: CallSite)
  throws(ArrayError) -> NDArray
{
  let shape = ShapeRules.reduced(v.shape, axes: axes, keepdims: keepdims)
  return try NDArray.apply(
    .full(Scalar.float(0).converted(to: v.dtype)), [], dtype: v.dtype, shape: shape, site: site)
}
