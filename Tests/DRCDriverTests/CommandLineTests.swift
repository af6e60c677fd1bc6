// The `drc` executable end to end: exit codes and messages of validate, print, interpret, record.

import Foundation
import XCTest

final class CommandLineTests: XCTestCase {
  func testValidateAcceptsEveryCheckedInTrace() throws {
    let fm = FileManager.default
    var paths = try fm.contentsOfDirectory(atPath: Repo.path("traces")).map { "traces/\($0)" }
    paths += try fm.contentsOfDirectory(atPath: Repo.path("traces/ops")).map { "traces/ops/\($0)" }
    for path in paths where path.hasSuffix(".json") && !path.hasSuffix(".expected.json") {
      let run = try Repo.run("drc", ["validate", Repo.path(path)])
      XCTAssertEqual(run.status, 0, "\(path): \(run.stderr)")
      XCTAssertTrue(run.stdout.contains(": valid drc trace v1"), run.stdout)
    }
  }

  func testValidateRejectsABadTraceNamingTheNode() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var text = try String(contentsOfFile: Repo.path("traces/blackscholes.json"), encoding: .utf8)
    text = text.replacingOccurrences(of: "\"op\": \"erf\"", with: "\"op\": \"erff\"")
    let path = dir.appendingPathComponent("bad.json").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let run = try Repo.run("drc", ["validate", path])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(
      run.stderr.contains("(erff) at Examples/blackscholes/main.swift:11: unknown op 'erff'"),
      run.stderr)
  }

  func testInterpretPrintsChecksumsAndJSON() throws {
    let text = try Repo.run("drc", ["interpret", Repo.path("traces/blackscholes_small.json")])
    XCTAssertEqual(text.status, 0, text.stderr)
    XCTAssertTrue(text.stdout.contains("call: float32[64] checksum "), text.stdout)
    let json = try Repo.run(
      "drc", ["interpret", "--json", "--float64", Repo.path("traces/blackscholes_small.json")])
    XCTAssertEqual(json.status, 0, json.stderr)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    XCTAssertEqual(object?["program"] as? String, "blackscholes_small")
    let outputs = object?["outputs"] as? [[String: Any]]
    XCTAssertEqual(
      outputs?.first?["dtype"] as? String, "float64", "the oracle computes float32 nodes in float64"
    )
  }

  func testRecordPassesAFailingProgramsStatusAndLeavesNoTrace() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("t.json").path
    let run = try Repo.run("drc", ["record", "--output", out, "--", "/bin/sh", "-c", "exit 3"])
    XCTAssertEqual(run.status, 3)
    XCTAssertTrue(run.stderr.contains("exited with status 3; no trace was written"), run.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "no scratch files left")
  }

  func testRecordReportsMissingProgramsEmptyRecordingsAndBadOutputs() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("t.json").path
    let missing = try Repo.run("drc", ["record", "--output", out, "--", "/no/such/program"])
    XCTAssertEqual(missing.status, 1)
    XCTAssertTrue(missing.stderr.contains("no such executable"), missing.stderr)
    let nothing = try Repo.run("drc", ["record", "--output", out, "--", "/bin/true"])
    XCTAssertEqual(nothing.status, 1)
    XCTAssertTrue(nothing.stderr.contains("recorded nothing"), nothing.stderr)
    let unwritable = try Repo.run(
      "drc", ["record", "--output", "/no/such/dir/t.json", "--", "/bin/true"])
    XCTAssertEqual(unwritable.status, 1)
    XCTAssertTrue(unwritable.stderr.contains("not writable"), unwritable.stderr)
    let none = try Repo.run("drc", ["record"])
    XCTAssertEqual(none.status, 1)
    XCTAssertTrue(none.stderr.contains("no program given"), none.stderr)
  }

  func testRecordingWithoutSavedInputsAndSidecars() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("bs.json").path
    let exe = Repo.products.appendingPathComponent("blackscholes").path
    // 20,000 float32 inputs are 80 KB each: over the inline limit, so they go to sidecar files.
    let run = try Repo.run("drc", ["record", "--save-inputs", "--output", out, "--", exe, "20000"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(run.stdout.contains("3 inputs (3 saved), 2 params, 2 outputs"), run.stdout)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    // Sidecars are named after the trace file.
    XCTAssertEqual(files, ["bs.K.bin", "bs.S.bin", "bs.T.bin", "bs.json"])
    XCTAssertEqual(try Repo.run("drc", ["validate", out]).status, 0)
    // A second recording of the program in the same folder (at another size, to compile both
    // into one plan) keeps its own sidecars: the first trace still validates.
    let other = dir.appendingPathComponent("bs-30000.json").path
    let second = try Repo.run(
      "drc", ["record", "--save-inputs", "--output", other, "--", exe, "30000"])
    XCTAssertEqual(second.status, 0, second.stderr)
    XCTAssertEqual(try Repo.run("drc", ["validate", out]).status, 0)
    XCTAssertEqual(try Repo.run("drc", ["validate", other]).status, 0)
    // A corrupted sidecar is caught by its checksum.
    let sidecar = dir.appendingPathComponent("bs.S.bin")
    var bytes = try Data(contentsOf: sidecar)
    bytes[0] ^= 0xFF
    try bytes.write(to: sidecar)
    let corrupt = try Repo.run("drc", ["validate", out])
    XCTAssertEqual(corrupt.status, 1)
    XCTAssertTrue(corrupt.stderr.contains("checksum mismatch"), corrupt.stderr)
    let plain = try Repo.run("drc", ["record", "--output", out, "--", exe, "100"])
    XCTAssertTrue(plain.stdout.contains("3 inputs (0 saved)"), plain.stdout)
  }

  func testOutputsFlagWritesNPYFiles() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try Repo.run(
      "drc", ["interpret", Repo.path("traces/cronbach.json"), "--outputs", dir.path])
    XCTAssertEqual(run.status, 0, run.stderr)
    let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent("alpha.npy")))
    XCTAssertEqual(bytes.count, 128 + 8)
    XCTAssertEqual(Array(bytes.prefix(8)), [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
    let header = String(decoding: bytes[10..<128], as: UTF8.self)
    XCTAssertTrue(header.hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (), }"))
    let value = bytes[128...].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    XCTAssertTrue(run.stdout.contains("\(Double(bitPattern: value))"), run.stdout)
  }
}
