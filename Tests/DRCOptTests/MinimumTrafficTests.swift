// The minimum traffic of a plan counts only the input elements launches read and the outputs
// they write, so it never exceeds the bytes moved (`drc explain` once printed 16 B moved,
// minimum 136 B, for a program reading one element of a 16-element input).

import DRCIR
import DRCPlan
import XCTest

@testable import DRCOpt

final class MinimumTrafficTests: XCTestCase {
  func testReadingOneElementOfAnInputCountsOneElement() throws {
    var g = Graph(name: "one")
    g.inputs = [InputDecl(name: "x", dtype: .float64, shape: [16])]
    let x = g.add(.input("x"), dtype: .float64, shape: [16])
    let s = g.add(
      .slice([SliceRange(start: 3, stop: 4, step: 1)]), [x], dtype: .float64, shape: [1])
    let two = g.add(.full(.float(2)), dtype: .float64, shape: [1])
    let y = g.add(.binary(.mul), [s, two], dtype: .float64, shape: [1])
    g.outputs = [OutputDecl(name: "y", node: y)]
    for fuse in [true, false] {
      let (plan, _, _) = try compile(g, fuse: fuse)
      XCTAssertEqual(plan.stats.minimumBytes, 16, "fuse \(fuse)")
      XCTAssertLessThanOrEqual(plan.stats.minimumBytes, plan.stats.bytesMoved, "fuse \(fuse)")
    }
  }

  func testElementsReadByDifferentLaunchesAreCountedOnce() {
    var minimum = MinimumTraffic()
    let first = IndexMap(shape: [16], coefficients: [[1]], offsets: [0])
    let overlapping = IndexMap(shape: [16], coefficients: [[1]], offsets: [4])
    minimum.read(node: 0, bytes: 24, through: [(first, [6])])
    minimum.read(node: 0, bytes: 24, through: [(overlapping, [6])])
    // Elements 0-5, then 4-9: ten distinct float32 elements plus 8 output bytes.
    XCTAssertEqual(minimum.bytes(elementSize: { _ in 4 }, outputBytes: 8), 10 * 4 + 8)
  }

  /// Strided windows are bounded by their footprints, and never by more than the launches move.
  func testStridedWindowsNeverExceedWhatIsMoved() {
    var minimum = MinimumTraffic()
    let first = IndexMap(shape: [16], coefficients: [[1]], offsets: [0])
    let strided = IndexMap(shape: [16], coefficients: [[2]], offsets: [4])
    minimum.read(node: 0, bytes: 24, through: [(first, [6])])
    minimum.read(node: 0, bytes: 12, through: [(strided, [4])])
    // Distinct: 0-5 and 4, 6, 8, 10 (nine); footprints 6 + 4; moved 36 bytes.
    let bytes = minimum.bytes(elementSize: { _ in 4 }, outputBytes: 0)
    XCTAssertGreaterThanOrEqual(bytes, 9 * 4)
    XCTAssertLessThanOrEqual(bytes, 36)
  }

  func testEveryBenchmarkMovesAtLeastItsMinimum() throws {
    for name in try OptRepo.traces() {
      let (graph, _) = try loadTrace(name)
      for fuse in [true, false] {
        let (plan, _, _) = try compile(graph, fuse: fuse)
        XCTAssertLessThanOrEqual(plan.stats.minimumBytes, plan.stats.bytesMoved, name)
      }
    }
  }
}
