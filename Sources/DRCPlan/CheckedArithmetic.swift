// Integer arithmetic on plan values that refuses overflow with a `PlanError` instead of trapping.
//
// Every integer in a plan file is untrusted: a hand-edited shape, offset or coefficient can be
// near Int64's limits. `PlanVerifier` combines plan integers only through these helpers, and it
// computes here every result (or a bound on every result) that later unchecked code computes
// from the same values: element and byte counts of shapes (with zero-length dimensions counted
// as 1, so no partial product of row-major strides can overflow either), the coordinate ranges
// and flat strides of index maps (`IndexMap.range`, `linear`, `element(at:)`), the values of
// `index` and `in_range` expressions, launch sizes (`LaunchGeometry.entries`) and buffer totals.
// So once a plan is verified, the compiler and runtime cannot overflow on it.

import DRCIR

/// Overflow-checked integer operations whose failures name what was being computed.
enum Checked {
  /// `a + b`, or an error naming `what`.
  static func add(_ a: Int, _ b: Int, _ what: @autoclosure () -> String) throws -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    guard !overflow else { throw PlanError("\(what()): \(a) + \(b) overflows a 64-bit integer") }
    return sum
  }

  /// `a * b`, or an error naming `what`.
  static func multiply(_ a: Int, _ b: Int, _ what: @autoclosure () -> String) throws -> Int {
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    guard !overflow else { throw PlanError("\(what()): \(a) * \(b) overflows a 64-bit integer") }
    return product
  }

  /// Refuses a negative `value` (an extent, size, count or width) named by `what`.
  static func nonNegative(_ value: Int, _ what: @autoclosure () -> String) throws {
    guard value >= 0 else { throw PlanError("\(what()) is negative (\(value))") }
  }

  /// The element count of `shape`, refusing negative dimensions and any overflow (zero-length
  /// dimensions count as 1 for the overflow test, as in TraceValidator.shapeProblem).
  static func elements(_ shape: [Int], _ what: @autoclosure () -> String) throws -> Int {
    var bound = 1
    var count = 1
    for dim in shape {
      guard dim >= 0 else { throw PlanError("\(what()): shape \(shape) has a negative extent") }
      let (b, overflow) = bound.multipliedReportingOverflow(by: Swift.max(dim, 1))
      guard !overflow else {
        throw PlanError("\(what()): shape \(shape) has too many elements for a 64-bit integer")
      }
      bound = b
      count *= dim  // at most `bound`: cannot overflow
    }
    return count
  }

  /// The byte count of a `dtype` array of `shape`, refusing overflow.
  static func bytes(_ shape: [Int], _ dtype: DType, _ what: @autoclosure () -> String) throws
    -> Int
  {
    let description = what()
    return try multiply(try elements(shape, description), dtype.size, description)
  }

  /// The lowest and highest value of `offset + Σ_k coefficients[k] * i_k` over the points `i` of
  /// `space` (non-empty), refusing overflow; every partial sum lies between the two.
  static func affineRange(
    offset: Int, coefficients: [Int], space: [Int], _ what: @autoclosure () -> String
  ) throws -> ClosedRange<Int> {
    let description = what()
    var lo = offset
    var hi = offset
    for (k, extent) in space.enumerated() where extent > 0 {
      let span = try multiply(coefficients[k], extent - 1, description)
      if span < 0 {
        lo = try add(lo, span, description)
      } else {
        hi = try add(hi, span, description)
      }
    }
    return lo...hi
  }

  /// Checks an index map over `space` (ranks already checked): each axis's coordinate range,
  /// and the flat offset and strides of `IndexMap.linear`.
  static func map(_ m: IndexMap, space: [Int], _ what: String) throws {
    _ = try elements(m.shape, what)
    if !space.contains(0) {
      for j in m.shape.indices {
        _ = try affineRange(
          offset: m.offsets[j], coefficients: m.coefficients[j], space: space, what)
      }
    }
    let rowStrides = IndexMap.rowMajorStrides(m.shape)  // safe: elements(m.shape) passed
    var offset = 0
    var strides = Array(repeating: 0, count: space.count)
    for j in m.shape.indices {
      offset = try add(offset, try multiply(rowStrides[j], m.offsets[j], what), what)
      for k in space.indices {
        strides[k] = try add(
          strides[k], try multiply(rowStrides[j], m.coefficients[j][k], what), what)
      }
    }
  }
}
