// Checks the command-line fixtures in Tests/DRCDriverTests/Fixtures against the trace reader.
//
// The malformed traces whose problem is structural must be rejected here with the message listed
// in EXPECTED.tsv; the semantic ones (caught later by IR lowering) and the valid ones must pass
// the reader, so that each fails for exactly one reason. Fixtures are found from this file's path
// because they belong to another test target's bundle.

import DRCTrace
import Foundation
import XCTest

final class DriverFixtureTests: XCTestCase {
  private var fixtures: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("DRCDriverTests/Fixtures")
  }

  /// Cases 35 to 48 (but not 43, an attribute of the wrong JSON type) are reported by IR
  /// lowering or data loading, not by the reader.
  private func isSemantic(_ file: String) -> Bool {
    guard let number = Int(file.prefix(2)) else { return false }
    return (35...48).contains(number) && number != 43
  }

  private func manifest() throws -> [(file: String, expected: String)] {
    let text = try String(
      contentsOf: fixtures.appendingPathComponent("malformed/EXPECTED.tsv"), encoding: .utf8)
    return text.split(separator: "\n").map { line in
      let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
      return (parts[0], parts.count > 1 ? parts[1] : "")
    }
  }

  func testManifestListsEveryFixtureOnce() throws {
    let entries = try manifest()
    XCTAssertGreaterThanOrEqual(entries.count, 49)
    XCTAssertEqual(Set(entries.map(\.file)).count, entries.count)
    let files = try FileManager.default.contentsOfDirectory(
      atPath: fixtures.appendingPathComponent("malformed").path
    )
    .filter { $0.hasSuffix(".json") }
    XCTAssertEqual(Set(files), Set(entries.map(\.file)))
    XCTAssertTrue(entries.allSatisfy { !$0.expected.isEmpty })
  }

  func testStructuralCasesAreRejectedByTheReader() throws {
    for (file, expected) in try manifest() where !isSemantic(file) {
      let path = fixtures.appendingPathComponent("malformed/" + file).path
      XCTAssertThrowsError(try TraceReader.read(path: path), file) { error in
        XCTAssertTrue(
          String(describing: error).contains(expected),
          "\(file): expected '\(expected)' in: \(error)")
      }
    }
  }

  func testSemanticCasesPassTheReader() throws {
    for (file, _) in try manifest() where isSemantic(file) {
      let path = fixtures.appendingPathComponent("malformed/" + file).path
      XCTAssertNoThrow(try TraceReader.read(path: path), file)
    }
  }

  func testSidecarCasesFailWhenLoadingData() throws {
    let dir = fixtures.appendingPathComponent("malformed").path
    for (file, expected) in try manifest() where file.contains("sidecar") {
      let trace = try TraceReader.read(path: dir + "/" + file)
      let input = try XCTUnwrap(trace.inputs.first)
      let data = try XCTUnwrap(input.data)
      XCTAssertThrowsError(
        try data.load(expectedBytes: 12, directory: dir, input: input.name), file
      ) { error in
        XCTAssertTrue(String(describing: error).contains(expected), "\(file): \(error)")
      }
    }
  }

  func testValidFixturesReadAndLoad() throws {
    let dir = fixtures.appendingPathComponent("valid").path
    let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter {
      $0.hasSuffix(".json")
    }.sorted()
    XCTAssertEqual(files, ["elementwise-chain.json", "sidecar-input.json"])
    for file in files {
      let trace = try TraceReader.read(path: dir + "/" + file)
      for input in trace.inputs {
        let size =
          input.dtype == "float64" || input.dtype == "int64" ? 8 : input.dtype == "bool" ? 1 : 4
        let count = input.shape.reduce(1, *)
        XCTAssertNoThrow(
          try input.data?.load(expectedBytes: count * size, directory: dir, input: input.name), file
        )
      }
      XCTAssertEqual(
        TraceWriter.string(trace), try String(contentsOfFile: dir + "/" + file, encoding: .utf8),
        "\(file) is in writer layout")
    }
  }
}
