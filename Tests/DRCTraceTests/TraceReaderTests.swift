// The reader's rejections: each malformed input gets a specific, actionable message.

import DRCTrace
import Foundation
import XCTest

/// Builds trace JSON text from parts, defaulting to a small valid program (`y = x + x`).
func traceJSON(
  format: String = "\"drc-trace\"", version: String = "1", program: String = "\"prog\"",
  inputs: String = "[{\"name\": \"x\", \"dtype\": \"float32\", \"shape\": [3]}]",
  params: String = "[]",
  nodes: String = """
  [{"id": 0, "op": "input", "args": [], "dtype": "float32", "shape": [3], "attrs": {"name": "x"}, "loc": "m.swift:1"},
   {"id": 1, "op": "add", "args": [0, 0], "dtype": "float32", "shape": [3], "loc": "m.swift:2"}]
  """,
  outputs: String = "[{\"name\": \"y\", \"node\": 1}]",
  readbacks: String = "[]"
) -> String {
  """
  {"format": \(format), "version": \(version), "producer": "drc 0.1.0", "program": \(program),
   "inputs": \(inputs), "params": \(params), "nodes": \(nodes), "outputs": \(outputs), "readbacks": \(readbacks)}
  """
}

/// Asserts that decoding `text` fails with a message containing `substring`.
func assertRejects(
  _ text: String, _ substring: String, file: StaticString = #filePath, line: UInt = #line
) {
  assertRejects(Data(text.utf8), substring, file: file, line: line)
}

/// Asserts that decoding `data` fails with a message containing `substring`.
func assertRejects(
  _ data: Data, _ substring: String, file: StaticString = #filePath, line: UInt = #line
) {
  do {
    let trace = try TraceReader.decode(data)
    XCTFail(
      "accepted a bad trace (expected '\(substring)'): \(trace.program)", file: file, line: line)
  } catch {
    let message = String(describing: error)
    XCTAssertTrue(
      message.contains(substring), "expected '\(substring)' in: \(message)", file: file, line: line)
    XCTAssertTrue(
      error is TraceError, "not a TraceError: \(type(of: error))", file: file, line: line)
  }
}

/// A node line: `{"id": id, "op": op, "args": args, "dtype": "float32", "shape": shape}`.
func nodeJSON(
  _ id: Int, _ op: String, _ args: [Int] = [], shape: String = "[3]", extra: String = ""
) -> String {
  "{\"id\": \(id), \"op\": \"\(op)\", \"args\": \(args), \"dtype\": \"float32\", \"shape\": \(shape)\(extra)}"
}

final class TraceReaderTests: XCTestCase {
  func testTheDefaultTemplateIsValid() throws {
    let trace = try TraceReader.decode(Data(traceJSON().utf8))
    XCTAssertEqual(trace.program, "prog")
    XCTAssertEqual(trace.nodes.count, 2)
    XCTAssertEqual(trace.nodes[0].attrs?.name, "x")
    XCTAssertEqual(trace.outputs, [TraceOutput(name: "y", node: 1)])
  }

  // MARK: Not a JSON object

  func testEmptyFile() { assertRejects("", "the trace is empty") }
  func testWhitespaceOnly() { assertRejects(" \n\t\r\n  ", "the trace is empty") }
  func testNotJSON() { assertRejects("hello, world", "something that is not JSON") }
  func testByteOrderMarkIsNotJSON() {
    assertRejects(Data([0xEF, 0xBB, 0xBF, 0x7B, 0x7D]), "not JSON")
  }
  func testTruncatedJSON() {
    let text = traceJSON()
    assertRejects(String(text.prefix(text.count / 2)), "truncated")
  }
  func testTruncatedInsideString() { assertRejects("{\"format\": \"drc-tr", "truncated") }
  func testUnbalancedClosingBracket() { assertRejects(traceJSON() + "]", "unbalanced brackets") }
  func testTrailingGarbage() { assertRejects(traceJSON() + " x", "not valid JSON") }
  func testInvalidJSONInsideObject() { assertRejects("{\"format\": drc}", "not valid JSON") }
  func testTopLevelArray() { assertRejects("[1, 2]", "top level is an array") }
  func testTopLevelNumber() { assertRejects("  42", "top level is a number") }
  func testTopLevelNegativeNumber() { assertRejects("-1", "top level is a number") }
  func testTopLevelString() { assertRejects("\"drc-trace\"", "top level is a string") }
  func testTopLevelNull() { assertRejects("null", "top level is null") }
  func testTopLevelBoolean() { assertRejects("true", "top level is a boolean") }
  func testEmptyObject() { assertRejects("{}", "missing required field 'format'") }

  func testDeepNestingIsRejectedQuickly() {
    let depth = 100_000
    let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    let text = "{\"format\": \"drc-trace\", \"version\": 1, \"extra\": \(deep)}"
    let start = Date()
    assertRejects(text, "deeper than 32 levels")
    XCTAssertLessThan(Date().timeIntervalSince(start), 5)
  }

  func testDeepNestingUnclosedIsRejectedByDepth() {
    let text = "{\"x\": " + String(repeating: "[", count: 100_000)
    assertRejects(text, "deeper than 32 levels")
  }

  func testDeepObjectNesting() {
    let text =
      String(repeating: "{\"a\":", count: 50_000) + "1" + String(repeating: "}", count: 50_000)
    assertRejects(text, "deeper than 32 levels")
  }

  func testBracketsInsideStringsDoNotCountAsNesting() throws {
    let loc = String(repeating: "[", count: 100)
    // The brackets are inside a string (and an escaped quote), so the guard passes them;
    // validation then rejects the location itself.
    let nodes =
      "[" + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x\"}, \"loc\": \"\\\"\(loc)\"")
      + "]"
    assertRejects(traceJSON(nodes: nodes, outputs: "[]"), "is not file:line")
  }

  func testTheDepthLimitIsConfigurable() throws {
    var limits = TraceLimits.default
    limits.maxDepth = 3
    // The default template nests object > nodes array > node object > shape array (depth 4).
    XCTAssertThrowsError(try TraceReader.decode(Data(traceJSON().utf8), limits: limits)) { error in
      XCTAssertTrue(String(describing: error).contains("deeper than 3 levels"))
    }
    limits.maxDepth = 4
    XCTAssertNoThrow(try TraceReader.decode(Data(traceJSON().utf8), limits: limits))
  }

  func testByteLimit() {
    var limits = TraceLimits.default
    limits.maxBytes = 100
    XCTAssertThrowsError(try TraceReader.decode(Data(traceJSON().utf8), limits: limits)) { error in
      XCTAssertTrue(String(describing: error).contains("over the limit of 100"))
    }
  }

  // MARK: Header and schema

  func testWrongFormatTag() {
    assertRejects(traceJSON(format: "\"npz\""), "not a drc trace: format is 'npz'")
  }
  func testWrongVersion() { assertRejects(traceJSON(version: "2"), "unsupported trace version 2") }
  func testWrongVersionBeatsSchemaErrors() {
    // A future version may change the schema; the version error must come first.
    assertRejects(
      "{\"format\": \"drc-trace\", \"version\": 7, \"nodes\": 5}", "unsupported trace version 7")
  }
  func testVersionZero() { assertRejects(traceJSON(version: "0"), "unsupported trace version 0") }
  func testVersionAsString() {
    assertRejects(traceJSON(version: "\"1\""), "version: expected an integer")
  }

  func testMissingRequiredField() {
    let text = traceJSON().replacingOccurrences(of: "\"program\": \"prog\",", with: "")
    assertRejects(text, "missing required field 'program'")
  }

  func testMissingNodeField() {
    let nodes = "[{\"id\": 0, \"op\": \"input\", \"args\": [], \"shape\": [3]}]"
    assertRejects(
      traceJSON(nodes: nodes, outputs: "[]"), "nodes[0]: missing required field 'dtype'")
  }

  func testShapeAsString() {
    let inputs = "[{\"name\": \"x\", \"dtype\": \"float32\", \"shape\": \"[3]\"}]"
    assertRejects(traceJSON(inputs: inputs), "inputs[0].shape: expected an array")
  }

  func testIdAsString() {
    let nodes =
      "[{\"id\": \"0\", \"op\": \"input\", \"args\": [], \"dtype\": \"float32\", \"shape\": [3]}]"
    assertRejects(traceJSON(nodes: nodes, outputs: "[]"), "nodes[0].id: expected an integer")
  }

  func testNullForRequiredField() {
    assertRejects(traceJSON(program: "null"), "program: expected a string, found null")
  }

  // Foundation's decoder reports a number that does not fit an Int as invalid JSON, with no
  // coding path, so these messages cannot name the field; they must still be rejections.
  func testFractionalDimension() {
    let inputs = "[{\"name\": \"x\", \"dtype\": \"float32\", \"shape\": [1.5]}]"
    assertRejects(traceJSON(inputs: inputs), "the trace is not valid JSON")
  }

  func testDimensionTooLargeForInt() {
    let inputs = "[{\"name\": \"x\", \"dtype\": \"float32\", \"shape\": [99999999999999999999999]}]"
    assertRejects(traceJSON(inputs: inputs), "the trace is not valid JSON")
  }

  func testUnknownAttributeKey() {
    let nodes =
      "[" + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x\", \"axis_\": 0}") + "]"
    assertRejects(traceJSON(nodes: nodes, outputs: "[]"), "unknown attribute 'axis_'")
  }

  func testAttributeOfWrongType() {
    let nodes = "[" + nodeJSON(0, "sum", extra: ", \"attrs\": {\"axes\": \"0\"}") + "]"
    assertRejects(traceJSON(nodes: nodes, outputs: "[]"), "nodes[0].attrs.axes: expected an array")
  }

  func testSliceRecordWithUnknownKeyIsStillDecoded() throws {
    // Slice records use synthesized decoding; only the attribute level is strict.
    let nodes =
      "["
      + nodeJSON(
        0, "slice", extra: ", \"attrs\": {\"slice\": [{\"start\": 0, \"stop\": 1, \"step\": 1}]}")
      + "]"
    let trace = try TraceReader.decode(Data(traceJSON(nodes: nodes, outputs: "[]").utf8))
    XCTAssertEqual(trace.nodes[0].attrs?.slice, [TraceSlice(start: 0, stop: 1, step: 1)])
  }

  // MARK: Shapes

  func testNegativeDimension() {
    let inputs = "[{\"name\": \"x\", \"dtype\": \"float32\", \"shape\": [3, -1]}]"
    assertRejects(traceJSON(inputs: inputs), "input 'x': shape [3, -1] has a negative dimension")
  }

  func testNegativeDimensionOnNode() {
    let nodes =
      "[" + nodeJSON(0, "full", shape: "[-2]", extra: ", \"attrs\": {\"value\": \"0x0p+0\"}") + "]"
    assertRejects(
      traceJSON(nodes: nodes, outputs: "[]"), "node 0 (full): shape [-2] has a negative dimension")
  }

  func testElementCountOverflowingInt() {
    let inputs =
      "[{\"name\": \"x\", \"dtype\": \"float32\", \"shape\": [4294967296, 4294967296, 4294967296]}]"
    assertRejects(traceJSON(inputs: inputs), "has more than 1099511627776 elements")
  }

  func testElementCountOverflowingIntInTwoDims() {
    let inputs = "[{\"name\": \"x\", \"dtype\": \"float32\", \"shape\": [9223372036854775807, 2]}]"
    assertRejects(traceJSON(inputs: inputs), "has more than 1099511627776 elements")
  }

  func testHugeDimsWithinIntButOverTheElementLimit() {
    let inputs = "[{\"name\": \"x\", \"dtype\": \"float32\", \"shape\": [1048576, 1048576, 2]}]"
    assertRejects(traceJSON(inputs: inputs), "has more than 1099511627776 elements")
  }

  func testElementLimitIsInclusive() throws {
    let inputs = "[{\"name\": \"x\", \"dtype\": \"float32\", \"shape\": [1048576, 1048576]}]"
    XCTAssertNoThrow(
      try TraceReader.decode(Data(traceJSON(inputs: inputs, nodes: "[]", outputs: "[]").utf8)))
  }

  func testZeroLengthDimensionDoesNotHideHugeDims() {
    // A zero-element array whose other dimensions multiply past Int would overflow its strides.
    XCTAssertNotNil(TraceValidator.shapeProblem([0, 4_611_686_018_427_387_904, 4]))
    XCTAssertNotNil(TraceValidator.shapeProblem([4_611_686_018_427_387_904, 4, 0]))
    XCTAssertNotNil(TraceValidator.shapeProblem([0, 1 << 41]))
    XCTAssertNil(TraceValidator.shapeProblem([0, 1 << 20, 1 << 20]))
    XCTAssertNil(TraceValidator.shapeProblem([0]))
    XCTAssertEqual(
      TraceValidator.shapeProblem([0, 4_611_686_018_427_387_904, 4]),
      "shape [0, 4611686018427387904, 4] has more than 1099511627776 elements (counting zero-length dimensions as 1)"
    )
    XCTAssertEqual(
      TraceValidator.shapeProblem([4_294_967_296, 4_294_967_296, -1]),
      "shape [4294967296, 4294967296, -1] has a negative dimension")
  }

  func testTooManyDimensions() {
    let shape = "[" + Array(repeating: "1", count: 17).joined(separator: ", ") + "]"
    let inputs = "[{\"name\": \"x\", \"dtype\": \"float32\", \"shape\": \(shape)}]"
    assertRejects(traceJSON(inputs: inputs), "shape has 17 dimensions, over the limit of 16")
  }

  func testSixteenDimensionsAreAllowed() {
    XCTAssertNil(TraceValidator.shapeProblem(Array(repeating: 2, count: 16)))
    XCTAssertNil(TraceValidator.shapeProblem([]))
  }

  // MARK: Node ids and references

  func testDuplicateNodeIds() {
    let nodes =
      "[" + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x\"}") + ", "
      + nodeJSON(0, "neg", [0]) + "]"
    assertRejects(
      traceJSON(nodes: nodes, outputs: "[]"),
      "node ids must be 0, 1, 2, ... in order; expected id 1")
  }

  func testIdsOutOfOrder() {
    let nodes =
      "[" + nodeJSON(1, "input", extra: ", \"attrs\": {\"name\": \"x\"}") + ", "
      + nodeJSON(0, "neg", [1]) + "]"
    assertRejects(traceJSON(nodes: nodes, outputs: "[]"), "expected id 0")
  }

  func testIdsStartingAtOne() {
    let nodes = "[" + nodeJSON(1, "input", extra: ", \"attrs\": {\"name\": \"x\"}") + "]"
    assertRejects(
      traceJSON(nodes: nodes, outputs: "[]"),
      "node 1 (input): node ids must be 0, 1, 2, ... in order; expected id 0")
  }

  func testForwardOperandReference() {
    let nodes =
      "[" + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x\"}") + ", "
      + nodeJSON(1, "add", [0, 2]) + ", "
      + nodeJSON(2, "neg", [0]) + "]"
    assertRejects(
      traceJSON(nodes: nodes, outputs: "[]"), "node 1 (add): operand 2 is a forward reference")
  }

  func testNegativeOperand() {
    let nodes =
      "[" + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x\"}") + ", "
      + nodeJSON(1, "neg", [-1]) + "]"
    assertRejects(
      traceJSON(nodes: nodes, outputs: "[]"), "node 1 (neg): operand -1 is not a node id")
  }

  func testSelfReference() {
    let nodes =
      "[" + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x\"}") + ", "
      + nodeJSON(1, "add", [0, 1]) + "]"
    assertRejects(
      traceJSON(nodes: nodes, outputs: "[]"), "node 1 (add): operand 1 is a forward reference")
  }

  func testOutputReferringToMissingNode() {
    assertRejects(
      traceJSON(outputs: "[{\"name\": \"y\", \"node\": 2}]"), "output 'y' refers to missing node 2")
    assertRejects(
      traceJSON(outputs: "[{\"name\": \"y\", \"node\": -1}]"),
      "output 'y' refers to missing node -1")
  }

  func testDuplicateOutputNames() {
    assertRejects(
      traceJSON(outputs: "[{\"name\": \"y\", \"node\": 1}, {\"name\": \"y\", \"node\": 0}]"),
      "output name 'y' is used twice")
  }

  func testOutputMayShareANameWithAnInput() throws {
    XCTAssertNoThrow(
      try TraceReader.decode(Data(traceJSON(outputs: "[{\"name\": \"x\", \"node\": 1}]").utf8)))
  }

  func testDuplicateInputAndParamNames() {
    assertRejects(
      traceJSON(params: "[{\"name\": \"x\", \"dtype\": \"float32\", \"value\": \"0x0p+0\"}]"),
      "param name 'x' is used twice")
  }

  // MARK: Names and locations

  func testBadNames() {
    let cases: [(String, String)] = [
      ("a\\\"b", "input name 'a\\\"b' is not an identifier"),
      ("a\\nb", "input name 'a\\nb' is not an identifier"),
      ("a b", "input name 'a b' is not an identifier"),
      ("caf\\u00e9", "input name 'café' is not an identifier"),
      ("1x", "input name '1x' is not an identifier"),
      ("", "input name '' is not an identifier"),
      (
        String(repeating: "a", count: 65),
        "is not an identifier ([A-Za-z_][A-Za-z0-9_]*, at most 64 characters)"
      ),
    ]
    for (name, expected) in cases {
      let inputs = "[{\"name\": \"\(name)\", \"dtype\": \"float32\", \"shape\": [3]}]"
      assertRejects(traceJSON(inputs: inputs, nodes: "[]", outputs: "[]"), expected)
    }
  }

  func testSixtyFourCharacterNameIsAllowed() {
    XCTAssertTrue(TraceValidator.isIdentifier(String(repeating: "a", count: 64)))
    XCTAssertTrue(TraceValidator.isIdentifier("_A9_z"))
    XCTAssertFalse(TraceValidator.isIdentifier("a-b"))
    XCTAssertFalse(TraceValidator.isIdentifier("a.b"))
    XCTAssertFalse(TraceValidator.isIdentifier("[x]"))
    XCTAssertFalse(TraceValidator.isIdentifier("@x"))
    XCTAssertFalse(TraceValidator.isIdentifier("`x"))
  }

  func testBadProgramName() {
    assertRejects(
      traceJSON(program: "\"my program\""), "program name 'my program' is not an identifier")
  }

  func testBadOutputName() {
    assertRejects(
      traceJSON(outputs: "[{\"name\": \"y-1\", \"node\": 1}]"),
      "output name 'y-1' is not an identifier")
  }

  func testBadNameAttribute() {
    let nodes = "[" + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x;\"}") + "]"
    assertRejects(
      traceJSON(nodes: nodes, outputs: "[]"), "node 0 (input): name 'x;' is not an identifier")
  }

  func testBadOpName() {
    let nodes = "[" + nodeJSON(0, "in put") + "]"
    assertRejects(traceJSON(nodes: nodes, outputs: "[]"), "op name is not an identifier")
  }

  func testLocationWithCommentCloser() {
    let nodes =
      "[" + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x\"}, \"loc\": \"a*/b.swift:3\"")
      + "]"
    assertRejects(
      traceJSON(nodes: nodes, outputs: "[]"), "source location 'a*/b.swift:3' is not file:line")
  }

  func testLocationWithNewline() {
    let nodes =
      "["
      + nodeJSON(0, "input", extra: ", \"attrs\": {\"name\": \"x\"}, \"loc\": \"a.swift:3\\nX\"")
      + "]"
    assertRejects(
      traceJSON(nodes: nodes, outputs: "[]"), "source location 'a.swift:3\\nX' is not file:line")
  }

  func testReadbackLocationIsChecked() {
    assertRejects(
      traceJSON(
        readbacks: "[{\"node\": 1, \"position\": 2, \"kind\": \"item\", \"loc\": \"x.swift\"}]"),
      "read-back source location 'x.swift' is not file:line")
  }

  func testLocationRules() {
    XCTAssertTrue(TraceValidator.isLocation("main.swift:1"))
    XCTAssertTrue(TraceValidator.isLocation("Sources/app-1/x_y+z.swift:123456789"))
    XCTAssertFalse(TraceValidator.isLocation("C:/x.swift:3"))  // a colon in the file part
    XCTAssertFalse(TraceValidator.isLocation("main.swift"))
    XCTAssertFalse(TraceValidator.isLocation(":3"))
    XCTAssertFalse(TraceValidator.isLocation("main.swift:"))
    XCTAssertFalse(TraceValidator.isLocation("main.swift:1234567890"))
    XCTAssertFalse(TraceValidator.isLocation("main.swift:-1"))
    XCTAssertFalse(TraceValidator.isLocation("a*/b.swift:1"))
    XCTAssertFalse(TraceValidator.isLocation("a b.swift:1"))
    XCTAssertFalse(TraceValidator.isLocation("a\nb.swift:1"))
    XCTAssertFalse(TraceValidator.isLocation("é.swift:1"))
    XCTAssertFalse(TraceValidator.isLocation(String(repeating: "a", count: 300) + ":1"))
  }

  // MARK: Read-backs

  func testReadbackPositionBeforeItsNode() {
    assertRejects(
      traceJSON(readbacks: "[{\"node\": 1, \"position\": 1, \"kind\": \"array\"}]"),
      "read-back of node 1 at position 1: position must be after the node")
  }

  func testReadbackPositionPastTheEnd() {
    assertRejects(
      traceJSON(readbacks: "[{\"node\": 1, \"position\": 3, \"kind\": \"array\"}]"),
      "at most the node count")
  }

  func testReadbackOfMissingNode() {
    assertRejects(
      traceJSON(readbacks: "[{\"node\": 9, \"position\": 10, \"kind\": \"array\"}]"),
      "read-back refers to missing node 9")
  }

  func testReadbackKind() {
    assertRejects(
      traceJSON(readbacks: "[{\"node\": 1, \"position\": 2, \"kind\": \"peek\"}]"),
      "read-back kind 'peek' is not array, item or print")
  }

  func testValidReadbacks() throws {
    let trace = try TraceReader.decode(
      Data(
        traceJSON(
          readbacks:
            "[{\"node\": 0, \"position\": 1, \"kind\": \"print\"}, {\"node\": 1, \"position\": 2, \"kind\": \"item\"}]"
        ).utf8))
    XCTAssertEqual(trace.readbacks.map(\.position), [1, 2])
  }

  // MARK: Limits and multiple problems

  func testNodeLimit() {
    var limits = TraceLimits.default
    limits.maxNodes = 1
    XCTAssertThrowsError(try TraceReader.decode(Data(traceJSON().utf8), limits: limits)) { error in
      XCTAssertTrue(
        String(describing: error).contains("the trace has 2 nodes, over the limit of 1"))
    }
  }

  func testSeveralProblemsAreReportedTogether() {
    let text = traceJSON(program: "\"1bad\"", outputs: "[{\"name\": \"y\", \"node\": 5}]")
    XCTAssertThrowsError(try TraceReader.decode(Data(text.utf8))) { error in
      guard let error = error as? TraceError else { return XCTFail("not a TraceError") }
      XCTAssertEqual(error.diagnostics.count, 2)
      XCTAssertTrue(error.description.contains("program name '1bad'"))
      XCTAssertTrue(error.description.contains("missing node 5"))
    }
  }

  func testDiagnosticsAreCapped() {
    let outputs =
      "[" + (0..<200).map { "{\"name\": \"o\($0)\", \"node\": 99}" }.joined(separator: ", ") + "]"
    XCTAssertThrowsError(try TraceReader.decode(Data(traceJSON(outputs: outputs).utf8))) { error in
      guard let error = error as? TraceError else { return XCTFail("not a TraceError") }
      XCTAssertEqual(error.diagnostics.count, 51)
      XCTAssertEqual(error.diagnostics.last?.message, "... and 150 more problems")
    }
  }

  func testValidatorChecksFormatAndVersionOfBuiltTraces() {
    XCTAssertThrowsError(try TraceValidator.validate(Trace(program: "p", format: "x", version: 3)))
    { error in
      let text = String(describing: error)
      XCTAssertTrue(text.contains("format is 'x', expected 'drc-trace'"))
      XCTAssertTrue(text.contains("unsupported trace version 3, expected 1"))
    }
  }

  // MARK: Files

  func testReadingAFile() throws {
    let dir = try temporaryDirectory()
    let path = dir + "/t.json"
    try Data(traceJSON().utf8).write(to: URL(fileURLWithPath: path))
    XCTAssertEqual(try TraceReader.read(path: path).program, "prog")
  }

  func testDirectoryIsNotARegularFile() throws {
    let dir = try temporaryDirectory()
    XCTAssertThrowsError(try TraceReader.read(path: dir)) { error in
      XCTAssertTrue(String(describing: error).contains("it is a directory"), "\(error)")
    }
  }

  func testMissingFile() throws {
    let dir = try temporaryDirectory()
    XCTAssertThrowsError(try TraceReader.read(path: dir + "/nope.json")) { error in
      XCTAssertTrue(String(describing: error).contains("nope.json': no such file"), "\(error)")
    }
  }

  func testDeviceFileIsNotARegularFile() throws {
    guard FileManager.default.fileExists(atPath: "/dev/null") else { throw XCTSkip("no /dev/null") }
    XCTAssertThrowsError(try TraceReader.read(path: "/dev/null")) { error in
      XCTAssertTrue(String(describing: error).contains("not a regular file"), "\(error)")
    }
  }

  func testFileOverTheByteLimit() throws {
    let dir = try temporaryDirectory()
    let path = dir + "/t.json"
    try Data(traceJSON().utf8).write(to: URL(fileURLWithPath: path))
    var limits = TraceLimits.default
    limits.maxBytes = 10
    XCTAssertThrowsError(try TraceReader.read(path: path, limits: limits)) { error in
      XCTAssertTrue(String(describing: error).contains("over the limit of 10"), "\(error)")
    }
  }

  func testHostilePathIsCleanedInMessages() throws {
    XCTAssertThrowsError(try TraceReader.read(path: "/nonexistent/\u{1B}[2J.json")) { error in
      let text = String(describing: error)
      XCTAssertFalse(text.unicodeScalars.contains("\u{1B}"))
      XCTAssertTrue(text.contains("\\u{1B}[2J.json"), text)
    }
  }
}

/// A fresh empty directory, removed when the test process ends (best effort).
func temporaryDirectory() throws -> String {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "drc-trace-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url.path
}
