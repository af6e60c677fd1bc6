// The check that refuses to build a program when the process is short of memory mappings
// (PoCL never unloads a kernel library, and a process out of mappings aborts inside dlopen).

import Foundation
import XCTest

@testable import DRCOpenCL

final class MappingHeadroomTests: XCTestCase {
  func testShortageKeepsAReserve() {
    XCTAssertNil(MappingHeadroom.shortage(count: 3_000, limit: 65_530))
    XCTAssertNil(MappingHeadroom.shortage(count: 65_530 - 4_096, limit: 65_530))
    let reason = MappingHeadroom.shortage(count: 65_530 - 4_095, limit: 65_530)
    XCTAssertNotNil(reason)
    XCTAssertTrue(reason?.contains("vm.max_map_count") == true, reason ?? "")
    // A small limit keeps a quarter of itself.
    XCTAssertNil(MappingHeadroom.shortage(count: 750, limit: 1_000))
    XCTAssertNotNil(MappingHeadroom.shortage(count: 751, limit: 1_000))
    XCTAssertNil(MappingHeadroom.shortage(count: 10, limit: 0), "an unknown limit checks nothing")
  }

  func testCountsThisProcesssMappings() throws {
    #if os(Linux)
      let now = try XCTUnwrap(MappingHeadroom.current())
      XCTAssertGreaterThan(now.count, 10)
      XCTAssertGreaterThan(now.limit, now.count)
      let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "lines-\(UUID().uuidString)")
      try Data("a\nb\nc\n".utf8).write(to: url)
      defer { try? FileManager.default.removeItem(at: url) }
      XCTAssertEqual(MappingHeadroom.lines(in: url.path), 3)
      XCTAssertNil(MappingHeadroom.lines(in: "/nonexistent/\(UUID().uuidString)"))
    #else
      throw XCTSkip("/proc is Linux's")
    #endif
  }
}
