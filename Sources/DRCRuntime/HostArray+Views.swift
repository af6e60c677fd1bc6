// Zero-copy views of host arrays: slice, transpose, broadcast, reshape, expand and squeeze.
//
// Each view only recomputes shape, strides and offset over the same storage; `reshaped` copies
// when the source is not row-major contiguous. Every method validates its arguments and throws
// `InterpreterError` rather than trapping, since the geometry comes from untrusted traces.

import DRCIR

extension HostArray {
  /// The sub-array selecting `ranges` (one per axis, normalised: in-range starts, non-zero steps).
  public func sliced(_ ranges: [SliceRange]) throws -> HostArray {
    guard ranges.count == rank else {
      throw InterpreterError("slice has \(ranges.count) ranges for rank \(rank)")
    }
    var newShape = [Int]()
    var newStrides = [Int]()
    var newOffset = offset
    for (i, r) in ranges.enumerated() {
      guard r.step != 0 else { throw InterpreterError("slice step on axis \(i) is 0") }
      let n = r.count
      if n > 0 {
        let last = r.start + (n - 1) * r.step
        guard r.start >= 0, r.start < shape[i], last >= 0, last < shape[i] else {
          throw InterpreterError("slice \(r) is out of range for axis \(i) of length \(shape[i])")
        }
        newOffset += r.start * strides[i]
      }
      newShape.append(n)
      newStrides.append(strides[i] * r.step)
    }
    if newShape.contains(0) { return HostArray(dtype: dtype, shape: newShape) }
    return HostArray(storage: storage, shape: newShape, strides: newStrides, offset: newOffset)
  }

  /// The array with axes permuted: result axis i is axis `perm[i]`.
  public func transposed(_ perm: [Int]) throws -> HostArray {
    guard perm.count == rank, Set(perm) == Set(0..<rank) else {
      throw InterpreterError("\(perm) is not a permutation of the \(rank) axes")
    }
    return HostArray(
      storage: storage, shape: perm.map { shape[$0] }, strides: perm.map { strides[$0] },
      offset: offset)
  }

  /// The array broadcast to `target` by NumPy's rules (stride 0 on repeated axes).
  public func broadcast(to target: [Int]) throws -> HostArray {
    if target == shape { return self }
    try HostArray.checkShape(target)
    guard target.count >= rank else {
      throw InterpreterError("cannot broadcast shape \(shape) to \(target)")
    }
    let lead = target.count - rank
    var newStrides = [Int](repeating: 0, count: target.count)
    for i in 0..<rank {
      let d = shape[i]
      let t = target[lead + i]
      if d == t {
        newStrides[lead + i] = strides[i]
      } else if d == 1 {
        newStrides[lead + i] = 0
      } else {
        throw InterpreterError("cannot broadcast shape \(shape) to \(target)")
      }
    }
    if target.contains(0) { return HostArray(dtype: dtype, shape: target) }
    return HostArray(storage: storage, shape: target, strides: newStrides, offset: offset)
  }

  /// The same elements in row-major order with shape `newShape` (a view when contiguous).
  public func reshaped(_ newShape: [Int]) throws -> HostArray {
    try HostArray.checkShape(newShape)
    guard newShape.reduce(1, *) == count else {
      throw InterpreterError("cannot reshape \(shape) (\(count) elements) to \(newShape)")
    }
    let base = isContiguous ? self : contiguous()
    return HostArray(
      storage: base.storage, shape: newShape, strides: HostArray.rowMajorStrides(newShape),
      offset: base.offset)
  }

  /// The array with length-1 axes inserted at result positions `axes` (sorted, distinct).
  public func expandingDims(_ axes: [Int]) throws -> HostArray {
    let newRank = rank + axes.count
    guard Set(axes).count == axes.count, axes.allSatisfy({ $0 >= 0 && $0 < newRank }) else {
      throw InterpreterError("expand_dims axes \(axes) are invalid for result rank \(newRank)")
    }
    let inserted = Set(axes)
    var newShape = [Int]()
    var newStrides = [Int]()
    var source = 0
    for i in 0..<newRank {
      if inserted.contains(i) {
        newShape.append(1)
        newStrides.append(0)
      } else {
        newShape.append(shape[source])
        newStrides.append(strides[source])
        source += 1
      }
    }
    return HostArray(storage: storage, shape: newShape, strides: newStrides, offset: offset)
  }

  /// The array with the length-1 axes `axes` removed.
  public func squeezing(_ axes: [Int]) throws -> HostArray {
    let removed = Set(axes)
    guard removed.count == axes.count, axes.allSatisfy({ $0 >= 0 && $0 < rank && shape[$0] == 1 })
    else {
      throw InterpreterError("squeeze axes \(axes) are not distinct length-1 axes of \(shape)")
    }
    var newShape = [Int]()
    var newStrides = [Int]()
    for i in 0..<rank where !removed.contains(i) {
      newShape.append(shape[i])
      newStrides.append(strides[i])
    }
    return HostArray(storage: storage, shape: newShape, strides: newStrides, offset: offset)
  }
}
