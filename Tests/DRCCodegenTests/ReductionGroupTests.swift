// Column reductions with several vectors of output points per work-item, on PoCL.
//
// `LaunchGeometry.groups`: a serial column reduction at W lanes records `columnGroups` vectors
// per work-item, runs ceil(points / (W G)) work-items, and the last one finishes its whole
// vectors and then its remaining points alone. Every lane still accumulates in the reference's
// order, so every grouping must give the bits of one point per work-item.

import DRCIR
import DRCOpt
import DRCPlan
import DRCRuntime
import XCTest

extension ReductionDeviceTests {
  /// The kernel of `columnPlan`.
  func columnKernel(_ op: ReduceOp, shape: [Int], dtype: DType, result: DType, widths: VectorWidths)
    throws -> Kernel
  {
    try XCTUnwrap(
      try columnPlan(op, shape: shape, dtype: dtype, result: result, widths: widths).kernels.first)
  }

  /// The plan of one reduction over axis 0, as `run` builds it.
  func columnPlan(_ op: ReduceOp, shape: [Int], dtype: DType, result: DType, widths: VectorWidths)
    throws -> Plan
  {
    var g = Graph(name: "r", inputs: [InputDecl(name: "x", dtype: dtype, shape: shape)])
    let x = g.add(.input("x"), dtype: dtype, shape: shape)
    let r = g.add(
      .reduce(op, axes: [0], keepdims: false), [x], dtype: result, shape: Array(shape.dropFirst()))
    g.outputs = [OutputDecl(name: "r", node: r)]
    return try PlanBuilder.build(g).0.targeting(widths)
  }

  /// Sums, means, products, min/max with NaN and argmin/argmax with ties over axis 0, at 2, 4,
  /// 8 and 16 lanes in groups of 4 (150 columns: whole work-items, then a last one with whole
  /// vectors and single points), bit for bit equal to 1 lane and to the reference (sums and
  /// means, which the reference adds pairwise: within 29 additions' rounding of |x| <= 6.5).
  func testGroupedColumnReductionsMatchOneLane() throws {
    let (rows, cols) = (29, 150)
    var values = (0..<(rows * cols)).map { Double(($0 * 7919) % 1013) * 0.013 - 6.5 }
    values[11 * cols + 141] = .nan
    values[3 * cols + 17] = .nan
    let x64 = try HostArray(values, shape: [rows, cols])
    let x32 = try HostArray(values.map { Float($0) }, shape: [rows, cols])
    let tied = try HostArray(
      (0..<(rows * cols)).map { (i: Int) -> Double in Double((i * 31) % 17) }, shape: [rows, cols])
    let cases: [(ReduceOp, HostArray, DType)] = [
      (.sum, x64, .float64), (.mean, x32, .float32), (.prod, tied, .float64),
      (.max, x32, .float32), (.min, x64, .float64), (.argmax, tied, .int64),
      (.argmin, x64, .int64),
    ]
    for (op, x, result) in cases {
      let one = try run(op, x, axes: [0], result: result, widths: VectorWidths(narrow: 1, wide: 1))
      for w in [2, 4, 8, 16] {
        let widths = VectorWidths(narrow: w, wide: w)
        let kernel = try columnKernel(
          op, shape: [rows, cols], dtype: x.dtype, result: result, widths: widths)
        XCTAssertEqual(kernel.vectorGroups, LaunchGeometry.columnGroups, "\(op) at \(w) lanes")
        XCTAssertEqual(LaunchGeometry.groups(kernel), LaunchGeometry.columnGroups)
        let span = LaunchGeometry.lanes(kernel) * LaunchGeometry.columnGroups
        XCTAssertEqual(
          LaunchGeometry.entries(kernel).map(\.global), [(cols + span - 1) / span],
          "\(op) at \(w) lanes: one work-item per \(span) columns")
        let (d, r) = try run(op, x, axes: [0], result: result, widths: widths)
        XCTAssertEqual(
          d.doubles().map(\.bitPattern), one.device.doubles().map(\.bitPattern), "\(op) at \(w)")
        if op == .sum || op == .mean {
          // The reference sums pairwise, the device in order (docs/numerics.md).
          close(d, r, Double(rows) * (result == .float32 ? 0x1p-24 : 0x1p-53) * 13)
        } else {
          XCTAssertEqual(d.doubles().map(\.bitPattern), r.doubles().map(\.bitPattern), "\(op)")
        }
      }
    }
  }

  /// Fewer columns than one work-item's vectors keep one vector per work-item; so do row
  /// reductions and one-lane (GPU) targets, which record no groups. A plan asking for more groups than allowed is
  /// refused.
  func testGroupsOnlyWhereTheyApply() throws {
    let w8 = VectorWidths(narrow: 8, wide: 8)
    let narrow = try columnKernel(
      .sum, shape: [40, 31], dtype: .float32, result: .float32, widths: w8)
    XCTAssertEqual(narrow.vectorGroups, 4, "recorded whatever the size")
    XCTAssertEqual(LaunchGeometry.groups(narrow), 1, "31 columns < 8 lanes x 4")
    XCTAssertEqual(LaunchGeometry.entries(narrow).map(\.global), [4])
    var g = Graph(name: "r", inputs: [InputDecl(name: "x", dtype: .float32, shape: [40, 300])])
    let x = g.add(.input("x"), dtype: .float32, shape: [40, 300])
    let r = g.add(.reduce(.sum, axes: [1], keepdims: false), [x], dtype: .float32, shape: [40])
    g.outputs = [OutputDecl(name: "r", node: r)]
    let rows = try XCTUnwrap(try PlanBuilder.build(g).0.targeting(w8).kernels.first)
    XCTAssertTrue(LaunchGeometry.rowVector(rows))
    XCTAssertEqual(LaunchGeometry.groups(rows), 1, "a row reduction keeps one row per work-item")
    XCTAssertEqual(LaunchGeometry.entries(rows).map(\.global), [40])
    let gpu = try columnKernel(
      .sum, shape: [40, 300], dtype: .float32, result: .float32,
      widths: VectorWidths(narrow: 1, wide: 1))
    XCTAssertNil(gpu.vectorGroups)
    XCTAssertEqual(LaunchGeometry.entries(gpu).map(\.global), [300])
    var bad = try columnPlan(.sum, shape: [40, 300], dtype: .float32, result: .float32, widths: w8)
    XCTAssertEqual(bad.kernels.first?.vectorGroups, 4)
    XCTAssertNoThrow(try PlanVerifier.check(bad))
    bad.kernels[0].vectorGroups = LaunchGeometry.maxGroups + 1
    XCTAssertThrowsError(try PlanVerifier.check(bad)) {
      XCTAssertTrue("\($0)".contains("vector groups"), "\($0)")
    }
  }
}
