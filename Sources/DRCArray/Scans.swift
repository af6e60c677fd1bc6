// NumPy's `cumsum` and `cumprod`: inclusive running sums and products along one axis; and
// `maximum.accumulate` / `minimum.accumulate`: running maxima and minima.
//
// With an axis (negative counts from the end) the result has the operand's shape; without one
// (nil) the array is flattened row-major first, so the result is 1-D (a 0-d array gives one
// element), as NumPy. Bool and integer operands accumulate in int64, floats keep their dtype;
// running maxima and minima keep every dtype and take axis 0 by default, as the ufunc method
// does. Each is recorded as one `cumsum` / `cumprod` / `cummax` / `cummin` node (a scan,
// docs/ops.md).

import DRCIR

extension NDArray {
  /// Scan `op` along `axis` (nil: over the flattened array).
  func scan(_ op: ScanOp, axis: Int?, site: CallSite) throws(ArrayError) -> NDArray {
    let source = axis == nil ? view(.reshape, shape: [count], site: site) : self
    let resolved = try source.axes([axis ?? 0], op: op.rawValue, site: site)
    // The result dtype (int64 for integer sums and products) is TypeInference's, not restated.
    return try NDArray.apply(
      .scan(op, axis: resolved.first ?? 0), [source], dtype: source.dtype, shape: source.shape,
      site: site)
  }

  /// The running sum along `axis` (nil: over the flattened array), as NumPy's `cumsum`.
  public func cumsum(axis: Int? = nil, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try scan(.cumsum, axis: axis, site: .source(file, line))
  }

  /// The running product along `axis` (nil: over the flattened array), as NumPy's `cumprod`.
  public func cumprod(axis: Int? = nil, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try scan(.cumprod, axis: axis, site: .source(file, line))
  }
}

/// The running maximum along `axis` (NaN propagates from where it appears), in `x`'s dtype, as
/// NumPy's `np.maximum.accumulate(x, axis=0)`.
public func maximumAccumulate(
  _ x: NDArray, axis: Int = 0, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.scan(.cummax, axis: axis, site: .source(file, line))
}

/// The running minimum along `axis`, as NumPy's `np.minimum.accumulate(x, axis=0)`.
public func minimumAccumulate(
  _ x: NDArray, axis: Int = 0, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.scan(.cummin, axis: axis, site: .source(file, line))
}

/// The running sum along `axis` (nil: over the flattened array), as `np.cumsum`.
public func cumsum(_ x: NDArray, axis: Int? = nil, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try x.cumsum(axis: axis, file: file, line: line)
}

/// The running product along `axis` (nil: over the flattened array), as `np.cumprod`.
public func cumprod(_ x: NDArray, axis: Int? = nil, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try x.cumprod(axis: axis, file: file, line: line)
}
