// `drc fuzz`: random valid programs through every executor, failures minimised and saved.
//
// Program i of a run uses seed `seed + i` (FuzzGenerator). Each program is first written as a
// trace and read back through the trace reader, validator, lowering and verifier, so it is a
// program a user could record; then `Differential` runs it on the reference, the host plan
// interpreter and OpenCL (fused at 1, 2 and the device's widths, unfused at the device's, with
// poisoned buffers). A program with a finding is minimised (FuzzMinimizer) and saved, with its
// input values inline, as `fuzz_<seed>.json` in the save folder: a regression trace, to be moved
// under Tests/Regressions once fixed. A program running past the timeout is a hang
// (FuzzWatchdog); the program being checked is written first as `in-progress.json`, so a crash
// leaves it behind. The report counts programs, ops covered and findings.

import DRCIR
import DRCOpenCL
import DRCPlan
import DRCRuntime
import DRCTrace
import Foundation

/// Options of `drc fuzz`.
public struct FuzzOptions: Sendable {
  /// How many programs.
  public var count = 100
  /// The first program's seed.
  public var seed: UInt64 = 1
  /// About how many nodes each program grows by.
  public var steps = 10
  /// Where minimised failures are saved (nil: not saved).
  public var saveDirectory: String?
  /// The OpenCL device (nil: `DRC_DEVICE`, else the first); `host` checks no device.
  public var device: String?
  /// Seconds one program may take (minimising included) before it counts as a hang.
  public var timeout: Double = 300
  /// Creates options.
  public init(
    count: Int = 100, seed: UInt64 = 1, steps: Int = 10, saveDirectory: String? = nil,
    device: String? = nil
  ) {
    self.count = count
    self.seed = seed
    self.steps = steps
    self.saveDirectory = saveDirectory
    self.device = device
  }
}

/// One failing program.
public struct FuzzFailure: Sendable {
  /// Its seed.
  public var seed: UInt64
  /// What the minimised program showed.
  public var findings: [DifferentialFinding]
  /// Nodes before and after minimising.
  public var nodes: (before: Int, after: Int)
  /// Where it was saved.
  public var savedAs: String?
}

/// What a fuzz run did.
public struct FuzzReport: Sendable {
  /// Programs run.
  public var programs = 0
  /// Nodes over all programs.
  public var nodes = 0
  /// How often each op name occurred.
  public var ops: [String: Int] = [:]
  /// The failures.
  public var failures: [FuzzFailure] = []
  /// Wall seconds.
  public var seconds = 0.0
  /// The configurations checked.
  public var configurations: [String] = []
  /// The seed the run stopped before, with the reason, when the process ran short of memory
  /// mappings (`MappingHeadroom`): the campaign goes on from that seed in a new process.
  public var stopped: (seed: UInt64, reason: String)? = nil
}

/// The fuzz campaign.
public enum Fuzz {
  /// The file (without `.json`) holding the program being checked (program `fuzz_<seed>`), left
  /// behind when the process dies while checking it; `tools/fuzz.sh` renames it
  /// `crash_<seed>.json` and goes on from the next seed.
  public static let inProgress = "in-progress"
  /// Runs `options.count` programs; `log` receives one line per failure and a progress line
  /// every 100 programs.
  public static func run(options: FuzzOptions, log: (String) -> Void = { _ in }) throws
    -> FuzzReport
  {
    let start = Date()
    var context: CLContext? = nil
    var device = VectorWidths.portable
    if options.device != "host" {
      let chosen = try CLContext(selecting: options.device)
      device = VectorWidths(
        preferredFloat: chosen.device.preferredVectorWidthFloat,
        preferredDouble: chosen.device.preferredVectorWidthDouble)
      context = chosen
    }
    let configurations = DifferentialConfiguration.standard(device: device)
    let watchdog = FuzzWatchdog(limit: options.timeout, directory: options.saveDirectory)
    defer { watchdog.stop() }
    var report = FuzzReport(
      configurations: context == nil ? [] : configurations.map(\.description))
    for i in 0..<max(options.count, 0) {
      let seed = options.seed &+ UInt64(i)
      if context != nil, let (count, limit) = MappingHeadroom.current(),
        let reason = MappingHeadroom.shortage(count: count, limit: limit)
      {
        report.stopped = (seed, reason)
        break
      }
      var generator = FuzzGenerator(seed: seed)
      let (graph, inputs) = generator.generate(steps: options.steps)
      watchdog.watch(seed: seed, graph: graph, inputs: inputs)
      // Written before the check, so a crash leaves the program that caused it on disk.
      if let dir = options.saveDirectory {
        _ = try? save(graph, inputs, directory: dir, file: Fuzz.inProgress)
      }
      report.programs += 1
      report.nodes += graph.nodes.count
      for node in graph.nodes { report.ops[node.op.name, default: 0] += 1 }
      func check(_ g: Graph, _ values: [String: HostArray]) -> [DifferentialFinding] {
        do {
          let lowered = try TraceLowering.lower(
            TraceReader.decode(Data(TraceWriter.data(g.toTrace()))))
          return Differential(graph: lowered, inputs: values, context: context).run(
            configurations)
        } catch {
          return [DifferentialFinding(kind: .internalError, stage: "trace", message: "\(error)")]
        }
      }
      let findings = check(graph, inputs)
      if !findings.isEmpty {
        var minimizer = FuzzMinimizer(check: check)
        let (small, values, shown) = minimizer.minimize(graph, inputs, findings)
        var failure = FuzzFailure(
          seed: seed, findings: shown, nodes: (graph.nodes.count, small.nodes.count))
        if let dir = options.saveDirectory {
          failure.savedAs = try save(small, values, directory: dir)
        }
        log(
          "seed \(seed): \(shown.count) finding(s), \(graph.nodes.count) -> \(small.nodes.count) nodes"
            + (failure.savedAs.map { ", saved as \($0)" } ?? ""))
        for f in shown.prefix(4) { log("  \(f)") }
        report.failures.append(failure)
      }
      if (i + 1) % 100 == 0 {
        log("\(i + 1) programs, \(report.failures.count) failing")
      }
    }
    if let dir = options.saveDirectory {
      try? FileManager.default.removeItem(
        atPath: URL(fileURLWithPath: dir).appendingPathComponent("\(inProgress).json").path)
    }
    report.seconds = Date().timeIntervalSince(start)
    return report
  }

  /// Writes `graph` with its input values inline as `<file or its name>.json` in `directory`.
  static func save(
    _ graph: Graph, _ inputs: [String: HostArray], directory: String, file: String? = nil
  ) throws -> String {
    var g = graph
    for (k, decl) in g.inputs.enumerated() {
      guard let value = inputs[decl.name] else { continue }
      g.inputs[k].data = TraceData.inline(value.littleEndianBytes())
    }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = URL(fileURLWithPath: directory).appendingPathComponent("\(file ?? g.name).json")
      .path
    try Data(TraceWriter.data(g.toTrace())).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// The report as text.
  public static func text(_ r: FuzzReport) -> String {
    let covered = r.ops.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    var out = String(
      format: "fuzz: %d programs, %d nodes, %d failing, %.1f s\n", r.programs, r.nodes,
      r.failures.count, r.seconds)
    out +=
      "checked: reference, plan interpreter fused and unfused, "
      + (r.configurations.isEmpty
        ? "no OpenCL device (host)\n" : "opencl \(r.configurations.joined(separator: ", "))\n")
    out += "ops: \(covered.joined(separator: ", "))\n"
    for f in r.failures {
      out += "seed \(f.seed): \(f.findings.first.map { "\($0)" } ?? "")\n"
    }
    return out
  }
}
