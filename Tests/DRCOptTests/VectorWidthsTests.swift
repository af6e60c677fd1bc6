// Vector widths as a compile target: device preferences, parsing, plans retargeted and checked.

import DRCIR
import DRCPlan
import XCTest

@testable import DRCOpt

final class VectorWidthsTests: XCTestCase {
  func plan(_ name: String) throws -> Plan {
    let (graph, _) = try loadTrace(OptRepo.root.appendingPathComponent("traces/\(name).json").path)
    return try compile(graph).0
  }

  func testDevicePreferencesBecomeAllowedWidths() {
    XCTAssertEqual(
      VectorWidths(preferredFloat: 16, preferredDouble: 8), VectorWidths(narrow: 16, wide: 8))
    XCTAssertEqual(
      VectorWidths(preferredFloat: 1, preferredDouble: 1), VectorWidths(narrow: 1, wide: 1))
    // No fp64 (0): half the float width. Odd or huge preferences round down to an allowed width.
    XCTAssertEqual(
      VectorWidths(preferredFloat: 4, preferredDouble: 0), VectorWidths(narrow: 4, wide: 2))
    XCTAssertEqual(
      VectorWidths(preferredFloat: 3, preferredDouble: 64), VectorWidths(narrow: 2, wide: 16))
    XCTAssertEqual(
      VectorWidths(preferredFloat: 0, preferredDouble: 0), VectorWidths(narrow: 1, wide: 1))
  }

  func testParsing() {
    XCTAssertEqual(VectorWidths(parsing: "16,8"), VectorWidths(narrow: 16, wide: 8))
    XCTAssertEqual(VectorWidths(parsing: " 4 "), VectorWidths(narrow: 4, wide: 4))
    for bad in ["3", "32", "8,", "x", "", "8,4,2", "-8"] {
      XCTAssertNil(VectorWidths(parsing: bad), bad)
    }
  }

  func testTargetingSetsElementwiseWidthsAndLaunchSizes() throws {
    let portable = try plan("blackscholes")
    XCTAssertEqual(portable.targeting(.portable), portable, "portable plans are unchanged")
    let wide = portable.targeting(VectorWidths(narrow: 16, wide: 8))
    XCTAssertNotEqual(wide, portable)
    try PlanVerifier.check(wide)
    for (a, b) in zip(portable.kernels, wide.kernels) where a.kind == .elementwise {
      let points = a.outer.reduce(1, *)
      XCTAssertEqual(LaunchGeometry.vectorWidth(a), 8)
      XCTAssertEqual(LaunchGeometry.vectorWidth(b), 16)
      XCTAssertEqual(LaunchGeometry.entries(b)[0].global, (points + 15) / 16)
    }
    // float64 kernels take the wide width.
    let sincos = try plan("sincos").targeting(VectorWidths(narrow: 16, wide: 2))
    XCTAssertEqual(sincos.kernels.map { LaunchGeometry.vectorWidth($0) }, [2])
    // Serial kernels record at most 4 (matrix products) or 8 (reductions) output points per
    // work-item, which are not elementwise points: `vectorWidth(_:)` (elementwise points)
    // stays 1.
    let cronbach = try plan("cronbach").targeting(VectorWidths(narrow: 16, wide: 8))
    for k in cronbach.kernels where k.kind != .elementwise {
      XCTAssertEqual(k.strategy, .serial)
      XCTAssertEqual(
        k.vectorWidth,
        k.kind == .matmul
          ? LaunchGeometry.serialPortableLanes : LaunchGeometry.serialReductionLanes)
      XCTAssertEqual(LaunchGeometry.vectorWidth(k), 1)
    }
    // A plan without widths (an older drc's): serial kernels compute one point per work-item
    // (a reduction along rows takes its lanes along the row, whatever the width).
    var bare = cronbach
    for k in bare.kernels.indices { bare.kernels[k].vectorWidth = nil }
    for k in bare.kernels where k.kind != .elementwise {
      XCTAssertEqual(
        LaunchGeometry.lanes(k),
        LaunchGeometry.rowVector(k) ? LaunchGeometry.portableWidth(k) : 1)
      XCTAssertEqual(LaunchGeometry.entries(k)[0].global, k.outer.reduce(1, *))
    }
  }

  func testVerifierRefusesWidthsCodeCannotUse() throws {
    var plan = try plan("blackscholes")
    plan.kernels[0].vectorWidth = 3
    XCTAssertThrowsError(try PlanVerifier.check(plan)) {
      XCTAssertTrue("\($0)".contains("vector width 3"), "\($0)")
    }
    var cronbach = try self.plan("cronbach")
    guard let r = cronbach.kernels.firstIndex(where: { $0.kind == .reduction }) else {
      return XCTFail("no reduction")
    }
    cronbach.kernels[r].vectorWidth = 8
    XCTAssertNoThrow(try PlanVerifier.check(cronbach), "reductions take lanes too")
    cronbach.kernels[r].vectorWidth = 32
    XCTAssertThrowsError(try PlanVerifier.check(cronbach))
  }

  func testSerialReductionsComputeSeveralOutputPointsPerWorkItem() throws {
    let jacobi = try plan("jacobi")
    let products = jacobi.kernels.filter { $0.kind == .matmul }
    XCTAssertFalse(products.isEmpty)
    for k in products {
      let points = k.outer.reduce(1, *)
      XCTAssertEqual(LaunchGeometry.lanes(k), LaunchGeometry.serialPortableLanes)
      XCTAssertEqual(LaunchGeometry.entries(k)[0].global, (points + 3) / 4)
      // A GPU target: one output point per work-item.
      let gpu = jacobi.targeting(VectorWidths(narrow: 1, wide: 1))
      for g in gpu.kernels where g.kind == .matmul {
        XCTAssertEqual(LaunchGeometry.lanes(g), 1)
        XCTAssertEqual(LaunchGeometry.entries(g)[0].global, points)
      }
    }
  }
}
