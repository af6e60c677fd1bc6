// Writer and reader round trips: every field survives, output is deterministic, strings are escaped.

import DRCTrace
import Foundation
import XCTest

final class TraceWriterTests: XCTestCase {
  /// A trace that sets every field of the schema and every kind of attribute.
  static func fullTrace() -> Trace {
    let xBytes: [UInt8] = [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40]  // float32 1, 2, 3
    let nodes: [TraceNode] = [
      TraceNode(
        id: 0, op: "input", dtype: "float32", shape: [3], attrs: TraceAttrs(name: "x"),
        loc: "main.swift:1"),
      TraceNode(id: 1, op: "param", dtype: "float32", shape: [], attrs: TraceAttrs(name: "alpha")),
      TraceNode(id: 2, op: "full", dtype: "int32", shape: [2, 3], attrs: TraceAttrs(value: "-7")),
      TraceNode(
        id: 3, op: "arange", dtype: "float64", shape: [4],
        attrs: TraceAttrs(start: "0x0p+0", step: "0x1.8p+1"),
        loc: "dir/sub-dir/file_2.swift:1234"),
      TraceNode(id: 4, op: "iota", dtype: "int64", shape: [2, 3], attrs: TraceAttrs(axis: 1)),
      TraceNode(id: 5, op: "mul", args: [0, 1], dtype: "float32", shape: [3]),
      TraceNode(
        id: 6, op: "sum", args: [2], dtype: "int64", shape: [2, 1],
        attrs: TraceAttrs(axes: [1], keepdims: true)),
      TraceNode(
        id: 7, op: "max", args: [2], dtype: "int32", shape: [3],
        attrs: TraceAttrs(axes: [0], keepdims: false)),
      TraceNode(
        id: 8, op: "transpose", args: [4], dtype: "int64", shape: [3, 2],
        attrs: TraceAttrs(perm: [1, 0])),
      TraceNode(
        id: 9, op: "slice", args: [3], dtype: "float64", shape: [2],
        attrs: TraceAttrs(slice: [TraceSlice(start: 3, stop: -1, step: -2)])),
      TraceNode(
        id: 10, op: "update", args: [2, 7], dtype: "int32", shape: [2, 3],
        attrs: TraceAttrs(slice: [
          TraceSlice(start: 0, stop: 1, step: 1), TraceSlice(start: 0, stop: 3, step: 1),
        ])),
      TraceNode(
        id: 11, op: "concatenate", args: [5, 5], dtype: "float32", shape: [6],
        attrs: TraceAttrs(axis: 0)),
      TraceNode(
        id: 12, op: "full", dtype: "bool", shape: [0, 5],
        attrs: TraceAttrs(
          name: "n", value: "true", start: "1", step: "2", axes: [0, 1], keepdims: false,
          perm: [1, 0], axis: -1,
          slice: [TraceSlice(start: 0, stop: 0, step: 1)])),
    ]
    return Trace(
      program: "every_field",
      inputs: [
        TraceInput(name: "x", dtype: "float32", shape: [3], data: .inline(xBytes)),
        TraceInput(
          name: "big", dtype: "float64", shape: [1024],
          data: TraceData(
            encoding: "file", file: "every_field.big.bin", bytes: 8192,
            sha256: String(repeating: "ab", count: 32))),
        TraceInput(name: "y", dtype: "int64", shape: [2, 0, 4]),
      ],
      params: [
        TraceParam(name: "alpha", dtype: "float32", value: "0x1.8p+1"),
        TraceParam(name: "flag", dtype: "bool", value: "false"),
      ],
      nodes: nodes,
      outputs: [TraceOutput(name: "out", node: 11), TraceOutput(name: "total", node: 6)],
      readbacks: [
        TraceReadback(node: 5, position: 6, kind: "array", loc: "main.swift:20"),
        TraceReadback(node: 6, position: 7, kind: "item"),
        TraceReadback(node: 11, position: 13, kind: "print", loc: "main.swift:30"),
      ])
  }

  func testRoundTripPreservesEveryField() throws {
    let trace = Self.fullTrace()
    try TraceValidator.validate(trace)
    let bytes = TraceWriter.data(trace)
    let decoded = try TraceReader.decode(Data(bytes))
    XCTAssertEqual(decoded, trace)
    XCTAssertEqual(decoded.format, "drc-trace")
    XCTAssertEqual(decoded.version, 1)
    XCTAssertEqual(decoded.producer, "drc 0.1.0")
  }

  func testRewritingIsByteIdentical() throws {
    let first = TraceWriter.data(Self.fullTrace())
    let second = TraceWriter.data(try TraceReader.decode(Data(first)))
    XCTAssertEqual(first, second)
    XCTAssertEqual(TraceWriter.string(Self.fullTrace()), TraceWriter.string(Self.fullTrace()))
  }

  func testLayoutIsLineOrientedAndEndsInNewline() {
    let text = TraceWriter.string(Self.fullTrace())
    XCTAssertTrue(text.hasPrefix("{\n  \"format\": \"drc-trace\",\n  \"version\": 1,\n"))
    XCTAssertTrue(text.hasSuffix("\n}\n"))
    let nodeLines = text.split(separator: "\n").filter { $0.hasPrefix("    {\"id\": ") }
    XCTAssertEqual(nodeLines.count, Self.fullTrace().nodes.count)
    XCTAssertTrue(text.contains("\"keepdims\": true"))
    XCTAssertTrue(text.contains("\"slice\": [{\"start\": 3, \"stop\": -1, \"step\": -2}]"))
  }

  func testEmptyTraceRoundTrips() throws {
    let trace = Trace(program: "empty")
    let text = TraceWriter.string(trace)
    XCTAssertTrue(text.contains("\"inputs\": [],"))
    XCTAssertTrue(text.contains("\"readbacks\": []\n"))
    XCTAssertEqual(try TraceReader.decode(Data(text.utf8)), trace)
  }

  func testAbsentOptionalsAreOmitted() {
    let trace = Trace(
      program: "p",
      nodes: [
        TraceNode(id: 0, op: "full", dtype: "int32", shape: [], attrs: TraceAttrs(value: "1"))
      ],
      readbacks: [TraceReadback(node: 0, position: 1, kind: "item")])
    let text = TraceWriter.string(trace)
    XCTAssertFalse(text.contains("\"loc\""))
    XCTAssertFalse(text.contains("\"data\""))
    XCTAssertFalse(text.contains("\"name\": null"))
    XCTAssertFalse(text.contains("null"))
  }

  func testQuoteEscapesEverythingJSONRequires() {
    XCTAssertEqual(TraceWriter.quote(""), "\"\"")
    XCTAssertEqual(TraceWriter.quote("plain"), "\"plain\"")
    XCTAssertEqual(TraceWriter.quote("a\"b"), "\"a\\\"b\"")
    XCTAssertEqual(TraceWriter.quote("a\\b"), "\"a\\\\b\"")
    XCTAssertEqual(TraceWriter.quote("a\nb\rc\td"), "\"a\\nb\\rc\\td\"")
    XCTAssertEqual(TraceWriter.quote("\u{0}\u{1}\u{1F}\u{7F}"), "\"\\u0000\\u0001\\u001f\\u007f\"")
    XCTAssertEqual(TraceWriter.quote("é中🙂"), "\"é中🙂\"")
    XCTAssertEqual(TraceWriter.quote("*/"), "\"*/\"")
  }

  func testQuotedStringsDecodeBackToTheOriginal() throws {
    let samples = [
      "", "a\"b", "back\\slash", "line\nbreak", "\r\t\u{0}\u{1B}[31m\u{7F}", "é中🙂", "\u{2028}",
      "}]{[",
    ]
    for sample in samples {
      let json = "{\"s\": \(TraceWriter.quote(sample))}"
      let decoded = try JSONDecoder().decode([String: String].self, from: Data(json.utf8))
      XCTAssertEqual(decoded["s"], sample, "quoting \(sample.debugDescription)")
    }
  }

  func testWriterEscapesHostileStringsInEveryStringField() throws {
    let hostile = "x\"\n\\\u{1}é"
    var trace = Self.fullTrace()
    trace.program = hostile
    trace.producer = hostile
    trace.inputs[0].name = hostile
    trace.params[0].value = hostile
    trace.nodes[0].loc = hostile
    trace.nodes[2].attrs?.value = hostile
    trace.outputs[0].name = hostile
    trace.readbacks[0].loc = hostile
    let text = TraceWriter.string(trace)
    // Every line is still one line: no raw newline or control character escaped the quoting.
    XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    XCTAssertEqual(
      text.split(separator: "\n").count,
      TraceWriter.string(Self.fullTrace()).split(separator: "\n").count)
    // The JSON is well formed and decodes to the same values, even though validation rejects it.
    let decoded = try JSONDecoder().decode(Trace.self, from: Data(text.utf8))
    XCTAssertEqual(decoded, trace)
    XCTAssertThrowsError(try TraceReader.decode(Data(text.utf8))) { error in
      XCTAssertTrue(String(describing: error).contains("is not an identifier"))
    }
  }

  func testEmptyAttributesAreWrittenAsAbsent() throws {
    // An all-absent TraceAttrs is omitted by the writer, so it reads back as nil.
    let trace = Trace(
      program: "p",
      nodes: [TraceNode(id: 0, op: "full", dtype: "int32", shape: [], attrs: TraceAttrs())])
    let text = TraceWriter.string(trace)
    XCTAssertFalse(text.contains("\"attrs\""))
    XCTAssertNil(try TraceReader.decode(Data(text.utf8)).nodes[0].attrs)
  }
}
