// In-place writes: `a[r] = e`, `a += e`, `a[r] += e`, through any chain of views.
//
// A write into a view becomes a write into a region of the base: slices compose into one region,
// transposes and unit-axis changes move to the value instead, and a reshape view is handled by
// reshaping the base, updating, and reshaping back. The base then holds a new version made by a
// functional `update` node, so later reads of any alias see the write and values computed before
// it keep their numbers. Writing into a broadcast view is an error, as in NumPy.

import DRCIR

extension NDArray {
  /// Writes `value` (broadcast, cast to this dtype) into `ranges` of this array.
  func assign(_ value: NDArray, at ranges: [SliceRange], dropped: [Int], site: CallSite?)
    throws(ArrayError)
  {
    if let error { throw error }
    let loc = Session.shared.location(site)
    // Only an error needs the stack-derived line (symbolicating it is slow).
    let errorLoc = { loc ?? Session.shared.location(site, force: true) }
    let region: [Int]
    do {
      region = try TypeInference.sliceShape(ranges, of: shape)
    } catch {
      throw ArrayError(op: "update", error.message, location: errorLoc())
    }
    var v = try value.value()
    let squeezed = region.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
    guard ShapeRules.broadcasts(v.shape, to: squeezed) else {
      throw ArrayError(
        op: "update",
        "cannot assign an array of shape \(v.shape) to a region of shape \(squeezed)",
        location: errorLoc())
    }
    v = try fit(v, to: squeezed, reshapeTo: region, loc: loc)
    try write(steps.count, region: ranges, value: v, loc: loc)
  }

  /// Broadcasts `v` to `shape`, then reshapes it to `target` (same element count) if different.
  private func fit(_ v: Value, to shape: [Int], reshapeTo target: [Int], loc: String?)
    throws(ArrayError) -> Value
  {
    let s = Session.shared
    var v = v
    if v.shape != shape {
      v = try s.emit(.broadcast, [v], dtype: v.dtype, shape: shape, site: .resolved(loc))
    }
    if shape != target {
      v = try s.emit(.reshape, [v], dtype: v.dtype, shape: target, site: .resolved(loc))
    }
    return v
  }

  /// Writes `value` (already of the region's shape) into `region` of the first `k` steps' result.
  private func write(_ k: Int, region: [SliceRange], value: Value, loc: String?) throws(ArrayError)
  {
    let s = Session.shared
    guard k > 0 else {
      let base = storage.value
      let whole = zip(region, base.shape).allSatisfy { $0 == .all($1) }
      if whole && value.dtype == base.dtype && value.shape == base.shape {
        storage.value = value
      } else {
        storage.value = try s.emit(
          .update(region), [base, value], dtype: base.dtype, shape: base.shape,
          site: .resolved(loc))
      }
      storage.version += 1
      return
    }
    let step = steps[k - 1]
    let inputShape = k == 1 ? storage.value.shape : steps[k - 2].shape
    let regionShape = region.map(\.count)
    switch step.op {
    case .slice(let outer):
      try write(k - 1, region: zip(outer, region).map(compose), value: value, loc: loc)
    case .transpose(let perm):
      var inverse = [Int](repeating: 0, count: perm.count)
      for (i, p) in perm.enumerated() { inverse[p] = i }
      var inner = region
      for (i, p) in perm.enumerated() { inner[p] = region[i] }
      let moved = try s.emit(
        .transpose(inverse), [value], dtype: value.dtype,
        shape: inverse.map { regionShape[$0] }, site: .resolved(loc))
      try write(k - 1, region: inner, value: moved, loc: loc)
    case .expandDims(let axes):
      let inner = region.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
      try write(
        k - 1, region: inner,
        value: try fit(value, to: regionShape, reshapeTo: inner.map(\.count), loc: loc), loc: loc)
    case .squeeze(let axes):
      var inner: [SliceRange] = []
      var rest = region.makeIterator()
      for axis in inputShape.indices {
        inner.append(axes.contains(axis) ? .all(1) : rest.next() ?? .all(1))
      }
      try write(
        k - 1, region: inner,
        value: try fit(value, to: regionShape, reshapeTo: inner.map(\.count), loc: loc), loc: loc)
    case .reshape:
      let x = try derive(k - 1)
      let y = try s.emit(
        .reshape, [x], dtype: x.dtype, shape: step.shape, site: .resolved(loc))
      let updated = try s.emit(
        .update(region), [y, value], dtype: y.dtype, shape: y.shape,
        site: .resolved(loc))
      let back = try s.emit(
        .reshape, [updated], dtype: x.dtype, shape: inputShape, site: .resolved(loc))
      try write(k - 1, region: inputShape.map { SliceRange.all($0) }, value: back, loc: loc)
    default:
      throw ArrayError(
        op: "update", "cannot write into a \(step.op.name) view (it is read-only, as in NumPy)",
        location: loc ?? Session.shared.location(nil, force: true))
    }
  }

  /// The range of the base selected by taking `inner` of the slice `outer`, normalised.
  private func compose(_ outer: SliceRange, _ inner: SliceRange) -> SliceRange {
    let n = inner.count
    guard n > 0 else { return SliceRange(start: 0, stop: 0, step: 1) }
    let start = outer.start + inner.start * outer.step
    let step = outer.step * inner.step
    let last = start + (n - 1) * step
    return SliceRange(start: start, stop: step > 0 ? last + 1 : last - 1, step: step)
  }

  /// `self op= rhs`: computes `self op rhs` and writes it back into every element of `self`.
  ///
  /// On what `x[mask]` returned, nothing is written yet: `self` becomes a new masked selection
  /// holding the result, which the subscript setter then writes where the mask is true.
  mutating func compound(_ op: BinaryOp, _ rhs: NDArray, site: CallSite?) throws(ArrayError) {
    let (lhs, compacted) = try compoundOperand(rhs, site: site)
    try assignResult(
      try NDArray.binary(op, lhs, rhs, site: site), op: op.rawValue, site: site,
      compacted: compacted)
  }

  /// Writes `result` (computed from `self`) into every element, with NumPy's same-kind rule.
  mutating func assignResult(
    _ result: NDArray, op: String = "assign", site: CallSite? = nil, compacted: Bool = false
  ) throws(ArrayError) {
    let kind: (DType) -> Int = { $0 == .bool ? 0 : $0.isInteger ? 1 : 2 }
    guard kind(result.dtype) <= kind(dtype) else {
      throw ArrayError(
        op: op,
        "cannot write a \(result.dtype) result into a \(dtype) array in place (NumPy's same-kind rule)",
        location: Session.shared.location(site, force: true))
    }
    if let m = masked {
      self = m.with(values: result, compacted: compacted, site: site ?? NDArray.operatorSite)
      return
    }
    try assign(result, at: shape.map { SliceRange.all($0) }, dropped: [], site: site)
  }

  public static func += (a: inout NDArray, b: NDArray) throws(ArrayError) {
    try a.compound(.add, b, site: nil)
  }
  public static func -= (a: inout NDArray, b: NDArray) throws(ArrayError) {
    try a.compound(.sub, b, site: nil)
  }
  public static func *= (a: inout NDArray, b: NDArray) throws(ArrayError) {
    try a.compound(.mul, b, site: nil)
  }
  public static func /= (a: inout NDArray, b: NDArray) throws(ArrayError) {
    try a.compound(.div, b, site: nil)
  }
  public static func += (a: inout NDArray, b: Double) throws(ArrayError) {
    try a.compound(.add, try a.weak(b, site: nil), site: nil)
  }
  public static func -= (a: inout NDArray, b: Double) throws(ArrayError) {
    try a.compound(.sub, try a.weak(b, site: nil), site: nil)
  }
  public static func *= (a: inout NDArray, b: Double) throws(ArrayError) {
    try a.compound(.mul, try a.weak(b, site: nil), site: nil)
  }
  public static func /= (a: inout NDArray, b: Double) throws(ArrayError) {
    try a.compound(.div, try a.weak(b, site: nil), site: nil)
  }

  /// Writes `value` into the whole array (NumPy's `a[...] = value`).
  public func assign(_ value: NDArray, file: String = #filePath, line: Int = #line)
    throws(ArrayError)
  {
    try assign(value, at: shape.map { SliceRange.all($0) }, dropped: [], site: .source(file, line))
  }
}
