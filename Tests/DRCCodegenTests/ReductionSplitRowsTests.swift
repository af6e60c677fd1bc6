// Reductions of a few long rows or columns split into blocks (`LaunchGeometry.splitsRows`,
// `splitsColumns`), on PoCL.
//
// A reduction along rows with 2 to 16 output points, or along columns with 8 to 32, and at least
// `partialsFrom` points per output runs as a `partials` reduction of several points: 256 blocks
// per output point (columns: per vector of output points), then one combining work-item per
// point. Sums are compared within the bound of any summation order; min, max and
// products of small integers exactly; NaN must propagate from any block.

import DRCIR
import DRCOpt
import DRCPlan
import DRCRuntime
import XCTest

extension ReductionDeviceTests {
  /// The plan of one reduction of `shape` over `axes`.
  func splitPlan(_ op: ReduceOp, shape: [Int], axes: [Int], dtype: DType) throws -> Plan {
    var g = Graph(name: "r", inputs: [InputDecl(name: "x", dtype: dtype, shape: shape)])
    let x = g.add(.input("x"), dtype: dtype, shape: shape)
    let kept = shape.indices.filter { !axes.contains($0) }.map { shape[$0] }
    let r = g.add(.reduce(op, axes: axes, keepdims: false), [x], dtype: dtype, shape: kept)
    g.outputs = [OutputDecl(name: "r", node: r)]
    return try PlanBuilder.build(g).0
  }

  func testFewLongRowsAreSplitIntoBlocks() throws {
    let (rows, cols) = (5, 2051)
    var values: [Double] = (0..<(rows * cols)).map { (i: Int) -> Double in
      Double((i * 7919) % 1013) * 0.013 - 6.5
    }
    values[3 * cols + 2000] = .nan
    let x64 = try HostArray(values, shape: [rows, cols])
    let x32 = try HostArray(values.map { Float($0) }, shape: [rows, cols])
    let plan = try splitPlan(.sum, shape: [rows, cols], axes: [1], dtype: .float64)
    let kernel = try XCTUnwrap(plan.kernels.first)
    XCTAssertEqual(kernel.strategy, .partials)
    XCTAssertEqual(
      LaunchGeometry.entries(kernel).map(\.global), [LaunchGeometry.partialGroups * rows, rows])
    XCTAssertEqual(LaunchGeometry.scratchBytes(kernel), LaunchGeometry.partialGroups * 8 * rows)
    for widths in [
      VectorWidths.portable, VectorWidths(narrow: 16, wide: 8), VectorWidths(narrow: 1, wide: 1),
    ] {
      let (d, r) = try run(
        .sum, x64, axes: [1], result: .float64, strategy: .partials, widths: widths)
      within(d, r, rowBounds(values, cols: cols, u: 0x1p-53))
      XCTAssertTrue(d.doubles()[3].isNaN, "a NaN in one block")
      let (d1, r1) = try run(.mean, x32, axes: [1], result: .float32, widths: widths)
      within(d1, r1, rowBounds(values, cols: cols, u: 0x1p-24).map { $0 / Double(cols) })
      let (d2, r2) = try run(.max, x32, axes: [1], result: .float32, widths: widths)
      XCTAssertEqual(d2.doubles().map(\.bitPattern), r2.doubles().map(\.bitPattern))
      let (d3, r3) = try run(.min, x64, axes: [1], result: .float64, widths: widths)
      XCTAssertEqual(d3.doubles().map(\.bitPattern), r3.doubles().map(\.bitPattern))
    }
    // Products of +-1 and 2 are exact in any order.
    var factors: [Double] = []
    for i in 0..<(3 * 1500) {
      let factor: Double = i % 97 == 0 ? 2 : (i % 3 == 0 ? -1 : 1)
      factors.append(factor)
    }
    let signs = try HostArray(factors, shape: [3, 1500])
    let (d4, r4) = try run(.prod, signs, axes: [1], result: .float64, strategy: .partials)
    XCTAssertEqual(d4.doubles(), r4.doubles())
  }

  /// Rows over two inner axes of a 3-D array (vector steps cross from one inner row to the
  /// next), and the limits: 17 rows, rows shorter than `partialsFrom`, and a plan for every
  /// size keep their serial kernels.
  func testSplitRowsOverTwoInnerAxesAndTheLimits() throws {
    let shape = [3, 40, 61]
    let values: [Double] = (0..<(3 * 40 * 61)).map { (i: Int) -> Double in
      Double((i * 37) % 101) * 0.25 - 12
    }
    let x = try HostArray(values, shape: shape)
    let (d, r) = try run(.sum, x, axes: [1, 2], result: .float64, strategy: .partials)
    within(d, r, rowBounds(values, cols: 40 * 61, u: 0x1p-53))
    let many = try splitPlan(.sum, shape: [17, 2048], axes: [1], dtype: .float32)
    XCTAssertEqual(many.kernels.first?.strategy, .serial, "17 rows: one work-item per row")
    let short = try splitPlan(.sum, shape: [4, 1000], axes: [1], dtype: .float32)
    XCTAssertEqual(short.kernels.first?.strategy, .serial, "rows under partialsFrom")
    let columns = try splitPlan(.sum, shape: [4096, 4], axes: [0], dtype: .float32)
    XCTAssertEqual(columns.kernels.first?.strategy, .serial, "columns are not rows")
    var g = Graph(name: "r", inputs: [InputDecl(name: "x", dtype: .float32, shape: [4, 4096])])
    let xn = g.add(.input("x"), dtype: .float32, shape: [4, 4096])
    let s = g.add(.reduce(.sum, axes: [1], keepdims: false), [xn], dtype: .float32, shape: [4])
    g.outputs = [OutputDecl(name: "r", node: s)]
    let fixed = try PlanBuilder.build(g, options: FusionOptions(splitReductions: false)).0
    XCTAssertEqual(fixed.kernels.first?.strategy, .serial, "splitReductions off")
  }

  /// Column sums, means, min, max and products of tall, narrow arrays: whole vectors of columns,
  /// a last partial vector done one column at a time (20 columns at 8 or 16 lanes), one lane.
  func testFewLongColumnsAreSplitIntoBlocks() throws {
    for (rows, cols) in [(3001, 8), (1500, 20)] {
      var values: [Double] = (0..<(rows * cols)).map { (i: Int) -> Double in
        Double((i * 7919) % 1013) * 0.013 - 6.5
      }
      values[(rows - 2) * cols + 5] = .nan
      let x64 = try HostArray(values, shape: [rows, cols])
      let x32 = try HostArray(values.map { Float($0) }, shape: [rows, cols])
      // Per column: rows * u * sum|x| bounds a sum in any order.
      var bounds64: [Double] = []
      for c in 0..<cols {
        var magnitude = 0.0
        for r in 0..<rows where !values[r * cols + c].isNaN {
          magnitude += abs(values[r * cols + c])
        }
        bounds64.append(Double(rows) * 0x1p-53 * magnitude + 0x1p-1000)
      }
      for widths in [
        VectorWidths.portable, VectorWidths(narrow: 16, wide: 8), VectorWidths(narrow: 1, wide: 1),
      ] {
        let plan = try splitPlan(.sum, shape: [rows, cols], axes: [0], dtype: .float64)
          .targeting(widths)
        let kernel = try XCTUnwrap(plan.kernels.first)
        XCTAssertEqual(kernel.strategy, .partials, "\(cols) columns")
        let lanes = LaunchGeometry.lanes(kernel)
        XCTAssertLessThanOrEqual(lanes, cols)
        XCTAssertEqual(
          LaunchGeometry.entries(kernel).map(\.global),
          [LaunchGeometry.partialGroups * ((cols + lanes - 1) / lanes), cols])
        let (d, r) = try run(.sum, x64, axes: [0], result: .float64, widths: widths)
        within(d, r, bounds64)
        XCTAssertTrue(d.doubles()[5].isNaN, "a NaN in one block")
        let (d1, r1) = try run(.mean, x32, axes: [0], result: .float32, widths: widths)
        within(d1, r1, bounds64.map { $0 * 0x1p29 / Double(rows) })
        let (d2, r2) = try run(.max, x32, axes: [0], result: .float32, widths: widths)
        XCTAssertEqual(d2.doubles().map(\.bitPattern), r2.doubles().map(\.bitPattern))
        let (d3, r3) = try run(.min, x64, axes: [0], result: .float64, widths: widths)
        XCTAssertEqual(d3.doubles().map(\.bitPattern), r3.doubles().map(\.bitPattern))
      }
    }
    let wide = try splitPlan(.sum, shape: [2048, 40], axes: [0], dtype: .float32)
    XCTAssertEqual(wide.kernels.first?.strategy, .serial, "40 columns: serial work-items suffice")
  }
}
