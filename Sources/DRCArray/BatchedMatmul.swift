// `matmul` of operands with more than two dimensions (NumPy's stacks of matrices), recorded as
// one 2-D matrix product per matrix of the stack, joined by `stack` and reshaped.
//
// Trace v1's `matmul` takes 1-D and 2-D operands only, so `q @ k.swapaxes(-1, -2)` on
// [heads, seq, d] arrays (multi-head attention) is written with the ops the trace has: the
// batch axes (all but the last two) of both operands broadcast against each other as NumPy's
// do; for each point of the broadcast batch shape, each operand's matrix is a slice of it (index
// 0 along its length-1 batch axes), the two are multiplied as 2-D matrices, and the products are
// stacked along a new axis and reshaped to batch + [m, n]. A 1-D left operand is a row [1, k]
// whose axis is removed from the result, a 1-D right operand a column [k, 1], as in NumPy. The
// compiler fuses each product with its slices, as for any 2-D product. At most
// `maxMatrices` products are recorded, so a trace stays a reasonable size; more throw an
// `ArrayError` at the call. `dot` keeps NumPy's different N-D rule out: it takes 1-D and 2-D
// operands only.

import DRCIR

extension NDArray {
  /// The most matrices a batched `matmul` records one product for.
  public static let maxMatrices = 4096

  /// `a @ b` where either operand has more than two dimensions.
  static func batchedMatmul(_ a: NDArray, _ b: NDArray, file: String, line: Int)
    throws(ArrayError) -> NDArray
  {
    let site = CallSite.source(file, line)
    func fail(_ message: String) -> ArrayError {
      ArrayError(op: "matmul", message, location: Session.shared.location(site, force: true))
    }
    guard a.ndim >= 1, b.ndim >= 1 else {
      throw fail("operands need at least one dimension, got \(a.shape) and \(b.shape)")
    }
    let left = a.ndim == 1 ? a.view(.expandDims([0]), site: site) : a
    let right = b.ndim == 1 ? b.view(.expandDims([1]), site: site) : b
    let (m, k) = (left.shape[left.ndim - 2], left.shape[left.ndim - 1])
    let (k2, n) = (right.shape[right.ndim - 2], right.shape[right.ndim - 1])
    guard k == k2 else {
      throw fail("matmul inner dimensions differ: \(a.shape) and \(b.shape)")
    }
    let leftBatch = Array(left.shape.dropLast(2))
    let rightBatch = Array(right.shape.dropLast(2))
    guard let batch = ShapeRules.broadcast(leftBatch, rightBatch) else {
      throw fail("batch dimensions \(leftBatch) and \(rightBatch) do not broadcast")
    }
    var count = 1
    for d in batch {
      let (p, overflow) = count.multipliedReportingOverflow(by: d)
      guard !overflow, p <= maxMatrices else {
        throw fail(
          "a stack of more than \(maxMatrices) matrices (batch shape \(batch)) is not supported: "
            + "trace v1 records one product per matrix")
      }
      count = p
    }
    var products: [NDArray] = []
    products.reserveCapacity(count)
    for flat in 0..<count {
      // The batch point of `flat` (row-major), then each operand's matrix at that point.
      var point = [Int](repeating: 0, count: batch.count)
      var rest = flat
      for axis in batch.indices.reversed() where batch[axis] > 0 {
        point[axis] = rest % batch[axis]
        rest /= batch[axis]
      }
      let lhs = matrix(left, at: point, rows: m, columns: k, site: site)
      let rhs = matrix(right, at: point, rows: k, columns: n, site: site)
      products.append(
        try NDArray.apply(.matmul, [lhs, rhs], dtype: a.dtype, shape: [m, n], site: site))
    }
    var result: NDArray
    if products.isEmpty {
      result = try zeros(
        batch + [m, n], dtype: DType.promote(a.dtype, b.dtype), file: file, line: line)
    } else {
      let stacked = try NDArray.apply(
        .concatenate(axis: 0), products.map { $0.view(.expandDims([0]), site: site) },
        dtype: .bool, shape: [], site: site)
      result = stacked.view(.reshape, shape: batch + [m, n], site: site)
    }
    if a.ndim == 1 { result = result.view(.squeeze([result.ndim - 2]), site: site) }
    if b.ndim == 1 { result = result.view(.squeeze([result.ndim - 1]), site: site) }
    return result
  }

  /// The [rows, columns] matrix of `x` at batch point `point` (right-aligned to x's batch axes;
  /// index 0 along x's length-1 batch axes, which broadcast).
  private static func matrix(
    _ x: NDArray, at point: [Int], rows: Int, columns: Int, site: CallSite
  ) -> NDArray {
    let own = x.ndim - 2
    if own == 0 { return x }
    let skip = point.count - own
    var ranges: [SliceRange] = []
    for axis in 0..<own {
      let i = x.shape[axis] == 1 ? 0 : point[skip + axis]
      ranges.append(SliceRange(start: i, stop: i + 1, step: 1))
    }
    ranges += [
      SliceRange(start: 0, stop: rows, step: 1), SliceRange(start: 0, stop: columns, step: 1),
    ]
    return x.view(.slice(ranges), site: site).view(.reshape, shape: [rows, columns], site: site)
  }
}
