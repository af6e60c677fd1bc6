// Differential checking: one program through every executor drc has, against the reference.
//
// The reference interpreter runs the verified graph; then the optimised graph is fused (and
// left unfused), each plan is run by the host plan interpreter and, on an OpenCL device, at each
// requested vector width with poisoned buffers (every byte 0xFF, so an element no kernel writes
// shows). Each output is compared with the float64 oracle and its error bounds (`OutputCheck`,
// docs/numerics.md): integers and bools exactly. Any error on the way is a finding too: the program is
// valid, so a refusal is a compiler bug. `drc fuzz` and the regression tests both use this.

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCRuntime
import DRCTrace
import Foundation

/// One way of running a plan: fused or not, at some vector widths.
public struct DifferentialConfiguration: Sendable, Hashable, CustomStringConvertible {
  /// Whether kernels are fused.
  public var fuse: Bool
  /// The compile target's lanes.
  public var widths: VectorWidths
  /// Creates a configuration.
  public init(fuse: Bool, widths: VectorWidths) {
    self.fuse = fuse
    self.widths = widths
  }
  /// `fused 16/8`, `unfused 1/1`.
  public var description: String {
    "\(fuse ? "fused" : "unfused") \(widths.narrow)/\(widths.wide)"
  }
  /// Fused at 1, 2 and the device's widths; unfused at the device's.
  public static func standard(device: VectorWidths) -> [DifferentialConfiguration] {
    var result: [DifferentialConfiguration] = []
    for w in [VectorWidths(narrow: 1, wide: 1), VectorWidths(narrow: 2, wide: 2), device]
    where !result.contains(where: { $0.widths == w }) {
      result.append(DifferentialConfiguration(fuse: true, widths: w))
    }
    result.append(DifferentialConfiguration(fuse: false, widths: device))
    return result
  }
}

/// Something a differential run found.
public struct DifferentialFinding: Sendable, CustomStringConvertible, Hashable {
  /// What kind of failure.
  public enum Kind: String, Sendable, Hashable {
    /// An output differs from the reference beyond tolerance (or is missing).
    case wrongResult = "wrong result"
    /// A stage threw on a valid program.
    case internalError = "internal error"
  }
  /// The kind.
  public var kind: Kind
  /// Where: `reference`, `optimise`, `plan interpreter fused`, `opencl fused 2/2`, ...
  public var stage: String
  /// What happened.
  public var message: String
  /// `stage: kind: message`.
  public var description: String { "\(stage): \(kind.rawValue): \(message)" }
}

/// A differential check of one graph on given inputs.
public struct Differential {
  /// The verified graph.
  public var graph: Graph
  /// Input values by name.
  public var inputs: [String: HostArray]
  /// The OpenCL context, or nil to check only the host executors.
  public var context: CLContext?

  /// Creates a check.
  public init(graph: Graph, inputs: [String: HostArray], context: CLContext?) {
    self.graph = graph
    self.inputs = inputs
    self.context = context
  }

  /// Runs every executor in `configurations` and returns what disagreed or failed.
  public func run(_ configurations: [DifferentialConfiguration]) -> [DifferentialFinding] {
    var findings: [DifferentialFinding] = []
    func failing(_ stage: String, _ body: () throws -> Void) {
      do { try body() } catch {
        findings.append(
          DifferentialFinding(kind: .internalError, stage: stage, message: "\(error)"))
      }
    }
    var reference: [String: BoundedValue] = [:]
    failing("reference") {
      _ = try Interpreter(graph: graph).run(inputs: inputs)
      reference = try OutputCheck.oracle(graph: graph, inputs: inputs)
    }
    if !findings.isEmpty { return findings }
    let context = PassContext()
    var optimised = graph
    failing("optimise") { optimised = try PassManager.standard().run(graph, context: context).0 }
    if !findings.isEmpty { return findings }
    // One plan per fusion choice, built and run on the host once, then retargeted per width.
    var plans: [Bool: (Plan, FusionReport)] = [:]
    for configuration in configurations {
      failing("\(configuration)") {
        let (built, report): (Plan, FusionReport)
        if let cached = plans[configuration.fuse] {
          (built, report) = cached
        } else {
          (built, report) = try PlanBuilder.build(
            optimised, options: FusionOptions(fuse: configuration.fuse), context: context)
          plans[configuration.fuse] = (built, report)
          let host = try PlanInterpreter(plan: built).run(inputs: inputs)
          findings += compare(host, reference, stage: "plan interpreter \(configuration)")
        }
        let plan = built.targeting(configuration.widths)
        try PlanVerifier.check(plan)
        guard let device = self.context else { return }
        var locations: [Int: String] = [:]
        for node in report.graph.nodes { if let loc = node.loc { locations[node.id] = loc } }
        let source = try OpenCLEmitter.emit(
          plan: plan, locations: locations, traceName: graph.name, drcVersion: "differential")
        let runner = try OpenCLPlanRunner(plan: plan, source: source, context: device, cache: nil)
        let got = try runner.run(inputs: inputs, poison: true).outputs
        findings += compare(got, reference, stage: "opencl \(configuration)")
      }
    }
    return findings
  }

  /// Per-output disagreements of `got` with the oracle.
  func compare(_ got: [String: HostArray], _ oracle: [String: BoundedValue], stage: String)
    -> [DifferentialFinding]
  {
    var verdicts = OutputCheck.compare(graph: graph, oracle: oracle, device: got)
    do {
      verdicts = try OutputCheck.reconsider(
        verdicts, graph: graph, oracle: oracle, inputs: inputs, device: got)
    } catch {
      return [DifferentialFinding(kind: .internalError, stage: "reference", message: "\(error)")]
    }
    return verdicts.filter { !$0.passes }.map {
      DifferentialFinding(kind: .wrongResult, stage: stage, message: "\($0)")
    }
  }
}
