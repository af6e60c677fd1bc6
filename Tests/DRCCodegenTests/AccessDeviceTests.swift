// Vector access forms on PoCL: row-aligned loads, strided gathers, per-row splats, remainders.
//
// The benchmark traces mostly read whole buffers (one `vloadN`) or clamped stencils (gathers);
// these graphs reach the other forms `Addressing` picks: a slice whose rows are a multiple of
// the vector width (a `vloadN` per row position), a transpose (a strided gather), a column
// broadcast along rows (a splat per work-item) and odd sizes (the scalar remainder).

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCRuntime
import XCTest

final class AccessDeviceTests: XCTestCase {
  /// Runs `y = view(x) * 2 + x2` style graphs built by `build` and compares with the reference.
  func check(_ shape: [Int], _ build: (inout Graph, Int) -> Int, expect: [String] = []) throws {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    var g = Graph(name: "v", inputs: [InputDecl(name: "x", dtype: .float32, shape: shape)])
    let x = g.add(.input("x"), dtype: .float32, shape: shape)
    let y = build(&g, x)
    g.outputs = [OutputDecl(name: "y", node: y)]
    let plan = try PlanBuilder.build(g).0
    let source = try OpenCLEmitter.emit(
      plan: plan, locations: [:], traceName: "v", drcVersion: "test")
    for text in expect { XCTAssertTrue(source.contains(text), "expected \(text) in\n\(source)") }
    if OpenCLSyntaxCheck.isAvailable { try OpenCLSyntaxCheck.check(source) }
    let n = shape.reduce(1, *)
    let input = try HostArray((0..<n).map { Float($0) * 0.5 - 3 }, shape: shape)
    let runner = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: nil)
    let device = try runner.run(inputs: ["x": input]).outputs["y"]
    let reference = try Interpreter(graph: g).run(inputs: ["x": input])["y"]
    XCTAssertEqual(device?.doubles(), reference?.doubles())
  }

  func twice(_ g: inout Graph, _ v: Int, _ shape: [Int]) -> Int {
    let two = g.add(.full(.float(2)), dtype: .float32, shape: [])
    return g.add(.binary(.mul), [v, two], dtype: .float32, shape: shape)
  }

  func testSliceWithRowsOfWholeVectors() throws {
    try check(
      [16, 24],
      { g, x in
        let s = g.add(
          .slice([.all(16), SliceRange(start: 4, stop: 20, step: 1)]), [x], dtype: .float32,
          shape: [16, 16])
        return twice(&g, s, [16, 16])
      }, expect: ["const long b0", "vload8"])
  }

  func testTransposeGathers() throws {
    try check(
      [16, 16],
      { g, x in
        let t = g.add(.transpose([1, 0]), [x], dtype: .float32, shape: [16, 16])
        let y = twice(&g, t, [16, 16])
        return g.add(.binary(.add), [y, x], dtype: .float32, shape: [16, 16])
      })
  }

  func testColumnBroadcastSplatsPerWorkItem() throws {
    try check(
      [16],
      { g, x in
        let c = g.add(.expandDims([1]), [x], dtype: .float32, shape: [16, 1])
        let b = g.add(.broadcast, [c], dtype: .float32, shape: [16, 24])
        return twice(&g, b, [16, 24])
      })
  }

  func testOddSizesUseTheScalarRemainder() throws {
    try check(
      [7, 5],
      { g, x in
        let t = g.add(.transpose([1, 0]), [x], dtype: .float32, shape: [5, 7])
        return twice(&g, t, [5, 7])
      }, expect: ["for (long p = p0; p < 35L; ++p)"])
  }
}
