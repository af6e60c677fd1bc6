// Where a loop that never reads back is cut into segments, so that every cut gives the same
// segment and the segment cache hits.
//
// A bound on deferred operations keeps the pending graph finite, but a bound alone cuts a loop at
// a different point of its body every time (a body of 48 operations against a bound of 1000
// leaves a different remainder each cut), so every segment would be new and compile. The cadence
// watches the operations deferred since the last flush as a stream of signatures (op, dtype,
// shape); when the bound is reached it looks for the stream's period L (the smallest L whose last
// 2L signatures repeat) and from then on cuts every largest multiple of L under the bound. Every
// segment after the first then starts at the same point of the loop body and has the same
// structure. Without a period the bound itself is the cadence.

import DRCIR

/// The flush cadence of deferred operations.
struct FlushCadence {
  /// The most operations deferred between flushes.
  var bound: Int
  /// The current cut length: the bound, or the largest multiple of the detected period under it.
  private(set) var length: Int
  /// Signatures of the operations deferred since the last flush.
  private var signatures: [Int] = []

  init(bound: Int) {
    self.bound = max(bound, 1)
    length = self.bound
  }

  /// Whether `count` deferred operations call for a flush before the next one.
  func due(_ count: Int) -> Bool { count >= length }

  /// Notes one deferred operation.
  mutating func note(_ op: Op, _ dtype: DType, _ shape: [Int]) {
    var h = Hasher()
    h.combine(op.name)
    h.combine(dtype)
    h.combine(shape)
    signatures.append(h.finalize())
  }

  /// A flush happened; `full` when it was due to the cadence (then the period is looked for in
  /// what was deferred), otherwise (a host read) the stream restarts and the length stays.
  mutating func flushed(full: Bool) {
    if full {
      if let period = FlushCadence.period(signatures, longest: bound / 2) {
        length = max(period, (bound / period) * period)
      } else {
        length = bound
      }
    }
    signatures.removeAll(keepingCapacity: true)
  }

  /// The smallest period `L <= longest` whose last `2L` signatures repeat, if any.
  static func period(_ s: [Int], longest: Int) -> Int? {
    let n = s.count
    guard longest >= 1 else { return nil }
    for length in 1...longest where 2 * length <= n {
      var repeats = true
      for j in 0..<length where s[n - 1 - j] != s[n - 1 - j - length] {
        repeats = false
        break
      }
      if repeats { return length }
    }
    return nil
  }
}
