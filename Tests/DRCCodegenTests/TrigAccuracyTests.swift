// The generated float32 sin and cos against the C library over a dense grid, on PoCL.
//
// The grid covers [-10, 10] finely, random values up to the fast path's bound 4096, the floats
// nearest multiples of pi/2 (where the reduction cancels), values beyond the bound (the builtin
// fallback), tiny and subnormal values and the special values. The reference is the double
// result rounded to float. Vectors (16 lanes) and the scalar form (1 lane) are both checked.

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class TrigAccuracyTests: XCTestCase {
  /// The distance in float32 ulps between two floats (0 for equal values or two NaNs).
  func ulps(_ a: Float, _ b: Float) -> Int {
    if a == b || (a.isNaN && b.isNaN) { return 0 }
    func ordinal(_ f: Float) -> Int64 {
      let bits = Int64(f.bitPattern)
      return bits & 0x8000_0000 != 0 ? -(bits & 0x7FFF_FFFF) : bits
    }
    return Int((ordinal(a) - ordinal(b)).magnitude)
  }

  func grid() -> [Float] {
    var values: [Float] = stride(from: -10.0, through: 10.0, by: 1.0 / 2048).map { Float($0) }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<200_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      values.append(Float(Double(state >> 11) / Double(1 << 53) * 8192 - 4096))
    }
    for k in 1...2600 {
      let m = Float(Double(k) * Double.pi / 2)
      values += [m, m.nextUp, m.nextDown, -m, -m.nextUp]
    }
    values += (0..<150).flatMap { e -> [Float] in
      let v = Float(sign: .plus, exponent: -e, significand: 1.37)
      return [v, -v]
    }
    values += [
      0, -0.0, .infinity, -.infinity, .nan, 4096, -4096, 4096.0004, 5000, -1e6, 1e30, 3.4e38,
      Float.leastNonzeroMagnitude, -Float.leastNonzeroMagnitude,
    ]
    values.append(0.1)  // an odd count: the scalar remainder runs too
    return values
  }

  func check(width: Int) throws {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    let values = grid()
    let n = values.count
    var g = Graph(name: "trig", inputs: [InputDecl(name: "x", dtype: .float32, shape: [n])])
    let x = g.add(.input("x"), dtype: .float32, shape: [n])
    let s = g.add(.unary(.sin), [x], dtype: .float32, shape: [n])
    let c = g.add(.unary(.cos), [x], dtype: .float32, shape: [n])
    g.outputs = [OutputDecl(name: "s", node: s), OutputDecl(name: "c", node: c)]
    let plan = try PlanBuilder.build(g).0.targeting(VectorWidths(narrow: width, wide: width))
    let source = try OpenCLEmitter.emit(
      plan: plan, locations: [:], traceName: "trig", drcVersion: "test")
    let suffix = width > 1 ? "\(width)" : ""
    XCTAssertTrue(source.contains("drc_sin\(suffix)(") && source.contains("drc_cos\(suffix)("))
    let runner = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: nil)
    let out = try runner.run(inputs: ["x": try HostArray(values, shape: [n])]).outputs
    for (name, f) in [("s", { (v: Double) in Foundation.sin(v) }), ("c", { Foundation.cos($0) })] {
      let got = out[name]?.floats() ?? []
      XCTAssertEqual(got.count, n)
      var worst = (ulps: 0, x: Float(0))
      for (v, d) in zip(values, got) {
        let want = Float(f(Double(v)))
        if want.isNaN {
          XCTAssertTrue(d.isNaN, "\(name)(\(v)) = \(d)")
          continue
        }
        if want == 0 || v.magnitude < 0x1p-12 {
          XCTAssertEqual(d.sign, want.sign, "\(name)(\(v)) keeps its sign")
        }
        let e = ulps(d, want)
        if e > worst.ulps { worst = (e, v) }
      }
      XCTAssertLessThanOrEqual(worst.ulps, 3, "\(name) worst at x = \(worst.x)")
      print(
        "generated \(name) (width \(width)): worst \(worst.ulps) ulp at x = \(worst.x) over \(n) values"
      )
    }
  }

  func testGeneratedSinAndCosAreWithinThreeUlps() throws {
    try check(width: 16)
    try check(width: 1)
  }

  /// The distance in float64 ulps between two doubles (0 for equal values or two NaNs).
  func ulps(_ a: Double, _ b: Double) -> Int {
    if a == b || (a.isNaN && b.isNaN) { return 0 }
    func ordinal(_ f: Double) -> Int64 {
      let bits = Int64(bitPattern: f.bitPattern)
      return bits < 0 ? -(bits & Int64.max) : bits
    }
    let d = ordinal(a).subtractingReportingOverflow(ordinal(b))
    return d.overflow ? Int.max : Int(d.partialValue.magnitude)
  }

  func testGeneratedFloat64SinAndCosAreWithinThreeUlps() throws {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    guard ctx.device.supportsFP64 else { throw XCTSkip("no fp64 on \(ctx.device.name)") }
    var values: [Double] = stride(from: -10.0, through: 10.0, by: 1.0 / 2048).map { $0 }
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    for _ in 0..<200_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      values.append(Double(state >> 11) / Double(1 << 53) * 2_097_152 - 1_048_576)
    }
    for k in stride(from: 1, through: 660_000, by: 97) {
      let m = Double(k) * Double.pi / 2
      values += [m, m.nextUp, m.nextDown, -m]
    }
    values += (0..<1080).map { Double(sign: .plus, exponent: -$0, significand: 1.37) }
    values += [0, -0.0, .infinity, -.infinity, .nan, 1_048_576, 1_048_577, 1e300, 0.1]
    for width in [8, 1] {
      let n = values.count
      var g = Graph(name: "trig", inputs: [InputDecl(name: "x", dtype: .float64, shape: [n])])
      let x = g.add(.input("x"), dtype: .float64, shape: [n])
      let sn = g.add(.unary(.sin), [x], dtype: .float64, shape: [n])
      let cs = g.add(.unary(.cos), [x], dtype: .float64, shape: [n])
      g.outputs = [OutputDecl(name: "s", node: sn), OutputDecl(name: "c", node: cs)]
      let plan = try PlanBuilder.build(g).0.targeting(VectorWidths(narrow: width, wide: width))
      let source = try OpenCLEmitter.emit(
        plan: plan, locations: [:], traceName: "trig", drcVersion: "test")
      XCTAssertTrue(source.contains("drc_dsin"), "the generated float64 sin is used")
      let runner = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: nil)
      let out = try runner.run(inputs: ["x": try HostArray(values, shape: [n])]).outputs
      for (name, f) in [("s", { (v: Double) in Foundation.sin(v) }), ("c", { Foundation.cos($0) })]
      {
        let got = out[name]?.doubles() ?? []
        XCTAssertEqual(got.count, n)
        var worst = (ulps: 0, x: 0.0)
        for (v, d) in zip(values, got) {
          let want = f(v)
          if want.isNaN {
            XCTAssertTrue(d.isNaN, "\(name)(\(v)) = \(d)")
            continue
          }
          if want == 0 || v.magnitude < 0x1p-26 {
            XCTAssertEqual(d.sign, want.sign, "\(name)(\(v)) keeps its sign")
          }
          let e = ulps(d, want)
          if e > worst.ulps { worst = (e, v) }
        }
        XCTAssertLessThanOrEqual(worst.ulps, 3, "\(name) worst at x = \(worst.x)")
        print(
          "generated float64 \(name) (width \(width)): worst \(worst.ulps) ulp at x = \(worst.x) over \(n) values"
        )
      }
    }
  }
}
