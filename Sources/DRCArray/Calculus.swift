// NumPy's finite differences, integration and polynomials that are compositions of existing ops:
// `gradient`, `trapezoid`, `ediff1d`, `polyval` and `vander`.
//
// Each is NumPy's own formula in NumPy's order of operations, so results agree with NumPy's to
// the accuracy of those ops (exactly, for the correctly rounded arithmetic they are made of).
// `gradient` with a uniform spacing `h` is (f[2:] - f[:-2]) / (2h) inside, (f[1] - f[0]) / h at
// the ends (`edgeOrder: 1`) or NumPy's one-sided second-order stencils (`edgeOrder: 2`, their
// coefficients computed in float64 and applied as weak scalars); with uneven coordinates,
// NumPy's coefficient arrays (float64, built on the host from the coordinates it reads); integer
// arrays give float64.
// `trapezoid` is sum(d * (y[1:] + y[:-1]) / 2) with `d` the spacing `dx` or diff(x). `polyval`
// is Horner's rule from zeros of x's dtype, the coefficients strongly typed (a float64 `p`
// promotes a float32 `x`, as NumPy); `vander` the running product of x along the columns in
// x's dtype promoted with int64.

import DRCIR

/// NumPy's `gradient(f, h, axis=axis)`: the derivative of `f` along `axis` with uniform spacing
/// `spacing`, central differences inside and one-sided ones of order `edgeOrder` (1 or 2) at
/// the ends.
public func gradient(
  _ f: NDArray, spacing: Double = 1, axis: Int, edgeOrder: Int = 1, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let (a, n, y) = try gradientOperand(f, axis: axis, edgeOrder: edgeOrder, site: site)
  func part(_ start: Int, _ stop: Int) -> NDArray { axisSlice(y, a, start, stop, site: site) }
  func op(_ o: BinaryOp, _ p: NDArray, _ q: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.binary(o, p, q, site: site)
  }
  func scalar(_ v: Double) throws(ArrayError) -> NDArray { try y.weak(v, site: site) }
  let inside = try op(.div, try op(.sub, part(2, n), part(0, n - 2)), try scalar(2 * spacing))
  let first: NDArray
  let last: NDArray
  if edgeOrder == 1 {
    first = try op(.div, try op(.sub, part(1, 2), part(0, 1)), try scalar(spacing))
    last = try op(.div, try op(.sub, part(n - 1, n), part(n - 2, n - 1)), try scalar(spacing))
  } else {
    func stencil(_ c: [Double], _ at: [Int]) throws(ArrayError) -> NDArray {
      var sum = try op(.mul, try scalar(c[0] / spacing), part(at[0], at[0] + 1))
      for k in 1..<3 {
        sum = try op(.add, sum, try op(.mul, try scalar(c[k] / spacing), part(at[k], at[k] + 1)))
      }
      return sum
    }
    first = try stencil([-1.5, 2, -0.5], [0, 1, 2])
    last = try stencil([0.5, -2, 1.5], [n - 3, n - 2, n - 1])
  }
  return try concatenate([first, inside, last], axis: a, file: file, line: line)
}

/// NumPy's `gradient(f, h)`: the derivative along every axis, one array per axis.
public func gradient(
  _ f: NDArray, spacing: Double = 1, edgeOrder: Int = 1, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> [NDArray] {
  var result: [NDArray] = []
  for a in 0..<f.ndim {
    result.append(
      try gradient(f, spacing: spacing, axis: a, edgeOrder: edgeOrder, file: file, line: line))
  }
  return result
}

/// NumPy's `trapezoid(y, x, dx, axis)`: the integral of `y` along `axis` by the trapezoidal
/// rule, at the sample points `x` (1-D along `axis`, or `y`'s shape) or with spacing `dx`.
public func trapezoid(
  _ y: NDArray, x: NDArray? = nil, dx: Double = 1, axis: Int = -1, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let a = try y.normalise(axis, rank: y.ndim, op: "trapezoid", site: site)
  let n = y.shape[a]
  func part(_ start: Int, _ stop: Int) -> NDArray { axisSlice(y, a, start, stop, site: site) }
  let pairs = try NDArray.binary(
    .add, part(Swift.min(1, n), n), part(0, Swift.max(n - 1, 0)), site: site)
  let d: NDArray
  if let x {
    if x.ndim == 1 {
      var shape = [Int](repeating: 1, count: y.ndim)
      shape[a] = Swift.max(x.count - 1, 0)
      d = try diff(x, file: file, line: line).reshape(shape, file: file, line: line)
    } else {
      d = try diff(x, axis: a, file: file, line: line)
    }
  } else {
    d = try pairs.weak(dx, site: site)
  }
  let areas = try NDArray.binary(
    .div, try NDArray.binary(.mul, d, pairs, site: site), try pairs.weak(2.0, site: site),
    site: site)
  let summed = areas.dtype.isFloat ? areas : try areas.converted(to: .float64, site: site)
  return try summed.sum(axis: a, file: file, line: line)
}

/// NumPy's `ediff1d(a)`: the differences of consecutive elements of the flattened array.
public func ediff1d(_ x: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try diff(try x.flat(site: .source(file, line)), file: file, line: line)
}

/// NumPy's `polyval(p, x)`: the polynomial with coefficients `p` (highest power first) at
/// `x`, by Horner's rule.
public func polyval(_ p: NDArray, _ x: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  guard p.ndim == 1 else {
    throw ArrayError(
      op: "polyval", "needs 1-D coefficients, not shape \(p.shape)",
      location: Session.shared.location(site, force: true))
  }
  var y = try NDArray.apply(
    .full(Scalar.int(0).converted(to: x.dtype)), [], dtype: x.dtype, shape: x.shape, site: site)
  for k in 0..<p.count {
    let coefficient = p.view(.slice([SliceRange(start: k, stop: k + 1, step: 1)]), site: site)
      .view(.reshape, shape: [], site: site)
    y = try NDArray.binary(
      .add, try NDArray.binary(.mul, y, x, site: site), coefficient, site: site)
  }
  return y
}

/// NumPy's `vander(x, N, increasing)`: the columns are powers of the 1-D `x`, highest first
/// unless `increasing`; `N` defaults to len(x).
public func vander(
  _ x: NDArray, _ columns: Int? = nil, increasing: Bool = false, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let n = columns ?? x.count
  guard x.ndim == 1, n >= 0 else {
    throw ArrayError(
      op: "vander", x.ndim == 1 ? "N must be non-negative" : "x must be a one-dimensional array",
      location: Session.shared.location(site, force: true))
  }
  let dtype = DType.promote(x.dtype, .int64)
  let m = x.count
  let one = try NDArray.apply(
    .full(Scalar.int(1).converted(to: dtype)), [], dtype: dtype, shape: [m, Swift.min(n, 1)],
    site: site)
  guard n > 1 else { return one }
  let column = try x.converted(to: dtype, site: site).view(.expandDims([1]), site: site)
  let repeated = column.broadcast(to: [m, n - 1], file: file, line: line)
  let powers = try repeated.cumprod(axis: 1, file: file, line: line)
  let table = try concatenate([one, powers], axis: 1, file: file, line: line)
  return increasing ? table : try table.flip(axis: 1, file: file, line: line)
}

/// NumPy's `gradient(f, x, axis=axis)` with the sample coordinates `x` (1-D, one per element
/// along `axis`; read on the host, as NumPy reads their spacing): evenly spaced coordinates
/// are the uniform case; otherwise NumPy's second-order formula for uneven spacing inside and
/// its one-sided ones (`edgeOrder` 1 or 2) at the ends, the coefficients computed in float64.
public func gradient(
  _ f: NDArray, coordinates x: NDArray, axis: Int, edgeOrder: Int = 1, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "gradient", message, location: Session.shared.location(site, force: true))
  }
  let a = try f.normalise(axis, rank: f.ndim, op: "gradient", site: site)
  let n = f.shape[a]
  guard x.ndim == 1, x.count == n else {
    throw fail("when 1d, distances must match the length of the corresponding dimension")
  }
  let points = try x.scalars(file: file, line: line).map(\.doubleValue)
  let dx = zip(points.dropFirst(), points).map { $0 - $1 }
  if let first = dx.first, dx.allSatisfy({ $0 == first }) {
    return try gradient(f, spacing: first, axis: a, edgeOrder: edgeOrder, file: file, line: line)
  }
  let y = try gradientOperand(f, axis: a, edgeOrder: edgeOrder, site: site).y
  func part(_ start: Int, _ stop: Int) -> NDArray { axisSlice(y, a, start, stop, site: site) }
  /// Coefficients along the axis (float64, shaped to broadcast against `f`).
  func along(_ values: [Double]) throws(ArrayError) -> NDArray {
    var shape = [Int](repeating: 1, count: y.ndim)
    shape[a] = values.count
    return try NDArray(values, shape: shape, file: file, line: line)
  }
  func op(_ o: BinaryOp, _ p: NDArray, _ q: NDArray) throws(ArrayError) -> NDArray {
    try NDArray.binary(o, p, q, site: site)
  }
  /// c0 * f[s] + c1 * f[s + 1] + c2 * f[s + 2] over `count` positions from `s`.
  func stencil(_ c: [[Double]], from s: Int, count: Int) throws(ArrayError) -> NDArray {
    var sum = try op(.mul, try along(c[0]), part(s, s + count))
    for k in 1..<3 {
      sum = try op(.add, sum, try op(.mul, try along(c[k]), part(s + k, s + k + count)))
    }
    return sum
  }
  let (d1, d2) = (Array(dx.dropLast()), Array(dx.dropFirst()))
  let inside = try stencil(
    [
      zip(d1, d2).map { -($1) / ($0 * ($0 + $1)) }, zip(d1, d2).map { ($1 - $0) / ($0 * $1) },
      zip(d1, d2).map { $0 / ($1 * ($0 + $1)) },
    ], from: 0, count: n - 2)
  let first: NDArray
  let last: NDArray
  if edgeOrder == 1 {
    first = try op(.div, try op(.sub, part(1, 2), part(0, 1)), try along([dx[0]]))
    last = try op(.div, try op(.sub, part(n - 1, n), part(n - 2, n - 1)), try along([dx[n - 2]]))
  } else {
    let (p, q) = (dx[0], dx[1])
    first = try stencil(
      [[-(2 * p + q) / (p * (p + q))], [(p + q) / (p * q)], [-p / (q * (p + q))]], from: 0,
      count: 1)
    let (r, s) = (dx[n - 3], dx[n - 2])
    last = try stencil(
      [[s / (r * (r + s))], [-(s + r) / (r * s)], [(2 * s + r) / (s * (r + s))]], from: n - 3,
      count: 1)
  }
  let joined = try concatenate([first, inside, last], axis: a, file: file, line: line)
  return try joined.converted(to: y.dtype, site: site)
}

/// NumPy's checks of `gradient`'s axis, edge order and length; the axis, its length and `f` as
/// floats (integers as float64).
private func gradientOperand(_ f: NDArray, axis: Int, edgeOrder: Int, site: CallSite)
  throws(ArrayError) -> (axis: Int, n: Int, y: NDArray)
{
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "gradient", message, location: Session.shared.location(site, force: true))
  }
  let a = try f.normalise(axis, rank: f.ndim, op: "gradient", site: site)
  guard edgeOrder == 1 || edgeOrder == 2 else {
    throw fail("'edge_order' greater than 2 not supported (got \(edgeOrder))")
  }
  let n = f.shape[a]
  guard n >= edgeOrder + 1 else {
    throw fail(
      "Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) "
        + "elements are required.")
  }
  return (a, n, f.dtype.isFloat ? f : try f.converted(to: .float64, site: site))
}

/// The elements `start..<stop` of `y` along axis `a`.
private func axisSlice(_ y: NDArray, _ a: Int, _ start: Int, _ stop: Int, site: CallSite) -> NDArray
{
  var ranges = y.shape.map { SliceRange(start: 0, stop: $0, step: 1) }
  ranges[a] = SliceRange(start: start, stop: stop, step: 1)
  return y.view(.slice(ranges), site: site)
}
