// NumPy's `cumsum` and `cumprod`: inclusive running sums and products along one axis.
//
// With an axis (negative counts from the end) the result has the operand's shape; without one
// (nil) the array is flattened row-major first, so the result is 1-D (a 0-d array gives one
// element), as NumPy. Bool and integer operands accumulate in int64, floats keep their dtype.
// Each is recorded as one `cumsum` / `cumprod` node (a scan, docs/ops.md).

import DRCIR

extension NDArray {
  /// Scan `op` along `axis` (nil: over the flattened array).
  func scan(_ op: ScanOp, axis: Int?, site: CallSite) throws(ArrayError) -> NDArray {
    let source = axis == nil ? view(.reshape, shape: [count], site: site) : self
    let resolved = try source.axes([axis ?? 0], op: op.rawValue, site: site)
    let dtype: DType = source.dtype.isFloat ? source.dtype : .int64
    return try NDArray.apply(
      .scan(op, axis: resolved.first ?? 0), [source], dtype: dtype, shape: source.shape,
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
