// SliceRange arithmetic on untrusted bounds: counts never overflow, and ranges that visit at
// most one index are canonicalised to step ±1 by lowering.

import DRCIR
import XCTest

final class SliceRangeTests: XCTestCase {
  func testCountsOfOrdinaryRanges() {
    XCTAssertEqual(SliceRange(start: 0, stop: 6, step: 1).count, 6)
    XCTAssertEqual(SliceRange(start: 1, stop: 6, step: 2).count, 3)
    XCTAssertEqual(SliceRange(start: 5, stop: -1, step: -1).count, 6)
    XCTAssertEqual(SliceRange(start: 4, stop: 1, step: -2).count, 2)
    XCTAssertEqual(SliceRange(start: 3, stop: 3, step: 1).count, 0)
    XCTAssertEqual(SliceRange(start: 0, stop: 6, step: 0).count, 0)
  }

  func testCountsAtTheEdgesOfInt() {
    XCTAssertEqual(SliceRange(start: 5, stop: -1, step: .min).count, 1)
    XCTAssertEqual(SliceRange(start: 0, stop: 6, step: .max).count, 1)
    XCTAssertEqual(SliceRange(start: .max, stop: .min, step: .min).count, 2)
    XCTAssertEqual(SliceRange(start: .min, stop: .max, step: .max).count, 3)
    XCTAssertEqual(SliceRange(start: .min, stop: .max, step: 1).count, .max)  // saturates
    XCTAssertEqual(SliceRange(start: .max, stop: .min, step: -1).count, .max)
  }

  func testCanonicalFormKeepsTheIndices() {
    XCTAssertEqual(
      SliceRange(start: 5, stop: -1, step: .min).canonical,
      SliceRange(start: 5, stop: 4, step: -1))
    XCTAssertEqual(
      SliceRange(start: 0, stop: 6, step: 100).canonical, SliceRange(start: 0, stop: 1, step: 1))
    XCTAssertEqual(
      SliceRange(start: 2, stop: 2, step: 7).canonical, SliceRange(start: 2, stop: 2, step: 1))
    let wide = SliceRange(start: 1, stop: 6, step: 2)
    XCTAssertEqual(wide.canonical, wide)
  }
}
