// `drc validate` and `drc print`: check a trace and describe it.

import DRCIR
import DRCTrace

/// The work behind `drc validate` and `drc print`.
public enum InspectCommands {
  /// The one-line summary `drc validate` prints for a valid trace.
  public static func validate(path: String) throws -> String {
    let loaded = try LoadedTrace(path: path)
    return summary(loaded.trace, graph: loaded.graph)
  }

  /// `program: valid drc trace v1 (producer): N inputs, N params, N nodes, N outputs, N read-backs`,
  /// with the minor version as `v1.2` when the trace declares one above 0.
  public static func summary(_ trace: Trace, graph: Graph) -> String {
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    let saved = graph.inputs.filter { $0.data != nil }.count
    let version = trace.minor > 0 ? "\(trace.version).\(trace.minor)" : "\(trace.version)"
    return
      "\(graph.name): valid drc trace v\(version) (\(Diagnostic.clean(trace.producer))): "
      + "\(plural(graph.inputs.count, "input")) (\(saved) saved), \(plural(graph.params.count, "param")), "
      + "\(plural(graph.nodes.count, "node")), \(plural(graph.outputs.count, "output")), "
      + "\(plural(graph.readbacks.count, "read-back"))"
  }

  /// The IR text of the trace at `path`.
  public static func printIR(path: String) throws -> String {
    Printer.print(try LoadedTrace(path: path).graph)
  }
}
