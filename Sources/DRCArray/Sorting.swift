// Sorting and order statistics: NumPy's `sort`, `argsort`, `median`, `percentile`, `quantile`
// and their NaN-ignoring forms.
//
// `sort` and `argsort` are the IR's sort ops (trace format 1.3): ascending along one axis (the
// last by default; nil sorts the flattened array), NaN last; `argsort` is stable (NumPy's
// `kind="stable"`; NumPy's default `quicksort` may order ties differently). The order
// statistics sort once and read the elements they need at positions known from the shape:
// `median` is the middle element or the mean of the two middle ones, `quantile` and `percentile`
// NumPy's default "linear" method, computed as NumPy computes it (the virtual index
// `n*q + (1 - q) - 1`, and its interpolation from the nearer end); any NaN in a line makes that
// line's result NaN. Integers give float64, float32 stays float32.

import DRCIR

extension NDArray {
  /// The sorted array along `axis` (nil: the flattened array), as NumPy's `sort`.
  public func sort(axis: Int? = -1, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try sorting(.sort, axis: axis, site: .source(file, line))
  }

  /// The positions that sort the array along `axis` (nil: flattened), int64, stable.
  public func argsort(axis: Int? = -1, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try sorting(.argsort, axis: axis, site: .source(file, line))
  }

  /// `op` along `axis` (nil: of the flattened array).
  func sorting(_ op: SortOp, axis: Int?, site: CallSite) throws(ArrayError) -> NDArray {
    let source = axis == nil ? view(.reshape, shape: [count], site: site) : self
    let a = try source.normalise(axis ?? 0, rank: source.ndim, op: op.rawValue, site: site)
    return try NDArray.apply(
      .sort(op, axis: a), [source], dtype: op == .sort ? dtype : .int64, shape: source.shape,
      site: site)
  }

  /// Element `k` along axis `a`, that axis removed (a view).
  func element(_ k: Int, axis a: Int, site: CallSite) -> NDArray {
    var ranges = shape.map { SliceRange.all($0) }
    ranges[a] = SliceRange(start: k, stop: k + 1, step: 1)
    return view(.slice(ranges), site: site).view(.squeeze([a]), site: site)
  }

  /// The sorted lines along `axis` (nil: flattened) as floats, the axis, and its length.
  func sortedForStatistics(axis: Int?, op: String, site: CallSite) throws(ArrayError)
    -> (sorted: NDArray, axis: Int, n: Int)
  {
    let sorted = try sorting(.sort, axis: axis, site: site)
    let a = axis == nil ? 0 : try normalise(axis ?? 0, rank: ndim, op: op, site: site)
    let n = sorted.shape[a]
    guard n > 0 else {
      throw ArrayError(
        op: op, "of an empty axis (NumPy gives NaN with a warning)",
        location: Session.shared.location(site, force: true))
    }
    let float =
      dtype.isFloat
      ? sorted
      : try NDArray.apply(
        .cast, [sorted], dtype: .float64, shape: sorted.shape, site: site)
    return (float, a, n)
  }

  /// `value`, or NaN where the line's last sorted element (NaN when the line has one) is NaN.
  func nanWhereLastIs(_ value: NDArray, sorted: NDArray, axis a: Int, n: Int, site: CallSite)
    throws(ArrayError) -> NDArray
  {
    let last = sorted.element(n - 1, axis: a, site: site)
    let isNaN = try NDArray.binary(.ne, last, last, site: site)
    return try NDArray.apply(
      .select, [isNaN, last, value], dtype: value.dtype, shape: value.shape, site: site)
  }

  /// The median along `axis` (nil: of all elements), as NumPy's `median`.
  public func median(axis: Int? = nil, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    let site = CallSite.source(file, line)
    let (s, a, n) = try sortedForStatistics(axis: axis, op: "median", site: site)
    var m = s.element((n - 1) / 2, axis: a, site: site)
    if n % 2 == 0 {
      let upper = s.element(n / 2, axis: a, site: site)
      let sum = try NDArray.binary(.add, m, upper, site: site)
      m = try NDArray.binary(.div, sum, try sum.weak(2.0, site: site), site: site)
    }
    return try nanWhereLastIs(m, sorted: s, axis: a, n: n, site: site)
  }

  /// The `q`-th quantile (0...1) along `axis` (nil: of all elements), NumPy's "linear" method.
  public func quantile(_ q: Double, axis: Int? = nil, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try quantile(q, axis: axis, op: "quantile", site: .source(file, line))
  }

  /// The `q`-th percentile (0...100) along `axis` (nil: of all elements), as NumPy's.
  public func percentile(
    _ q: Double, axis: Int? = nil, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try quantile(q / 100, axis: axis, op: "percentile", site: .source(file, line))
  }

  func quantile(_ q: Double, axis: Int?, op: String, site: CallSite) throws(ArrayError) -> NDArray {
    try quantiles([q], axis: axis, op: op, site: site)[0]
  }

  /// Throws NumPy's error unless every `q` is in 0...1 (`op` says which scale the user wrote).
  func checkQuantiles(_ qs: [Double], op: String, site: CallSite) throws(ArrayError) {
    guard qs.allSatisfy({ (0...1).contains($0) }) else {
      throw ArrayError(
        op: op,
        op.hasSuffix("percentile")
          ? "percentiles must be in [0, 100]" : "quantiles must be in [0, 1]",
        location: Session.shared.location(site, force: true))
    }
  }

  /// Each `q`-th quantile of one sort (NumPy's linear method, in its order of operations).
  func quantiles(_ qs: [Double], axis: Int?, op: String, site: CallSite) throws(ArrayError)
    -> [NDArray]
  {
    try checkQuantiles(qs, op: op, site: site)
    let (s, a, n) = try sortedForStatistics(axis: axis, op: op, site: site)
    var results: [NDArray] = []
    for q in qs {
      // NumPy's virtual index for alpha = beta = 1, in its own order of operations.
      let virtual = Double(n) * q + (1 + q * -1) - 1
      let below = Swift.min(Swift.max(Int(virtual.rounded(.down)), 0), n - 1)
      let above = Swift.min(below + 1, n - 1)
      let gamma = virtual - virtual.rounded(.down)
      let lo = s.element(below, axis: a, site: site)
      let hi = s.element(above, axis: a, site: site)
      let diff = try NDArray.binary(.sub, hi, lo, site: site)
      let value: NDArray
      if gamma >= 0.5 {
        let step = try NDArray.binary(.mul, diff, try diff.weak(1 - gamma, site: site), site: site)
        value = try NDArray.binary(.sub, hi, step, site: site)
      } else {
        let step = try NDArray.binary(.mul, diff, try diff.weak(gamma, site: site), site: site)
        value = try NDArray.binary(.add, lo, step, site: site)
      }
      results.append(try nanWhereLastIs(value, sorted: s, axis: a, n: n, site: site))
    }
    return results
  }
}

/// NumPy's `sort(x, axis)` (nil: flattened).
public func sort(_ x: NDArray, axis: Int? = -1, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try x.sort(axis: axis, file: file, line: line) }

/// NumPy's `argsort(x, axis, kind="stable")` (nil: flattened).
public func argsort(_ x: NDArray, axis: Int? = -1, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try x.argsort(axis: axis, file: file, line: line) }

/// NumPy's `median(x, axis)`.
public func median(_ x: NDArray, axis: Int? = nil, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try x.median(axis: axis, file: file, line: line) }

/// NumPy's `percentile(x, [q0, q1, ...], axis)`: the percentiles of one sort, stacked along a
/// new first axis, as NumPy returns them.
public func percentile(
  _ x: NDArray, _ qs: [Double], axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let parts = try x.quantiles(
    qs.map { $0 / 100 }, axis: axis, op: "percentile", site: .source(file, line))
  return try stack(parts, axis: 0, file: file, line: line)
}

/// NumPy's `quantile(x, [q0, q1, ...], axis)`, stacked along a new first axis.
public func quantile(
  _ x: NDArray, _ qs: [Double], axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let parts = try x.quantiles(qs, axis: axis, op: "quantile", site: .source(file, line))
  return try stack(parts, axis: 0, file: file, line: line)
}

/// NumPy's `percentile(x, q, axis)` (linear).
public func percentile(
  _ x: NDArray, _ q: Double, axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray { try x.percentile(q, axis: axis, file: file, line: line) }

/// NumPy's `quantile(x, q, axis)` (linear).
public func quantile(
  _ x: NDArray, _ q: Double, axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray { try x.quantile(q, axis: axis, file: file, line: line) }

extension NDArray {
  /// The median along `axis` (nil: of all elements) ignoring NaNs, as NumPy's `nanmedian`; a
  /// line of NaNs only gives NaN.
  public func nanmedian(axis: Int? = nil, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> NDArray
  {
    try nanQuantile(nil, axis: axis, op: "nanmedian", site: .source(file, line))
  }

  /// The `q`-th percentile (0...100) ignoring NaNs, as NumPy's `nanpercentile` (linear).
  public func nanpercentile(
    _ q: Double, axis: Int? = nil, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try nanQuantile(q / 100, axis: axis, op: "nanpercentile", site: .source(file, line))
  }

  /// The `q`-th quantile (0...1) ignoring NaNs, as NumPy's `nanquantile` (linear).
  public func nanquantile(
    _ q: Double, axis: Int? = nil, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    try nanQuantile(q, axis: axis, op: "nanquantile", site: .source(file, line))
  }

  /// The NaN-ignoring order statistics: each line's count c of numbers (NaNs sort after them)
  /// gives its own positions, read by a gather (`takeAlongAxis`); `q` nil is the median (the
  /// middle number, or the mean of the two middle ones).
  func nanQuantile(_ q: Double?, axis: Int?, op: String, site: CallSite) throws(ArrayError)
    -> NDArray
  {
    if let q { try checkQuantiles([q], op: op, site: site) }
    let (s, a, _) = try sortedForStatistics(axis: axis, op: op, site: site)
    func bin(_ o: BinaryOp, _ x: NDArray, _ y: NDArray) throws(ArrayError) -> NDArray {
      try NDArray.binary(o, x, y, site: site)
    }
    func constant(_ v: Double, _ d: DType) throws(ArrayError) -> NDArray {
      try NDArray.apply(
        .full(Scalar.float(v).converted(to: d)), [], dtype: d, shape: [], site: site)
    }
    func choose(_ c: NDArray, _ x: NDArray, _ y: NDArray) throws(ArrayError) -> NDArray {
      let shape = ShapeRules.broadcast([c.shape, x.shape, y.shape]) ?? []
      return try NDArray.apply(.select, [c, x, y], dtype: x.dtype, shape: shape, site: site)
    }
    // c per line (keeping the axis, length 1), as float64 and int64.
    let numbers = try bin(.eq, s, s).reduce(.sum, [a], keepdims: true, site: site)
    let count = try NDArray.apply(
      .cast, [numbers], dtype: .float64, shape: numbers.shape, site: site)
    func position(_ p: NDArray) throws(ArrayError) -> NDArray {
      // Clamped into the line (an all-NaN line reads element 0; its result is NaN below).
      let top = try bin(
        .maximum, try bin(.sub, numbers, try constant(1, .int64)), try constant(0, .int64))
      let k = try NDArray.apply(.cast, [p], dtype: .int64, shape: p.shape, site: site)
      return try bin(.minimum, try bin(.maximum, k, try constant(0, .int64)), top)
    }
    func at(_ k: NDArray) throws(ArrayError) -> NDArray {
      try s.takeAlongAxis(k, axis: a).element(0, axis: a, site: site)
    }
    let value: NDArray
    if let q {
      // NumPy's virtual index n*q + (1 - q) - 1 with n the line's count of numbers.
      let virtual = try bin(
        .sub,
        try bin(
          .add, try bin(.mul, count, try constant(q, .float64)),
          try constant(1 + q * -1, .float64)), try constant(1, .float64))
      let below = try NDArray.unary(.floor, virtual, site: site)
      // gamma and 1 - gamma in float64, then in the data's dtype, as the scalar quantile does.
      let gamma = try bin(.sub, virtual, below).element(0, axis: a, site: site)
      func inData(_ v: NDArray) throws(ArrayError) -> NDArray {
        try NDArray.apply(.cast, [v], dtype: s.dtype, shape: v.shape, site: site)
      }
      let lo = try at(try position(below))
      let hi = try at(try position(try bin(.add, below, try constant(1, .float64))))
      let diff = try bin(.sub, hi, lo)
      let rest = try inData(try bin(.sub, try constant(1, .float64), gamma))
      let fromHigh = try bin(.sub, hi, try bin(.mul, diff, rest))
      let fromLow = try bin(.add, lo, try bin(.mul, diff, try inData(gamma)))
      value = try choose(try bin(.ge, gamma, try constant(0.5, .float64)), fromHigh, fromLow)
    } else {
      let half = try bin(
        .mul, try bin(.sub, count, try constant(1, .float64)), try constant(0.5, .float64))
      let lower = try position(try NDArray.unary(.floor, half, site: site))
      let upper = try position(try NDArray.unary(.ceil, half, site: site))
      let (x, y) = (try at(lower), try at(upper))
      let mean = try bin(.div, try bin(.add, x, y), try constant(2, s.dtype))
      value = try choose(
        try bin(.eq, lower.element(0, axis: a, site: site), upper.element(0, axis: a, site: site)),
        x, mean)
    }
    let empty = try bin(.eq, count, try constant(0, .float64)).element(0, axis: a, site: site)
    return try choose(empty, try constant(.nan, s.dtype), value)
  }
}

/// NumPy's `nanmedian(x, axis)`.
public func nanmedian(_ x: NDArray, axis: Int? = nil, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{ try x.nanmedian(axis: axis, file: file, line: line) }

/// NumPy's `nanpercentile(x, q, axis)` (linear).
public func nanpercentile(
  _ x: NDArray, _ q: Double, axis: Int? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray { try x.nanpercentile(q, axis: axis, file: file, line: line) }
