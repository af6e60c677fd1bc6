// Hand-edited plans given to `CompiledProgram` (what generated stubs call) are refused with an
// error naming what is wrong, before any device work, never with a trap: integers near Int64's
// limits, negative extents and sizes, outputs no step writes, read-backs of unwritten buffers,
// and symbols whose sites do not fit the plan.

import DRCIR
import DRCPlan
import Foundation
import XCTest

@testable import DRCOpt
@testable import DRCReplay

final class HostilePlanTests: XCTestCase {
  /// `y = x * s + 1` over float32[8], read back: one launch, one read-back.
  func affine() throws -> Plan {
    var g = Graph(
      name: "affine", inputs: [InputDecl(name: "x", dtype: .float32, shape: [8])],
      params: [ParamDecl(name: "s", dtype: .float32, value: .float(2))])
    let x = g.add(.input("x"), dtype: .float32, shape: [8])
    let s = g.add(.param("s"), dtype: .float32, shape: [])
    let one = g.add(.full(.float(1)), dtype: .float32, shape: [])
    let m = g.add(.binary(.mul), [x, s], dtype: .float32, shape: [8])
    let y = g.add(.binary(.add), [m, one], dtype: .float32, shape: [8])
    g.outputs = [OutputDecl(name: "y", node: y)]
    g.readbacks = [Readback(node: y, position: 5, kind: "array")]
    return try PlanBuilder.build(g).0
  }

  /// The index of the first load of kernel 0 and its map.
  func firstLoad(_ plan: Plan) throws -> (value: Int, arg: Int, map: IndexMap) {
    for (i, v) in plan.kernels[0].body.enumerated() {
      if case .load(let arg, let map) = v.op { return (i, arg, map) }
    }
    throw PlanError("no load")
  }

  /// Checks that `CompiledProgram` refuses `plan` (as JSON) with a message containing `expected`.
  func assertRefused(_ plan: Plan, _ expected: String, line: UInt = #line) throws {
    let json = String(decoding: try plan.jsonData(), as: UTF8.self)
    XCTAssertThrowsError(try CompiledProgram(planJSON: json, source: ""), line: line) {
      XCTAssertTrue($0 is PlanError, "\($0)", line: line)
      XCTAssertTrue("\($0)".contains(expected), "\($0)", line: line)
    }
  }

  func testTheUntouchedPlanVerifies() throws {
    XCTAssertNoThrow(try PlanVerifier.check(try affine()))
  }

  func testInputShapeNearTheLimitIsRefused() throws {
    var plan = try affine()
    plan.inputs[0].shape = [Int.max / 2, 4]
    try assertRefused(plan, "input 'x': shape [4611686018427387903, 4] has too many elements")
    plan.inputs[0].shape = [Int.max / 4 + 1]
    try assertRefused(plan, "input 'x': 2305843009213693952 * 4 overflows")
  }

  func testLoadOffsetAndCoefficientNearTheLimitAreRefused() throws {
    var plan = try affine()
    let (i, arg, map) = try firstLoad(plan)
    var offset = map
    offset.offsets[0] = Int.max - 2
    plan.kernels[0].body[i].op = .load(arg: arg, map: offset)
    try assertRefused(plan, "value \(i): 9223372036854775805 + 7 overflows")
    var coefficient = map
    coefficient.coefficients[0][0] = Int.max / 3
    plan = try affine()
    plan.kernels[0].body[i].op = .load(arg: arg, map: coefficient)
    try assertRefused(plan, "value \(i): 3074457345618258602 * 7 overflows")
    // A coefficient on a one-point axis never moves the coordinate, but the flat stride
    // (`IndexMap.linear`) still multiplies it by the row stride.
    var plan2 = try affine()
    plan2.kernels[0].outer = [8, 1]
    plan2.kernels[0].body = plan2.kernels[0].body.map { v in
      var v = v
      switch v.op {
      case .load(let a, var m):
        m.shape = [8, 2]
        m.coefficients = [[1, Int.max / 2 + 1], [0, 0]]
        m.offsets = [0, 0]
        v.op = .load(arg: a, map: m)
      default: break
      }
      return v
    }
    try assertRefused(plan2, "2 * 4611686018427387904 overflows")
  }

  func testIndexExpressionNearTheLimitIsRefused() throws {
    var plan = try affine()
    plan.kernels[0].body.append(
      KernelValue(.index(coefficients: [Int.max], offset: 0), dtype: .int64))
    try assertRefused(plan, "9223372036854775807 * 7 overflows")
  }

  func testNegativeExtentsSizesAndCountsAreRefused() throws {
    var extent = try affine()
    extent.kernels[0].outer = [-4]
    try assertRefused(extent, "outer extent: shape [-4] has a negative extent")
    var buffer = try affine()
    buffer.buffers[0].bytes = -32
    try assertRefused(buffer, "buffer 0 size is negative (-32)")
    var shape = try affine()
    shape.outputs[0].shape = [-8]
    try assertRefused(shape, "output 'y': shape [-8] has a negative extent")
    var count = try affine()
    count.stats.launches = -1
    try assertRefused(count, "stats.launches is negative (-1)")
    var width = try affine()
    width.kernels[0].vectorWidth = -4
    try assertRefused(width, "vector width -4")
  }

  func testAPlanWithoutStepsIsRefused() throws {
    var plan = try affine()
    plan.steps = []
    plan.values = []
    let out = plan.outputs[0].buffer
    try assertRefused(plan, "output 'y' is buffer \(out), which no step writes and no input fills")
  }

  func testReadingBackBeforeTheLaunchIsRefused() throws {
    var plan = try affine()
    plan.steps.reverse()
    plan.values = []
    try assertRefused(plan, "step 0 read-back reads buffer")
  }

  func testAKernelReadingAnUnwrittenBufferIsRefused() throws {
    var plan = try affine()
    let (_, arg, _) = try firstLoad(plan)
    guard let s = plan.steps.firstIndex(where: { $0.kind == .launch }) else {
      return XCTFail("no launch")
    }
    // Bind the loaded argument to the output buffer, which nothing has written yet.
    plan.steps[s].bindings[arg] = plan.outputs[0].buffer
    try assertRefused(plan, "which no earlier step writes")
  }

  func testSymbolSitesOutsideThePlanAreRefused() throws {
    var plan = try affine()
    plan.symbol = PlanSymbol(
      name: "n", recorded: [8, 16], sites: [.init(path: ["inputs", "3", "shape", "0"], factor: 1)])
    try assertRefused(plan, "symbol n: no axis 0 of input 3")
    plan.symbol = PlanSymbol(name: "n", recorded: [0], sites: [])
    try assertRefused(plan, "recorded lengths [0] must be >= 1")
    // A relation that does not hold at the recorded length, and offsets out of range.
    plan.symbol = PlanSymbol(
      name: "n", recorded: [8],
      sites: [.init(path: ["inputs", "0", "shape", "0"], factor: 1, offset: 5)])
    try assertRefused(plan, "input 0 axis 0 is 8, not n + 5 = 13")
    plan.symbol = PlanSymbol(
      name: "n", recorded: [8],
      sites: [.init(path: ["buffers", "0", "bytes"], factor: 4, offset: -(1 << 50))])
    try assertRefused(plan, "out of range")
    plan.symbol = PlanSymbol(
      name: "n", recorded: [Int.max],
      sites: [.init(path: ["inputs", "0", "shape", "0"], factor: 2, offset: 1)])
    try assertRefused(plan, "overflows")
  }

  func testSymbolicKernelsAndSeveralSymbolsAreChecked() throws {
    var plan = try affine()
    plan.kernels[0].symbolic = true
    XCTAssertNoThrow(try PlanVerifier.check(plan), "an elementwise kernel may be symbolic")
    plan.kernels[0].dynamic = true
    try assertRefused(plan, "both dynamic and symbolic")
    plan.kernels[0].dynamic = nil
    plan.kernels[0].kind = .scan
    try assertRefused(plan, "a scan kernel needs exactly one inner axis")
    plan = try affine()
    let input = PlanSymbol.Site(path: ["inputs", "0", "shape", "0"], factor: 1)
    plan.symbols = [
      PlanSymbol(name: "n", recorded: [8, 16], sites: [input]),
      PlanSymbol(name: "m", recorded: [8, 16], sites: [input]),
    ]
    try assertRefused(plan, "has two symbols")
    plan.symbols = [
      PlanSymbol(name: "n", recorded: [8, 16], sites: [input]),
      PlanSymbol(name: "m", recorded: [8, 16], sites: []),
    ]
    try assertRefused(plan, "symbol m: no input axis has it")
    plan.symbols = [
      PlanSymbol(name: "n", recorded: [8, 16], sites: [input]),
      PlanSymbol(
        name: "n", recorded: [8, 16],
        sites: [.init(path: ["outputs", "0", "shape", "0"], factor: 1), input]),
    ]
    try assertRefused(plan, "repeated")
    plan.symbols = [PlanSymbol(name: "n", recorded: [8], sites: [input])]
    plan.symbols[0].sites[0].offset = Int.min
    try assertRefused(plan, "out of range")
    // A product site must name a symbol of the plan; a derived parameter's formula must
    // compute.
    plan.symbols = [
      PlanSymbol(
        name: "n", recorded: [8],
        sites: [input, .init(path: ["outputs", "0", "shape", "0"], factor: 1, times: "q")])
    ]
    try assertRefused(plan, "multiplies by q, which is no symbol of the plan")
    plan.symbols = [PlanSymbol(name: "n", recorded: [8], sites: [input])]
    var derived = PlanParam(name: "size0", dtype: .float64, recorded: "0x1p+3")
    derived.derived = SizeFormula(symbols: ["m"], numerator: [1, 0])
    plan.params.append(derived)
    try assertRefused(plan, "parameter 'size0': the size-derived constant m: no value for m")
    plan.params[plan.params.count - 1].derived = SizeFormula(
      symbols: ["n", "n"], numerator: [Int.max, 0])
    try assertRefused(plan, "overflow")
    plan.params[plan.params.count - 1].derived = SizeFormula(
      symbols: ["n", "n"], numerator: [1, 0], denominator: [1, 0])
    try assertRefused(plan, "malformed")
    plan.params.removeLast()
    // A size the caller gives must not also be an input's.
    plan.symbols = [PlanSymbol(name: "n", recorded: [8], sites: [input], given: true)]
    try assertRefused(plan, "given by the caller, yet an input axis has it")
  }
}
