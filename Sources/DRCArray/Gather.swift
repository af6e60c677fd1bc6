// Gathers by computed indices: NumPy's `take`, `take_along_axis` and integer-array indexing.
//
// `x.take(idx, axis: 1)` with `idx` an integer `NDArray` is the IR's `take` (trace format 1.3):
// the positions are values the program computes, so the compiled kernel reads at run time what
// they say, fused with whatever computes them. Negative indices count from the end; an index
// outside its axis is NumPy's IndexError: raised at the call in reference mode (the values are
// known there), and in device mode or a compiled plan when the kernels have run, naming the
// take's node and line (the plan's bounds check; the gathered values are never returned).
//
// `take_along_axis` and indexing by several integer arrays (`x[i, j]`) are one `take` from the
// flattened array at a computed flat position: each index wrapped on its own axis, and one that
// is out of its axis turned into a flat position that is out of bounds too, so no combination
// of in-range flat positions hides a bad index. NumPy's placement rules hold: the broadcast
// index shape replaces the indexed axes where they are adjacent, and comes first where they are
// not. Boolean masks (`x[mask]`, whose result shape depends on the values) are not supported.

import DRCIR

extension NDArray {
  /// NumPy's `take(x, indices, axis)` with computed indices (nil axis: the flattened array).
  public func take(
    _ indices: NDArray, axis: Int? = nil, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    let site = CallSite.source(file, line)
    let source = axis == nil ? view(.reshape, shape: [count], site: site) : self
    let a = try source.normalise(axis ?? 0, rank: source.ndim, op: "take", site: site)
    return try source.gather(indices, axis: a, site: site)
  }

  /// The IR's `take` along axis `a` (in range). Out-of-range indices are the reference's error
  /// at the call (reference mode) or the plan's bounds check (device mode, compiled plans).
  func gather(_ indices: NDArray, axis a: Int, site: CallSite) throws(ArrayError) -> NDArray {
    guard indices.dtype.isInteger else {
      throw ArrayError(
        op: "take", "indices must be integers, not \(indices.dtype)",
        location: Session.shared.location(site, force: true))
    }
    var shape = Array(self.shape[..<a]) + indices.shape
    shape += Array(self.shape[(a + 1)...])
    return try NDArray.apply(
      .take(axis: a), [self, indices], dtype: dtype, shape: shape, site: site)
  }

  /// NumPy's `take_along_axis(x, indices, axis)`: `indices` has this array's rank, and element
  /// `[..., j, ...]` of the result is `x[..., indices[..., j, ...], ...]` (other axes broadcast).
  public func takeAlongAxis(
    _ indices: NDArray, axis: Int, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    let site = CallSite.source(file, line)
    let a = try normalise(axis, rank: ndim, op: "take_along_axis", site: site)
    guard indices.ndim == ndim else {
      throw ArrayError(
        op: "take_along_axis",
        "indices of rank \(indices.ndim) for an array of rank \(ndim): they must match",
        location: Session.shared.location(site, force: true))
    }
    var outShape: [Int] = []
    for d in 0..<ndim {
      if d == a {
        outShape.append(indices.shape[d])
        continue
      }
      guard let b = ShapeRules.broadcast([shape[d]], [indices.shape[d]])?.first else {
        throw ArrayError(
          op: "take_along_axis",
          "shape mismatch: indices \(indices.shape) do not broadcast against \(shape) off axis \(a)",
          location: Session.shared.location(site, force: true))
      }
      outShape.append(b)
    }
    // One index array per axis: the coordinate itself off `axis`, the given indices on it.
    var perAxis: [NDArray] = []
    for d in 0..<ndim {
      if d == a {
        perAxis.append(indices)
      } else {
        var dims = Array(repeating: 1, count: ndim)
        dims[d] = outShape[d]
        perAxis.append(try arange(outShape[d], file: file, line: line).reshape(dims))
      }
    }
    return try gatherFlat(perAxis, axes: Array(0..<ndim), site: site)
  }

  /// `x[perAxis[0], perAxis[1], ...]` on the axes `axes` (NumPy's advanced indexing with the
  /// index arrays broadcast together), the broadcast index axes first in the result.
  func gatherFlat(_ perAxis: [NDArray], axes: [Int], site: CallSite) throws(ArrayError)
    -> NDArray
  {
    let rest = (0..<ndim).filter { !axes.contains($0) }
    let dims = axes.map { shape[$0] }
    guard let total = ShapeRules.count(dims), let b = ShapeRules.broadcast(perAxis.map(\.shape))
    else {
      throw ArrayError(
        op: "take", "index arrays of shapes \(perAxis.map(\.shape)) do not broadcast together",
        location: Session.shared.location(site, force: true))
    }
    for index in perAxis where !index.dtype.isInteger {
      throw ArrayError(
        op: "take", "index arrays must be integers, not \(index.dtype)",
        location: Session.shared.location(site, force: true))
    }
    try checkHostIndices(perAxis, dims: dims, axes: axes, site: site)
    func constant(_ v: Int) throws(ArrayError) -> NDArray {
      try NDArray.apply(.full(.int(Int64(v))), [], dtype: .int64, shape: [], site: site)
    }
    func op(_ o: BinaryOp, _ x: NDArray, _ y: NDArray) throws(ArrayError) -> NDArray {
      try NDArray.binary(o, x, y, site: site)
    }
    var flat: NDArray?
    var bad: NDArray?
    var stride = 1
    for k in Swift.stride(from: perAxis.count - 1, through: 0, by: -1) {
      let n = dims[k]
      let i = try NDArray.apply(
        .cast, [perAxis[k]], dtype: .int64, shape: perAxis[k].shape, site: site)
      let negative = try op(.lt, i, try constant(0))
      let wrapped = try NDArray.apply(
        .select, [negative, try op(.add, i, try constant(n)), i], dtype: .int64, shape: i.shape,
        site: site)
      let out = try op(
        .logicalOr, try op(.lt, wrapped, try constant(0)), try op(.ge, wrapped, try constant(n)))
      let term = stride == 1 ? wrapped : try op(.mul, wrapped, try constant(stride))
      if let f = flat { flat = try op(.add, f, term) } else { flat = term }
      if let o = bad { bad = try op(.logicalOr, o, out) } else { bad = out }
      stride = stride &* Swift.max(n, 1)
    }
    let moved = view(.transpose(axes + rest), site: site)
    guard let flat, let bad else { return moved }
    // An index out of its own axis becomes a flat position out of bounds too (-total - 1).
    let position = try NDArray.apply(
      .select, [bad, try constant(-total - 1), flat], dtype: .int64, shape: b, site: site)
    let merged = moved.view(.reshape, shape: [total] + rest.map { shape[$0] }, site: site)
    return try NDArray.apply(
      .take(axis: 0), [merged, position], dtype: dtype, shape: b + rest.map { shape[$0] },
      site: site)
  }

  /// In reference mode, where index values are known now, NumPy's own IndexError at the call.
  func checkHostIndices(_ perAxis: [NDArray], dims: [Int], axes: [Int], site: CallSite)
    throws(ArrayError)
  {
    guard !Session.shared.isDeferring else { return }
    for (k, index) in perAxis.enumerated() {
      let values = try index.value().host().converted(to: .int64).int64s()
      if let bad = values.first(where: { $0 < -Int64(dims[k]) || $0 >= Int64(dims[k]) }) {
        throw ArrayError(
          op: "take",
          "index \(bad) is out of bounds for axis \(axes[k]) with size \(dims[k])",
          location: Session.shared.location(site, force: true))
      }
    }
  }
}

/// NumPy's `take(x, indices, axis)` with computed indices.
public func take(
  _ x: NDArray, _ indices: NDArray, axis: Int? = nil, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.take(indices, axis: axis, file: file, line: line)
}

/// NumPy's `take_along_axis(x, indices, axis)`.
public func takeAlongAxis(
  _ x: NDArray, _ indices: NDArray, axis: Int, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.takeAlongAxis(indices, axis: axis, file: file, line: line)
}
