// `drc bench`: fused against unfused in one process, and both against the memory floor.
//
// The trace is compiled twice (fused and `--unfused`), both plans are loaded on the same device
// and run alternately after a warm-up, all launches profiled; the medians of kernel time (summed
// over launches), device time (first launch to completion, no host transfers) and wall time (the
// whole call: uploads, launches, downloads into new arrays) are reported. Inputs are the trace's
// saved ones where it has them (`drc record --save-inputs`), else seeded random values, and the
// report says which it used: timings of exp or log depend on the values.
// Given the same program recorded at two or three sizes, the second configuration is the
// size-generic plan compiled from all of them (`drc compile a.json b.json`) instead of the
// unfused one, run on the first trace's inputs: what serving every size costs at that size.
// The memory floor is the plan's minimum bytes (every input read once, every output written
// once) at the device's triad bandwidth, which the benchmark measures itself with a float4 triad
// kernel over 3 x 128 MiB (the best of nine runs).

import DRCIR
import DRCOpenCL
import DRCPlan
import DRCReplay
import DRCRuntime
import DRCTrace
import Foundation

/// The outcome of `drc bench`.
public struct BenchReport: Encodable, Sendable {
  /// One configuration's medians.
  public struct Row: Encodable, Sendable {
    public var mode: String
    public var kernels: Int
    public var launches: Int
    public var bytesMoved: Int
    public var kernelMilliseconds: Double
    public var deviceMilliseconds: Double
    /// The whole call, transfers included.
    public var wallMilliseconds: Double
    /// The lowest, median and highest kernel time of the runs.
    public var kernelSpread: Spread
  }
  public var program: String
  public var device: String
  public var repeats: Int
  /// Inputs taken from the trace's saved data, and inputs filled with seeded random values.
  public var savedInputs: Int
  public var generatedInputs: Int
  /// Lanes per work-item the kernels were compiled for: 4-byte, 8-byte (`--vector-width`).
  public var vectorWidths: [Int]
  public var triadGBPerSecond: Double
  public var minimumBytes: Int
  public var floorMilliseconds: Double
  public var fused: Row
  /// The fused plan writing its outputs into memory allocated once and reused by every run
  /// (`DeviceBench+Storage.swift`); nil when the outputs were too large to allocate twice.
  public var fusedIntoReusedMemory: Row?
  /// The configuration compared with: unfused, or size-generic (`baseline`).
  public var unfused: Row
  /// `unfused`, or `size-generic` when the program was given at several sizes.
  public var baseline: String
  public var kernelSpeedup: Double
  public var deviceSpeedup: Double
  /// The kernel-time speedups of the alternating pairs (baseline over fused, run by run).
  public var pairedKernelSpeedup: Spread
  /// CPU time stolen by a hypervisor during the timed runs, in percent (Linux only).
  public var stealPercent: Double?
}

/// Benchmarks of compiled traces on a device.
public enum DeviceBench {
  static let triadSource = """
    __kernel void triad(__global float4* a, __global const float4* b, __global const float4* c, const float s) {
      const size_t i = get_global_id(0);
      a[i] = b[i] + s * c[i];
    }
    """

  /// The device's triad bandwidth in GB/s (three streams counted), best of `repeats` runs.
  public static func triadBandwidth(_ context: CLContext, repeats: Int) throws -> Double {
    let n = 32 << 20
    let bytes = n * 4
    let program = try CLProgram(context: context, source: triadSource)
    try program.build(options: "-cl-std=CL1.2")
    let kernel = try program.kernel("triad")
    let a = try CLBuffer(context: context, size: bytes)
    let b = try CLBuffer(context: context, size: bytes)
    let c = try CLBuffer(context: context, size: bytes)
    for buffer in [a, b, c] { try buffer.fill(pattern: [0, 0, 0x80, 0x3F]) }
    try kernel.setArgument(0, a)
    try kernel.setArgument(1, b)
    try kernel.setArgument(2, c)
    try kernel.setArgument(3, Float(3))
    var times: [Double] = []
    for _ in 0..<(repeats + 1) {
      // Wall time from enqueue to completion: what a launch costs (events can under-report).
      let start = DispatchTime.now().uptimeNanoseconds
      _ = try kernel.enqueue(global: [n / 4])
      try context.finish()
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    // The fastest run: the floor is what the memory system can do, not what it usually does.
    let best = times.dropFirst().min() ?? times[0]
    return Double(3 * bytes) / best / 1e9
  }

  /// Compiles the trace at `path` fused and unfused and times both on one device.
  public static func run(path: String, options: DeviceRunOptions) throws -> BenchReport {
    try run(paths: [path], options: options)
  }

  /// Compiles the trace at `paths[0]` fused and, with one path, unfused, or with two or three
  /// (one program at several sizes), as the size-generic plan of all; times both on one device.
  public static func run(paths: [String], options: DeviceRunOptions) throws -> BenchReport {
    guard let path = paths.first, paths.count <= 3 else {
      throw TraceError("give one trace, or one program recorded at two or three sizes")
    }
    var unfusedOptions = options.compile
    unfusedOptions.fuse = false
    var fusedOptions = options.compile
    fusedOptions.fuse = true
    let fused = try Compilation(path: path, options: fusedOptions)
    let generic = paths.count > 1
    let unfused =
      generic
      ? try DynamicCompilation.make(paths: paths, options: fusedOptions)
      : try Compilation(path: path, options: unfusedOptions)
    try DeviceRun.checkMemory(fused)
    try DeviceRun.checkMemory(unfused)
    let runners = [
      try DeviceRun.runner(fused, device: options.device),
      try DeviceRun.runner(unfused, device: options.device),
    ]
    let (inputs, saved) = try fused.loaded.inputs(seed: options.seed)
    let repeats = max(options.repeats, 1)
    var kernel: [[Double]] = [[], [], []]
    var device: [[Double]] = [[], [], []]
    var wall: [[Double]] = [[], [], []]
    let reused = ReusedOutputs(
      plan: fused.plan, limit: InterpreterOptions.defaultMemoryLimit / 4)
    for runner in runners { _ = try runner.run(inputs: inputs, profile: true) }
    let cpuStart = CPUTimes.now()
    for _ in 0..<repeats {
      // Fused, unfused, then fused into reused memory as a stub's call (outputs only, no host
      // read points), alternating.
      for i in 0..<(reused == nil ? 2 : 3) {
        let r =
          i < 2
          ? try runners[i].run(inputs: inputs, profile: true)
          : try runners[0].run(
            inputs: inputs, profile: true, into: reused?.storage ?? [:], readbacks: false)
        kernel[i].append(Double(r.kernelNanoseconds.reduce(0, +)) / 1e6)
        device[i].append(r.deviceSeconds * 1e3)
        wall[i].append(r.seconds * 1e3)
      }
    }
    let steal = CPUTimes.stealPercent(from: cpuStart, to: CPUTimes.now())
    let pairs = zip(kernel[1], kernel[0]).map { $0 / max($1, 1e-9) }
    let triad = try triadBandwidth(runners[0].context, repeats: 9)
    func row(_ i: Int, _ c: Compilation) -> BenchReport.Row {
      let spread = BenchReport.Spread(kernel[i])
      return BenchReport.Row(
        mode: i == 2
          ? "reused" : i == 0 ? (generic ? "fixed" : "fused") : (generic ? "generic" : "unfused"),
        kernels: c.plan.stats.kernels,
        launches: c.plan.stats.launches,
        bytesMoved: c.plan.stats.bytesMoved,
        kernelMilliseconds: spread.median,
        deviceMilliseconds: BenchReport.Spread(device[i]).median,
        wallMilliseconds: BenchReport.Spread(wall[i]).median,
        kernelSpread: spread)
    }
    let f = row(0, fused)
    let u = row(1, unfused)
    return BenchReport(
      program: fused.plan.program, device: runners[0].context.device.name, repeats: repeats,
      savedInputs: saved, generatedInputs: fused.loaded.graph.inputs.count - saved,
      vectorWidths: [options.compile.vectorWidths.narrow, options.compile.vectorWidths.wide],
      triadGBPerSecond: triad,
      minimumBytes: fused.plan.stats.minimumBytes,
      floorMilliseconds: Double(fused.plan.stats.minimumBytes) / triad / 1e6,
      fused: f, fusedIntoReusedMemory: reused == nil ? nil : row(2, fused), unfused: u,
      baseline: generic ? "size-generic" : "unfused",
      kernelSpeedup: u.kernelMilliseconds / f.kernelMilliseconds,
      deviceSpeedup: u.deviceMilliseconds / f.deviceMilliseconds,
      pairedKernelSpeedup: BenchReport.Spread(pairs), stealPercent: steal)
  }

  /// The human-readable report.
  public static func text(_ r: BenchReport) -> String {
    var out =
      "\(r.program) on \(r.device), median of \(r.repeats) runs each, "
      + (r.baseline == "unfused"
        ? "fused and unfused alternating\n"
        : "the fixed-size plan and the size-generic plan alternating\n")
      + "vector widths: \(r.vectorWidths.map(String.init).joined(separator: " (4-byte), ")) (8-byte)\n"
      + "inputs: \(inputsText(r))\n"
    out += String(
      format: "memory floor: %@ at %.1f GB/s (measured triad) = %.2f ms\n",
      Explanation.bytes(r.minimumBytes) as NSString, r.triadGBPerSecond, r.floorMilliseconds)
    for row in [r.fused, r.unfused] + (r.fusedIntoReusedMemory.map { [$0] } ?? []) {
      out += String(
        format:
          "%-8@ %3d kernels %4d launches %10@ moved  kernels %9.2f ms  device %9.2f ms  wall %9.2f ms  (%.1fx floor)\n",
        row.mode as NSString, row.kernels, row.launches,
        Explanation.bytes(row.bytesMoved) as NSString,
        row.kernelMilliseconds, row.deviceMilliseconds, row.wallMilliseconds,
        row.kernelMilliseconds / max(r.floorMilliseconds, 1e-9))
    }
    out += String(
      format: r.baseline == "unfused"
        ? "speedup: %.2fx in kernel time, %.2fx in device time\n"
        : "the size-generic plan takes %.2fx the fixed-size plan's kernel time, %.2fx its device time\n",
      r.kernelSpeedup, r.deviceSpeedup)
    if r.fusedIntoReusedMemory != nil {
      out +=
        "reused: the fused plan writing its outputs into memory allocated once and reused "
        + "(no first-touch page faults)\n"
    }
    return out + noiseText(r)
  }

  /// Which inputs a run used: `saved` (all from the trace), `generated`, or both counted.
  public static func inputsText(_ r: BenchReport) -> String {
    switch (r.savedInputs, r.generatedInputs) {
    case (0, 0): return "none"
    case (_, 0): return "saved (\(r.savedInputs) from the trace)"
    case (0, _): return "generated (\(r.generatedInputs) seeded random; the trace saved none)"
    default:
      return "\(r.savedInputs) saved, \(r.generatedInputs) generated (seeded random)"
    }
  }
}
