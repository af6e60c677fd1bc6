// Making arrays: from Swift arrays (program inputs), constants, ranges, and seeded random data.
//
// Arrays built from host data become the compiled program's inputs (named with `input(...)`, or
// `in0`, `in1`, ... otherwise). `zeros`, `ones`, `full`, `arange` and `linspace` are computed by
// the program itself and recorded as `full`/`arange` nodes, not as inputs.

import DRCIR
import DRCRuntime
import Foundation

/// Element types that can build arrays from Swift values.
public protocol ArrayElement {
  /// The dtype of arrays of this element.
  static var dtype: DType { get }
  /// Builds a host array of `shape` from `values`.
  static func host(_ values: [Self], shape: [Int]) throws -> HostArray
}

extension Float: ArrayElement {
  /// `float32`.
  public static var dtype: DType { .float32 }
  /// A float32 host array.
  public static func host(_ values: [Float], shape: [Int]) throws -> HostArray {
    try HostArray(values, shape: shape)
  }
}
extension Double: ArrayElement {
  /// `float64`.
  public static var dtype: DType { .float64 }
  /// A float64 host array.
  public static func host(_ values: [Double], shape: [Int]) throws -> HostArray {
    try HostArray(values, shape: shape)
  }
}
extension Int32: ArrayElement {
  /// `int32`.
  public static var dtype: DType { .int32 }
  /// An int32 host array.
  public static func host(_ values: [Int32], shape: [Int]) throws -> HostArray {
    try HostArray(values, shape: shape)
  }
}
extension Int64: ArrayElement {
  /// `int64`.
  public static var dtype: DType { .int64 }
  /// An int64 host array.
  public static func host(_ values: [Int64], shape: [Int]) throws -> HostArray {
    try HostArray(values, shape: shape)
  }
}
extension Int: ArrayElement {
  /// `int64`.
  public static var dtype: DType { .int64 }
  /// An int64 host array.
  public static func host(_ values: [Int], shape: [Int]) throws -> HostArray {
    try HostArray(values.map { Int64($0) }, shape: shape)
  }
}
extension Bool: ArrayElement {
  /// `bool`.
  public static var dtype: DType { .bool }
  /// A bool host array.
  public static func host(_ values: [Bool], shape: [Int]) throws -> HostArray {
    try HostArray(values, shape: shape)
  }
}

extension NDArray {
  /// An input array from Swift values; `shape` defaults to one dimension.
  public init<T: ArrayElement>(
    _ values: [T], shape: [Int]? = nil, name: String? = nil, file: String = #filePath,
    line: Int = #line
  ) throws(ArrayError) {
    let site = CallSite.source(file, line)
    let shape = shape ?? [values.count]
    let host: HostArray
    do {
      host = try T.host(values, shape: shape)
    } catch {
      throw ArrayError(
        op: "input", "\(values.count) values do not fill shape \(shape)",
        location: Session.shared.location(site, force: true))
    }
    self.init(try Session.shared.declareInput(name, host, site: site))
  }

  /// Wraps a host array as a program input.
  public init(host: HostArray, name: String? = nil, file: String = #filePath, line: Int = #line)
    throws(ArrayError)
  {
    self.init(try Session.shared.declareInput(name, host, site: .source(file, line)))
  }
}

/// Declares `values` as the compiled program's input named `name`.
public func input<T: ArrayElement>(
  _ name: String, _ values: [T], shape: [Int]? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try NDArray(values, shape: shape, name: name, file: file, line: line)
}

/// Declares an existing array's current value as the input named `name`.
public func input(_ name: String, _ array: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  try NDArray(host: try array.value().host(), name: name, file: file, line: line)
}

/// Declares a named runtime scalar (a kernel argument in compiled code, not a baked constant).
public func param<T: ArrayElement & BinaryFloatingPoint>(
  _ name: String, _ value: T, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  NDArray(
    try Session.shared.declareParam(
      name, .float(Double(value)), dtype: T.dtype, site: .source(file, line)))
}

/// Declares a named integer runtime scalar.
public func param<T: ArrayElement & BinaryInteger>(
  _ name: String, _ value: T, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  NDArray(
    try Session.shared.declareParam(
      name, .int(Int64(value)), dtype: T.dtype, site: .source(file, line)))
}

/// An array of `shape` filled with `value`.
public func full(
  _ shape: [Int], _ value: Double, dtype: DType = .float64, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let scalar = Scalar.float(value).converted(to: dtype)
  return try NDArray.apply(.full(scalar), [], dtype: dtype, shape: shape, site: .source(file, line))
}

/// An array of zeros.
public func zeros(
  _ shape: [Int], dtype: DType = .float64, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try full(shape, 0, dtype: dtype, file: file, line: line)
}

/// An array of ones.
public func ones(
  _ shape: [Int], dtype: DType = .float64, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try full(shape, 1, dtype: dtype, file: file, line: line)
}

/// `start, start+step, ...` strictly before `stop`, as NumPy's `arange`.
public func arange(
  _ start: Double, _ stop: Double, step: Double = 1, dtype: DType = .float64,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard step != 0, start.isFinite, stop.isFinite, step.isFinite else {
    throw ArrayError(
      op: "arange", "needs finite bounds and a non-zero step",
      location: Session.shared.location(site, force: true))
  }
  let n = Swift.max(0, ((stop - start) / step).rounded(.up))
  guard n < 1e12 else {
    throw ArrayError(
      op: "arange", "\(n) elements is too many",
      location: Session.shared.location(site, force: true))
  }
  let first = Scalar.float(start).converted(to: dtype)
  let delta = Scalar.float(step).converted(to: dtype)
  return try NDArray.apply(
    .arange(start: first, step: delta), [], dtype: dtype, shape: [Int(n)], site: site)
}

/// `0, 1, ..., n-1`, int64 unless `dtype` says otherwise (NumPy's `arange(n, dtype=...)`).
public func arange(
  _ n: Int, dtype: DType = .int64, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try arange(0, Double(n), dtype: dtype, file: file, line: line)
}

/// `num` evenly spaced values from `start` to `stop` (inclusive unless `endpoint` is false), as
/// NumPy's `linspace`: computed in float64 as `i * step + start` with the last value set to
/// `stop`, then cast to `dtype`.
public func linspace(
  _ start: Double, _ stop: Double, _ num: Int, endpoint: Bool = true, dtype: DType = .float64,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard num >= 0 else {
    throw ArrayError(
      op: "linspace", "the number of samples must be non-negative, got \(num)",
      location: Session.shared.location(site, force: true))
  }
  let steps = try NDArray.apply(
    .arange(start: .float(0), step: .float(1)), [], dtype: .float64, shape: [num], site: site)
  let divisions = endpoint ? num - 1 : num
  var y = try steps + start
  if divisions > 0 {
    y = try steps * ((stop - start) / Double(divisions)) + start
    if endpoint {
      try y.assign(
        try full([], stop, file: file, line: line),
        at: [SliceRange(start: num - 1, stop: num, step: 1)], dropped: [], site: site)
    }
  }
  return dtype == .float64 ? y : try y.astype(dtype, file: file, line: line)
}

/// Uniform random values in `[low, high)` from a seeded generator; the result is a program input.
public func uniform(
  _ low: Double, _ high: Double, shape: [Int], seed: UInt64, dtype: DType = .float64,
  name: String? = nil,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  var rng = SplitMix64(seed: seed)
  let values = (0..<(ShapeRules.count(shape) ?? 0)).map { _ in low + (high - low) * rng.nextUnit() }
  return try randomInput(values, shape: shape, dtype: dtype, name: name, site: .source(file, line))
}

/// Normal random values (Box-Muller) from a seeded generator; the result is a program input.
public func normal(
  _ mean: Double, _ std: Double, shape: [Int], seed: UInt64, dtype: DType = .float64,
  name: String? = nil,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  var rng = SplitMix64(seed: seed)
  let values = (0..<(ShapeRules.count(shape) ?? 0)).map { _ -> Double in
    let u = 1 - rng.nextUnit()
    let v = rng.nextUnit()
    return mean + std * (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
  }
  return try randomInput(values, shape: shape, dtype: dtype, name: name, site: .source(file, line))
}

private func randomInput(
  _ values: [Double], shape: [Int], dtype: DType, name: String?, site: CallSite
) throws(ArrayError) -> NDArray {
  let host: HostArray
  do {
    host = try Evaluation.convert(try HostArray(values, shape: shape), to: dtype)
  } catch {
    throw ArrayError(
      op: "input", "cannot make random \(dtype) data: \(error)",
      location: Session.shared.location(site, force: true))
  }
  return NDArray(try Session.shared.declareInput(name, host, site: site))
}
