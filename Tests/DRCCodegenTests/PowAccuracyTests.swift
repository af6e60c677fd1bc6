// The generated pow (float32 and float64) against glibc's pow, on PoCL.
//
// The pairs cover: a dense grid of bases in (0, 16] with exponents in [-20, 20]; random bases over
// every positive finite value with exponents drawn so that |y log x| spans the whole result range
// up to overflow and through the subnormals (where float64 needs its double-double log); bases
// next to 1 with huge exponents; negative bases with integer exponents (odd and even) and with
// fractions (NaN); the overflow and underflow edges; and every pair of special values (zeros of
// both signs, +-1, infinities, NaN, subnormals, odd and even integers, 2^53 and beyond). The
// reference is glibc's float64 pow (rounded to float for float32). Vectors (16 and 8 lanes) and
// the scalar form run with fma and without; every form must stay within docs/numerics.md's bound,
// and results that C99 defines exactly (zeros, infinities, NaN, 1) must be exact, signs included.

import DRCCodegen
import DRCDriver
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class PowAccuracyTests: XCTestCase {
  /// The bound documented in docs/numerics.md, in ulps from glibc's result.
  static let bound = 1

  /// The tolerance model allows the measured bound plus the reference's own error.
  func testToleranceCoversTheMeasuredBound() {
    for dtype in [DType.float32, .float64] {
      XCTAssertGreaterThanOrEqual(
        Tolerance.ulps(.binary(.pow), dtype: dtype), Double(PowAccuracyTests.bound) + 0.5)
    }
  }

  /// The (x, y) pairs for `dtype`, rounded to it.
  func pairs(_ dtype: DType) -> [(Double, Double)] {
    let f32 = dtype == .float32
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    func unit() -> Double { Double(next()) / Double(1 << 53) }
    var out: [(Double, Double)] = []
    for i in 1...128 {
      for j in 0..<160 { out.append((Double(i) / 8, -20 + Double(j) / 4 + unit() / 4)) }
    }
    let limit = f32 ? 104.0 : 746.0
    for _ in 0..<60_000 {
      let x =
        f32
        ? Double(Float(bitPattern: UInt32(next() % 0x7F80_0000)))
        : Double(bitPattern: (next() << 11 | next() & 0x7FF) % 0x7FF0_0000_0000_0000)
      let range = Foundation.log(x) == 0 ? 1 : limit / abs(Foundation.log(x))
      out.append((x, (2 * unit() - 1) * range))
    }
    let ulp1 = f32 ? 0x1p-23 : 0x1p-52
    for k in 1...500 {
      let y = (2 * unit() - 1) * (f32 ? 1e8 : 1e17)
      out += [(1 + Double(k) * ulp1, y), (1 - Double(k) * ulp1 / 2, y)]
    }
    for _ in 0..<2000 {
      let x = -(unit() * 8 + 1e-3)
      let n = Double(Int(next() % 61) - 30)
      out += [(x, n), (x, n + 0.5), (x, n + unit())]
    }
    let top = f32 ? 128.0 : 1024.0
    let bottom = f32 ? -150.0 : -1075.0
    for j in 0..<400 {
      out += [(2, top - 2 + Double(j) / 100), (2, bottom - 2 + Double(j) / 100)]
      out += [
        (-2, (top - 2 + Double(j) / 100).rounded()), (10, (f32 ? 36 : 306) + Double(j) / 100),
      ]
    }
    let tiny = f32 ? Double(Float.leastNonzeroMagnitude) : Double.leastNonzeroMagnitude
    let xs: [Double] = [
      0, -0.0, 1, -1, 2, -2, 0.5, -0.5, .infinity, -.infinity, .nan, tiny, -tiny, 3, -3, 1e30,
    ]
    let ys: [Double] = [
      0, -0.0, 1, -1, 2, -2, 3, -3, 0.5, -0.5, 2.5, -2.5, .infinity, -.infinity, .nan,
      0x1p53, -0x1p53, 0x1p53 + 2, 1e300, -1e300, 7, -7,
    ]
    for x in xs { for y in ys { out.append((x, y)) } }
    out.append((0.75, 0.1))  // an odd count: the scalar remainder runs too
    return out.map { f32 ? (Double(Float($0.0)), Double(Float($0.1))) : $0 }
  }

  /// Whether C99 defines pow(x, y) exactly (a special operand, or a negative base with a
  /// fractional exponent): 1, a zero, an infinity or NaN, signs included. Results that
  /// overflow or underflow are compared in ulps like the others.
  static func exact(_ x: Double, _ y: Double) -> Bool {
    let special = { (v: Double) in v.isNaN || v.isInfinite || v == 0 }
    return special(x) || special(y) || x == 1 || x < 0 && y.isFinite && y.rounded() != y
  }

  /// Runs pow over `pairs` at `width` lanes; asserts the bound and the exact results; returns
  /// the results.
  func check(_ dtype: DType, width: Int, pairs: [(Double, Double)], fma: Bool) throws -> [Double] {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    if !ctx.device.supportsFP64 { throw XCTSkip("no fp64 on \(ctx.device.name)") }
    let n = pairs.count
    var g = Graph(
      name: "pow",
      inputs: [
        InputDecl(name: "x", dtype: dtype, shape: [n]),
        InputDecl(name: "y", dtype: dtype, shape: [n]),
      ])
    let x = g.add(.input("x"), dtype: dtype, shape: [n])
    let y = g.add(.input("y"), dtype: dtype, shape: [n])
    let id = g.add(.binary(.pow), [x, y], dtype: dtype, shape: [n])
    g.outputs.append(OutputDecl(name: "p", node: id))
    let plan = try PlanBuilder.build(g).0.targeting(VectorWidths(narrow: width, wide: width))
    let source = try OpenCLEmitter.emit(
      plan: plan, locations: [:], traceName: "pow", drcVersion: "test")
    let helper = "drc_\(dtype == .float64 ? "dpow" : "powf")\(width > 1 ? "\(width)" : "")("
    XCTAssertTrue(source.contains(helper), "the generated \(helper) is used")
    func host(_ v: [Double]) throws -> HostArray {
      dtype == .float32
        ? try HostArray(v.map { Float($0) }, shape: [n]) : try HostArray(v, shape: [n])
    }
    let runner = try OpenCLPlanRunner(
      plan: plan, source: source, context: ctx, cache: nil,
      options: "-cl-std=CL1.2" + (fma ? " -D DRC_FAST_FMAF -D DRC_FAST_FMA" : " -D DRC_NO_FMA"))
    let out = try runner.run(inputs: ["x": host(pairs.map(\.0)), "y": host(pairs.map(\.1))]).outputs
    let got = out["p"]?.doubles() ?? []
    XCTAssertEqual(got.count, n)
    var worst = (ulps: 0, x: 0.0, y: 0.0)
    for ((a, b), d) in zip(pairs, got) {
      let want = dtype == .float32 ? Double(Float(Foundation.pow(a, b))) : Foundation.pow(a, b)
      if PowAccuracyTests.exact(a, b) {
        let same = d == want && d.sign == want.sign || d.isNaN && want.isNaN
        XCTAssertTrue(same, "\(dtype) pow(\(a), \(b)) = \(d), want exactly \(want)")
        continue
      }
      let e = ulpDistance(d, want, dtype)
      if e > worst.ulps { worst = (e, a, b) }
    }
    XCTAssertLessThanOrEqual(
      worst.ulps, PowAccuracyTests.bound,
      "\(dtype) pow (width \(width), fma \(fma)) worst at (\(worst.x), \(worst.y))")
    print(
      "generated \(dtype) pow (width \(width), fma \(fma)): worst \(worst.ulps) ulp at (\(worst.x), \(worst.y)) over \(n) pairs"
    )
    return got
  }

  /// The vector and scalar forms compute the same; with and without fma both stay in bounds.
  func checkForms(_ dtype: DType, vector width: Int) throws {
    let values = pairs(dtype)
    let vector = try check(dtype, width: width, pairs: values, fma: true)
    let scalar = try check(dtype, width: 1, pairs: values, fma: true)
    let same = zip(vector, scalar).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    XCTAssertTrue(same, "vector and scalar code compute the same")
    _ = try check(dtype, width: width, pairs: values, fma: false)
  }

  func testGeneratedFloat32PowIsWithinItsBound() throws {
    try checkForms(.float32, vector: 16)
  }

  func testGeneratedFloat64PowIsWithinItsBound() throws {
    try checkForms(.float64, vector: 8)
  }

  /// The check can fail: a result one ulp past the bound is caught by the same comparison.
  func testAPerturbedResultIsCaught() {
    let want = Foundation.pow(1.7, 3.3)
    let off = (0...PowAccuracyTests.bound).reduce(want) { v, _ in v.nextUp }
    XCTAssertGreaterThan(ulpDistance(off, want, .float64), PowAccuracyTests.bound)
  }
}
