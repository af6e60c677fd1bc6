// Compiling a trace file: load, verify, optimise, fuse, and write what `--emit` asks for.
//
// `Compilation` is the whole compiler pipeline behind `drc compile`, `drc explain` and (later)
// `drc run`: it keeps the optimised graph, the plan, the fusion report and the pass timings so
// each command presents them its own way. Output files are written atomically.

import DRCIR
import DRCOpt
import DRCPlan
import DRCTrace
import Foundation

/// Options of a compilation.
public struct CompileOptions: Sendable {
  /// Fuse kernels (off: one kernel per op, the baseline).
  public var fuse = true
  /// Allow inexact rewrites.
  public var fastMath = false
  /// Print the IR after these passes (`all` for every one).
  public var dumpAfter: Set<String> = []
  /// Lanes per work-item of elementwise kernels (the compile target; see `VectorWidths`).
  public var vectorWidths = VectorWidths.portable
  /// The fewest inner points for a `partials` reduction (`FusionOptions.partialsFrom`).
  public var partialsFrom = 1024
  /// Split reductions of a few long rows or columns into blocks (`FusionOptions.splitReductions`).
  public var splitReductions = true
  /// Creates default options.
  public init(
    fuse: Bool = true, fastMath: Bool = false, dumpAfter: Set<String> = [],
    vectorWidths: VectorWidths = .portable
  ) {
    self.fuse = fuse
    self.fastMath = fastMath
    self.dumpAfter = dumpAfter
    self.vectorWidths = vectorWidths
  }
}

/// A compiled trace.
public struct Compilation: Sendable {
  /// The loaded trace.
  public var loaded: LoadedTrace
  /// The graph after the pass pipeline.
  public var optimised: Graph
  /// The plan.
  public var plan: Plan
  /// Why the plan looks the way it does.
  public var report: FusionReport
  /// Per-pass timings.
  public var timings: [PassTiming]
  /// Seconds spent in fusion and planning.
  public var planSeconds: Double

  /// Loads and compiles the trace at `path`; `dump` receives `--dump-after` output.
  public init(path: String, options: CompileOptions, dump: (@Sendable (String) -> Void)? = nil)
    throws
  {
    try self.init(loaded: try LoadedTrace(path: path), options: options, dump: dump)
  }

  /// Compiles a loaded trace (whose graph a caller may have rewritten, as
  /// `DynamicCompilation` does with constants of the size); the plan's trace hash is the file's.
  public init(
    loaded: LoadedTrace, options: CompileOptions, dump: (@Sendable (String) -> Void)? = nil
  ) throws {
    self.loaded = loaded
    let path = loaded.path
    let unknown = options.dumpAfter.subtracting(Passes.names + ["all"])
    if let name = unknown.sorted().first {
      throw TraceError(
        "unknown pass '\(name)' for --dump-after (passes: \(Passes.names.joined(separator: ", ")))")
    }
    let context = PassContext(options: OptimiserOptions(fastMath: options.fastMath))
    var manager = PassManager.standard()
    manager.dumpAfter = options.dumpAfter
    if let dump { manager.dump = dump }
    (optimised, timings) = try manager.run(loaded.graph, context: context)
    let start = DispatchTime.now().uptimeNanoseconds
    let sha = SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: path)))
    (plan, report) = try PlanBuilder.build(
      optimised,
      options: FusionOptions(
        fuse: options.fuse, vectorWidths: options.vectorWidths,
        partialsFrom: options.partialsFrom, splitReductions: options.splitReductions),
      context: context, traceSHA256: sha)
    planSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  /// Warnings about replaying the trace: a scalar the host read (`item`) with operations
  /// recorded after it may have steered the program (a loop's convergence test, a branch) or
  /// been computed with as a Swift number and come back as a constant; the plan replays the
  /// path and numbers recorded and cannot know. Each names the read and its line.
  public var replayWarnings: [String] {
    let graph = loaded.graph
    return graph.readbacks.filter { $0.kind == "item" && $0.position < graph.nodes.count }.map {
      r in
      let later = graph.nodes.count - r.position
      return "the host read n\(r.node) (\(graph.nodes[r.node].op.name)) as a scalar"
        + (r.loc.map { " at \($0)" } ?? "")
        + " and \(later) operation\(later == 1 ? " was" : "s were") recorded after it;"
        + " if the program branched on that value, or computed with it as a Swift number"
        + " (`b -= lr * db.item()`), the compiled plan replays the recorded path and keeps the"
        + " recorded numbers for every input; keep such a value an array (`b - lr * db`) to have"
        + " the plan compute it"
    }
  }

  /// Writes `name.plan.json` into `directory` and returns the paths written.
  public func writePlan(to directory: String) throws -> [String] {
    let url = URL(fileURLWithPath: directory).appendingPathComponent("\(plan.program).plan.json")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try plan.jsonData().write(to: url, options: .atomic)
    return [url.path]
  }

  /// Pass timings as text lines.
  public var timingLines: [String] {
    func pad(_ s: String) -> String { s.padding(toLength: 16, withPad: " ", startingAt: 0) }
    return timings.map {
      pad($0.pass) + String(format: "%9.3f ms  %8d nodes", $0.seconds * 1e3, $0.nodes)
    }
      + [
        pad("fusion+plan")
          + String(format: "%9.3f ms  %8d kernels", planSeconds * 1e3, plan.kernels.count)
      ]
  }
}
