// The nine benchmark traces: they validate, the reference interpreter reproduces the checksum
// the program printed when it ran, and a fresh recording is byte-identical to the checked-in one.

import DRCDriver
import Foundation
import XCTest

final class BenchmarkTraceTests: XCTestCase {
  /// Program name and the small-size arguments `tools/record-traces.sh` records it with.
  static let programs: [(String, [String])] = [
    ("sincos", ["1000"]), ("contrived", ["1000"]), ("blackscholes", ["256"]),
    ("grayscott", ["16", "3"]),
    ("harris", ["24"]), ("loglikelihood", ["1000"]), ("lstsqr", ["1000"]), ("cronbach", ["12"]),
    ("jacobi", ["16", "4"]),
  ]

  func testRecordScriptListsTheSamePrograms() throws {
    let script = try String(contentsOfFile: Repo.path("tools/record-traces.sh"), encoding: .utf8)
    for (name, args) in Self.programs {
      XCTAssertTrue(script.contains("\"\(([name] + args).joined(separator: " "))\""), name)
    }
  }

  func testInterpreterReproducesEachProgramsChecksums() throws {
    for (name, args) in Self.programs {
      let run = try Repo.run(name, args)
      XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)")
      // Lines like "call checksum 194.21024644847785".
      var printed: [String: String] = [:]
      for line in run.stdout.split(separator: "\n") {
        let words = line.split(separator: " ")
        if words.count == 3, words[1] == "checksum" { printed[String(words[0])] = String(words[2]) }
      }
      XCTAssertFalse(printed.isEmpty, "\(name) printed no checksum")
      let (_, _, outputs) = try InterpretCommand.run(path: Repo.path("traces/\(name).json"))
      for output in outputs {
        XCTAssertEqual(
          InterpretCommand.format(output.checksum), printed[output.name], "\(name).\(output.name)")
      }
      XCTAssertEqual(Set(outputs.map(\.name)), Set(printed.keys), name)
    }
  }

  func testFreshRecordingsAreByteIdenticalToCheckedInTraces() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for (name, args) in Self.programs {
      let out = dir.appendingPathComponent("\(name).json").path
      let run = try Repo.run(
        "drc",
        [
          "record", "--save-inputs", "--output", out, "--",
          Repo.products.appendingPathComponent(name).path,
        ] + args)
      XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)")
      let fresh = try Data(contentsOf: URL(fileURLWithPath: out))
      let checkedIn = try Data(contentsOf: URL(fileURLWithPath: Repo.path("traces/\(name).json")))
      XCTAssertTrue(
        fresh == checkedIn,
        "traces/\(name).json differs from a fresh recording: run tools/record-traces.sh")
    }
  }
}
