// `drc verify`: replay the plan launch by launch and find the first kernel that diverges.
//
// Every value a launch writes is downloaded right after it runs and compared with the float64
// oracle's value of the same node within that node's error bounds (ErrorBounds.swift, which
// cover the errors of every launch before it). The first disagreement is reported with its kernel, its ops and their
// source lines, so a code-generation bug points at the trace lines it came from.

import DRCIR
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation

/// The outcome of `drc verify`.
public struct VerifyReport: Sendable {
  /// Launches checked.
  public var launchesChecked: Int
  /// Values compared.
  public var valuesChecked: Int
  /// The first divergence, if any: a description naming step, kernel, node, ops and lines.
  public var divergence: String?
}

/// Kernel-by-kernel checking against the reference.
public enum DeviceVerify {
  private struct Stop: Error {}

  /// Verifies the trace at `path` on the chosen device.
  public static func run(path: String, options: DeviceRunOptions) throws -> VerifyReport {
    let c = try Compilation(path: path, options: options.compile)
    try DeviceRun.checkMemory(c)
    return try run(c, source: try Emission.source(of: c, requireCheck: false), options: options)
  }

  /// Verifies compilation `c` with OpenCL C `source` (tests pass a deliberately broken one).
  public static func run(_ c: Compilation, source: String, options: DeviceRunOptions) throws
    -> VerifyReport
  {
    let runner = try DeviceRun.runner(c, source: source, device: options.device)
    let (inputs, _) = try c.loaded.inputs(seed: options.seed)
    // Plan node ids are those of the graph fusion saw, which the report keeps.
    let graph = c.report.graph
    let oracle = try ErrorBounds.run(graph: graph, inputs: inputs)
    let byStep = Dictionary(grouping: c.plan.values, by: \.step)
    let explanation = Explanation(c)
    var report = VerifyReport(launchesChecked: 0, valuesChecked: 0, divergence: nil)
    do {
      _ = try runner.run(inputs: inputs) { step in
        report.launchesChecked += 1
        for v in byStep[step] ?? [] {
          let got = try runner.download(v.buffer, dtype: v.dtype, shape: v.shape)
          guard let want = oracle[v.node] else { continue }
          let a = Agreement.compare(got, want.value, bound: want.bound, dtype: v.dtype)
          report.valuesChecked += 1
          if !a.passes {
            let node = graph.nodes[v.node]
            let kernel = c.plan.steps[step].kernel.map { c.plan.kernels[$0].name } ?? "?"
            let nodes = c.plan.steps[step].nodes
            report.divergence =
              "step \(step) (kernel \(kernel)) computes n\(v.node) \(node.op.name)\(node.loc.map { " at \($0)" } ?? "") "
              + String(
                format: "with error %.3g (bound %.3g) at element %d", a.maxAbsolute,
                a.boundAtWorst, a.firstFailure ?? a.worst)
              + "\n  ops: \(explanation.ops(nodes))\n  source: \(explanation.lines(nodes))"
            throw Stop()
          }
        }
      }
    } catch is Stop {}
    return report
  }
}
