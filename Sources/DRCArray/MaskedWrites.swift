// Boolean-mask subscripts in the forms that keep shapes static: `x[mask] = v`, `x[mask] += v`
// (an integer array in the same place is a gather: `Subscripts+Arrays.swift`).
//
// NumPy's `x[mask]` as a value is a 1-D array whose length depends on the data, which a trace
// with static shapes cannot record; it is an error here, naming `select`. Writing through a mask
// keeps `x`'s shape and becomes `x = where(mask, v, x)`. Swift runs `x[mask] += v` as get,
// `+=`, set: the getter returns a *masked selection* (an array that throws if read, holding the
// values to write, initially `x`), `+=` replaces its values with `values + v` without writing,
// and the setter writes `where(mask, values, x)`, exactly NumPy's get/iadd/set sequence.
// The mask must have `x`'s shape or a leading part of it (NumPy's `x[mask]` with
// `mask.shape == x.shape[:k]`); `v` must be a scalar or broadcast to `x`'s shape (NumPy also
// takes a 1-D `v` with one value per true element, a data-dependent form not supported here).

import DRCIR

/// The pending values of `x[mask]`: written into `target` where `mask` is true by the setter.
final class MaskedSelection {
  let target: NDArray
  /// The mask reshaped to broadcast against `target`.
  let mask: NDArray
  /// The mask as given: `target`'s shape or a leading part of it.
  let leading: NDArray
  /// `target`'s shape (a `where` merges them), or, when `compacted`, one value (or sub-array)
  /// per true element, as NumPy's `x[mask]` read.
  let values: NDArray
  let compacted: Bool
  /// Where the values were computed (`x[mask] += v`): the setter runs inside a `modify`
  /// coroutine, from which the stack walk cannot find the caller.
  let site: CallSite?

  init(
    target: NDArray, mask: NDArray, values: NDArray, leading: NDArray, compacted: Bool = false,
    site: CallSite? = nil
  ) {
    self.target = target
    self.mask = mask
    self.leading = leading
    self.values = values
    self.compacted = compacted
    self.site = site
  }

  /// The same selection holding `values` computed at `site`, as an array that throws if read.
  func with(values: NDArray, compacted: Bool, site: CallSite?) -> NDArray {
    let selection = MaskedSelection(
      target: target, mask: mask, values: values, leading: leading, compacted: compacted,
      site: site)
    return NDArray.maskedMarker(selection, dtype: target.dtype, shape: target.shape)
  }

  /// Whether NumPy pairs `v` with the true elements one by one (`x[mask] = y[mask]`) rather
  /// than broadcasting it: `v` has more axes than the selected sub-arrays, is not a single value,
  /// and is not of `target`'s shape (the static form's extension, where NumPy agrees or raises).
  func pairsWithTrues(_ v: NDArray) -> Bool {
    v.count != 1 && v.shape != target.shape && v.ndim > target.ndim - leading.ndim
  }
}

extension NDArray {
  /// The array `x[mask]` returns: reading it throws; `+=` and the setter use its selection.
  static func maskedMarker(_ selection: MaskedSelection, dtype: DType, shape: [Int]) -> NDArray {
    let error = ArrayError(
      op: "mask",
      "the selection of a compound assignment (x[mask] += v) cannot be read as a value; "
        + "read x[mask] itself",
      location: Session.shared.location(nil, force: true))
    let target = selection.target
    return NDArray(
      storage: target.storage, steps: target.steps, error: error, masked: selection, dtype: dtype,
      shape: shape)
  }

  /// The mask reshaped to broadcast against this array (trailing unit axes), or an error.
  func fitMask(_ mask: NDArray) -> Result<NDArray, ArrayError> {
    if let error = mask.error { return .failure(error) }
    guard mask.dtype == .bool else {
      return .failure(
        ArrayError(
          op: "mask",
          "assignment through a \(mask.dtype) index array (a scatter) is not supported; only "
            + "bool masks of the array's shape, for writes (x[mask] = v) or select(mask, x, y)"))
    }
    guard mask.ndim <= ndim, Array(shape.prefix(mask.ndim)) == mask.shape else {
      return .failure(
        ArrayError(
          op: "mask",
          "a mask of shape \(mask.shape) does not match the array's shape \(shape) "
            + "(it must equal the shape or a leading part of it)"))
    }
    if mask.ndim == ndim { return .success(mask) }
    let padded = mask.shape + [Int](repeating: 1, count: ndim - mask.ndim)
    return .success(mask.view(.reshape, shape: padded, site: nil))
  }

  /// `x[mask]`: read, the selected elements (`Compaction.swift`, a host read of their count);
  /// compound assignment (`x[mask] += v`) and the setter write through the mask.
  public subscript(_ mask: NDArray) -> NDArray {
    get {
      // An integer array is a gather (`Subscripts+Arrays.swift`), not a mask.
      if mask.error == nil && mask.dtype.isInteger { return advancedView([mask]) }
      if let error = error ?? mask.error { return failed(error) }
      let site = CallSite.resolved(Session.shared.location(nil, force: true))
      do {
        return try maskedValues(mask, site: site)
      } catch {
        return failed(error)
      }
    }
    nonmutating _modify {
      var selection = maskedSelection(mask)
      yield &selection
      let value = selection
      do {
        try writeMasked(mask, value, site: NDArray.operatorSite)
      } catch {
        Session.shared.postpone(error)
      }
    }
    nonmutating set {
      do {
        try writeMasked(mask, newValue, site: NDArray.operatorSite)
      } catch {
        Session.shared.postpone(error)
      }
    }
  }

  /// What `x[mask] op= v` starts from: a gather for an integer array, else a masked selection
  /// holding `x` (nothing read yet).
  func maskedSelection(_ mask: NDArray) -> NDArray {
    if mask.error == nil && mask.dtype.isInteger { return advancedView([mask]) }
    switch fitMask(mask) {
    case .failure(var error):
      error.location = Session.shared.location(nil, force: true)
      return failed(error)
    case .success(let m):
      return NDArray.maskedMarker(
        MaskedSelection(target: self, mask: m, values: self, leading: mask), dtype: dtype,
        shape: shape)
    }
  }

  /// `x[mask] = v` for a scalar `v`, typed by the weak-scalar rule against `x`.
  @_disfavoredOverload
  public subscript(_ mask: NDArray) -> Double {
    // As the index subscript's Double getter: NaN and a pending error unless one element.
    get { scalarRead(of: self[mask]) ?? .nan }
    nonmutating set {
      do {
        let site = NDArray.operatorSite
        try writeMasked(mask, try weak(newValue, site: site), site: site)
      } catch {
        Session.shared.postpone(error)
      }
    }
  }

  /// `x = where(mask, v, x)`, where `v` may be a masked selection of `x` (after `x[mask] += e`).
  ///
  /// `site` is resolved by the subscript setter: the call chain below it is too deep for the
  /// stack walk to reach the caller from every node.
  func writeMasked(_ mask: NDArray, _ value: NDArray, site given: CallSite?) throws(ArrayError) {
    if mask.error == nil && mask.dtype.isInteger {
      try storeAdvanced(value, at: [mask], site: given)
      return
    }
    let site = value.masked?.site ?? given
    let m: NDArray
    switch fitMask(mask) {
    case .failure(var error):
      error.location = Session.shared.location(site, force: true)
      throw error
    case .success(let fitted): m = fitted
    }
    var values = value
    var compacted = false
    if let selection = value.masked {
      guard selection.target.storage === storage else {
        throw ArrayError(
          op: "mask", "cannot assign a masked selection of another array",
          location: Session.shared.location(site, force: true))
      }
      values = selection.values
      compacted = selection.compacted
    } else {
      compacted = MaskedSelection(target: self, mask: m, values: self, leading: mask)
        .pairsWithTrues(value)
    }
    let merged =
      compacted
      ? try NDArray.choose(m, try spread(values, over: mask, site: site), self, site: site)
      : try NDArray.choose(m, values, self, site: site)
    try assign(merged, at: shape.map { SliceRange.all($0) }, dropped: [], site: site)
  }

  /// `v` (one value or sub-array per true element of `mask`, broadcast as NumPy broadcasts it
  /// to `x[mask]`'s shape) placed at those elements: element `i` takes value `rank(i)`, the
  /// count of trues before it (a running sum of the mask and a gather); this array's shape.
  func spread(_ v: NDArray, over mask: NDArray, site: CallSite?) throws(ArrayError) -> NDArray {
    let at = site ?? .resolved(Session.shared.location(nil, force: true))
    let k = try mask.trueCount(site: at)
    let rest = Array(shape[mask.ndim...])
    guard ShapeRules.broadcast(v.shape, [k] + rest) == [k] + rest else {
      throw ArrayError(
        op: "mask",
        "NumPy boolean array indexing assignment cannot assign \(v.count) input values to the "
          + "\(([k] + rest).reduce(1, *)) output values where the mask is true (value shape "
          + "\(v.shape), selection shape \([k] + rest))",
        location: Session.shared.location(at, force: true))
    }
    let flat = mask.view(.reshape, shape: [mask.count], site: at)
    let rank = try NDArray.binary(
      .maximum,
      try NDArray.binary(
        .sub, try flat.scan(.cumsum, axis: 0, site: at),
        try NDArray.constant(.int(1), .int64, site: at), site: at),
      try NDArray.constant(.int(0), .int64, site: at), site: at)
    let full = k == 0 ? v : v.view(.broadcast, shape: [k] + rest, site: at)
    if k == 0 { return self }
    return try full.gather(rank, axis: 0, site: at).view(.reshape, shape: shape, site: at)
  }
}

extension NDArray {
  /// The left operand of `self op= rhs`, and whether it holds one value per true element: on
  /// what `x[mask]` returned, the values pending so far, or, where NumPy pairs `rhs` with the
  /// true elements, `x[mask]` read (a host read of the count); else `self`.
  func compoundOperand(_ rhs: NDArray, site: CallSite?) throws(ArrayError) -> (NDArray, Bool) {
    guard let m = masked else { return (self, false) }
    if m.compacted || !m.pairsWithTrues(rhs) { return (m.values, m.compacted) }
    let at = site ?? .resolved(Session.shared.location(nil, force: true))
    return (try m.target.maskedValues(m.leading, site: at), true)
  }
}
