// Loading a trace from disk for a command: read, validate, lower, verify, check saved data.
//
// Every command starts here, so every command rejects the same bad inputs with the same
// messages. Errors are `TraceError`s whose lines name the node, op and source location.

import DRCIR
import DRCRuntime
import DRCTrace
import Foundation

/// A trace loaded from disk together with its verified IR.
public struct LoadedTrace: Sendable {
  /// The path it was read from.
  public var path: String
  /// The decoded trace.
  public var trace: Trace
  /// The lowered, verified graph.
  public var graph: Graph
  /// The folder holding the trace (where sidecar files live).
  public var directory: String

  /// Reads, validates, lowers and verifies the trace at `path`, and checks any saved input data.
  public init(path: String, checkData: Bool = true) throws {
    self.path = path
    trace = try TraceReader.read(path: path)
    graph = try TraceLowering.lower(trace)
    directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    if checkData {
      var sink = DiagnosticSink()
      for input in graph.inputs {
        guard let data = input.data else { continue }
        let bytes = (ShapeRules.count(input.shape) ?? 0) * input.dtype.size
        do {
          _ = try data.load(expectedBytes: bytes, directory: directory, input: input.name)
        } catch let error as TraceError {
          for d in error.diagnostics { sink.add(d) }
        }
      }
      try sink.throwIfAny()
    }
  }
}

extension LoadedTrace {
  /// Input values: the trace's saved data where present, seeded random values elsewhere; and
  /// how many were saved.
  public func inputs(seed: UInt64) throws -> (values: [String: HostArray], saved: Int) {
    var inputs = try Interpreter.randomInputs(graph: graph, seed: seed)
    var saved = 0
    for decl in graph.inputs {
      guard let data = decl.data else { continue }
      let bytes = (ShapeRules.count(decl.shape) ?? 0) * decl.dtype.size
      let raw = try data.load(expectedBytes: bytes, directory: directory, input: decl.name)
      inputs[decl.name] = try HostArray(
        littleEndianBytes: raw, dtype: decl.dtype, shape: decl.shape)
      saved += 1
    }
    return (inputs, saved)
  }
}

/// Formats errors the way every command prints them.
public enum ErrorReport {
  /// `error: PATH: message` lines for `error`.
  public static func lines(_ error: any Error, path: String?) -> [String] {
    let prefix = path.map { "error: \(Diagnostic.clean($0, limit: 200)): " } ?? "error: "
    if let traceError = error as? TraceError {
      return traceError.diagnostics.map { prefix + $0.description }
    }
    return [prefix + "\(error)"]
  }
}
