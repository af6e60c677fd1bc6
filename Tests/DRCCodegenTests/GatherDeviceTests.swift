// Gathers on PoCL: an index out of bounds fails the generated program's run, at the portable and
// the device's vector widths, in ordinary and resident (device-mode) runs, naming the take; the
// clamped read never leaves its buffer, and a run with good indices after a failed one is right.

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class GatherDeviceTests: XCTestCase {
  func context() throws -> CLContext {
    do { return try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable (install pocl-opencl-icd): \(error)")
    }
  }

  func testAnOutOfBoundsIndexFailsTheRun() throws {
    let ctx = try context()
    let url = repositoryRoot.appendingPathComponent("traces/ops/take.json")
    for widths in [VectorWidths.portable, VectorWidths(narrow: 16, wide: 8)] {
      let compiled = try compileTrace(url, widths: widths)
      let dir = url.deletingLastPathComponent().path
      let good = try Interpreter.savedInputs(graph: compiled.graph, traceDirectory: dir)
      let runner = try OpenCLPlanRunner(
        plan: compiled.plan, source: compiled.source, context: ctx, cache: nil)
      var bad = good
      // long_idx gathers 4096 elements of a 3000-element array in vector code: one index at
      // 3000 (the end) and one at -3001.
      var indices = try XCTUnwrap(good["long_idx"]).int32s()
      indices[17] = 3000
      indices[4000] = -3001
      bad["long_idx"] = try HostArray(indices, shape: [4096])
      XCTAssertThrowsError(try runner.run(inputs: bad, poison: true)) {
        XCTAssertTrue(
          "\($0)".contains("out of bounds for axis 0 with size 3000 (2 such indices)"), "\($0)")
      }
      let again = try runner.run(inputs: good).outputs
      let want = try Interpreter(graph: compiled.graph).run(inputs: good)
      XCTAssertEqual(again["take_long_f32"]?.floats(), want["take_long_f32"]?.floats())
      // A resident run (what device mode does) fails the same way, before handing out outputs.
      var buffers: [String: CLBuffer] = [:]
      for input in compiled.plan.inputs {
        let value = try XCTUnwrap(bad[input.name])
        buffers[input.name] = try CLBuffer(context: ctx, bytes: value.littleEndianBytes())
      }
      XCTAssertThrowsError(
        try runner.runResident(inputs: buffers) { try CLBuffer(context: ctx, size: $0) }
      ) {
        XCTAssertTrue("\($0)".contains("(take) at tools/make-op-traces.py:"), "\($0)")
      }
    }
  }
}
