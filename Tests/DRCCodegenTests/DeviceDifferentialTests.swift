// Generated programs run on PoCL and agree with the reference interpreter, for every trace.
//
// Each trace in `traces/` and `traces/ops/` is compiled, fused and unfused, its OpenCL C program is run by
// `OpenCLPlanRunner` with the trace's saved (or seeded random) inputs, and every output is
// compared with the float64 oracle on the recorded graph within the per-element error bounds of
// `OutputCheck` (docs/numerics.md "Checking device results").

import DRCCodegen
import DRCDriver
import DRCIR
import DRCOpenCL
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class DeviceDifferentialTests: XCTestCase {
  func context() throws -> CLContext {
    do { return try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable (install pocl-opencl-icd): \(error)")
    }
  }

  /// Runs one trace on the device and returns a failure message per disagreeing output.
  func check(
    _ url: URL, _ ctx: CLContext, fuse: Bool, widths: VectorWidths = .portable
  ) throws -> [String] {
    let compiled = try compileTrace(url, fuse: fuse, widths: widths)
    let graph = compiled.graph
    let dir = url.deletingLastPathComponent().path
    let inputs =
      graph.inputs.allSatisfy({ $0.data != nil })
      ? try Interpreter.savedInputs(graph: graph, traceDirectory: dir)
      : try Interpreter.randomInputs(graph: graph, seed: 7)
    let runner = try OpenCLPlanRunner(
      plan: compiled.plan, source: compiled.source, context: ctx, cache: nil)
    // Buffers start poisoned (all bytes 0xFF), so an element no kernel writes fails.
    let got = try runner.run(inputs: inputs, poison: true).outputs
    var failures: [String] = []
    for verdict in try OutputCheck.check(graph: graph, inputs: inputs, device: got)
    where !verdict.passes {
      failures.append(
        "\(compiled.name) (fuse \(fuse), widths \(widths.narrow)/\(widths.wide)): \(verdict)")
    }
    return failures
  }

  func testEveryTraceAgreesWithTheReferenceOnPoCL() throws {
    let ctx = try context()
    var failures: [String] = []
    for url in try traceFiles("traces") + traceFiles("traces/ops") {
      do {
        failures += try check(url, ctx, fuse: true)
        failures += try check(url, ctx, fuse: false)
      } catch {
        failures.append("\(url.lastPathComponent): \(error)")
      }
    }
    XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
  }

  /// Kernels generated at every vector width but the portable ones (scalar for GPUs, 2 lanes,
  /// 16 and 8 for AVX-512) agree with the reference too, remainders included.
  func testEveryTraceAgreesAtOtherVectorWidths() throws {
    let ctx = try context()
    var failures: [String] = []
    var widened = 0
    for url in try traceFiles("traces") + traceFiles("traces/ops") {
      for widths in [
        VectorWidths(narrow: 1, wide: 1), VectorWidths(narrow: 2, wide: 2),
        VectorWidths(narrow: 16, wide: 8),
      ] {
        do {
          let plan = try compileTrace(url, widths: widths).plan
          widened += plan.kernels.filter { $0.vectorWidth != nil }.count
          failures += try check(url, ctx, fuse: true, widths: widths)
        } catch {
          failures.append("\(url.lastPathComponent) \(widths): \(error)")
        }
      }
    }
    XCTAssertGreaterThan(widened, 30, "kernels given a non-portable width")
    XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
  }
}
