// The `NDArray` subscripts: views by index, and writes of arrays or Swift scalars through them.
//
// Reading `x[i, a..<b, .newAxis]` gives a view (slice, then squeeze of the integer-indexed axes,
// then expand_dims for the new axes) that tracks later writes to its base. Assigning writes into
// the base: `x[0..<2] = y`, and with a scalar typed by the weak-scalar rule, `x[0..<2] = 0.0`,
// `u[.all, .all] = 0.0`, `x[3] = 1.5`; `u[r] += e` updates the region in place. A getter cannot
// throw, so an indexing error travels with the returned view and is thrown when it is used; a
// failed assignment is thrown by the next operation (or `DRC.check()`).

import DRCIR

extension NDArray {
  /// Resolves subscript components (new axes excluded) against this array's shape.
  func resolve(_ indices: [any ArrayIndex]) -> Result<
    (ranges: [SliceRange], dropped: [Int]), ArrayError
  > {
    // `expandingEllipsis` replaced the first ellipsis: another one is NumPy's error.
    if indices.contains(where: { $0 is EllipsisIndex }) {
      return .failure(ArrayError(op: "slice", EllipsisIndex().problem(dim: 0) ?? "ellipsis"))
    }
    guard indices.count <= shape.count else {
      return .failure(
        ArrayError(op: "slice", "\(indices.count) indices for an array of rank \(shape.count)"))
    }
    var ranges: [SliceRange] = []
    var dropped: [Int] = []
    for (axis, dim) in shape.enumerated() {
      guard axis < indices.count else {
        ranges.append(.all(dim))
        continue
      }
      guard let (range, drops) = indices[axis].resolve(dim: dim) else {
        let why =
          indices[axis].problem(dim: dim)
          ?? "index \(indices[axis]) is out of bounds for axis \(axis) of length \(dim) (shape \(shape))"
        return .failure(ArrayError(op: "slice", why))
      }
      ranges.append(range)
      if drops { dropped.append(axis) }
    }
    return .success((ranges, dropped))
  }

  /// The positions of `.newAxis` components in the result, given which axes are dropped.
  func newAxisPositions(_ indices: [any ArrayIndex], dropped: [Int]) -> [Int] {
    var positions: [Int] = []
    var resultAxis = 0
    var axis = 0
    for index in indices {
      if index is NewAxis {
        positions.append(resultAxis)
        resultAxis += 1
      } else {
        if !dropped.contains(axis) { resultAxis += 1 }
        axis += 1
      }
    }
    return positions
  }

  /// `indices` with its first `.ellipsis` replaced by as many `.all` as the axes it stands for.
  func expandingEllipsis(_ indices: [any ArrayIndex]) -> [any ArrayIndex] {
    guard let at = indices.firstIndex(where: { $0 is EllipsisIndex }) else { return indices }
    // A boolean array covers as many axes as it has.
    let named = indices.reduce(0) { n, index in
      if index is EllipsisIndex || index is NewAxis { return n }
      if let mask = index as? NDArray, mask.dtype == .bool { return n + mask.ndim }
      return n + 1
    }
    var out = indices
    out.replaceSubrange(
      at...at,
      with: [any ArrayIndex](repeating: AxisSlice.all, count: Swift.max(ndim - named, 0)))
    return out
  }

  /// The view selected by `indices`, or an array carrying the indexing error.
  func view(at given: [any ArrayIndex]) -> NDArray {
    let indices = expandingEllipsis(given)
    if indices.contains(where: { $0 is NDArray }) { return advancedView(indices) }
    let real = indices.filter { !($0 is NewAxis) }
    switch resolve(real) {
    case .failure(var error):
      error.location = Session.shared.location(nil, force: true)
      return failed(error)
    case .success(let (ranges, dropped)):
      var v = view(.slice(ranges), site: nil)
      if !dropped.isEmpty { v = v.view(.squeeze(dropped), site: nil) }
      let added = newAxisPositions(indices, dropped: dropped)
      return added.isEmpty ? v : v.view(.expandDims(added), site: nil)
    }
  }

  /// Writes `newValue` into the region selected by `indices`; errors are postponed.
  ///
  /// The caller's line is resolved here once: writes through long view chains go deeper than the
  /// stack walk reaches.
  func store(_ newValue: NDArray, at given: [any ArrayIndex]) {
    let indices = expandingEllipsis(given)
    let site = NDArray.operatorSite
    do throws(ArrayError) {
      if indices.contains(where: { $0 is NDArray }) {
        try storeAdvanced(newValue, at: indices, site: site)
        return
      }
      if indices.contains(where: { $0 is NewAxis }) {
        let target = view(at: indices)
        // `u[.newAxis] += e` has already written through the view the getter returned.
        if newValue.isSameView(as: target) { return }
        try target.assign(newValue, at: target.shape.map { .all($0) }, dropped: [], site: site)
        return
      }
      switch resolve(indices) {
      case .failure(var error):
        error.location = Session.shared.location(site, force: true)
        throw error
      case .success(let (ranges, dropped)):
        // `u[r] += e` has already written through the view the getter returned.
        if newValue.isView(of: self, ranges: ranges, dropped: dropped) { return }
        try assign(newValue, at: ranges, dropped: dropped, site: site)
      }
    } catch {
      Session.shared.postpone(error)
    }
  }

  /// The view selected by `indices`; assigning an array writes it into that region.
  public subscript(_ indices: any ArrayIndex...) -> NDArray {
    get { view(at: indices) }
    nonmutating set { store(newValue, at: indices) }
  }

  /// Assigning a float scalar: `x[0..<2] = 0.0`, `x[3] = 1.5` (reading gives one element).
  /// Swift picks this getter where the other operand is a `Double` (`s - a[.all, 0]`); reading
  /// more than one element this way gives NaN and makes the next operation throw (or the program
  /// fail at exit) naming the line, instead of a silently wrong value.
  @_disfavoredOverload
  public subscript(_ indices: any ArrayIndex...) -> Double {
    get { scalarRead(indices) ?? .nan }
    nonmutating set {
      do {
        store(try weak(newValue, site: nil), at: indices)
      } catch {
        Session.shared.postpone(error)
      }
    }
  }

  /// Assigning an integer scalar: `k[0] = 7` (reading gives one element as an Int, exactly for
  /// integer arrays and truncated toward zero for floats, as Python's `int()`; 0 and a pending
  /// error, as for the `Double` getter, when the selection is not one element or the element is
  /// NaN, infinite or beyond Int's range).
  @_disfavoredOverload
  public subscript(_ indices: any ArrayIndex...) -> Int {
    get { integerRead(of: view(at: indices)) ?? 0 }
    nonmutating set {
      do {
        store(try weak(newValue, site: nil), at: indices)
      } catch {
        Session.shared.postpone(error)
      }
    }
  }

  /// The one element `indices` select, as a double (a host read); nil, with the error left
  /// pending for the next operation, when they select anything else or fail.
  func scalarRead(_ indices: [any ArrayIndex]) -> Double? {
    scalarRead(of: view(at: indices))
  }

  /// The one element of `selected` as a double, or nil with the error left pending.
  func scalarRead(of selected: NDArray) -> Double? {
    exactRead(of: selected)?.doubleValue
  }

  /// The one element of `selected` as an Int (see the `Int` subscript), or nil with the error
  /// left pending: NumPy's `int()` raises for NaN (ValueError) and infinities (OverflowError).
  func integerRead(of selected: NDArray) -> Int? {
    switch exactRead(of: selected) {
    case .int(let v)?: return Int(v)
    case .bool(let b)?: return b ? 1 : 0
    case .float(let d)?:
      if let v = Int(exactly: d.rounded(.towardZero)) { return v }
      Session.shared.postpone(
        ArrayError(
          op: "subscript",
          "the element \(d) was read as an Int, which cannot hold it (NumPy's int() raises too)",
          location: Session.shared.location(NDArray.operatorSite, force: true)))
      return nil
    case nil: return nil
    }
  }

  /// The one element of `selected` exactly as stored, or nil with the error left pending.
  func exactRead(of selected: NDArray) -> Scalar? {
    let site = NDArray.operatorSite
    do throws(ArrayError) {
      try selected.throwIfFailed()
      guard selected.count == 1 else {
        throw ArrayError(
          op: "subscript",
          "a selection of shape \(selected.shape) (\(selected.count) elements) was read as one "
            + "scalar, because the expression needed a Swift number (a Double or Int operand "
            + "picks Swift's own operator): give it the array type, e.g. "
            + "`let column: NDArray = a[.all, 0]`",
          location: Session.shared.location(site, force: true))
      }
      return try selected.exactItem(at: [], site: site ?? .resolved(nil))
    } catch {
      Session.shared.postpone(error)
      return nil
    }
  }

  /// Whether `self` is exactly the view `base[ranges]` (with `dropped` axes squeezed).
  func isView(of base: NDArray, ranges: [SliceRange], dropped: [Int]) -> Bool {
    guard storage === base.storage, error == nil else { return false }
    let expected = dropped.isEmpty ? 1 : 2
    guard steps.count == base.steps.count + expected else { return false }
    for (a, b) in zip(steps, base.steps) where a.op != b.op || a.shape != b.shape { return false }
    guard steps[base.steps.count].op == .slice(ranges) else { return false }
    return dropped.isEmpty || steps[base.steps.count + 1].op == .squeeze(dropped)
  }

  /// Whether `self` and `other` are the same view of the same base.
  func isSameView(as other: NDArray) -> Bool {
    guard storage === other.storage, error == nil, other.error == nil else { return false }
    guard steps.count == other.steps.count else { return false }
    return zip(steps, other.steps).allSatisfy { $0.op == $1.op && $0.shape == $1.shape }
  }
}
