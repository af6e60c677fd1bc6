// The generated exp, expm1, log and log1p (float32 and float64) against the C library, on PoCL.
//
// The grid holds dense sweeps of [-10, 10] (exp, expm1) and (0, 16] (log, log1p), the values next
// to 1 and to 0 (where log and expm1, log1p cancel), random values over exp's whole finite range
// (overflow and the subnormal results included), random bit patterns over every positive finite
// value (log), the values around each function's thresholds (exp's overflow and underflow,
// expm1's switches, log1p's split at -0.29 and 0.41 and its approach to -1), subnormals and the
// special values. The reference is glibc's float64 function (rounded to float for float32).
// Vectors (16 and 8 lanes) and the scalar form run with fma and without; every form must stay
// within the bound docs/numerics.md documents, and special values must be exact.

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

final class ExpLogAccuracyTests: XCTestCase {
  /// The generated functions at `dtype` (float32 exp is the builtin: CLHelper.generated), their
  /// C library references and the bound documented in docs/numerics.md (ulps from glibc).
  static func functions(_ dtype: DType) -> [(
    op: UnaryOp, reference: @Sendable (Double) -> Double, bound: Int
  )] {
    let all: [(op: UnaryOp, reference: @Sendable (Double) -> Double, bound: Int)] = [
      (.exp, { Foundation.exp($0) }, 1), (.expm1, { Foundation.expm1($0) }, 2),
      (.log, { Foundation.log($0) }, 1), (.log1p, { Foundation.log1p($0) }, 1),
    ]
    return dtype == .float32 ? all.filter { $0.op != .exp } : all
  }

  /// The tolerance model (docs/numerics.md) allows at least the measured bound plus the
  /// reference's own error (half an ulp) for every generated function.
  func testToleranceCoversTheMeasuredBounds() {
    for dtype in [DType.float32, .float64] {
      for f in ExpLogAccuracyTests.functions(dtype) {
        XCTAssertGreaterThanOrEqual(
          Tolerance.ulps(.unary(f.op), dtype: dtype), Double(f.bound) + 0.5,
          "\(f.op.rawValue) \(dtype)")
      }
    }
  }

  /// The grid for `dtype` (values as doubles; rounded to the dtype by the caller).
  func grid(_ dtype: DType) -> [Double] {
    let f32 = dtype == .float32
    var values: [Double] = stride(from: -10.0, through: 16.0, by: 1.0 / 2048).map { $0 }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    let (low, high) = f32 ? (-104.0, 89.0) : (-746.0, 710.0)
    for _ in 0..<100_000 {
      values.append(low + Double(next()) / Double(1 << 53) * (high - low))
      // A positive finite value with a random bit pattern (exponent and mantissa).
      let bits =
        f32
        ? Double(Float(bitPattern: UInt32(next() % 0x7F80_0000)))
        : Double(
          bitPattern: (next() << 11 | next() & 0x7FF) % 0x7FF0_0000_0000_0000)
      values.append(bits)
    }
    // Near 1 and near -1, 0 (both signs), powers of two and the split points.
    let ulp1 = f32 ? 0x1p-23 : 0x1p-52
    for k in 1...2000 {
      values += [1 + Double(k) * ulp1, 1 - Double(k) * ulp1 / 2, -1 + Double(k) * ulp1 / 2]
    }
    let exponents = f32 ? 150 : 1075
    for e in 0..<exponents {
      let v = Double(sign: .plus, exponent: -e, significand: 1.37)
      values += [v, -v, Double(sign: .plus, exponent: -e, significand: 1)]
    }
    for e in 0..<(f32 ? 128 : 1024) {
      values.append(Double(sign: .plus, exponent: e, significand: 1))
    }
    let edges: [Double] =
      f32
      ? [
        88.72283, 88.72284, 88.7229, 89, -87.33654, -103.27893, -103.972, -104, -17.3, 0.41418,
        -0.29285,
      ]
      : [
        709.782712893384, 709.7827128933841, 710, -708.3964185322641, -744.44, -745.1332191019411,
        -745.14, -746, -37.5, 0.41418, -0.29285,
      ]
    for v in edges { values += [v, v.nextUp, v.nextDown] }
    values += [0, -0.0, 1, -1, 2, 0.5, .infinity, -.infinity, .nan, -1e30, 1e30, -1.5]
    values.append(0.1)  // an odd count: the scalar remainder runs too
    return values.map { f32 ? Double(Float($0)) : $0 }
  }

  /// Runs the four functions over `values` at `width` lanes; asserts each function's bound and
  /// exact specials; returns the results by function and the worst error of each.
  func check(_ dtype: DType, width: Int, values: [Double], fma: Bool) throws -> (
    results: [[Double]], worst: [Int]
  ) {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    if dtype == .float64 && !ctx.device.supportsFP64 {
      throw XCTSkip("no fp64 on \(ctx.device.name)")
    }
    let n = values.count
    var g = Graph(name: "explog", inputs: [InputDecl(name: "x", dtype: dtype, shape: [n])])
    let x = g.add(.input("x"), dtype: dtype, shape: [n])
    let functions = ExpLogAccuracyTests.functions(dtype)
    for f in functions {
      let id = g.add(.unary(f.op), [x], dtype: dtype, shape: [n])
      g.outputs.append(OutputDecl(name: f.op.rawValue, node: id))
    }
    let plan = try PlanBuilder.build(g).0.targeting(VectorWidths(narrow: width, wide: width))
    let source = try OpenCLEmitter.emit(
      plan: plan, locations: [:], traceName: "explog", drcVersion: "test")
    for f in functions {
      let helper =
        "drc_\(dtype == .float64 ? "d" : "")\(f.op.rawValue)\(width > 1 ? "\(width)" : "")("
      XCTAssertTrue(source.contains(helper), "the generated \(helper) is used")
    }
    let input =
      dtype == .float32
      ? try HostArray(values.map { Float($0) }, shape: [n]) : try HostArray(values, shape: [n])
    let runner = try OpenCLPlanRunner(
      plan: plan, source: source, context: ctx, cache: nil,
      options: "-cl-std=CL1.2" + (fma ? " -D DRC_FAST_FMAF -D DRC_FAST_FMA" : " -D DRC_NO_FMA"))
    let out = try runner.run(inputs: ["x": input]).outputs
    var results: [[Double]] = []
    var worsts: [Int] = []
    for f in functions {
      let name = f.op.rawValue
      let got = out[name]?.doubles() ?? []
      XCTAssertEqual(got.count, n)
      var worst = (ulps: 0, x: 0.0)
      for (v, d) in zip(values, got) {
        let want = dtype == .float32 ? Double(Float(f.reference(v))) : f.reference(v)
        if want.isNaN || d.isNaN {
          XCTAssertTrue(want.isNaN && d.isNaN, "\(name)(\(v)) = \(d), want \(want)")
          continue
        }
        if v.isInfinite || v == 0 || (v == 1 && want == 0) {
          XCTAssertEqual(d, want, "\(name)(\(v)) is exact")
          XCTAssertEqual(d.sign, want.sign, "\(name)(\(v)) has the right sign")
        }
        let e = ulpDistance(d, want, dtype)
        if e > worst.ulps { worst = (e, v) }
      }
      XCTAssertLessThanOrEqual(
        worst.ulps, f.bound, "\(dtype) \(name) (width \(width), fma \(fma)) worst at x = \(worst.x)"
      )
      print(
        "generated \(dtype) \(name) (width \(width), fma \(fma)): worst \(worst.ulps) ulp at x = \(worst.x) over \(n) values"
      )
      results.append(got)
      worsts.append(worst.ulps)
    }
    return (results, worsts)
  }

  /// Whether two results agree everywhere (NaN agreeing with NaN).
  func same(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
  }

  /// The vector and scalar forms compute the same; with and without fma both stay in bounds.
  func checkForms(_ dtype: DType, vector width: Int) throws {
    let values = grid(dtype)
    let vector = try check(dtype, width: width, values: values, fma: true)
    let scalar = try check(dtype, width: 1, values: values, fma: true)
    for (f, (a, b)) in zip(
      ExpLogAccuracyTests.functions(dtype), zip(vector.results, scalar.results))
    {
      XCTAssertTrue(same(a, b), "\(f.op.rawValue): vector and scalar code compute the same")
    }
    let plain = try check(dtype, width: width, values: values, fma: false)
    let differ = zip(vector.results, plain.results).contains { !same($0, $1) }
    XCTAssertTrue(differ, "the fma and plain forms both ran")
  }

  func testGeneratedFloat32ExpAndLogAreWithinTheirBounds() throws {
    try checkForms(.float32, vector: 16)
  }

  func testGeneratedFloat64ExpAndLogAreWithinTheirBounds() throws {
    try checkForms(.float64, vector: 8)
  }
}
