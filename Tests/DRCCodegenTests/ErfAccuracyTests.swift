// The generated float32 erf against the C library's erff over a dense grid, on PoCL.
//
// The grid covers [-6, 6] finely (both branches of CLErf and the switch at 0.5), tiny values
// down to subnormals, and the special values. The vector path (8 lanes) and the scalar
// remainder path are both exercised (the element count is not a multiple of 8).

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class ErfAccuracyTests: XCTestCase {
  func testGeneratedErfIsWithinFourUlps() throws {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    var values: [Float] = stride(from: -6.0, through: 6.0, by: 1.0 / 4096).map { Float($0) }
    values += (0..<140).flatMap { e -> [Float] in
      let v = Float(sign: .plus, exponent: -e, significand: 1.37)
      return [v, -v]
    }
    values += [
      0, -0.0, .infinity, -.infinity, .nan, 0.5, -0.5, 0.49999997, 0.50000006, 3.9, 10, -10, 1e30,
    ]
    values.append(0.1)  // make the count odd: the scalar remainder runs too
    let n = values.count
    var g = Graph(name: "erf", inputs: [InputDecl(name: "x", dtype: .float32, shape: [n])])
    let x = g.add(.input("x"), dtype: .float32, shape: [n])
    let y = g.add(.unary(.erf), [x], dtype: .float32, shape: [n])
    g.outputs = [OutputDecl(name: "y", node: y)]
    let plan = try PlanBuilder.build(g).0
    let source = try OpenCLEmitter.emit(
      plan: plan, locations: [:], traceName: "erf", drcVersion: "test")
    XCTAssertTrue(source.contains("drc_erf8("), "the vector path uses the generated erf")
    let runner = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: nil)
    let got =
      try runner.run(inputs: ["x": try HostArray(values, shape: [n])]).outputs["y"]?.floats() ?? []
    XCTAssertEqual(got.count, n)
    var worst = (ulps: 0, x: Float(0))
    for (v, d) in zip(values, got) {
      let want = erff(v)
      if want.isNaN {
        XCTAssertTrue(d.isNaN, "erf(\(v)) = \(d)")
        continue
      }
      XCTAssertEqual(d.sign, want.sign, "erf(\(v)) sign")
      let e = ulpDistance(Double(d), Double(want), .float32)
      if e > worst.ulps { worst = (e, v) }
    }
    XCTAssertLessThanOrEqual(worst.ulps, 4, "worst at x = \(worst.x)")
    print("generated erf: worst \(worst.ulps) ulp at x = \(worst.x) over \(n) values")
  }
}
