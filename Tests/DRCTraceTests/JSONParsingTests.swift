// The reader's own JSON parser: strict RFC 8259 syntax, the Codable decoding rules it keeps, and
// the streaming writer producing exactly the bytes of the one-shot writer.

import DRCTrace
import Foundation
import XCTest

final class JSONParsingTests: XCTestCase {
  private func inputs(shape: String) -> String {
    "[{\"name\": \"x\", \"dtype\": \"float32\", \"shape\": \(shape)}]"
  }

  // MARK: Syntax

  func testTrailingCommasAreNotJSON() {
    assertRejects(traceJSON(inputs: inputs(shape: "[3,]")), "not valid JSON")
    assertRejects(traceJSON(outputs: "[{\"name\": \"y\", \"node\": 1,}]"), "not valid JSON")
  }

  func testNumbersMustBeJSONNumbers() {
    assertRejects(traceJSON(inputs: inputs(shape: "[03]")), "leading zero")
    assertRejects(traceJSON(inputs: inputs(shape: "[+3]")), "not valid JSON")
    assertRejects(traceJSON(inputs: inputs(shape: "[3.]")), "not valid JSON")
    assertRejects(traceJSON(inputs: inputs(shape: "[NaN]")), "not valid JSON")
  }

  func testIntegersMustBeWrittenAsIntegers() {
    assertRejects(traceJSON(inputs: inputs(shape: "[3.0]")), "inputs[0].shape[0]: not an integer")
    assertRejects(traceJSON(inputs: inputs(shape: "[3e0]")), "not an integer")
    assertRejects(
      traceJSON(inputs: inputs(shape: "[9223372036854775808]")),
      "not an integer that fits in 64 bits")
  }

  func testExtremeIntegersFit() throws {
    let text = traceJSON(outputs: "[{\"name\": \"y\", \"node\": -9223372036854775808}]")
    assertRejects(text, "refers to missing node -9223372036854775808")
  }

  func testNumbersElsewhereMayBeAnyJSONNumber() throws {
    let text = traceJSON().replacingOccurrences(
      of: "\"params\": []", with: "\"params\": [], \"note\": [1.5e-300, -0, 0.25E+2]")
    XCTAssertEqual(try TraceReader.decode(Data(text.utf8)).program, "prog")
  }

  func testStringsRejectControlCharactersAndBadEscapes() {
    assertRejects(traceJSON(program: "\"a\tb\""), "control character")
    assertRejects(traceJSON(program: "\"a\\qb\""), "unknown escape")
    assertRejects(traceJSON(program: "\"a\\u12\""), "not valid JSON")
    assertRejects(traceJSON(program: "\"a\\ud800\""), "unpaired surrogate")
    assertRejects(traceJSON(program: "\"a\\udc00b\""), "unpaired surrogate")
  }

  func testInvalidUTF8IsNotJSON() {
    var bytes = Array(traceJSON(program: "\"ab\"").utf8)
    guard let a = bytes.firstIndex(of: UInt8(ascii: "a")) else { return XCTFail("no a") }
    bytes[a] = 0xFF
    assertRejects(Data(bytes), "invalid UTF-8")
  }

  func testEscapesAreDecoded() throws {
    let text = traceJSON(
      program: "\"p\\u0072\\u006Fg\"", outputs: "[{\"name\": \"\\u0079\", \"node\": 1}]")
    let trace = try TraceReader.decode(Data(text.utf8))
    XCTAssertEqual(trace.program, "prog")
    XCTAssertEqual(trace.outputs[0].name, "y")
    assertRejects(traceJSON(program: "\"\\ud83d\\ude00\""), "program name '😀' is not an identifier")
  }

  func testErrorsSayWhere() {
    assertRejects("{\"format\": \"drc-trace\",\n \"version\": tru}", "at line 2, column")
  }

  // MARK: Decoding rules

  func testTheFirstOfRepeatedKeysCounts() throws {
    let text = traceJSON().replacingOccurrences(
      of: "\"readbacks\": []", with: "\"readbacks\": [], \"program\": \"other\"")
    XCTAssertEqual(try TraceReader.decode(Data(text.utf8)).program, "prog")
  }

  func testUnknownKeysAreSkippedOutsideAttributes() throws {
    let nodes =
      "["
      + nodeJSON(
        0, "input", extra: ", \"attrs\": {\"name\": \"x\"}, \"future\": {\"a\": [1, {\"b\": null}]}"
      ) + "]"
    let trace = try TraceReader.decode(Data(traceJSON(nodes: nodes, outputs: "[]").utf8))
    XCTAssertEqual(trace.nodes[0].attrs?.name, "x")
  }

  func testNullMeansAbsentForOptionalFields() throws {
    let nodes =
      "["
      + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x\", \"axes\": null}, \"loc\": null")
      + "]"
    let trace = try TraceReader.decode(Data(traceJSON(nodes: nodes, outputs: "[]").utf8))
    XCTAssertNil(trace.nodes[0].loc)
    XCTAssertNil(trace.nodes[0].attrs?.axes)
  }

  func testTheEarliestDeclaredProblemIsReported() {
    // `op` (declared before `shape`) is wrong, though `shape` comes first in the file.
    let nodes = "[{\"shape\": \"x\", \"id\": 0, \"op\": 5, \"args\": [], \"dtype\": \"float32\"}]"
    assertRejects(traceJSON(nodes: nodes, outputs: "[]"), "nodes[0].op: expected a string")
  }

  func testMismatchMessagesKeepTheirWording() {
    assertRejects(
      traceJSON(inputs: inputs(shape: "5")),
      "inputs[0].shape: expected an array (Expected to decode Array<Any> but found number instead.)"
    )
    assertRejects(traceJSON(inputs: "[null]"), "inputs[0]: expected an object, found null")
  }

  func testNodesInAnyKeyOrderDecodeAlike() throws {
    let canonical =
      "[" + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x\"}, \"loc\": \"m.swift:1\"")
      + "]"
    let shuffled = """
      [{"loc": "m.swift:1", "shape": [3], "attrs": {"name": "x"}, "dtype": "float32",
        "args": [], "op": "input", "\\u0069d": 0}]
      """
    let a = try TraceReader.decode(Data(traceJSON(nodes: canonical, outputs: "[]").utf8))
    let b = try TraceReader.decode(Data(traceJSON(nodes: shuffled, outputs: "[]").utf8))
    XCTAssertEqual(a.nodes, b.nodes)
    XCTAssertEqual(a.nodes[0].loc, "m.swift:1")
    // A problem late in a canonically laid-out node is still reported with its path.
    let bad = "[" + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x\"}, \"loc\": 5") + "]"
    assertRejects(traceJSON(nodes: bad, outputs: "[]"), "nodes[0].loc: expected a string")
  }

  // MARK: Streaming writer

  func testStreamingWriterMatchesTheOneShotWriter() throws {
    let trace = try TraceReader.decode(
      Data(traceJSON(readbacks: "[{\"node\": 1, \"position\": 2, \"kind\": \"item\"}]").utf8))
    var streamed: [UInt8] = []
    var chunks = 0
    let node: (Int) -> TraceNode = { trace.nodes[$0] }
    try TraceWriter.write(
      trace, nodeCount: trace.nodes.count, node: node, chunkBytes: 16,
      to: { chunk in
        streamed += chunk
        chunks += 1
      })
    XCTAssertEqual(streamed, TraceWriter.data(trace))
    XCTAssertGreaterThan(chunks, 1)
  }

  func testStreamingWriterPassesOnSinkErrors() {
    struct Full: Error {}
    let trace = Trace(program: "p")
    let node: (Int) -> TraceNode = { _ in TraceNode(id: 0, op: "x", dtype: "bool", shape: []) }
    XCTAssertThrowsError(
      try TraceWriter.write(trace, nodeCount: 0, node: node, to: { _ in throw Full() })
    ) { error in
      XCTAssertTrue(error is Full)
    }
  }
}
