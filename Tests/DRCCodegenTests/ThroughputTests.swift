// Opt-in timing of a generated program on the OpenCL device (not a pass/fail test).
//
// `DRC_BENCH_TRACE=/tmp/bs16m.json swift test --filter ThroughputTests` compiles the trace,
// runs its program seven times with profiling and prints the median device time per kernel,
// for comparing against the hand-written kernels in the OpenCL notes.

import DRCCodegen
import DRCDriver
import DRCOpenCL
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class ThroughputTests: XCTestCase {
  func testDeviceTimeOfTrace() throws {
    guard let path = ProcessInfo.processInfo.environment["DRC_BENCH_TRACE"] else {
      throw XCTSkip("set DRC_BENCH_TRACE to a trace file to time it")
    }
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0", profiling: true) } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    let compiled = try compileTrace(URL(fileURLWithPath: path))
    // The trace's saved inputs where it has them (drc record --save-inputs), else random ones.
    let (inputs, saved) = try LoadedTrace(path: path).inputs(seed: 7)
    print("inputs: \(saved) saved, \(compiled.graph.inputs.count - saved) generated")
    // DRC_BENCH_OPTIONS adds build options (e.g. -D DRC_BUILTIN_EXP, CLExpLog.swift).
    let extra = ProcessInfo.processInfo.environment["DRC_BENCH_OPTIONS"].map { " " + $0 } ?? ""
    let runner = try OpenCLPlanRunner(
      plan: compiled.plan, source: compiled.source, context: ctx, cache: nil,
      options: OpenCLPlanRunner.buildOptions(for: ctx.device) + extra)
    var times: [[UInt64]] = []
    for _ in 0..<7 { times.append(try runner.run(inputs: inputs, profile: true).kernelNanoseconds) }
    for (k, kernel) in compiled.plan.kernels.enumerated() {
      let sorted = times.map { $0[k] }.sorted()
      print("\(kernel.name): median \(Double(sorted[3]) / 1e6) ms over 7 runs")
    }
  }
}
