// Reading values back to the host, naming outputs, and flushing the trace.
//
// Every host read (`toArray`, `item`, printing) is recorded as a read-back point: the place where
// a compiled program must synchronise. `output(_:_:)` names the compiled function's results.

import DRCIR
import DRCLazy
import DRCRuntime
import Foundation

extension NDArray {
  /// The value a host read returns, after throwing any pending error: a failed subscript
  /// assignment may have left this array (or another) without its new values, so reading it
  /// must not hand the old ones back as if nothing had happened.
  func hostValue() throws(ArrayError) -> Value {
    if let pending = Session.shared.takePendingError() { throw pending }
    return try value()
  }

  /// All elements in row-major order, as doubles (a host read-back).
  public func toArray(file: String = #filePath, line: Int = #line) throws(ArrayError) -> [Double] {
    let v = try hostValue()
    Session.shared.readback(v, kind: "array", site: .source(file, line))
    return try v.host().doubles()
  }

  /// All elements in row-major order as `T` (`Float`, `Double`, `Int32`, `Int64`, `Bool`; a host
  /// read-back), converted with `cast` semantics when the dtype is not `T`'s. When it is, the
  /// elements are the ones read back, without a conversion or a copy (`toArray()` converts to
  /// `Double`, which for 16M float32 values costs more than computing them).
  public func toArray<T: HostElement>(
    as type: T.Type, file: String = #filePath, line: Int = #line
  ) throws(ArrayError) -> [T] {
    let v = try hostValue()
    Session.shared.readback(v, kind: "array", site: .source(file, line))
    return try v.host().values(as: T.self)
  }

  /// All elements in row-major order, as exact scalars (a host read-back).
  public func scalars(file: String = #filePath, line: Int = #line) throws(ArrayError) -> [Scalar] {
    let v = try hostValue()
    Session.shared.readback(v, kind: "array", site: .source(file, line))
    return try v.host().scalars()
  }

  /// One element as a double (a host read-back); negative indices count from the end.
  public func item(_ index: Int..., file: String = #filePath, line: Int = #line) throws(ArrayError)
    -> Double
  {
    try item(at: index, site: .source(file, line))
  }

  /// One element as a double, read at `site` (a host read-back).
  func item(at index: [Int], site: CallSite) throws(ArrayError) -> Double {
    try exactItem(at: index, site: site).doubleValue
  }

  /// One element exactly as stored (an int64 beyond 2^53 keeps every digit), read at `site`.
  func exactItem(at index: [Int], site: CallSite) throws(ArrayError) -> Scalar {
    guard index.count == ndim || (index.isEmpty && count == 1) else {
      throw ArrayError(
        op: "item", "\(index.count) indices for an array of shape \(shape)",
        location: Session.shared.location(site, force: true))
    }
    var resolved: [Int] = []
    for (axis, i) in index.enumerated() {
      let j = i < 0 ? i + shape[axis] : i
      guard (0..<shape[axis]).contains(j) else {
        throw ArrayError(
          op: "item", "index \(i) is out of bounds for axis \(axis) of length \(shape[axis])",
          location: Session.shared.location(site, force: true))
      }
      resolved.append(j)
    }
    let v = try hostValue()
    Session.shared.readback(v, kind: "item", site: site)
    if resolved.isEmpty { resolved = [Int](repeating: 0, count: ndim) }
    if case .lazy(let node) = v.payload, node.host == nil {
      // Device mode: read the one element, not the whole array.
      let flat = zip(resolved, shape).reduce(0) { $0 * $1.1 + $1.0 }
      do {
        return try LazyEngine.shared.element(node, at: flat)
      } catch {
        throw ArrayError(op: "item", "\(error)", location: Session.shared.location(site))
      }
    }
    return try v.host().scalar(at: resolved) ?? .float(.nan)
  }
}

extension NDArray: CustomStringConvertible {
  /// The values, NumPy-style (a host read-back when recording).
  public var description: String {
    do {
      let v = try hostValue()
      Session.shared.readback(v, kind: "print", site: nil)
      return Formatting.format(try v.host())
    } catch {
      // Printing cannot throw: the error stays pending for the next operation (or exit).
      Session.shared.postpone(error)
      return "NDArray(error: \(error))"
    }
  }
}

/// Names `array` as the compiled program's output `name`.
public func output(_ name: String, _ array: NDArray, file: String = #filePath, line: Int = #line)
  throws(ArrayError)
{
  try Session.shared.declareOutput(name, try array.hostValue(), site: .source(file, line))
  // In device mode an output is a value the program needs: computed now, kept on the device.
  if Session.shared.isDeferring { try DRC.evaluate(array, file: file, line: line) }
}

/// Process-wide controls of the recorder.
public enum DRC {
  /// Whether this run records a trace (`drc record` sets `DRC_RECORD`).
  public static var isRecording: Bool { Session.shared.isRecording }

  /// Writes the trace now instead of at exit; later operations are not recorded.
  public static func flush() throws {
    if let pending = Session.shared.takePendingError() { throw pending }
    try Session.shared.flush()
  }

  /// The float dtype named by command-line argument `index` (`float32` or `float64`), else
  /// `fallback`: lets a benchmark program run at either precision.
  public static func floatArgument(_ index: Int, default fallback: DType) -> DType {
    let arguments = CommandLine.arguments
    guard arguments.count > index else { return fallback }
    switch arguments[index] {
    case "float32", "f32": return .float32
    case "float64", "f64": return .float64
    default: return fallback
    }
  }

  /// Throws the error of a failed subscript assignment, if one is pending.
  public static func check() throws(ArrayError) {
    if let pending = Session.shared.takePendingError() { throw pending }
  }

  /// A checksum of an array's values: the sum of its elements as doubles, in row-major order.
  public static func checksum(_ array: NDArray, file: String = #filePath, line: Int = #line)
    throws(ArrayError) -> Double
  {
    let v = try array.hostValue()
    Session.shared.readback(v, kind: "array", site: .source(file, line))
    return try v.checksum()
  }
}

/// NumPy-like text for host arrays.
enum Formatting {
  static func format(_ a: HostArray) -> String {
    let values = a.scalars().map { s -> String in
      switch s {
      case .float(let d):
        // NumPy prints every NaN as `nan`, whatever its sign and payload (printf gives `-nan`).
        if d.isNaN { return "nan" }
        return d == d.rounded() && Swift.abs(d) < 1e16
          ? String(format: "%.1f", d) : String(format: "%.8g", d)
      default: return s.description
      }
    }
    func nest(_ dim: Int, _ offset: Int) -> (String, Int) {
      if dim == a.shape.count { return (values.isEmpty ? "" : values[offset], offset + 1) }
      var parts: [String] = []
      var o = offset
      for _ in 0..<a.shape[dim] {
        let (text, next) = nest(dim + 1, o)
        parts.append(text)
        o = next
      }
      return (
        "["
          + parts.joined(
            separator: dim == a.shape.count - 1
              ? ", " : ",\n" + String(repeating: " ", count: dim + 1)) + "]", o
      )
    }
    if a.shape.contains(0) { return "[]" }
    return nest(0, 0).0
  }
}
