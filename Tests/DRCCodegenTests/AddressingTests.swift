// Vector lane coordinates: carried from p0's coordinates, never divided per lane, and free of the
// first moving axis's extent (which may be a symbolic length).

import XCTest

@testable import DRCCodegen

final class AddressingTests: XCTestCase {
  func testLaneCoordinatesCarryAndLeaveTheFirstMovingExtentOut() {
    // [1, 4096]: the only moving axis is the first one that moves; no 4096 anywhere.
    let dynamic = Addressing(space: [1, 4096]).vectorCoordinates(
      width: 8, needsBase: true, needsLanes: true)
    XCTAssertFalse(
      dynamic.joined(separator: "\n").contains("4096"), dynamic.joined(separator: "\n"))
    XCTAssertFalse(dynamic.joined().contains("/"), "no division")
    // [3, 18]: the last axis carries into the first, whose extent 3 is never compared.
    let grid = Addressing(space: [3, 18]).vectorCoordinates(
      width: 8, needsBase: true, needsLanes: true)
    let text = grid.joined(separator: "\n")
    XCTAssertTrue(text.contains("-(r1 >= 18L)"), text)
    XCTAssertFalse(text.contains("3L"), text)
    XCTAssertFalse(text.contains("q % ") || text.contains("(q / "), "no per-lane division")
    // A last axis shorter than the width: lanes may wrap twice, so each lane is divided out.
    let short = Addressing(space: [40, 3]).vectorCoordinates(
      width: 8, needsBase: false, needsLanes: true)
    XCTAssertTrue(short.joined().contains("(q / 3L)"), short.joined(separator: "\n"))
  }
}
