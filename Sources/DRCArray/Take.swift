// NumPy's `take` and integer-list indexing with indices known on the host (a Swift `[Int]`),
// recorded as slices and a `concatenate`: no gather op.
//
// `x.take([3, 0, 1, 2], axis: 1)` is NumPy's `np.take(x, [3, 0, 1, 2], axis=1)` and
// `x[:, [3, 0, 1, 2]]`: negative indices count from the end, an index out of bounds throws at the
// call (NumPy's IndexError), and without an axis the flattened array is indexed. Runs of
// consecutive indices (4, 5, 6) become one slice, so a permutation or a selection of columns
// records a handful of nodes; at most `maxRuns` runs are recorded. Indices computed by the
// program (an `NDArray` of positions) need a gather op, which trace v1 does not have: that form
// is not supported.

import DRCIR

extension NDArray {
  /// The most slices one `take` records.
  public static let maxRuns = 4096

  /// The elements at `indices` along `axis` (nil: of the flattened array), as NumPy's `take`.
  public func take(
    _ indices: [Int], axis: Int? = nil, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> NDArray {
    let site = CallSite.source(file, line)
    func fail(_ message: String) -> ArrayError {
      ArrayError(op: "take", message, location: Session.shared.location(site, force: true))
    }
    let source = axis == nil ? view(.reshape, shape: [count], site: site) : self
    let a = try source.normalise(axis ?? 0, rank: source.ndim, op: "take", site: site)
    let length = source.shape[a]
    var runs: [(start: Int, count: Int)] = []
    for i in indices {
      let j = i < 0 ? i + length : i
      guard (0..<length).contains(j) else {
        throw fail("index \(i) is out of bounds for axis \(a) with size \(length)")
      }
      if let last = runs.last, last.start + last.count == j {
        runs[runs.count - 1].count += 1
      } else {
        guard runs.count < NDArray.maxRuns else {
          throw fail("more than \(NDArray.maxRuns) runs of consecutive indices are not supported")
        }
        runs.append((j, 1))
      }
    }
    let pieces = runs.map { run -> NDArray in
      var ranges = source.shape.map { SliceRange(start: 0, stop: $0, step: 1) }
      ranges[a] = SliceRange(start: run.start, stop: run.start + run.count, step: 1)
      return source.view(.slice(ranges), site: site)
    }
    if pieces.isEmpty {
      var shape = source.shape
      shape[a] = 0
      return try zeros(shape, dtype: dtype, file: file, line: line)
    }
    if pieces.count == 1 { return NDArray(try pieces[0].value()) }
    return try concatenate(pieces, axis: a, file: file, line: line)
  }
}

/// The elements of `x` at `indices` along `axis` (nil: flattened), as NumPy's `take`.
public func take(
  _ x: NDArray, _ indices: [Int], axis: Int? = nil, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  try x.take(indices, axis: axis, file: file, line: line)
}
