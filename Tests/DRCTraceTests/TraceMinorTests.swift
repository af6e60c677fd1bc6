// Minor versions of trace format 1: the reader takes a missing minor as 1.0 and any minor up to
// this build's, refuses a newer one ahead of every schema and node problem (but after a wrong
// version), the validator refuses a node whose op is newer than the declared minor, naming the
// node and its line, and the writer declares the smallest minor covering the ops.

import DRCTrace
import Foundation
import XCTest

/// `traceJSON` with `"minor": <minor>` after the version (the text as given, so it may be `null`
/// or a string), and `nodes` in place of the default program.
private func minorJSON(_ minor: String?, version: String = "1", nodes: String? = nil) -> String {
  let text = nodes.map { traceJSON(version: version, nodes: $0) } ?? traceJSON(version: version)
  guard let minor else { return text }
  return text.replacingOccurrences(
    of: "\"version\": \(version),", with: "\"version\": \(version), \"minor\": \(minor),")
}

/// Nodes `x = input; y = <op>(x)` with `y` on line 2 of m.swift.
private func opNodes(_ op: String, attrs: String = "") -> String {
  """
  [{"id": 0, "op": "input", "args": [], "dtype": "float32", "shape": [3], "attrs": {"name": "x"}, "loc": "m.swift:1"},
   {"id": 1, "op": "\(op)", "args": [0], "dtype": "float32", "shape": [3]\(attrs), "loc": "m.swift:2"}]
  """
}

final class TraceMinorTests: XCTestCase {
  func testTheTableGivesEachAddedOpOneMinorWithinThisBuild() {
    XCTAssertEqual(TraceMinor.current, 7)
    XCTAssertEqual(TraceMinor.introduced("add"), 0)
    XCTAssertEqual(TraceMinor.introduced("frobnicate"), 0)
    XCTAssertEqual(TraceMinor.introduced("copysign"), 1)
    XCTAssertEqual(TraceMinor.introduced("rint"), 1)
    XCTAssertEqual(TraceMinor.introduced("cumsum"), 2)
    XCTAssertEqual(TraceMinor.introduced("argmax"), 2)
    XCTAssertEqual(TraceMinor.introduced("take"), 3)
    XCTAssertEqual(TraceMinor.introduced("left_shift"), 3)
    XCTAssertEqual(TraceMinor.introduced("scatter_add"), 4)
    XCTAssertEqual(TraceMinor.introduced("gauss_solve"), 5)
    XCTAssertEqual(TraceMinor.introduced("cbrt"), 5)
    XCTAssertEqual(TraceMinor.introduced("fmod"), 6)
    XCTAssertEqual(TraceMinor.introduced("cummax"), 7)
    XCTAssertEqual(TraceMinor.introduced("cummin"), 7)
    let all = TraceMinor.opsAdded.values.flatMap { $0 }
    XCTAssertEqual(all.count, 36)
    XCTAssertEqual(Set(all).count, all.count, "an op listed under two minors")
    XCTAssertEqual(Set(TraceMinor.opsAdded.keys), Set(1...TraceMinor.current))
    XCTAssertEqual(TraceMinor.required(ops: ["input", "add", "sum"]), 0)
    XCTAssertEqual(TraceMinor.required(ops: ["input", "rint", "add"]), 1)
    XCTAssertEqual(TraceMinor.required(ops: ["cumprod", "rint"]), 2)
    XCTAssertEqual(TraceMinor.required(ops: ["take", "cumprod"]), 3)
    XCTAssertEqual(TraceMinor.required(ops: ["take", "scatter"]), 4)
    XCTAssertEqual(TraceMinor.required(ops: ["gauss_solve", "scatter"]), 5)
    XCTAssertEqual(TraceMinor.required(ops: ["gauss_solve", "fmod"]), 6)
    XCTAssertEqual(TraceMinor.required(ops: ["cummax", "fmod"]), 7)
  }

  func testAMissingOrNullMinorIsZero() throws {
    XCTAssertEqual(try TraceReader.decode(Data(minorJSON(nil).utf8)).minor, 0)
    XCTAssertEqual(try TraceReader.decode(Data(minorJSON("null").utf8)).minor, 0)
  }

  func testEveryKnownMinorIsRead() throws {
    for minor in 0...TraceMinor.current {
      let trace = try TraceReader.decode(Data(minorJSON("\(minor)").utf8))
      XCTAssertEqual(trace.minor, minor)
      XCTAssertEqual(trace.nodes.count, 2)
    }
  }

  func testANewerMinorIsRefusedWithBothVersions() {
    assertRejects(
      minorJSON("8"), "trace minor version 1.8 is newer than this drc reads (1.7)")
    assertRejects(minorJSON("100"), "trace minor version 1.100 is newer")
  }

  func testANewerMinorBeatsSchemaAndNodeProblems() {
    // A node of a form this build cannot decode (an unknown attribute) and a bad program name:
    // the trace is from a newer drc, and that is what the user needs to hear.
    let nodes = """
      [{"id": 0, "op": "future_op", "args": [], "dtype": "float32", "shape": [3], "attrs": {"window": 4}}]
      """
    let text = minorJSON("9", nodes: nodes)
    assertRejects(text, "trace minor version 1.9 is newer than this drc reads (1.7)")
    do {
      _ = try TraceReader.decode(Data(text.utf8))
    } catch {
      XCTAssertFalse("\(error)".contains("window"), "\(error)")
    }
    // Also when `minor` comes after the nodes in a hand-written file.
    let late = traceJSON(nodes: nodes).replacingOccurrences(
      of: "\"readbacks\": []", with: "\"readbacks\": [], \"minor\": 8")
    assertRejects(late, "trace minor version 1.8 is newer")
  }

  func testAWrongVersionIsReportedBeforeTheMinor() {
    assertRejects(minorJSON("10", version: "2"), "unsupported trace version 2")
  }

  func testANegativeOrNonIntegerMinorIsRefused() {
    assertRejects(minorJSON("-1"), "trace minor version -1 is negative")
    assertRejects(minorJSON("\"2\""), "minor: expected an integer")
    assertRejects(minorJSON("1.5"), "not an integer")
  }

  func testAnOpNewerThanTheDeclaredMinorIsRefusedNamingNodeAndLine() {
    let scan = opNodes("cumsum", attrs: ", \"attrs\": {\"axis\": 0}")
    assertRejects(
      minorJSON(nil, nodes: scan),
      "node 1 (cumsum) at m.swift:2: op 'cumsum' is new in trace format 1.2, but the trace declares 1.0 (no minor field); declare \"minor\": 2 or more"
    )
    assertRejects(
      minorJSON("1", nodes: scan),
      "node 1 (cumsum) at m.swift:2: op 'cumsum' is new in trace format 1.2, but the trace declares 1.1;"
    )
    assertRejects(minorJSON("0", nodes: opNodes("rint")), "op 'rint' is new in trace format 1.1")
  }

  func testAnOpWithinTheDeclaredMinorIsAccepted() throws {
    let scan = opNodes("cumsum", attrs: ", \"attrs\": {\"axis\": 0}")
    XCTAssertEqual(try TraceReader.decode(Data(minorJSON("2", nodes: scan).utf8)).minor, 2)
    XCTAssertEqual(
      try TraceReader.decode(Data(minorJSON("1", nodes: opNodes("rint")).utf8)).minor, 1)
    XCTAssertEqual(
      try TraceReader.decode(Data(minorJSON("2", nodes: opNodes("copysign")).utf8)).minor, 2)
  }

  func testTheValidatorChecksTracesBuiltInMemory() {
    let nodes = [
      TraceNode(id: 0, op: "input", dtype: "float32", shape: [3], attrs: TraceAttrs(name: "x")),
      TraceNode(id: 1, op: "argmax", args: [0], dtype: "int64", shape: [], loc: "k.swift:9"),
    ]
    let inputs = [TraceInput(name: "x", dtype: "float32", shape: [3])]
    XCTAssertEqual(Trace(program: "p", inputs: inputs, nodes: nodes).minor, 2)
    XCTAssertNoThrow(try TraceValidator.validate(Trace(program: "p", inputs: inputs, nodes: nodes)))
    XCTAssertThrowsError(
      try TraceValidator.validate(Trace(program: "p", inputs: inputs, nodes: nodes, minor: 1))
    ) {
      XCTAssertTrue(
        "\($0)".contains("node 1 (argmax) at k.swift:9: op 'argmax' is new in trace format 1.2"),
        "\($0)")
    }
    XCTAssertThrowsError(
      try TraceValidator.validate(Trace(program: "p", inputs: inputs, nodes: nodes, minor: 8))
    ) {
      XCTAssertTrue("\($0)".contains("trace minor version 1.8 is newer"), "\($0)")
    }
  }
}

final class TraceMinorWriterTests: XCTestCase {
  /// A trace `x = input; y = <op>(x)`, declaring `minor` (nil: the default, from the nodes).
  private func trace(_ op: String, minor: Int? = nil) -> Trace {
    Trace(
      program: "p", inputs: [TraceInput(name: "x", dtype: "float32", shape: [3])],
      nodes: [
        TraceNode(id: 0, op: "input", dtype: "float32", shape: [3], attrs: TraceAttrs(name: "x")),
        TraceNode(
          id: 1, op: op, args: [0], dtype: "float32", shape: [3],
          attrs: op.hasPrefix("cum") ? TraceAttrs(axis: 0) : nil),
      ],
      outputs: [TraceOutput(name: "y", node: 1)], minor: minor)
  }

  func testAVersionOneZeroTraceHasNoMinorField() throws {
    let text = TraceWriter.string(trace("exp"))
    XCTAssertTrue(
      text.hasPrefix("{\n  \"format\": \"drc-trace\",\n  \"version\": 1,\n  \"producer\""))
    XCTAssertFalse(text.contains("minor"), text)
    XCTAssertEqual(try TraceReader.decode(Data(text.utf8)).minor, 0)
  }

  func testTheSmallestCoveringMinorFollowsTheVersion() throws {
    for (op, minor) in [("rint", 1), ("copysign", 1), ("cumsum", 2), ("argmin", 2)] {
      let text = TraceWriter.string(trace(op))
      XCTAssertTrue(
        text.hasPrefix(
          "{\n  \"format\": \"drc-trace\",\n  \"version\": 1,\n  \"minor\": \(minor),\n  \"producer\""
        ),
        text)
      let read = try TraceReader.decode(Data(text.utf8))
      XCTAssertEqual(read.minor, minor, op)
      XCTAssertEqual(TraceWriter.string(read), text, "the round trip keeps every byte")
    }
  }

  func testDataRaisesADeclaredMinorTooLowForItsNodes() throws {
    let text = TraceWriter.string(trace("cumprod", minor: 0))
    XCTAssertTrue(text.contains("\"version\": 1,\n  \"minor\": 2,\n"), text)
    XCTAssertNoThrow(try TraceReader.decode(Data(text.utf8)))
  }

  func testAHigherDeclaredMinorIsKept() throws {
    let text = TraceWriter.string(trace("exp", minor: 2))
    XCTAssertTrue(text.contains("\"version\": 1,\n  \"minor\": 2,\n"), text)
    XCTAssertEqual(TraceWriter.string(try TraceReader.decode(Data(text.utf8))), text)
  }

  func testStreamingWritesTheDeclaredMinorAsDataDoes() throws {
    let full = trace("cumsum")
    var header = full
    header.nodes = []
    header.minor = full.minor
    var streamed: [UInt8] = []
    try TraceWriter.write(
      header, nodeCount: full.nodes.count, node: { full.nodes[$0] },
      to: { streamed += $0 })
    XCTAssertEqual(streamed, TraceWriter.data(full))
  }

  func testCodableLeavesOutMinorZeroAndReadsItOptionally() throws {
    let plain = try JSONEncoder().encode(trace("exp"))
    XCTAssertFalse(String(decoding: plain, as: UTF8.self).contains("minor"))
    XCTAssertEqual(try JSONDecoder().decode(Trace.self, from: plain).minor, 0)
    let scan = try JSONEncoder().encode(trace("cumsum"))
    XCTAssertTrue(String(decoding: scan, as: UTF8.self).contains("\"minor\":2"))
    XCTAssertEqual(try JSONDecoder().decode(Trace.self, from: scan), trace("cumsum"))
  }
}
