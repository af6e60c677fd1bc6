// Reductions on PoCL: both strategies, every accumulation, NaN propagation and wrapping.
//
// The benchmark traces are small enough that every reduction is `serial`; these graphs are
// built large enough for the optimiser to pick `partials` (a single output point over many
// inputs), and check the generated `_partial`/`_final` pair against the reference interpreter.

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCRuntime
import XCTest

final class ReductionDeviceTests: XCTestCase {
  /// Emits and runs a one-reduction graph; returns the device and reference outputs.
  func run(
    _ op: ReduceOp, _ input: HostArray, axes: [Int], result: DType,
    strategy: ReductionStrategy? = nil, widths: VectorWidths = .portable
  ) throws -> (device: HostArray, reference: HostArray) {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    var g = Graph(name: "r", inputs: [InputDecl(name: "x", dtype: input.dtype, shape: input.shape)])
    let x = g.add(.input("x"), dtype: input.dtype, shape: input.shape)
    let shape = input.shape.indices.filter { !axes.contains($0) }.map { input.shape[$0] }
    let r = g.add(.reduce(op, axes: axes, keepdims: false), [x], dtype: result, shape: shape)
    g.outputs = [OutputDecl(name: "r", node: r)]
    let plan = try PlanBuilder.build(g).0.targeting(widths)
    try PlanVerifier.check(plan)
    let width = LaunchGeometry.hasWideValue(plan.kernels[0]) ? widths.wide : widths.narrow
    if width != LaunchGeometry.portableWidth(plan.kernels[0]), plan.kernels[0].strategy == .partials
    {
      XCTAssertEqual(plan.kernels[0].vectorWidth, width, "the plan records the width")
      if !LaunchGeometry.columnPartials(plan.kernels[0]) {
        XCTAssertEqual(LaunchGeometry.lanes(plan.kernels[0]), width)
      }
    }
    if let strategy { XCTAssertEqual(plan.kernels.map(\.strategy), [strategy]) }
    let source = try OpenCLEmitter.emit(
      plan: plan, locations: [:], traceName: "r", drcVersion: "test")
    if OpenCLSyntaxCheck.isAvailable { try OpenCLSyntaxCheck.check(source) }
    let runner = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: nil)
    let device = try runner.run(inputs: ["x": input]).outputs["r"]
    let reference = try Interpreter(graph: g).run(inputs: ["x": input])["r"]
    guard let device, let reference else { throw CodegenError("missing output") }
    return (device, reference)
  }

  func close(
    _ a: HostArray, _ b: HostArray, _ tolerance: Double, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(a.shape, b.shape, file: file, line: line)
    for (x, y) in zip(a.doubles(), b.doubles()) {
      if x.isNaN || y.isNaN {
        XCTAssertTrue(x.isNaN && y.isNaN, "\(x) vs \(y)", file: file, line: line)
      } else {
        XCTAssertLessThanOrEqual(
          abs(x - y), tolerance * max(abs(y), 1), "\(x) vs \(y)", file: file, line: line)
      }
    }
  }

  func testPartialsSumAndMeanOfFloats() throws {
    let n = 5000
    let x64 = try HostArray((0..<n).map { Double($0 % 97) * 0.37 - 11 }, shape: [n])
    let (d, r) = try run(.sum, x64, axes: [0], result: .float64, strategy: .partials)
    close(d, r, 1e-12)
    let x32 = try HostArray((0..<n).map { Float($0 % 89) * 0.25 - 7 }, shape: [n])
    let (d2, r2) = try run(.mean, x32, axes: [0], result: .float32, strategy: .partials)
    close(d2, r2, 1e-5)
  }

  func testPartialsAtEveryVectorWidth() throws {
    let n = 5003
    let x64 = try HostArray((0..<n).map { Double($0 % 97) * 0.37 - 11 }, shape: [n])
    let x32 = try HostArray((0..<n).map { Float($0 % 89) * 0.25 - 7 }, shape: [n])
    var nan = (0..<n).map { Float(($0 * 7919) % 1000) - 500 }
    nan[4001] = .nan
    for w in [1, 2, 16] {
      let widths = VectorWidths(narrow: w, wide: w)
      let (d, r) = try run(
        .sum, x64, axes: [0], result: .float64, strategy: .partials, widths: widths)
      close(d, r, 1e-12)
      let (d2, r2) = try run(.mean, x32, axes: [0], result: .float32, widths: widths)
      close(d2, r2, 1e-5)
      let (d3, _) = try run(
        .max, try HostArray(nan, shape: [n]), axes: [0], result: .float32, widths: widths)
      XCTAssertTrue(d3.doubles()[0].isNaN, "width \(w)")
    }
  }

  /// Serial reductions compute several output points per work-item as vector lanes; each lane
  /// accumulates in the reference's order, so every lane count gives the same bits (axis 0; a
  /// sum along axis 1 runs along the row, `rowVector`, whatever the width).
  func testSerialLanesGiveIdenticalBits() throws {
    let (rows, cols) = (37, 203)
    let values = (0..<(rows * cols)).map { Float(($0 * 7919) % 1013) * 0.013 - 6.5 }
    let x = try HostArray(values, shape: [rows, cols])
    for axis in [0, 1] {
      var results: [[Double]] = []
      for w in [1, 2, 4] {
        let (d, r) = try run(
          .sum, x, axes: [axis], result: .float32, strategy: .serial,
          widths: VectorWidths(narrow: w, wide: w))
        close(d, r, 1e-5)
        results.append(d.doubles())
      }
      XCTAssertEqual(results[0], results[1], "axis \(axis): 2 lanes")
      XCTAssertEqual(results[0], results[2], "axis \(axis): 4 lanes")
    }
  }

  /// Lanes over a two-axis outer space (carries, row-crossing loads, a remainder) and sums of
  /// bools into integers, at every lane count.
  func testSerialLanesOverTwoOuterAxesAndBoolSums() throws {
    let values: [Double] = (0..<315).map { (i: Int) -> Double in Double((i * 37) % 101) * 0.5 - 20 }
    let x = try HostArray(values, shape: [5, 7, 9])
    let flags = try HostArray((0..<(6 * 11)).map { $0 % 3 == 0 }, shape: [6, 11])
    var sums: [[Double]] = []
    var counts: [[Double]] = []
    for w in [1, 2, 4] {
      let widths = VectorWidths(narrow: w, wide: w)
      let (d, r) = try run(.sum, x, axes: [2], result: .float64, strategy: .serial, widths: widths)
      close(d, r, 1e-12)
      sums.append(d.doubles())
      let (c, rc) = try run(
        .sum, flags, axes: [0], result: .int64, strategy: .serial, widths: widths)
      XCTAssertEqual(c.doubles(), rc.doubles(), "bool sums at \(w) lanes")
      counts.append(c.doubles())
    }
    XCTAssertEqual(sums[0], sums[1])
    XCTAssertEqual(sums[0], sums[2])
  }

  func testPartialsMinMaxPropagateNaN() throws {
    let n = 4099
    var values = (0..<n).map { Float(($0 * 7919) % 1000) - 500 }
    let (d, r) = try run(.max, try HostArray(values, shape: [n]), axes: [0], result: .float32)
    XCTAssertEqual(d.doubles(), r.doubles())
    let (d1, r1) = try run(.min, try HostArray(values, shape: [n]), axes: [0], result: .float32)
    XCTAssertEqual(d1.doubles(), r1.doubles())
    values[3001] = .nan
    let (d2, _) = try run(.max, try HostArray(values, shape: [n]), axes: [0], result: .float32)
    XCTAssertTrue(d2.doubles()[0].isNaN)
    let (d3, _) = try run(.min, try HostArray(values, shape: [n]), axes: [0], result: .float32)
    XCTAssertTrue(d3.doubles()[0].isNaN)
  }

  func testIntegerReductionsWrapExactly() throws {
    let n = 6000
    let big = try HostArray((0..<n).map { Int32.max - Int32($0) }, shape: [n])
    let (d, r) = try run(.sum, big, axes: [0], result: .int64)
    XCTAssertEqual(d.scalars(), r.scalars())
    let longs = try HostArray((0..<n).map { Int64($0 % 13) + 2 }, shape: [n])
    let (d1, r1) = try run(.prod, longs, axes: [0], result: .int64)
    XCTAssertEqual(d1.scalars(), r1.scalars(), "wrapping product")
    let (d2, r2) = try run(
      .min, try HostArray((0..<n).map { Int64($0) - 3 }, shape: [n]), axes: [0], result: .int64)
    XCTAssertEqual(d2.scalars(), r2.scalars())
    let (d3, r3) = try run(.mean, big, axes: [0], result: .float64)
    close(d3, r3, 1e-12)
    let bools = try HostArray((0..<n).map { $0 == 4321 }, shape: [n])
    let (d4, r4) = try run(.max, bools, axes: [0], result: .bool)
    XCTAssertEqual(d4.scalars(), r4.scalars())
  }

  /// Reductions along contiguous rows run one output point per work-item, W points of the row
  /// at a time (`LaunchGeometry.rowVector`): sums, means, max with NaN, argmax with ties (the
  /// first index wins), rows whose length W does not divide, and two inner axes of a sliced
  /// array, whose vector steps cross from one row of the slice to the next.
  func testRowVectorReductions() throws {
    let (rows, cols) = (37, 203)
    var values = (0..<(rows * cols)).map { Float(($0 * 7919) % 1013) * 0.013 - 6.5 }
    values[5 * cols + 77] = .nan
    let x = try HostArray(values, shape: [rows, cols])
    let (d, r) = try run(.sum, x, axes: [1], result: .float32, strategy: .serial)
    XCTAssertEqual(d.doubles()[5].isNaN, true)
    // A sum in another order: within n u sum|x| of the reference (docs/numerics.md).
    within(d, r, rowBounds(values.map(Double.init), cols: cols, u: 0x1p-24))
    let (d1, r1) = try run(.max, x, axes: [1], result: .float32, strategy: .serial)
    XCTAssertEqual(d1.doubles().map(\.bitPattern), r1.doubles().map(\.bitPattern))
    let tied: [Double] = (0..<(rows * cols)).map { (i: Int) -> Double in Double((i * 31) % 17) }
    let ties = try HostArray(tied, shape: [rows, cols])
    let (d2, r2) = try run(.argmax, ties, axes: [1], result: .int64, strategy: .serial)
    XCTAssertEqual(d2.scalars(), r2.scalars(), "the first index of the largest value")
    let (d3, r3) = try run(.argmin, x, axes: [1], result: .int64, strategy: .serial)
    XCTAssertEqual(d3.scalars(), r3.scalars(), "NaN is the minimum's position")
    let (d4, r4) = try run(.mean, ties, axes: [1], result: .float64, strategy: .serial)
    within(d4, r4, rowBounds(tied, cols: cols, u: 0x1p-53).map { $0 / Double(cols) })
    // The plan these ran: one kernel along rows, one output point per work-item.
    var g = Graph(name: "r", inputs: [InputDecl(name: "x", dtype: .float32, shape: [rows, cols])])
    let xn = g.add(.input("x"), dtype: .float32, shape: [rows, cols])
    let sum = g.add(
      .reduce(.sum, axes: [1], keepdims: false), [xn], dtype: .float32, shape: [rows])
    g.outputs = [OutputDecl(name: "r", node: sum)]
    let kernel = try XCTUnwrap(try PlanBuilder.build(g).0.kernels.first)
    XCTAssertTrue(LaunchGeometry.rowVector(kernel))
    XCTAssertEqual(LaunchGeometry.entries(kernel).map(\.global), [rows])
    // A column sum keeps lanes over output points.
    var c = g
    c.nodes[sum] = Node(
      id: sum, op: .reduce(.sum, axes: [0], keepdims: false), operands: [xn], dtype: .float32,
      shape: [cols])
    XCTAssertFalse(
      LaunchGeometry.rowVector(try XCTUnwrap(try PlanBuilder.build(c).0.kernels.first)))
  }

  /// Two inner axes of a sliced array: each vector step may cross from one row of the slice to
  /// the next, where the elements are not adjacent in memory.
  func testRowVectorReductionOfASlice() throws {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    let shape = [6, 9, 13]
    let values: [Double] = (0..<(6 * 9 * 13)).map { (i: Int) -> Double in
      Double((i * 37) % 101) * 0.25 - 12
    }
    let input = try HostArray(values, shape: shape)
    var g = Graph(name: "r", inputs: [InputDecl(name: "x", dtype: .float64, shape: shape)])
    let x = g.add(.input("x"), dtype: .float64, shape: shape)
    let s = g.add(
      .slice([
        SliceRange(start: 0, stop: 6, step: 1), SliceRange(start: 0, stop: 9, step: 1),
        SliceRange(start: 1, stop: 13, step: 1),
      ]), [x], dtype: .float64, shape: [6, 9, 12])
    let r = g.add(.reduce(.sum, axes: [1, 2], keepdims: false), [s], dtype: .float64, shape: [6])
    g.outputs = [OutputDecl(name: "r", node: r)]
    let plan = try PlanBuilder.build(g).0
    XCTAssertTrue(plan.kernels.contains(where: LaunchGeometry.rowVector))
    let source = try OpenCLEmitter.emit(plan: plan, locations: [:], traceName: "r", drcVersion: "t")
    let runner = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: nil)
    let device = try XCTUnwrap(try runner.run(inputs: ["x": input]).outputs["r"])
    let reference = try XCTUnwrap(try Interpreter(graph: g).run(inputs: ["x": input])["r"])
    // 108 terms of magnitude at most 13.25 per output: within 108 u * 108 * 13.25.
    within(device, reference, Array(repeating: 108 * 0x1p-53 * 108 * 13.25, count: 6))
  }

  /// Per row of `values` (row-major, `cols` wide): `cols * u * sum|x|`, the bound of a float sum
  /// of the row in any order (plus a subnormal floor).
  func rowBounds(_ values: [Double], cols: Int, u: Double) -> [Double] {
    stride(from: 0, to: values.count, by: cols).map { start in
      let magnitude = values[start..<(start + cols)].reduce(0) { $0 + abs($1.isNaN ? 0 : $1) }
      return Double(cols) * u * magnitude + 0x1p-126
    }
  }

  /// Every element of `a` within `bounds` (per element) of `b`; NaN only where `b` is NaN.
  func within(
    _ a: HostArray, _ b: HostArray, _ bounds: [Double], file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(a.shape, b.shape, file: file, line: line)
    XCTAssertEqual(a.doubles().count, bounds.count, file: file, line: line)
    for (i, (x, y)) in zip(a.doubles(), b.doubles()).enumerated() where i < bounds.count {
      if x.isNaN || y.isNaN {
        XCTAssertTrue(x.isNaN && y.isNaN, "[\(i)] \(x) vs \(y)", file: file, line: line)
      } else {
        XCTAssertLessThanOrEqual(
          abs(x - y), bounds[i], "[\(i)] \(x) vs \(y)", file: file, line: line)
      }
    }
  }

  func testSerialReductionsOverInnerAxes() throws {
    let x = try HostArray((0..<(6 * 7 * 5)).map { Float($0 % 11) - 3.5 }, shape: [6, 7, 5])
    let (d, r) = try run(.sum, x, axes: [0, 2], result: .float32, strategy: .serial)
    close(d, r, 1e-6)
    let (d1, r1) = try run(.max, x, axes: [1], result: .float32, strategy: .serial)
    XCTAssertEqual(d1.doubles(), r1.doubles())
    let (d2, r2) = try run(.prod, x, axes: [2], result: .float32, strategy: .serial)
    close(d2, r2, 1e-6)
  }
}
