// Diagnostic formatting and the cleaning of untrusted text before it is printed.

import DRCTrace
import Foundation
import XCTest

final class DiagnosticTests: XCTestCase {
  func testFullPrefix() {
    XCTAssertEqual(
      Diagnostic(node: 3, op: "add", loc: "f.swift:9", "msg").description,
      "node 3 (add) at f.swift:9: msg")
  }

  func testPartialPrefixes() {
    XCTAssertEqual(Diagnostic("msg").description, "msg")
    XCTAssertEqual(Diagnostic(node: 3, "msg").description, "node 3: msg")
    XCTAssertEqual(Diagnostic(node: 3, op: "add", "msg").description, "node 3 (add): msg")
    XCTAssertEqual(
      Diagnostic(node: 3, loc: "f.swift:9", "msg").description, "node 3 at f.swift:9: msg")
    XCTAssertEqual(Diagnostic(op: "add", "msg").description, "(add): msg")
    XCTAssertEqual(Diagnostic(loc: "f.swift:9", "msg").description, "at f.swift:9: msg")
  }

  func testFromTraceNode() {
    let node = TraceNode(
      id: 7, op: "sum", args: [1], dtype: "float32", shape: [], loc: "m.swift:12")
    let d = Diagnostic(node, "axis 5 out of range")
    XCTAssertEqual(d, Diagnostic(node: 7, op: "sum", loc: "m.swift:12", "axis 5 out of range"))
    XCTAssertEqual(d.description, "node 7 (sum) at m.swift:12: axis 5 out of range")
  }

  func testHostileOpAndLocAreCleanedInThePrefix() {
    let d = Diagnostic(node: 1, op: "a\nb", loc: "x\u{1B}[31m", "msg")
    XCTAssertEqual(d.description, "node 1 (a\\nb) at x\\u{1B}[31m: msg")
  }

  func testTraceErrorJoinsLines() {
    let e = TraceError([Diagnostic("one"), Diagnostic(node: 2, "two")])
    XCTAssertEqual(e.description, "one\nnode 2: two")
    XCTAssertEqual(TraceError("only").diagnostics, [Diagnostic("only")])
  }

  func testSinkCapsAndCounts() {
    var sink = DiagnosticSink(limit: 3)
    XCTAssertTrue(sink.isEmpty)
    XCTAssertNoThrow(try sink.throwIfAny())
    for i in 0..<10 { sink.add(Diagnostic("p\(i)")) }
    XCTAssertEqual(sink.diagnostics.count, 3)
    XCTAssertEqual(sink.dropped, 7)
    XCTAssertThrowsError(try sink.throwIfAny()) { error in
      XCTAssertEqual(String(describing: error), "p0\np1\np2\n... and 7 more problems")
    }
  }

  func testCleanEscapesControlsQuotesAndBackslashes() {
    XCTAssertEqual(Diagnostic.clean("plain text"), "plain text")
    XCTAssertEqual(Diagnostic.clean("a\nb\tc\rd"), "a\\nb\\tc\\rd")
    XCTAssertEqual(Diagnostic.clean("\u{0}\u{1B}\u{7F}"), "\\0\\u{1B}\\u{7F}")
    XCTAssertEqual(Diagnostic.clean("say \"hi\""), "say \\\"hi\\\"")
    XCTAssertEqual(Diagnostic.clean("a\\b"), "a\\\\b")
    XCTAssertEqual(Diagnostic.clean("café 中 🙂"), "café 中 🙂")
  }

  func testCleanEscapesC1ControlsAndLineSeparators() {
    // U+009B is the 8-bit CSI, U+0085 is NEL; U+2028/U+2029 break lines in many viewers.
    for scalar in ["\u{80}", "\u{85}", "\u{9B}", "\u{9F}", "\u{2028}", "\u{2029}"] {
      let cleaned = Diagnostic.clean("a" + scalar + "b")
      XCTAssertTrue(
        cleaned.unicodeScalars.allSatisfy { $0.isASCII }, "not escaped: \(cleaned.debugDescription)"
      )
    }
    XCTAssertEqual(Diagnostic.clean("\u{A0}"), "\u{A0}")
  }

  func testCleanTruncates() {
    XCTAssertEqual(
      Diagnostic.clean(String(repeating: "x", count: 80)), String(repeating: "x", count: 80))
    XCTAssertEqual(
      Diagnostic.clean(String(repeating: "x", count: 81)), String(repeating: "x", count: 80) + "..."
    )
    XCTAssertEqual(Diagnostic.clean(String(repeating: "x", count: 10_000), limit: 5), "xxxxx...")
    XCTAssertEqual(Diagnostic.clean("abc", limit: 0), "...")
    XCTAssertEqual(Diagnostic.clean("", limit: 0), "")
  }

  func testCleanTruncatesEscapedControlsToo() {
    let cleaned = Diagnostic.clean(String(repeating: "\n", count: 10_000), limit: 10)
    XCTAssertTrue(cleaned.hasSuffix("..."))
    XCTAssertLessThanOrEqual(cleaned.count, 20)
  }

  func testCleanTruncatesCombiningMarks() {
    // One base letter and many combining marks is a single Character; the output must still be
    // bounded, and cleaning must not take quadratic time.
    let hostile = "e" + String(repeating: "\u{301}", count: 200_000)
    let start = Date()
    let cleaned = Diagnostic.clean(hostile)
    XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    XCTAssertLessThanOrEqual(cleaned.unicodeScalars.count, 100)
    XCTAssertTrue(cleaned.hasSuffix("..."))
  }

  func testReaderMessagesCleanHostileFormatTags() {
    let format = "\"x" + String(repeating: "\\n", count: 500) + "\""
    assertRejects(traceJSON(format: format), "not a drc trace: format is 'x\\n\\n")
    do {
      _ = try TraceReader.decode(Data(traceJSON(format: format).utf8))
    } catch {
      let text = String(describing: error)
      XCTAssertFalse(text.contains("\n"))
      XCTAssertLessThan(text.count, 200)
    }
  }
}
