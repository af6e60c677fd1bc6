// NumPy's `pad` modes other than `constant`: `edge`, `reflect`, `symmetric` and `wrap`.
//
// As NumPy does, axis by axis in order, each axis padded from the array padded so far (so the
// corners come from the axes before): the before and after parts are slices of the current
// array (the edge element repeated; the elements next to the edge in reverse order, without the
// edge for `reflect` and with it for `symmetric`; the elements at the other end for `wrap`),
// joined by one `concatenate`: views and one copy, fused into the kernels that read them. A pad
// wider than what one reflection or wrap provides (more than n - 1 for `reflect`, n for
// `symmetric` and `wrap`) is NumPy's repeated padding, not built yet: it throws. A singleton
// axis under `reflect` repeats its element, as NumPy's legacy rule does; an empty axis cannot
// be extended (NumPy's error).

import DRCIR

/// How `pad` fills the new elements (NumPy's `mode`).
public enum PadMode: String, Sendable {
  /// The edge element repeated.
  case edge
  /// The mirror image without the edge element (`[3, 2 | 1, 2, 3 | 2, 1]`).
  case reflect
  /// The mirror image with the edge element (`[2, 1 | 1, 2, 3 | 3, 2]`).
  case symmetric
  /// The elements from the other end (`[2, 3 | 1, 2, 3 | 1, 2]`).
  case wrap
}

/// `x` padded by `widths` (one (before, after) pair per axis, or one for all) in `mode`, as
/// NumPy's `pad(x, widths, mode=...)`.
public func pad(
  _ x: NDArray, _ widths: [(Int, Int)], mode: PadMode, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "pad", message, location: Session.shared.location(site, force: true))
  }
  let all = widths.count == 1 ? [(Int, Int)](repeating: widths[0], count: x.ndim) : widths
  guard all.count == x.ndim, all.allSatisfy({ $0.0 >= 0 && $0.1 >= 0 }) else {
    throw fail(
      "needs one non-negative (before, after) pair per axis of \(x.shape), or one for all; got "
        + "\(widths.count)")
  }
  var y = x
  for (axis, (before, after)) in all.enumerated() where before > 0 || after > 0 {
    let n = y.shape[axis]
    guard n > 0 else {
      throw fail("can't extend empty axis \(axis) using modes other than 'constant' or 'empty'")
    }
    /// Elements start, start + step, ... (count of them) along the axis.
    func run(_ start: Int, _ count: Int, _ step: Int) -> NDArray {
      var ranges = y.shape.map { SliceRange(start: 0, stop: $0, step: 1) }
      ranges[axis] =
        count == 0
        ? SliceRange(start: 0, stop: 0, step: 1)
        : SliceRange(start: start, stop: start + count * step, step: step)
      return y.view(.slice(ranges), site: site)
    }
    let (low, high): (NDArray, NDArray)
    let effective: PadMode = mode == .reflect && n == 1 ? .edge : mode
    switch effective {
    case .edge:
      low = try run(0, 1, 1).repeat(before, axis: axis, file: file, line: line)
      high = try run(n - 1, 1, 1).repeat(after, axis: axis, file: file, line: line)
    case .reflect:
      guard before <= n - 1, after <= n - 1 else {
        throw fail(
          "a 'reflect' pad wider than \(n - 1) on axis \(axis) (repeated reflection) is not supported yet"
        )
      }
      low = run(before, before, -1)
      high = run(n - 2, after, -1)
    case .symmetric:
      guard before <= n, after <= n else {
        throw fail("a 'symmetric' pad wider than \(n) on axis \(axis) is not supported yet")
      }
      low = run(before - 1, before, -1)
      high = run(n - 1, after, -1)
    case .wrap:
      guard before <= n, after <= n else {
        throw fail("a 'wrap' pad wider than \(n) on axis \(axis) is not supported yet")
      }
      low = run(n - before, before, 1)
      high = run(0, after, 1)
    }
    y = try concatenate([low, y, high], axis: axis, file: file, line: line)
  }
  return y
}
