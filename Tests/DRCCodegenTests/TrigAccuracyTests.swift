// The generated sin and cos (float32 and float64) against the C library, on PoCL.
//
// Each grid covers [-10, 10] finely, random values up to the fast path's bound (4096 for
// float32, 2^20 for float64), the values nearest multiples of pi/2 (where the reduction
// cancels), values beyond the bound (the builtin fallback), tiny and subnormal values and the
// special values. The reference is the double result (rounded to float for float32). Vectors
// (the device's widest: 16 and 8 lanes) and the scalar form (1 lane) are both checked, with fma
// (devices with hardware fma) and without.

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
  /// A grid for a fast path bounded by `bound`, with `multiples` multiples of pi/2 every `step`.
  func grid(bound: Double, multiples: Int, step: Int, tinyExponents: Int) -> [Double] {
    var values: [Double] = stride(from: -10.0, through: 10.0, by: 1.0 / 2048).map { $0 }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<200_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      values.append((Double(state >> 11) / Double(1 << 53) * 2 - 1) * bound)
    }
    for k in stride(from: 1, through: multiples, by: step) {
      let m = Double(k) * Double.pi / 2
      values += [m, m.nextUp, m.nextDown, -m]
    }
    values += (0..<tinyExponents).flatMap { e -> [Double] in
      let v = Double(sign: .plus, exponent: -e, significand: 1.37)
      return [v, -v]
    }
    values += [0, -0.0, .infinity, -.infinity, .nan, bound, -bound, bound * 1.0001, 1e30, -1e6]
    values.append(0.1)  // an odd count: the scalar remainder runs too
    return values
  }

  /// Runs sin and cos of `values` at `dtype` and `width` lanes; asserts at most 3 ulp, exact
  /// tiny results and signs, NaN for NaN; returns the worst error of each.
  func check(
    _ dtype: DType, width: Int, values raw: [Double], tiny: Double, fma: Bool = true
  ) throws -> (worst: [Int], sines: [Double]) {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    if dtype == .float64 && !ctx.device.supportsFP64 {
      throw XCTSkip("no fp64 on \(ctx.device.name)")
    }
    // Values as the dtype holds them.
    let values = dtype == .float32 ? raw.map { Double(Float($0)) } : raw
    let n = values.count
    var g = Graph(name: "trig", inputs: [InputDecl(name: "x", dtype: dtype, shape: [n])])
    let x = g.add(.input("x"), dtype: dtype, shape: [n])
    let s = g.add(.unary(.sin), [x], dtype: dtype, shape: [n])
    let c = g.add(.unary(.cos), [x], dtype: dtype, shape: [n])
    g.outputs = [OutputDecl(name: "s", node: s), OutputDecl(name: "c", node: c)]
    let plan = try PlanBuilder.build(g).0.targeting(VectorWidths(narrow: width, wide: width))
    let source = try OpenCLEmitter.emit(
      plan: plan, locations: [:], traceName: "trig", drcVersion: "test")
    let helper = (dtype == .float32 ? "drc_sin" : "drc_dsin") + (width > 1 ? "\(width)(" : "(")
    XCTAssertTrue(source.contains(helper), "the generated \(helper) is used")
    let input =
      dtype == .float32
      ? try HostArray(values.map { Float($0) }, shape: [n]) : try HostArray(values, shape: [n])
    // DRC_NO_FMA selects the multiply-then-add form a device without fast fma gets.
    let runner = try OpenCLPlanRunner(
      plan: plan, source: source, context: ctx, cache: nil,
      options: "-cl-std=CL1.2" + (fma ? " -D DRC_FAST_FMAF -D DRC_FAST_FMA" : " -D DRC_NO_FMA"))
    let out = try runner.run(inputs: ["x": input]).outputs
    var worsts: [Int] = []
    var sines: [Double] = []
    for (name, f) in [("s", { (v: Double) in Foundation.sin(v) }), ("c", { Foundation.cos($0) })] {
      let got = out[name]?.doubles() ?? []
      XCTAssertEqual(got.count, n)
      var worst = (ulps: 0, x: 0.0)
      for (v, d) in zip(values, got) {
        let want = dtype == .float32 ? Double(Float(f(v))) : f(v)
        if want.isNaN {
          XCTAssertTrue(d.isNaN, "\(name)(\(v)) = \(d)")
          continue
        }
        if want == 0 || v.magnitude < tiny {
          XCTAssertEqual(d, want, "\(name)(\(v)) is exact")
          XCTAssertEqual(d.sign, want.sign, "\(name)(\(v)) keeps its sign")
        }
        let e = ulpDistance(d, want, dtype)
        if e > worst.ulps { worst = (e, v) }
      }
      XCTAssertLessThanOrEqual(worst.ulps, 3, "\(dtype) \(name) worst at x = \(worst.x)")
      print(
        "generated \(dtype) \(name) (width \(width)): worst \(worst.ulps) ulp at x = \(worst.x) over \(n) values"
      )
      worsts.append(worst.ulps)
      if name == "s" { sines = got }
    }
    return (worsts, sines)
  }

  /// Whether two results agree everywhere (NaN agreeing with NaN).
  func same(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
  }

  /// Vector and scalar forms agree; with and without fma both run, and both are within 3 ulp.
  func checkForms(_ dtype: DType, vector width: Int, values: [Double], tiny: Double) throws {
    let vector = try check(dtype, width: width, values: values, tiny: tiny)
    let scalar = try check(dtype, width: 1, values: values, tiny: tiny)
    XCTAssertTrue(same(vector.sines, scalar.sines), "vector and scalar code compute the same")
    let plain = try check(dtype, width: width, values: values, tiny: tiny, fma: false)
    XCTAssertFalse(same(vector.sines, plain.sines), "the fma and the plain forms both ran")
  }

  func testGeneratedFloat32SinAndCosAreWithinThreeUlps() throws {
    let values = grid(bound: 4096, multiples: 2600, step: 1, tinyExponents: 150)
    try checkForms(.float32, vector: 16, values: values, tiny: 0x1p-12)
  }

  func testGeneratedFloat64SinAndCosAreWithinThreeUlps() throws {
    let values = grid(bound: 1_048_576, multiples: 660_000, step: 97, tinyExponents: 1080)
    try checkForms(.float64, vector: 8, values: values, tiny: 0x1p-26)
  }
}
