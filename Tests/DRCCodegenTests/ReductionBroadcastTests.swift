// Row reductions that read a value broadcast along the row (softmax's row maximum), on PoCL.
//
// When every vector of a row reduction starts at a multiple of W (rows, or split blocks, whose
// lengths are multiples of W), the vector loop reads such a value with one load per vector; when
// not (rows of 203, or 1000 classes at 16 lanes), a vector that lies in one row still reads it
// once behind a scalar row test, and only a vector crossing rows gathers. Both must compute
// what the reference computes, and the aligned case must not gather.

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCRuntime
import XCTest

extension ReductionDeviceTests {
  /// softmax over the rows of a [rows, cols] float32 array: m = max(x, 1), e = exp(x - m),
  /// e / sum(e, 1); the generated source and the device result against the reference.
  func softmax(rows: Int, cols: Int, widths: VectorWidths) throws -> (String, HostArray, HostArray)
  {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    var g = Graph(name: "s", inputs: [InputDecl(name: "x", dtype: .float32, shape: [rows, cols])])
    let x = g.add(.input("x"), dtype: .float32, shape: [rows, cols])
    let m = g.add(
      .reduce(.max, axes: [1], keepdims: true), [x], dtype: .float32, shape: [rows, 1])
    let mb = g.add(.broadcast, [m], dtype: .float32, shape: [rows, cols])
    let d = g.add(.binary(.sub), [x, mb], dtype: .float32, shape: [rows, cols])
    let e = g.add(.unary(.exp), [d], dtype: .float32, shape: [rows, cols])
    let s = g.add(
      .reduce(.sum, axes: [1], keepdims: true), [e], dtype: .float32, shape: [rows, 1])
    let sb = g.add(.broadcast, [s], dtype: .float32, shape: [rows, cols])
    let out = g.add(.binary(.div), [e, sb], dtype: .float32, shape: [rows, cols])
    g.outputs = [OutputDecl(name: "out", node: out)]
    let plan = try PlanBuilder.build(g, options: FusionOptions(vectorWidths: widths)).0
    XCTAssertTrue(plan.kernels.contains(where: LaunchGeometry.rowVector))
    let source = try OpenCLEmitter.emit(plan: plan, locations: [:], traceName: "s", drcVersion: "t")
    let values = (0..<(rows * cols)).map { Float(($0 * 7919) % 1013) * 0.01 - 5 }
    let input = try HostArray(values, shape: [rows, cols])
    let runner = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: nil)
    let device = try XCTUnwrap(try runner.run(inputs: ["x": input]).outputs["out"])
    let reference = try XCTUnwrap(try Interpreter(graph: g).run(inputs: ["x": input])["out"])
    return (source, device, reference)
  }

  func testRowReductionsReadABroadcastRowValueOncePerVector() throws {
    for (cols, widths) in [
      (256, VectorWidths(narrow: 16, wide: 8)), (256, .portable),
      (203, VectorWidths(narrow: 16, wide: 8)),
    ] {
      let rows = 37
      let (source, device, reference) = try softmax(rows: rows, cols: cols, widths: widths)
      // exp (3 ulp), a sum of cols terms in another order (cols u relative, the terms being
      // positive) and a division (2.5 ulp): within (cols + 8) u of each value.
      let bounds = reference.doubles().map { (Double(cols) + 8) * 0x1p-24 * abs($0) + 0x1p-126 }
      within(device, reference, bounds)
      // Per-lane gathers index with a lane of a long vector: `a1[e1.s0]`.
      let gathers = source.contains(".s0]")
      XCTAssertEqual(gathers, cols % 8 != 0, "\(cols) columns: gathers only when W does not divide")
      if cols % 8 != 0 {
        // Then the vectors that lie in one row read the row's value once, behind a row test.
        XCTAssertTrue(source.contains("+ 16L <= \(cols)L)") || source.contains("+ 8L <= \(cols)L)"))
        XCTAssertTrue(source.contains("(float16)(a") || source.contains("(float8)(a"))
      }
    }
  }
}
