// Values for fuzzed programs: input arrays and constants, with special values mixed in.
//
// Floats are mostly moderate (|x| < 8, some exact small integers) with zeros of both signs and
// subnormals; programs drawn with `extremes` also get infinities, NaN and values near the
// dtype's largest. Integers are mostly small with, under `extremes`, the dtype's limits. Bools
// are fair coins.

import DRCIR
import DRCRuntime

/// Random values of each dtype.
enum FuzzValues {
  /// Special float values of `dtype` (as doubles the dtype holds exactly).
  static func floatSpecials(_ dtype: DType, extremes: Bool) -> [Double] {
    let single = dtype == .float32
    let sub = single ? Double(Float.leastNonzeroMagnitude) : Double.leastNonzeroMagnitude
    let tiny = single ? Double(Float.leastNormalMagnitude) : Double.leastNormalMagnitude
    var values: [Double] = [0, -0.0, 1, -1, 0.5, 2, sub, -sub, tiny, tiny / 4]
    if extremes {
      let big = single ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
      values += [.infinity, -.infinity, .nan, big, -big, big / 3, 1e30, -1e30]
    }
    return values
  }

  /// One value of `dtype` as the dtype holds it.
  static func double(_ dtype: DType, extremes: Bool, rng: inout FuzzRandom) -> Double {
    let v =
      rng.chance(0.12)
      ? rng.pick(floatSpecials(dtype, extremes: extremes))
      : rng.chance(0.2)
        ? Double(rng.int(-6...6)) : (rng.unit() * 16 - 8) * (rng.chance(0.1) ? 1e3 : 1)
    return dtype == .float32 ? Double(Float(v)) : v
  }

  /// One integer of `dtype` (int32 or int64).
  static func integer(_ dtype: DType, extremes: Bool, rng: inout FuzzRandom) -> Int64 {
    if extremes && rng.chance(0.1) {
      return dtype == .int32
        ? Int64(rng.pick([Int32.max, Int32.min, Int32.max - 1, -1]))
        : rng.pick([Int64.max, Int64.min, Int64(Int32.max) + 1, -1])
    }
    return Int64(rng.int(-20...20))
  }

  /// A scalar of `dtype` for a `full` or a param.
  static func scalar(_ dtype: DType, extremes: Bool, rng: inout FuzzRandom) -> Scalar {
    switch dtype {
    case .bool: return .bool(rng.chance(0.5))
    case .int32, .int64: return .int(integer(dtype, extremes: extremes, rng: &rng))
    case .float32, .float64: return .float(double(dtype, extremes: extremes, rng: &rng))
    }
  }

  /// An array of `dtype` and `shape` (shapes come from the generator's budget).
  static func array(dtype: DType, shape: [Int], extremes: Bool, rng: inout FuzzRandom)
    -> HostArray
  {
    let n = shape.reduce(1, *)
    let made: HostArray?
    switch dtype {
    case .bool:
      made = try? HostArray((0..<n).map { _ in rng.chance(0.5) }, shape: shape)
    case .int32:
      made = try? HostArray(
        (0..<n).map { _ in Int32(truncatingIfNeeded: integer(.int32, extremes: extremes, rng: &rng))
        },
        shape: shape)
    case .int64:
      made = try? HostArray(
        (0..<n).map { _ in integer(.int64, extremes: extremes, rng: &rng) }, shape: shape)
    case .float32:
      made = try? HostArray(
        (0..<n).map { _ in Float(double(.float32, extremes: extremes, rng: &rng)) }, shape: shape)
    case .float64:
      made = try? HostArray(
        (0..<n).map { _ in double(.float64, extremes: extremes, rng: &rng) }, shape: shape)
    }
    return made ?? HostArray(dtype: dtype, shape: shape)
  }
}
