// Integer-array components in subscripts: NumPy's advanced indexing, `x[idx]`, `x[:, idx]`,
// `x[i, j]`, read only.
//
// With one integer array the result is a `take` along its axis (NumPy puts the index's axes
// where the indexed axis was). With several, integers among them count as 0-d index arrays (as
// in NumPy), the arrays broadcast together, and the gather is one `take` from the indexed axes
// flattened (`NDArray.gatherFlat`): the broadcast shape stands in place of the indexed axes when
// they are adjacent, and first when they are not. Slices, ranges and `.all` in the other
// positions apply first, as views. Writing through an index array (a scatter) and boolean masks
// are not supported; each says so when used.

import DRCIR

extension NDArray: ArrayIndex {
  /// Never resolves as a view: `view(at:)` routes array components to a gather.
  public func resolve(dim: Int) -> (range: SliceRange, drops: Bool)? { nil }

  /// Why an array component cannot be used here (a write through it, or a boolean mask).
  public func problem(dim: Int) -> String? {
    dtype == .bool
      ? "indexing with a boolean mask (a data-dependent shape) is not supported; use select(mask, x, 0) or a reduction over the mask"
      : "assignment through an integer index array (a scatter) is not supported"
  }
}

extension NDArray {
  /// The gather `x[indices]` for a subscript holding at least one integer array.
  func advancedView(_ given: [any ArrayIndex]) -> NDArray {
    let site = CallSite.resolved(Session.shared.location(nil, force: true))
    func failure(_ message: String) -> NDArray {
      failed(ArrayError(op: "take", message, location: Session.shared.location(site)))
    }
    if given.contains(where: { $0 is NewAxis }) {
      return failure("new axes together with index arrays are not supported")
    }
    // A boolean array stands for its nonzero() coordinates, one index array per axis it covers.
    var indices: [any ArrayIndex] = []
    for index in given {
      guard let mask = index as? NDArray, mask.dtype == .bool else {
        indices.append(index)
        continue
      }
      let axis = indices.count
      guard mask.ndim >= 1, axis + mask.ndim <= ndim,
        Array(shape[axis..<axis + mask.ndim]) == mask.shape
      else {
        return failure(
          "a boolean index of shape \(mask.shape) at axis \(axis) does not match the indexed "
            + "array's shape \(shape) there")
      }
      do {
        indices += try mask.nonzero(site: site) as [any ArrayIndex]
      } catch {
        return failed(error)
      }
    }
    guard indices.count <= ndim else {
      return failure("\(indices.count) indices for an array of rank \(ndim)")
    }
    // Basic components first (whole axes where the advanced ones stand), as views.
    var basic: [any ArrayIndex] = []
    var advanced: [(axis: Int, index: any ArrayIndex)] = []
    for (axis, index) in indices.enumerated() {
      if index is NDArray || index is Int {
        basic.append(AxisSlice.all)
        advanced.append((axis, index))
      } else {
        basic.append(index)
      }
    }
    let v = view(at: basic)
    do {
      if advanced.count == 1, let array = advanced[0].index as? NDArray {
        return try v.gather(array, axis: advanced[0].axis, site: site)
      }
      var arrays: [NDArray] = []
      for (_, index) in advanced {
        if let array = index as? NDArray {
          arrays.append(array)
        } else if let k = index as? Int {
          arrays.append(
            try NDArray.apply(.full(.int(Int64(k))), [], dtype: .int64, shape: [], site: site))
        }
      }
      let axes = advanced.map(\.axis)
      let gathered = try v.gatherFlat(arrays, axes: axes, site: site)
      // Adjacent indexed axes: the broadcast axes go back where the first indexed axis was.
      guard let first = axes.first, axes == Array(first..<first + axes.count), first > 0 else {
        return gathered
      }
      let b = gathered.ndim - (ndim - axes.count)
      let perm = Array(b..<b + first) + Array(0..<b) + Array((b + first)..<gathered.ndim)
      return gathered.view(.transpose(perm), site: site)
    } catch {
      return failed(error)
    }
  }
}
