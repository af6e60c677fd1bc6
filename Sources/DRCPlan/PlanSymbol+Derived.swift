// Sizes of a symbolic plan that are products, not affine: derived from what the buffers hold.
//
// An extent of an array is affine in the symbol (`n`, `n - 1`, `n + 2`), but a buffer's byte
// size is the product of its array's extents (`8 * n * n` for an n x n float64 array), and two
// recordings cannot tell a product from a line. Buffer sizes are therefore never fitted: after
// the extents are instantiated, each buffer's size is recomputed as the largest array it holds
// (an input, a value a launch writes, an output, a read-back), overflow-checked, and the
// device-memory total as their sum. `DynamicCompilation` checks that this reproduces the sizes
// the memory planner chose at each recorded size before it accepts the plan.

import DRCIR

extension Plan {
  /// Every buffer's bytes recomputed from the largest array it holds (buffers holding none
  /// keep theirs), and `stats.peakBytes` as their sum; overflow-checked.
  public mutating func deriveBufferSizes() throws {
    var largest = [Int?](repeating: nil, count: buffers.count)
    func hold(_ buffer: Int?, _ shape: [Int]?, _ dtype: DType?, _ what: String) throws {
      guard let buffer, let shape, let dtype, buffer >= 0, buffer < buffers.count else { return }
      let bytes = try Checked.bytes(shape, dtype, what)
      largest[buffer] = max(largest[buffer] ?? 0, bytes)
    }
    for input in inputs { try hold(input.buffer, input.shape, input.dtype, "input \(input.name)") }
    for value in values { try hold(value.buffer, value.shape, value.dtype, "value n\(value.node)") }
    for output in outputs {
      try hold(output.buffer, output.shape, output.dtype, "output \(output.name)")
    }
    for (s, step) in steps.enumerated() where step.kind == .readback {
      try hold(step.buffer, step.shape, step.dtype, "read-back step \(s)")
    }
    var total = 0
    for b in buffers.indices {
      if let bytes = largest[b] { buffers[b].bytes = bytes }
      total = try Checked.add(total, buffers[b].bytes, "the total size of the buffers")
    }
    stats.peakBytes = total
  }
}
