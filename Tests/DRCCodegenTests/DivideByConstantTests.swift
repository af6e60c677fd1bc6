// Division by a constant (CLDivide.swift) gives the host's quotient bit for bit, on PoCL.
//
// Divisors: small integers, decimal fractions, negative ones, powers of two, values with an
// all-ones mantissa, random ones over the whole range the rewrite accepts, and ones outside it
// (which must still divide). Dividends: dense random values at every exponent the rewrite's
// corrected lanes cover, the values at and next to that range's bounds, tiny and huge values
// (whose vectors divide), subnormals, signed zeros, infinities and NaN. Vector code (16 and 8
// lanes) runs with the device's fma and without it (where the helper divides); both must equal
// the host's division exactly. A helper with the correction step removed must be caught.

import DRCDriver
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

@testable import DRCCodegen

final class DivideByConstantTests: XCTestCase {
  /// A deterministic 53-bit random source.
  struct Random {
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    mutating func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    /// A value of random sign and mantissa with its exponent in `exponents`.
    mutating func value(_ exponents: ClosedRange<Int>) -> Double {
      let span = UInt64(exponents.count)
      let e = exponents.lowerBound + Int(next() % span)
      let m = 1 + Double(next() & ((1 << 52) - 1)) / 0x1p52
      return Double(sign: next() & 1 == 0 ? .plus : .minus, exponent: e, significand: m)
    }
  }

  /// The divisors for `dtype`, in and out of the rewrite's range.
  func divisors(_ dtype: DType) -> [Double] {
    var r = Random(state: 7)
    let f32 = dtype == .float32
    var values: [Double] = [3, 2.42, 0.1, -5.5, 7, 1.0 / 3, 10, 1000, 0.5, 2, 1.5]
    values += [f32 ? 0x1.fffffep3 : 0x1.fffffffffffffp3]  // an all-ones mantissa
    for _ in 0..<8 { values.append(r.value(CLHelper.divisorExponents(dtype))) }
    values += f32 ? [1e-30, 3e25, 0x1p17] : [1e-300, 7e250, 0x1p61]  // out of range: divide
    return values.map { f32 ? Double(Float($0)) : $0 }
  }

  /// The dividends for `dtype`.
  func dividends(_ dtype: DType) -> [Double] {
    var r = Random()
    let f32 = dtype == .float32
    let range = CLHelper.dividendExponents(dtype)
    var values: [Double] = []
    for _ in 0..<60_000 { values.append(r.value(-8...8)) }
    for _ in 0..<20_000 { values.append(r.value(range)) }
    for e in [range.lowerBound, range.upperBound, range.upperBound + 1] {
      let b = Double(sign: .plus, exponent: e, significand: 1)
      values += [b, b.nextUp, b.nextDown, -b, -b.nextDown]
    }
    // Whole vectors of specials, and specials among ordinary lanes.
    let specials: [Double] = [0, -0.0, .infinity, -.infinity, .nan]
    for s in specials { values += Array(repeating: s, count: 16) + [s, 1.25, s, -3.5] }
    // Tiny, subnormal and huge lanes, whose vectors divide.
    let tiny = f32 ? 0x1p-120 : 0x1p-1000
    let huge = f32 ? 0x1p120 : 0x1p1000
    values += [tiny, -tiny, tiny / 1024, huge, -huge, f32 ? 0x1p-149 : 0x1p-1074]
    values.append(0.1)  // an odd count: the scalar remainder runs too
    return values.map { f32 ? Double(Float($0)) : $0 }
  }

  /// Runs `x / c` for every divisor at `width` lanes; returns the number of results that differ
  /// from the host's division. `edit` may change the generated source first.
  func mismatches(
    _ dtype: DType, width: Int, fma: Bool, edit: (String) -> String = { $0 }
  ) throws -> Int {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    if dtype == .float64 && !ctx.device.supportsFP64 {
      throw XCTSkip("no fp64 on \(ctx.device.name)")
    }
    let values = dividends(dtype)
    let cs = divisors(dtype)
    let n = values.count
    var g = Graph(name: "divc", inputs: [InputDecl(name: "x", dtype: dtype, shape: [n])])
    let x = g.add(.input("x"), dtype: dtype, shape: [n])
    for (k, c) in cs.enumerated() {
      let constant = g.add(.full(.float(c)), dtype: dtype, shape: [])
      let q = g.add(.binary(.div), [x, constant], dtype: dtype, shape: [n])
      g.outputs.append(OutputDecl(name: "q\(k)", node: q))
    }
    let plan = try PlanBuilder.build(g).0.targeting(VectorWidths(narrow: width, wide: width))
    let generated = try OpenCLEmitter.emit(
      plan: plan, locations: [:], traceName: "divc", drcVersion: "test")
    let helper = "drc_\(dtype == .float64 ? "ddivc" : "divcf")\(width)("
    XCTAssertTrue(generated.contains(helper), "the generated \(helper) is used")
    let source = edit(generated)
    let input =
      dtype == .float32
      ? try HostArray(values.map { Float($0) }, shape: [n]) : try HostArray(values, shape: [n])
    let runner = try OpenCLPlanRunner(
      plan: plan, source: source, context: ctx, cache: nil,
      options: "-cl-std=CL1.2" + (fma ? " -D DRC_FAST_FMAF -D DRC_FAST_FMA" : ""))
    let out = try runner.run(inputs: ["x": input]).outputs
    var bad = 0
    for (k, c) in cs.enumerated() {
      let got = out["q\(k)"]?.doubles() ?? []
      XCTAssertEqual(got.count, n)
      for (v, d) in zip(values, got) {
        let want = dtype == .float32 ? Double(Float(v) / Float(c)) : v / c
        let same = want.isNaN ? d.isNaN : want.bitPattern == d.bitPattern
        if !same {
          if bad < 3 { print("\(dtype) \(v) / \(c): got \(d), want \(want)") }
          bad += 1
        }
      }
    }
    return bad
  }

  func testFloat64QuotientsAreExact() throws {
    XCTAssertEqual(try mismatches(.float64, width: 8, fma: true), 0)
    XCTAssertEqual(try mismatches(.float64, width: 8, fma: false), 0)
  }

  func testFloat32QuotientsAreExact() throws {
    XCTAssertEqual(try mismatches(.float32, width: 16, fma: true), 0)
    XCTAssertEqual(try mismatches(.float32, width: 16, fma: false), 0)
  }

  /// Without the correction step (the reciprocal product alone) results differ: the comparison
  /// above can fail.
  func testTheUncorrectedProductIsCaught() throws {
    let correction = "return select(q, fma(fma(-q, (double8)(c), x), (double8)(y), q), ok);"
    var edited = false
    let bad = try mismatches(.float64, width: 8, fma: true) { source in
      edited = source.contains(correction)
      return source.replacingOccurrences(of: correction, with: "return q;")
    }
    XCTAssertTrue(edited, "the correction step is in the generated helper")
    XCTAssertGreaterThan(bad, 1000)
  }

  /// Divisors the rewrite does not take: zero, non-finite and out-of-range ones.
  func testReciprocalIsRefusedOutsideTheRange() {
    XCTAssertNil(CLHelper.reciprocal(of: 0, dtype: .float64))
    XCTAssertNil(CLHelper.reciprocal(of: .infinity, dtype: .float64))
    XCTAssertNil(CLHelper.reciprocal(of: .nan, dtype: .float32))
    XCTAssertNil(CLHelper.reciprocal(of: 0x1p61, dtype: .float64))
    XCTAssertNil(CLHelper.reciprocal(of: 0x1p-61, dtype: .float64))
    XCTAssertNil(CLHelper.reciprocal(of: 0x1p17, dtype: .float32))
    XCTAssertNil(CLHelper.reciprocal(of: 3, dtype: .int64))
    XCTAssertEqual(CLHelper.reciprocal(of: 4, dtype: .float64), 0.25)
    XCTAssertEqual(CLHelper.reciprocal(of: 3, dtype: .float32), Double(Float(1) / 3))
  }
}
