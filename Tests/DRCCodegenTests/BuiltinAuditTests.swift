// An audit of every op drc emits, builtin or generated, in vector form, over special values on
// PoCL.
//
// PoCL's vector builtins are wrong on some inputs that their scalar forms get right (float64
// `pow` at 8 lanes when a lane's base is 0, which is now generated code, CLPow.swift; float32
// `tan` of a subnormal; the builtin fallback of sin/cos beside subnormal lanes; float64 `fmod`
// at 8 lanes where the remainder is subnormal, which drc computes lane by lane). Each unary, binary, comparison and cast op runs over inputs
// that mix specials (zeros of both signs, subnormals, the extremes, infinities, NaN, small
// integers) with random normal values, at 1, 2, 4, 8 and 16 lanes; every width must agree with
// the reference interpreter within the op's documented ulp bound (docs/numerics.md), exactly for
// ops that are correctly rounded or exact, with NaN where the reference has NaN.

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class BuiltinAuditTests: XCTestCase {
  /// Unary ops drc emits through builtins (or generated code falling back to them).
  static let unary: [UnaryOp] = [
    .sqrt, .exp, .log, .sin, .cos, .tan, .tanh, .erf, .floor, .ceil, .neg, .abs,
    .rint, .expm1, .log1p, .log2, .log10, .asin, .acos, .atan, .sinh, .cosh, .asinh, .acosh, .atanh,
    .cbrt, .exp2,
  ]
  /// Binary ops, comparisons included.
  static let binary: [BinaryOp] = [
    .pow, .atan2, .div, .maximum, .minimum, .add, .sub, .mul, .eq, .ne, .lt, .le, .gt, .ge,
    .copysign, .fmod,
  ]

  /// Specials of `dtype` as doubles.
  func specials(_ dtype: DType) -> [Double] {
    let f32 = dtype == .float32
    let tiny = f32 ? Double(Float.leastNormalMagnitude) : Double.leastNormalMagnitude
    let sub = f32 ? Double(Float.leastNonzeroMagnitude) : Double.leastNonzeroMagnitude
    let big = f32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
    return [
      0, -0.0, 1, -1, 0.5, 2, 3, -2.5, 100, -100, 7e10, 1e-30, .infinity, -.infinity, .nan,
      tiny, -tiny, sub, -sub, tiny / 3, -tiny / 3, big, -big,
    ]
  }

  /// Inputs x and y: every pair of specials first (x changing from lane to lane, so every
  /// vector mixes them), then random normals with specials scattered.
  func inputs(_ dtype: DType) -> ([Double], [Double]) {
    let s = specials(dtype)
    let c = s.count
    // Found by drc run: a huge lane sends a vector to the builtin, which was wrong for others.
    var x: [Double] = [7e10, -.infinity, 3.50827, 0.0048191473]
    var y: [Double] = [1, 2, 3, 4]
    for i in 0..<(c * c) {
      x.append(s[i % c])
      y.append(s[(i / c + i) % c])
    }
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    for _ in 0..<1500 {
      for target in 0..<2 {
        let r = next()
        let v =
          r % 2 == 0 ? s[Int(r / 2 % UInt64(c))] : (Double(r % 100_000) / 5000 - 10)
        if target == 0 { x.append(v) } else { y.append(v) }
      }
    }
    x.append(0.25)  // an odd count: the scalar remainder runs too
    y.append(-0.75)
    let held = { (v: Double) in dtype == .float32 ? Double(Float(v)) : v }
    return (x.map(held), y.map(held))
  }

  /// The ulp bound of an audited op (docs/numerics.md, OpenCL accuracy).
  func bound(_ name: String, _ dtype: DType) -> Int {
    switch name {
    case "sqrt", "div": return dtype == .float32 ? 3 : 0
    case "log1p", "cbrt": return 2
    case "exp", "log", "expm1", "log2", "log10", "exp2": return 3
    case "sin", "cos", "asin", "acos", "sinh", "cosh", "asinh", "acosh": return 4
    case "tan", "tanh", "atan", "atanh": return 5
    case "atan2": return 6
    case "erf", "pow": return 16
    default: return 0
    }
  }

  /// The audit graph: every audited op over inputs x and y.
  func graph(_ dtype: DType, count n: Int) -> Graph {
    var g = Graph(
      name: "audit",
      inputs: [
        InputDecl(name: "x", dtype: dtype, shape: [n]),
        InputDecl(name: "y", dtype: dtype, shape: [n]),
      ])
    let a = g.add(.input("x"), dtype: dtype, shape: [n])
    let b = g.add(.input("y"), dtype: dtype, shape: [n])
    for u in BuiltinAuditTests.unary {
      let id = g.add(.unary(u), [a], dtype: dtype, shape: [n])
      g.outputs.append(OutputDecl(name: u.rawValue, node: id))
    }
    for op in BuiltinAuditTests.binary {
      let compare = [.eq, .ne, .lt, .le, .gt, .ge].contains(op)
      let id = g.add(.binary(op), [a, b], dtype: compare ? .bool : dtype, shape: [n])
      g.outputs.append(OutputDecl(name: op.rawValue, node: id))
    }
    for target in [DType.int32, .int64, .bool] {
      let id = g.add(.cast, [a], dtype: target, shape: [n])
      g.outputs.append(OutputDecl(name: "cast_\(target)", node: id))
    }
    return g
  }

  /// Host arrays of x and y in `dtype`.
  func arrays(_ dtype: DType) throws -> [String: HostArray] {
    let (x, y) = inputs(dtype)
    let n = x.count
    if dtype == .float32 {
      return [
        "x": try HostArray(x.map { Float($0) }, shape: [n]),
        "y": try HostArray(y.map { Float($0) }, shape: [n]),
      ]
    }
    return ["x": try HostArray(x, shape: [n]), "y": try HostArray(y, shape: [n])]
  }

  /// Every audited op over x and y, run at `width` lanes; outputs by name, as doubles.
  func run(_ dtype: DType, width: Int, context ctx: CLContext) throws -> [String: [Double]] {
    let g = graph(dtype, count: inputs(dtype).0.count)
    // Unfused: one kernel per op, so a wrong lane cannot hide behind another op.
    let plan = try PlanBuilder.build(g, options: FusionOptions(fuse: false)).0.targeting(
      VectorWidths(narrow: width, wide: width))
    let source = try OpenCLEmitter.emit(
      plan: plan, locations: [:], traceName: "audit", drcVersion: "test")
    let runner = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: nil)
    let out = try runner.run(inputs: try arrays(dtype)).outputs
    return out.mapValues { $0.doubles() }
  }

  /// Every width agrees with the reference within each op's bound.
  func audit(_ dtype: DType) throws {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    if dtype == .float64 && !ctx.device.supportsFP64 {
      throw XCTSkip("no fp64 on \(ctx.device.name)")
    }
    let (x, y) = inputs(dtype)
    let reference = try Interpreter(graph: graph(dtype, count: x.count)).run(
      inputs: try arrays(dtype)
    ).mapValues { $0.doubles() }
    for width in [1, 2, 4, 8, 16] {
      let device = try run(dtype, width: width, context: ctx)
      for (name, want) in reference.sorted(by: { $0.key < $1.key }) {
        let got = device[name] ?? []
        XCTAssertEqual(got.count, want.count, name)
        let limit = bound(name, dtype)
        var bad: [String] = []
        for i in want.indices where i < got.count && ulpDistance(got[i], want[i], dtype) > limit {
          bad.append("\(name)(\(x[i]), \(y[i])) = \(got[i]) at \(width) lanes, want \(want[i])")
        }
        XCTAssertTrue(
          bad.isEmpty, "\(dtype) \(name): \(bad.count) lanes differ, e.g. \(bad.prefix(3))")
      }
    }
  }

  func testFloat32VectorBuiltinsAgreeWithScalar() throws { try audit(.float32) }

  func testFloat64VectorBuiltinsAgreeWithScalar() throws { try audit(.float64) }
}
