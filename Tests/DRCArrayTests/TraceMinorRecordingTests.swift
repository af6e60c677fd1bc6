// The recorder declares the trace format's minor version from the ops a program used: a program
// with `cumsum` writes `"minor": 2` right after the version, one with `rint` writes 1.1, and a
// program of version 1.0 ops writes no `minor` field at all (its trace is byte-for-byte what it
// was before minor versions existed). Each written trace is read back by the hardened reader.

import DRCTrace
import Foundation
import XCTest

@testable import DRCArray

final class TraceMinorRecordingTests: XCTestCase {
  private var path = ""

  override func setUp() {
    path =
      FileManager.default.temporaryDirectory.appendingPathComponent(
        "trace-minor-\(ProcessInfo.processInfo.processIdentifier).json"
      ).path
    Session.shared.restart(recordingTo: path, program: "minor_test")
  }

  override func tearDown() {
    Session.shared.restart(recordingTo: nil)
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Flushes the recording and returns the trace's text and the trace as the reader reads it.
  private func written() throws -> (text: String, trace: Trace) {
    try Session.shared.flush()
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return (text, try TraceReader.decode(Data(text.utf8)))
  }

  /// The trace's first four lines: the header up to the field after `version`.
  private func head(_ text: String) -> [String] {
    Array(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(4).map(String.init))
  }

  func testAProgramUsingCumsumDeclaresMinorTwo() throws {
    let x = try input("x", [1.0, 2, 3, 4, 5, 6], shape: [2, 3])
    let s = try cumsum(x * 2, axis: 1)
    try output("s", s)
    let (text, trace) = try written()
    XCTAssertEqual(
      head(text),
      ["{", "  \"format\": \"drc-trace\",", "  \"version\": 1,", "  \"minor\": 2,"])
    XCTAssertEqual(trace.minor, 2)
    XCTAssertTrue(trace.nodes.contains { $0.op == "cumsum" })
    XCTAssertEqual(try s.toArray(), [2, 6, 12, 8, 18, 30])
  }

  func testAProgramUsingRintDeclaresMinorOne() throws {
    let x = try input("x", [0.5, 1.5, -2.5])
    try output("r", try rint(x) + 1)
    let (text, trace) = try written()
    XCTAssertEqual(head(text)[3], "  \"minor\": 1,")
    XCTAssertEqual(trace.minor, 1)
  }

  func testAVersionOneZeroProgramWritesNoMinorField() throws {
    let x = try input("x", [1.0, 2, 3])
    try output("y", try exp(x) + x)
    let (text, trace) = try written()
    XCTAssertEqual(head(text)[3], "  \"producer\": \"\(TraceFormat.producer)\",")
    XCTAssertFalse(text.contains("\"minor\""), text)
    XCTAssertEqual(trace.minor, 0)
  }
}
