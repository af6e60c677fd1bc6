// Every malformed-trace fixture is rejected by `drc validate` with exit code 1 and the message
// listed for it in Fixtures/malformed/EXPECTED.tsv: no crash, no hang, no huge allocation.

import DRCDriver
import Foundation
import XCTest

final class MalformedTraceTests: XCTestCase {
  private var fixtures: URL { Bundle.module.resourceURL!.appendingPathComponent("Fixtures") }

  private func expectations() throws -> [(file: String, message: String)] {
    let text = try String(
      contentsOf: fixtures.appendingPathComponent("malformed/EXPECTED.tsv"), encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      let parts = line.split(separator: "\t", maxSplits: 1)
      guard parts.count == 2 else { return nil }
      // The manifest writes \n and \" for characters that the message escapes the same way.
      return (String(parts[0]), String(parts[1]))
    }
  }

  func testEveryFixtureIsListed() throws {
    let listed = Set(try expectations().map(\.file))
    let files = try FileManager.default.contentsOfDirectory(
      atPath: fixtures.appendingPathComponent("malformed").path
    )
    .filter { $0.hasSuffix(".json") }
    XCTAssertEqual(Set(files), listed)
    XCTAssertGreaterThanOrEqual(listed.count, 40)
  }

  func testLibraryRejectsEachFixtureWithItsMessage() throws {
    for (file, message) in try expectations() {
      let path = fixtures.appendingPathComponent("malformed/\(file)").path
      do {
        _ = try InspectCommands.validate(path: path)
        XCTFail("\(file) was accepted")
      } catch {
        let text = ErrorReport.lines(error, path: nil).joined(separator: "\n")
        XCTAssertTrue(text.contains(message), "\(file): expected '\(message)', got: \(text)")
      }
    }
  }

  func testCommandExitsOneOnEachFixture() throws {
    for (file, message) in try expectations() {
      let path = fixtures.appendingPathComponent("malformed/\(file)").path
      let run = try Repo.run("drc", ["validate", path])
      XCTAssertEqual(run.status, 1, file)
      XCTAssertTrue(run.stderr.hasPrefix("error: "), "\(file): \(run.stderr)")
      XCTAssertTrue(run.stderr.contains(message), "\(file): \(run.stderr)")
      XCTAssertEqual(run.stdout, "", file)
    }
  }

  func testValidFixturesAreAccepted() throws {
    let dir = fixtures.appendingPathComponent("valid")
    for file in try FileManager.default.contentsOfDirectory(atPath: dir.path)
    where file.hasSuffix(".json") {
      XCTAssertNoThrow(
        try InspectCommands.validate(path: dir.appendingPathComponent(file).path), file)
      XCTAssertNoThrow(try InterpretCommand.text(path: dir.appendingPathComponent(file).path), file)
    }
  }
}
