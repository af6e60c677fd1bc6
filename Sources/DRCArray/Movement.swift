// Shape-changing views and joins: reshape, transpose, broadcast, expand/squeeze dims, concatenate.
//
// All but `concatenate` are views sharing the base, as in NumPy, so writes through them reach it.

import DRCIR

extension NDArray {
  /// The same elements with a new shape; one dimension may be -1 (inferred).
  public func reshape(_ newShape: [Int], file: String = #filePath, line: Int = #line) -> NDArray {
    var target = newShape
    if let hole = target.firstIndex(of: -1) {
      var known = 1
      for (i, d) in target.enumerated() where i != hole {
        let (product, overflow) = known.multipliedReportingOverflow(by: d)
        known = overflow ? 0 : product
      }
      target[hole] = known > 0 && count % known == 0 ? count / known : -1
    }
    return view(.reshape, shape: target, site: .source(file, line))
  }

  /// `reshape` with the dimensions listed, as NumPy's `x.reshape(3, 3)` and `x.reshape(9)`.
  public func reshape(_ dims: Int..., file: String = #filePath, line: Int = #line) -> NDArray {
    reshape(dims, file: file, line: line)
  }

  /// Axes permuted (default: reversed).
  public func transpose(_ perm: [Int]? = nil, file: String = #filePath, line: Int = #line)
    -> NDArray
  {
    view(.transpose(perm ?? Array((0..<ndim).reversed())), site: .source(file, line))
  }

  /// The transpose (axes reversed).
  public var T: NDArray { view(.transpose(Array((0..<ndim).reversed())), site: nil) }

  /// A read-only view broadcast to `shape`.
  public func broadcast(to target: [Int], file: String = #filePath, line: Int = #line) -> NDArray {
    view(.broadcast, shape: target, site: .source(file, line))
  }

  /// A length-1 axis inserted at `axis` (negative counts from the end of the result).
  public func expandDims(_ axis: Int, file: String = #filePath, line: Int = #line) -> NDArray {
    view(.expandDims([axis < 0 ? axis + ndim + 1 : axis]), site: .source(file, line))
  }

  /// Length-1 axes removed (all of them when `axis` is nil).
  public func squeeze(_ axis: Int? = nil, file: String = #filePath, line: Int = #line) -> NDArray {
    let axes = axis.map { [$0 < 0 ? $0 + ndim : $0] } ?? shape.indices.filter { shape[$0] == 1 }
    return view(.squeeze(axes), site: .source(file, line))
  }
}

/// Arrays joined along `axis`.
public func concatenate(
  _ arrays: [NDArray], axis: Int = 0, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let rank = arrays.first?.ndim ?? 0
  let a = axis < 0 ? axis + rank : axis
  return try NDArray.apply(
    .concatenate(axis: a), arrays, dtype: .bool, shape: [], site: .source(file, line))
}
