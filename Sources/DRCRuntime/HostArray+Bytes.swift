// Host arrays as bytes and as deterministic random data.
//
// Saved trace inputs are little-endian element bytes in row-major order, bool as one byte 0 or
// 1. `random(dtype:shape:seed:)` makes reproducible test inputs from a SplitMix64 generator so
// that runs on every machine see identical data.

import DRCIR

extension HostArray {
  /// Decodes row-major little-endian `bytes` (bool: one byte, 0 or 1).
  public init(littleEndianBytes bytes: [UInt8], dtype: DType, shape: [Int]) throws {
    try HostArray.checkShape(shape)
    let n = shape.reduce(1, *)
    let (need, overflow) = n.multipliedReportingOverflow(by: dtype.size)
    guard !overflow, bytes.count == need else {
      throw InterpreterError(
        "\(bytes.count) bytes given for \(dtype)\(shape), which needs \(n * dtype.size)")
    }
    let buffer: ElementBuffer
    switch dtype {
    case .bool:
      guard bytes.allSatisfy({ $0 <= 1 }) else {
        throw InterpreterError("bool data has a byte other than 0 or 1")
      }
      buffer = .bool(bytes.map { $0 == 1 })
    case .int32:
      buffer = .int32(HostArray.decode(bytes, n, UInt32.self).map { Int32(bitPattern: $0) })
    case .int64:
      buffer = .int64(HostArray.decode(bytes, n, UInt64.self).map { Int64(bitPattern: $0) })
    case .float32:
      buffer = .float32(HostArray.decode(bytes, n, UInt32.self).map { Float(bitPattern: $0) })
    case .float64:
      buffer = .float64(HostArray.decode(bytes, n, UInt64.self).map { Double(bitPattern: $0) })
    }
    self.init(buffer: buffer, shape: shape)
  }

  private static func decode<U: FixedWidthInteger>(_ bytes: [UInt8], _ n: Int, _: U.Type) -> [U] {
    bytes.withUnsafeBytes { raw in
      (0..<n).map {
        U(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * U.bitWidth / 8, as: U.self))
      }
    }
  }

  private static func encode<U: FixedWidthInteger>(_ words: [U]) -> [UInt8] {
    let little = words.map(\.littleEndian)
    return little.withUnsafeBytes { [UInt8]($0) }
  }

  /// The elements as row-major little-endian bytes (bool: one byte, 0 or 1).
  public func littleEndianBytes() -> [UInt8] {
    switch dtype {
    case .bool: return values(as: Bool.self).map { $0 ? 1 : 0 }
    case .int32: return HostArray.encode(values(as: Int32.self).map { UInt32(bitPattern: $0) })
    case .int64: return HostArray.encode(values(as: Int64.self).map { UInt64(bitPattern: $0) })
    case .float32: return HostArray.encode(values(as: Float.self).map(\.bitPattern))
    case .float64: return HostArray.encode(values(as: Double.self).map(\.bitPattern))
    }
  }

  /// Deterministic pseudo-random data from SplitMix64 seeded with `seed`.
  ///
  /// Floats are uniform in [0.5, 2.0) (so `log`, `sqrt` and division are well defined): a
  /// 53-bit (float64) or 24-bit (float32) uniform fraction `u` in [0, 1) gives `0.5 + 1.5*u`,
  /// computed in the dtype and clamped below 2. Integers are uniform in [-100, 100]
  /// (`next % 201 - 100`); bools are the low bit of each draw. The same seed, dtype and shape
  /// always give the same array on every platform.
  public static func random(dtype: DType, shape: [Int], seed: UInt64) throws -> HostArray {
    try checkShape(shape)
    let n = shape.reduce(1, *)
    var rng = SplitMix64(seed: seed)
    switch dtype {
    case .bool:
      return .make((0..<n).map { _ in rng.next() & 1 == 1 }, shape: shape)
    case .int32:
      return .make((0..<n).map { _ in Int32(rng.next() % 201) - 100 }, shape: shape)
    case .int64:
      return .make((0..<n).map { _ in Int64(rng.next() % 201) - 100 }, shape: shape)
    case .float32:
      return .make(
        (0..<n).map { _ -> Float in
          let u = Float(rng.next() >> 40) * 0x1p-24
          return Swift.min(0.5 + 1.5 * u, Float(2).nextDown)
        }, shape: shape)
    case .float64:
      return .make(
        (0..<n).map { _ -> Double in
          let u = Double(rng.next() >> 11) * 0x1p-53
          return Swift.min(0.5 + 1.5 * u, Double(2).nextDown)
        }, shape: shape)
    }
  }
}

/// The SplitMix64 generator (Steele, Lea and Flood): tiny, fast and fully specified.
public struct SplitMix64: Sendable {
  private var state: UInt64

  /// Starts the sequence at `seed`.
  public init(seed: UInt64) { state = seed }

  /// A double in [0, 1) from the top 53 bits of the next value.
  public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
