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
  let mask: NDArray
  let values: NDArray
  /// Where the values were computed (`x[mask] += v`): the setter runs inside a `modify`
  /// coroutine, from which the stack walk cannot find the caller.
  let site: CallSite?

  init(target: NDArray, mask: NDArray, values: NDArray, site: CallSite? = nil) {
    self.target = target
    self.mask = mask
    self.values = values
    self.site = site
  }

  /// The same selection holding `values` computed at `site`, as an array that throws if read.
  func with(values: NDArray, site: CallSite?) -> NDArray {
    let selection = MaskedSelection(target: target, mask: mask, values: values, site: site)
    return NDArray.maskedMarker(selection, dtype: target.dtype, shape: target.shape)
  }
}

extension NDArray {
  /// The array `x[mask]` returns: reading it throws; `+=` and the setter use its selection.
  static func maskedMarker(_ selection: MaskedSelection, dtype: DType, shape: [Int]) -> NDArray {
    let error = ArrayError(
      op: "mask",
      "x[mask] as a value has a data-dependent shape, which a trace cannot record; use "
        + "select(mask, x, 0) to keep the shape, or write through the mask: x[mask] = v, x[mask] += v",
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

  /// `x[mask]`: a masked selection for writes (`x[mask] = v`, `x[mask] += v`); reading it throws.
  public subscript(_ mask: NDArray) -> NDArray {
    get {
      // An integer array is a gather (`Subscripts+Arrays.swift`), not a mask.
      if mask.error == nil && mask.dtype.isInteger { return advancedView([mask]) }
      switch fitMask(mask) {
      case .failure(var error):
        error.location = Session.shared.location(nil, force: true)
        return failed(error)
      case .success(let m):
        return NDArray.maskedMarker(
          MaskedSelection(target: self, mask: m, values: self), dtype: dtype, shape: shape)
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

  /// `x[mask] = v` for a scalar `v`, typed by the weak-scalar rule against `x`.
  @_disfavoredOverload
  public subscript(_ mask: NDArray) -> Double {
    get { (try? self[mask].item()) ?? .nan }
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
    let site = value.masked?.site ?? given
    let m: NDArray
    switch fitMask(mask) {
    case .failure(var error):
      error.location = Session.shared.location(site, force: true)
      throw error
    case .success(let fitted): m = fitted
    }
    var values = value
    if let selection = value.masked {
      guard selection.target.storage === storage else {
        throw ArrayError(
          op: "mask", "cannot assign a masked selection of another array",
          location: Session.shared.location(site, force: true))
      }
      values = selection.values
    }
    let merged = try NDArray.choose(m, values, self, site: site)
    try assign(merged, at: shape.map { SliceRange.all($0) }, dropped: [], site: site)
  }
}
