// Element-by-element comparison of a device array with the oracle under per-element bounds.
//
// An element agrees when it equals the oracle's value (NaN with NaN, infinities with the same
// infinity), when |device - oracle| is within its bound, when the oracle's value rounded to the
// dtype overflows and the device gives the infinity of its sign (nothing else is accepted
// there), or when its bound is infinite (the model cannot bound it, for instance downstream of
// an overflow: counted as unbounded and reported). Anything else is a failure.

import DRCIR
import DRCRuntime

/// How a device array compares with the oracle's value and bounds.
public struct Agreement: Sendable {
  /// Largest |device - oracle| over elements that are not equal (NaN and infinite
  /// differences count as infinity).
  public var maxAbsolute = 0.0
  /// Flat index of that element.
  public var worst = 0
  /// The bound at that element.
  public var boundAtWorst = 0.0
  /// Largest |device - oracle| / bound over bounded elements (at most 1 when all agree).
  public var closestRatio = 0.0
  /// Flat index of that element.
  public var closest = 0
  /// Elements outside their bounds.
  public var failures = 0
  /// Flat index of the first of them.
  public var firstFailure: Int?
  /// Elements whose bound is infinite.
  public var unbounded = 0
  /// Whether every element agrees.
  public var passes: Bool { failures == 0 }

  /// Compares `device` with the oracle's `value` under `bound` (one per element); `dtype` is the
  /// dtype the device computed in (for its overflow threshold). A shape mismatch fails every
  /// element.
  public static func compare(
    _ device: HostArray, _ oracle: HostArray, bound: [Double], dtype: DType
  ) -> Agreement {
    var result = Agreement()
    guard device.shape == oracle.shape, bound.count == oracle.count else {
      result.failures = max(oracle.count, 1)
      result.firstFailure = 0
      result.maxAbsolute = .infinity
      return result
    }
    let d = device.doubles()
    let o = oracle.doubles()
    let limit = Tolerance.overflowThreshold(dtype)
    for i in d.indices {
      if d[i] == o[i] || (d[i].isNaN && o[i].isNaN) { continue }
      let diff = abs(d[i] - o[i])
      let error = diff.isNaN ? Double.infinity : diff
      if error > result.maxAbsolute || result.maxAbsolute == 0 {
        result.maxAbsolute = error
        result.worst = i
        result.boundAtWorst = bound[i]
      }
      let overflows = o[i].isFinite && abs(o[i]) >= limit
      if overflows && d[i].isInfinite && d[i].sign == o[i].sign { continue }
      if !overflows && bound[i].isInfinite {
        result.unbounded += 1
        continue
      }
      if !overflows && error <= bound[i] {
        let ratio = bound[i] > 0 ? error / bound[i] : 0
        if ratio > result.closestRatio {
          result.closestRatio = ratio
          result.closest = i
        }
        continue
      }
      result.failures += 1
      if result.firstFailure == nil { result.firstFailure = i }
    }
    return result
  }
}
