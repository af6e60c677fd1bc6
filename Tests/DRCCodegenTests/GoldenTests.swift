// Golden files: the program generated for each benchmark trace, compared byte for byte.
//
// `Goldens/<trace>.cl` holds the expected program for `traces/<trace>.json` (benchmarks only,
// not `traces/ops`). After an intended change to the emitter, re-record them with
// `DRC_UPDATE_GOLDENS=1 swift test --filter DRCCodegenTests` and review the diff.

import DRCCodegen
import Foundation
import XCTest

final class GoldenTests: XCTestCase {
  func testGoldenPrograms() throws {
    let update = ProcessInfo.processInfo.environment["DRC_UPDATE_GOLDENS"] == "1"
    let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Goldens")
    for url in try traceFiles("traces") {
      let compiled = try compileTrace(url)
      let file = goldens.appendingPathComponent("\(compiled.name).cl")
      if update {
        try compiled.source.write(to: file, atomically: true, encoding: .utf8)
        continue
      }
      guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        XCTFail("missing golden \(file.path); record with DRC_UPDATE_GOLDENS=1")
        continue
      }
      if expected != compiled.source {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = compiled.source.split(separator: "\n", omittingEmptySubsequences: false)
        let line =
          zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset
          ?? min(a.count, b.count)
        XCTFail(
          "\(compiled.name).cl differs from its golden at line \(line + 1); re-record with DRC_UPDATE_GOLDENS=1"
        )
      }
    }
  }
}
