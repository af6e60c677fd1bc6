// Opt-in timing of the generated exp, expm1, log and log1p against the device builtins.
//
// `DRC_BENCH_EXPLOG=1 swift test --filter ExpLogThroughputTests` builds, for each function and
// float dtype, a program computing y = f(x) over 16M elements (DRC_BENCH_EXPLOG_N to change),
// (DRC_BENCH_EXPLOG_OPS=exp,log to choose functions) twice from the same source: as generated, and with `-D DRC_BUILTIN_EXPLOG`, which makes every
// generated helper return the device builtin. The two run alternately (one warm-up, then seven
// profiled runs each) and the medians of kernel time are printed with their ratio. This is a
// measurement for choosing where generated code is used (CLHelper.generated), not a pass/fail
// test: it only checks that both forms ran and agree within the documented bounds.

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class ExpLogThroughputTests: XCTestCase {
  /// Inputs where each function is usually evaluated: exp's near its centre, log's positive.
  func values(_ op: UnaryOp, count n: Int) -> [Double] {
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    return (0..<n).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let u = Double(state >> 11) / Double(1 << 53)
      switch op {
      case .exp, .expm1: return u * 20 - 10
      case .log: return u * 100 + 1e-3
      default: return u * 10 - 0.5
      }
    }
  }

  /// The median kernel milliseconds of `f` over `n` values of `dtype`: generated and builtin.
  func time(_ op: UnaryOp, _ dtype: DType, count n: Int, context ctx: CLContext) throws -> (
    generated: Double, builtin: Double
  ) {
    var g = Graph(name: "speed", inputs: [InputDecl(name: "x", dtype: dtype, shape: [n])])
    let x = g.add(.input("x"), dtype: dtype, shape: [n])
    let y = g.add(.unary(op), [x], dtype: dtype, shape: [n])
    g.outputs = [OutputDecl(name: "y", node: y)]
    let plan = try PlanBuilder.build(g).0.targeting(.portable)
    let source = try OpenCLEmitter.emit(
      plan: plan, locations: [:], traceName: "speed", drcVersion: "test")
    let v = values(op, count: n)
    let input =
      dtype == .float32
      ? try HostArray(v.map { Float($0) }, shape: [n]) : try HostArray(v, shape: [n])
    let options = OpenCLPlanRunner.buildOptions(for: ctx.device)
    let runners = try ["", " -D DRC_BUILTIN_EXPLOG"].map {
      try OpenCLPlanRunner(
        plan: plan, source: source, context: ctx, cache: nil, options: options + $0)
    }
    var times: [[Double]] = [[], []]
    var outputs: [[Double]] = [[], []]
    for (i, runner) in runners.enumerated() {
      outputs[i] = try runner.run(inputs: ["x": input]).outputs["y"]?.doubles() ?? []
    }
    for _ in 0..<7 {
      for (i, runner) in runners.enumerated() {
        let r = try runner.run(inputs: ["x": input], profile: true)
        times[i].append(Double(r.kernelNanoseconds.reduce(0, +)) / 1e6)
      }
    }
    let worst = zip(outputs[0], outputs[1]).map { ulpDistance($0, $1, dtype) }.max() ?? -1
    XCTAssertTrue(worst >= 0 && worst <= 4, "\(op.rawValue) \(dtype): forms differ by \(worst) ulp")
    func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    return (median(times[0]), median(times[1]))
  }

  func testGeneratedAgainstBuiltinSpeed() throws {
    let env = ProcessInfo.processInfo.environment
    guard env["DRC_BENCH_EXPLOG"] == "1" else {
      throw XCTSkip("set DRC_BENCH_EXPLOG=1 to time the generated exp and log")
    }
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0", profiling: true) } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    let n = env["DRC_BENCH_EXPLOG_N"].flatMap { Int($0) } ?? 1 << 24
    for dtype in [DType.float32, .float64] where dtype == .float32 || ctx.device.supportsFP64 {
      let names = env["DRC_BENCH_EXPLOG_OPS"]?.split(separator: ",").map(String.init)
      let ops = names?.compactMap { UnaryOp(rawValue: $0) } ?? [.exp, .log, .expm1, .log1p]
      for op in ops {
        let t = try time(op, dtype, count: n, context: ctx)
        print(
          String(
            format: "%@ %@ over %d: generated %.2f ms, builtin %.2f ms (%.2fx)",
            op.rawValue as NSString, "\(dtype)" as NSString, n, t.generated, t.builtin,
            t.builtin / t.generated))
      }
    }
  }
}
