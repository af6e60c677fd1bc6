// NumPy's `cov` and `corrcoef`, as NumPy computes them.
//
// `cov(m)`: the observations in float64 (float32 too: NumPy's `result_type(m, float64)`), one
// variable per row (per column when `rowvar` is false), a 1-D array a single variable, `y`
// stacked below `m` as more variables. Each row is centred on its mean, the product of the
// centred rows with their transpose (`matmul`) is multiplied by 1 / (N - ddof) (`ddof` 1 by
// default, 0 with `bias`; a non-positive N - ddof divides by zero, as NumPy does after its
// warning), and the result squeezed (a single variable gives a 0-d array). `corrcoef` divides
// the covariance by the standard deviations of its rows and of its columns in turn and clips to
// [-1, 1]; a single variable gives c / c.

import DRCIR

/// NumPy's `cov(m, y, rowvar, bias, ddof)`: the covariance matrix of the variables in the rows
/// of `m` (and of `y`), float64.
public func cov(
  _ m: NDArray, _ y: NDArray? = nil, rowvar: Bool = true, bias: Bool = false, ddof: Int? = nil,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "cov", message, location: Session.shared.location(site, force: true))
  }
  func variables(_ a: NDArray) throws(ArrayError) -> NDArray {
    guard a.ndim <= 2 else { throw fail("m has more than 2 dimensions (shape \(a.shape))") }
    let x = try a.converted(to: .float64, site: site)
    let rows = a.ndim == 2 ? x : x.view(.reshape, shape: [1, a.count], site: site)
    return !rowvar && rows.shape[0] != 1 ? rows.transpose(file: file, line: line) : rows
  }
  var x = try variables(m)
  if let y {
    let more = try variables(y)
    guard more.shape[1] == x.shape[1] else {
      throw fail("all the input array dimensions except for the concatenation axis must match")
    }
    x = try concatenate([x, more], axis: 0, file: file, line: line)
  }
  let (k, n) = (x.shape[0], x.shape[1])
  guard k > 0 else { return x.view(.reshape, shape: [0, 0], site: site) }
  let fact = Swift.max(n - (ddof ?? (bias ? 0 : 1)), 0)
  let centred = try NDArray.binary(
    .sub, x, try x.mean(axis: 1, keepdims: true, file: file, line: line), site: site)
  let product = try matmul(
    centred, centred.transpose(file: file, line: line), file: file, line: line)
  let scale = try NDArray.constant(.float(1 / Double(fact)), .float64, site: site)
  return try NDArray.binary(.mul, product, scale, site: site).squeeze(file: file, line: line)
}

/// NumPy's `corrcoef(x, y, rowvar)`: the correlation coefficients of the variables in the rows
/// of `x` (and of `y`), float64, clipped to [-1, 1].
public func corrcoef(
  _ x: NDArray, _ y: NDArray? = nil, rowvar: Bool = true, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  let c = try cov(x, y, rowvar: rowvar, file: file, line: line)
  guard c.ndim == 2 else { return try NDArray.binary(.div, c, c, site: site) }
  let deviation = try sqrt(try diag(c, file: file, line: line), file: file, line: line)
  let byRow = try NDArray.binary(
    .div, c, deviation.view(.expandDims([1]), site: site), site: site)
  let both = try NDArray.binary(
    .div, byRow, deviation.view(.expandDims([0]), site: site), site: site)
  return try both.clip(min: -1, max: 1, file: file, line: line)
}
