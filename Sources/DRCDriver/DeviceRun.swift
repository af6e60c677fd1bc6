// `drc run`: compile a trace, replay it on an OpenCL device, and check it against the oracle.
//
// The trace is compiled (fused, or one kernel per op with `--unfused`), its program emitted and
// built through the program cache, and the plan replayed `repeat` times on the trace's saved
// inputs (or seeded random ones). Every output is compared with the float64 oracle within the
// per-element error bounds of OutputCheck (docs/numerics.md "Checking"). The report gives
// per-kernel device times, the run times, kernels, launches, bytes moved and the largest errors.
// With `outputsDirectory` the first run's outputs are written as `.npy` files (NPYWriter).

import DRCIR
import DRCOpenCL
import DRCPlan
import DRCReplay
import DRCRuntime
import DRCTrace
import Foundation

/// Options of `drc run` and `drc verify`.
public struct DeviceRunOptions: Sendable {
  /// Device index or name substring (nil: `DRC_DEVICE`, else the first GPU, else the first device).
  public var device: String?
  /// Compiler options.
  public var compile = CompileOptions()
  /// Timed runs after the first.
  public var repeats = 1
  /// Seed for inputs the trace did not save.
  public var seed: UInt64 = 0
  /// Where `drc run` writes the device's outputs as `<name>.npy` (nil: nowhere).
  public var outputsDirectory: String?
  /// Creates options.
  public init(
    device: String? = nil, compile: CompileOptions = CompileOptions(), repeats: Int = 1,
    seed: UInt64 = 0, outputsDirectory: String? = nil
  ) {
    self.device = device
    self.compile = compile
    self.repeats = repeats
    self.seed = seed
    self.outputsDirectory = outputsDirectory
  }
}

/// The outcome of `drc run`.
public struct DeviceRunReport: Encodable, Sendable {
  /// One kernel's device time (median over the timed runs, summed over its launches).
  public struct KernelTime: Encodable, Sendable {
    public var name: String
    public var launches: Int
    public var milliseconds: Double
  }
  public var program: String
  public var device: String
  public var fused: Bool
  public var kernels: Int
  public var launches: Int
  public var bytesMoved: Int
  public var minimumBytes: Int
  public var buildSeconds: Double
  public var programFromCache: Bool
  /// Wall time of each timed run, in milliseconds (upload, launches, downloads).
  public var runMilliseconds: [Double]
  /// Median of `runMilliseconds`.
  public var medianMilliseconds: Double
  /// Median time from the first launch to the end of the last (no transfers).
  public var deviceMilliseconds: Double
  public var kernelTimes: [KernelTime]
  /// One verdict per output (OutputCheck).
  public var outputs: [OutputVerdict]
  public var passed: Bool
}

/// Compiling and replaying traces on devices.
public enum DeviceRun {
  /// A prepared runner for a compilation on the chosen device (`source`: its OpenCL C program).
  public static func runner(_ c: Compilation, source: String? = nil, device: String?) throws
    -> OpenCLPlanRunner
  {
    let context = try CLContext(selecting: device, profiling: true)
    let cache = ProgramCache(toolVersion: TraceFormat.drcVersion)
    let program = try source ?? Emission.source(of: c, requireCheck: false)
    return try OpenCLPlanRunner(plan: c.plan, source: program, context: context, cache: cache)
  }

  /// Compiles, runs and checks the trace at `path`.
  public static func run(path: String, options: DeviceRunOptions) throws -> DeviceRunReport {
    let c = try Compilation(path: path, options: options.compile)
    try checkMemory(c)
    let runner = try runner(c, device: options.device)
    let (inputs, _) = try c.loaded.inputs(seed: options.seed)
    let oracle = try OutputCheck.oracle(graph: c.loaded.graph, inputs: inputs)
    // The first run warms caches and first-touch pages; the timed runs follow, all profiled.
    let profiled = try runner.run(inputs: inputs, profile: true)
    if let directory = options.outputsDirectory {
      try NPYWriter.write(profiled.outputs, directory: directory)
    }
    var times: [Double] = []
    var deviceTimes: [Double] = []
    var perKernel: [[UInt64]] = Array(repeating: [], count: c.plan.kernels.count)
    for _ in 0..<max(options.repeats, 1) {
      let timed = try runner.run(inputs: inputs, profile: true)
      times.append(timed.seconds * 1e3)
      deviceTimes.append(timed.deviceSeconds * 1e3)
      for (k, ns) in timed.kernelNanoseconds.enumerated() { perKernel[k].append(ns) }
    }
    func median<T: Comparable>(_ xs: [T]) -> T? { xs.isEmpty ? nil : xs.sorted()[xs.count / 2] }
    let outputs = try OutputCheck.reconsider(
      OutputCheck.compare(graph: c.loaded.graph, oracle: oracle, device: profiled.outputs),
      graph: c.loaded.graph, oracle: oracle, inputs: inputs, device: profiled.outputs)
    var launchesPerKernel = Array(repeating: 0, count: c.plan.kernels.count)
    for step in c.plan.steps { if let k = step.kernel { launchesPerKernel[k] += 1 } }
    let kernelTimes = c.plan.kernels.enumerated().map { i, k in
      DeviceRunReport.KernelTime(
        name: k.name, launches: launchesPerKernel[i],
        milliseconds: Double(median(perKernel[i]) ?? 0) / 1e6)
    }
    return DeviceRunReport(
      program: c.plan.program, device: runner.context.device.name, fused: options.compile.fuse,
      kernels: c.plan.stats.kernels, launches: c.plan.stats.launches,
      bytesMoved: c.plan.stats.bytesMoved,
      minimumBytes: c.plan.stats.minimumBytes, buildSeconds: runner.buildSeconds,
      programFromCache: runner.programFromCache, runMilliseconds: times,
      medianMilliseconds: median(times) ?? 0,
      deviceMilliseconds: median(deviceTimes) ?? 0,
      kernelTimes: kernelTimes, outputs: outputs, passed: outputs.allSatisfy(\.passes))
  }

  /// Refuses a run whose device buffers, host inputs and outputs and oracle together would
  /// exceed the memory budget (PoCL's buffers live in host memory), before allocating any.
  public static func checkMemory(_ c: Compilation) throws {
    let graph = c.loaded.graph
    var total = c.plan.buffers.reduce(0) { MemoryBudget.add($0, max($1.bytes, 0)) }
    for decl in graph.inputs {
      total = MemoryBudget.add(total, MemoryBudget.bytes(decl.shape, size: decl.dtype.size))
    }
    for output in graph.outputs where output.node >= 0 && output.node < graph.nodes.count {
      let node = graph.nodes[output.node]
      total = MemoryBudget.add(total, MemoryBudget.bytes(node.shape, size: node.dtype.size))
    }
    let oracle = MemoryBudget.peak(graph) { _ in ErrorBounds.bytesPerElement }.bytes
    total = MemoryBudget.add(total, oracle)
    let limit = InterpreterOptions.defaultMemoryLimit
    guard total > limit else { return }
    throw TraceError(
      "\(c.plan.program): running and checking it needs \(MemoryBudget.text(total)) at once "
        + "(device buffers, inputs, outputs and the float64 oracle), over the memory limit of "
        + "\(MemoryBudget.text(limit)) (set \(MemoryBudget.environmentVariable))")
  }

  /// The human-readable form of a run report.
  public static func text(_ r: DeviceRunReport) -> String {
    var out =
      "\(r.program) on \(r.device) (\(r.fused ? "fused" : "unfused")): \(r.kernels) kernels, "
    out +=
      "\(r.launches) launches, \(Explanation.bytes(r.bytesMoved)) moved (minimum \(Explanation.bytes(r.minimumBytes)))\n"
    out += String(
      format: "program: %.1f ms (%@)\n", r.buildSeconds * 1e3,
      (r.programFromCache ? "cache hit" : "built") as NSString)
    for k in r.kernelTimes {
      out += String(
        format: "  %@  %d launch%@  %.3f ms\n", k.name as NSString, k.launches,
        (k.launches == 1 ? "" : "es") as NSString, k.milliseconds)
    }
    out += String(
      format: "run: median %.3f ms on the device, %.3f ms with transfers, over %d runs\n",
      r.deviceMilliseconds,
      r.medianMilliseconds, r.runMilliseconds.count)
    for o in r.outputs { out += "\(o)\n" }
    return out
  }
}
