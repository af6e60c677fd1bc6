// `drc interpret`: run a trace on the reference interpreter and summarise its outputs.
//
// Inputs come from the trace's saved data where present and from seeded random values
// otherwise, so any valid trace can be run. Each output is shown with its type, a checksum (the
// sum of its elements as doubles, in row-major order: the same number the example programs
// print) and its first values; `--json` gives the same as one JSON object. `--outputs DIR`
// also writes every output as `DIR/<name>.npy` (NPYWriter).

import DRCIR
import DRCRuntime
import DRCTrace
import Foundation

/// The work behind `drc interpret`.
public enum InterpretCommand {
  /// One output's summary.
  public struct OutputSummary: Sendable {
    /// The output's name.
    public var name: String
    /// Its dtype and shape.
    public var type: ValueType
    /// The sum of its elements as doubles.
    public var checksum: Double
    /// Its first few elements.
    public var first: [Scalar]
  }

  /// Runs the trace at `path` and summarises each output; writes them as `.npy` files into
  /// `outputs` when given.
  public static func run(
    path: String, seed: UInt64 = 0, float64: Bool = false, count: Int = 6, outputs: String? = nil
  )
    throws -> (
      graph: Graph, inputsSaved: Int, outputs: [OutputSummary]
    )
  {
    let loaded = try LoadedTrace(path: path)
    let graph = loaded.graph
    let interpreter = Interpreter(graph: graph, options: InterpreterOptions(float64Oracle: float64))
    // Refused before inputs are made: a random 12 GiB input takes minutes to fill.
    try interpreter.checkMemory()
    let (inputs, saved) = try loaded.inputs(seed: seed)
    let results = try interpreter.run(inputs: inputs)
    if let outputs { try NPYWriter.write(results, directory: outputs) }
    var summaries: [OutputSummary] = []
    for output in graph.outputs {
      guard let value = results[output.name] else { continue }
      summaries.append(
        OutputSummary(
          name: output.name, type: ValueType(value.dtype, value.shape), checksum: value.checksum(),
          first: value.firstValues(count)))
    }
    return (graph, saved, summaries)
  }

  /// The human-readable report.
  public static func text(
    path: String, seed: UInt64 = 0, float64: Bool = false, outputs directory: String? = nil
  ) throws -> String {
    let (graph, saved, outputs) = try run(
      path: path, seed: seed, float64: float64, outputs: directory)
    let source =
      saved == graph.inputs.count
      ? "saved inputs"
      : saved == 0
        ? "random inputs (seed \(seed))"
        : "\(saved) saved and \(graph.inputs.count - saved) random inputs (seed \(seed))"
    var lines = [
      "\(graph.name): interpreted \(graph.nodes.count) nodes on \(source)\(float64 ? ", float64 oracle" : "")"
    ]
    for o in outputs {
      let first = o.first.map { readable($0, o.type.dtype) }.joined(separator: ", ")
      lines.append(
        "\(o.name): \(o.type) checksum \(format(o.checksum)) first [\(first)\(o.first.count < (ShapeRules.count(o.type.shape) ?? 0) ? ", ..." : "")]"
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The JSON report.
  public static func json(
    path: String, seed: UInt64 = 0, float64: Bool = false, outputs directory: String? = nil
  ) throws -> String {
    let (graph, saved, outputs) = try run(
      path: path, seed: seed, float64: float64, outputs: directory)
    var items: [String] = []
    for o in outputs {
      let first = o.first.map { s -> String in
        switch s {
        case .float(let d) where !d.isFinite: return TraceWriter.quote(Scalar.hexFloat(d))
        case .float(let d): return format(d)
        default: return s.description
        }
      }
      let checksum =
        o.checksum.isFinite ? format(o.checksum) : TraceWriter.quote(Scalar.hexFloat(o.checksum))
      items.append(
        "{\"name\": \(TraceWriter.quote(o.name)), \"dtype\": \"\(o.type.dtype)\", \"shape\": \(o.type.shape), "
          + "\"checksum\": \(checksum), \"first\": [\(first.joined(separator: ", "))]}")
    }
    return
      "{\"program\": \(TraceWriter.quote(graph.name)), \"nodes\": \(graph.nodes.count), \"saved_inputs\": \(saved), "
      + "\"seed\": \(seed), \"float64\": \(float64), \"outputs\": [\(items.joined(separator: ", "))]}\n"
  }

  /// The shortest decimal text that reads back as the same value of `dtype`.
  static func readable(_ s: Scalar, _ dtype: DType) -> String {
    guard case .float(let d) = s else { return s.description }
    return dtype == .float32 ? "\(Float(d))" : "\(d)"
  }

  /// `%.17g`: enough digits to identify a double exactly.
  public static func format(_ d: Double) -> String { String(format: "%.17g", d) }
}
