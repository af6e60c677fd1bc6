// Regression fixtures for traps the hostile-trace test found: each minimised mutant now gives
// the result or the clear error listed for it in Fixtures/hostile/EXPECTED.tsv.
//
// A line is `file <TAB> command <TAB> expectation`. The command is one of `validate`,
// `interpret`, `compile` (fused, plan and OpenCL C), `compile-unfused` or `explain`; the
// expectation is `ok: TEXT` (exit 0 with TEXT on standard output) or `error: TEXT` (exit 1 with
// TEXT in the `error:` lines). Each runs in a child process with `DRC_MEMORY_LIMIT=64M`, as in
// HostileTraceTests, so a regression fails this test instead of killing the test process.

import Foundation
import XCTest

final class HostileFixtureTests: XCTestCase {
  private var folder: URL {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures/hostile")
  }

  private func expectations() throws -> [(file: String, command: String, expect: String)] {
    let text = try String(
      contentsOf: folder.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
      return parts.count == 3 ? (parts[0], parts[1], parts[2]) : nil
    }
  }

  func testEveryFixtureIsListed() throws {
    let listed = Set(try expectations().map(\.file))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".json") }
    XCTAssertEqual(Set(files), listed)
  }

  func testEachFixtureGivesItsResultOrError() throws {
    let scratch = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    for (file, command, expect) in try expectations() {
      let path = folder.appendingPathComponent(file).path
      let arguments: [String]
      switch command {
      case "compile": arguments = ["compile", "--emit", "plan,cl", "--output-dir", scratch.path]
      case "compile-unfused":
        arguments = ["compile", "--unfused", "--emit", "plan,cl", "--output-dir", scratch.path]
      default: arguments = [command]
      }
      let outcome = HostileTraceTests.run(arguments + [path])
      let label = "\(file) \(command)"
      XCTAssertFalse(
        outcome.signalled || outcome.timedOut, "\(label): \(outcome.stderr.suffix(800))")
      if expect.hasPrefix("ok: ") {
        XCTAssertEqual(outcome.status, 0, "\(label): \(outcome.stderr)")
        XCTAssertTrue(outcome.stdout.contains(expect.dropFirst(4)), "\(label): \(outcome.stdout)")
      } else {
        XCTAssertEqual(outcome.status, 1, "\(label): \(outcome.stdout)")
        XCTAssertTrue(outcome.stderr.hasPrefix("error: "), "\(label): \(outcome.stderr)")
        XCTAssertTrue(outcome.stderr.contains(expect.dropFirst(7)), "\(label): \(outcome.stderr)")
      }
    }
  }
}
