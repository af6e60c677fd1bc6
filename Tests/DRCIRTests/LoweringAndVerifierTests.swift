// Tests of lowering traces into the IR, the verifier's rules, the printer and raising back.

import DRCTrace
import XCTest

@testable import DRCIR

final class LoweringAndVerifierTests: XCTestCase {
  /// A valid trace: y = a * 3 + r; s = sum(y); with a read-back of s.
  private func sample() -> Trace {
    Trace(
      program: "sample",
      inputs: [TraceInput(name: "a", dtype: "float32", shape: [2, 3])],
      params: [TraceParam(name: "r", dtype: "float32", value: "0x1.47ae14p-6")],
      nodes: [
        TraceNode(
          id: 0, op: "input", dtype: "float32", shape: [2, 3], attrs: TraceAttrs(name: "a"),
          loc: "m.swift:1"),
        TraceNode(
          id: 1, op: "full", dtype: "float32", shape: [], attrs: TraceAttrs(value: "0x1.8p+1"),
          loc: "m.swift:2"),
        TraceNode(
          id: 2, op: "mul", args: [0, 1], dtype: "float32", shape: [2, 3], loc: "m.swift:2"),
        TraceNode(
          id: 3, op: "param", dtype: "float32", shape: [], attrs: TraceAttrs(name: "r"),
          loc: "m.swift:3"),
        TraceNode(
          id: 4, op: "add", args: [2, 3], dtype: "float32", shape: [2, 3], loc: "m.swift:3"),
        TraceNode(
          id: 5, op: "sum", args: [4], dtype: "float32", shape: [3], attrs: TraceAttrs(axes: [0]),
          loc: "m.swift:4"),
      ],
      outputs: [TraceOutput(name: "y", node: 4), TraceOutput(name: "s", node: 5)],
      readbacks: [TraceReadback(node: 5, position: 6, kind: "print", loc: "m.swift:5")])
  }

  private func errors(_ trace: Trace) -> String {
    do {
      _ = try TraceLowering.lower(trace)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  func testValidTraceLowersAndPrints() throws {
    let graph = try TraceLowering.lower(sample())
    XCTAssertEqual(graph.nodes.count, 6)
    XCTAssertEqual(graph.nodes[5].op, .reduce(.sum, axes: [0], keepdims: false))
    XCTAssertEqual(graph.params.first?.value, .float(Double(Float(0.02))))
    let text = Printer.print(graph)
    XCTAssertTrue(
      text.hasPrefix("program sample\ninput a : float32[2, 3]\nparam r : float32 = 0x1.47ae14p-6\n")
    )
    XCTAssertTrue(text.contains("%2 = mul %0, %1 : float32[2, 3]"))
    XCTAssertTrue(text.contains("%5 = sum %4 axes=[0] : float32[3]"))
    XCTAssertTrue(text.contains("readback %5 at 6 print"))
  }

  func testRaisingInvertsLowering() throws {
    let trace = sample()
    let graph = try TraceLowering.lower(trace)
    XCTAssertEqual(graph.toTrace(), trace)
    XCTAssertEqual(TraceWriter.string(graph.toTrace()), TraceWriter.string(trace))
  }

  func testUnknownOpAndDTypeNameTheNode() {
    var t = sample()
    t.nodes[2].op = "frobnicate"
    t.nodes[4].dtype = "float16"
    let message = errors(t)
    XCTAssertTrue(
      message.contains("node 2 (frobnicate) at m.swift:2: unknown op 'frobnicate'"), message)
    XCTAssertTrue(message.contains("node 4 (add) at m.swift:3: unknown dtype 'float16'"), message)
  }

  func testRecordedTypeMustMatchInferred() {
    var t = sample()
    t.nodes[4].shape = [3, 2]
    XCTAssertTrue(
      errors(t).contains(
        "node 4 (add) at m.swift:3: recorded shape [3, 2] differs from inferred [2, 3]"))
    t = sample()
    t.nodes[2].dtype = "float64"
    XCTAssertTrue(errors(t).contains("recorded dtype float64 differs from inferred float32"))
  }

  func testMissingAttributesAndDeclarations() {
    var t = sample()
    t.nodes[5].attrs = nil
    XCTAssertTrue(errors(t).contains("node 5 (sum) at m.swift:4: missing attribute 'axes'"))
    t = sample()
    t.nodes[0].attrs = TraceAttrs(name: "b")
    XCTAssertTrue(errors(t).contains("no input named 'b'"))
    t = sample()
    t.inputs[0].shape = [3, 2]
    XCTAssertTrue(
      errors(t).contains("input 'a' is declared float32[3, 2] but the node is float32[2, 3]"))
    t = sample()
    t.params[0].value = "0.02"
    XCTAssertTrue(errors(t).contains("param 'r': value '0.02' is not a valid float32"), errors(t))
    t = sample()
    t.nodes[1].attrs = TraceAttrs(value: "three")
    XCTAssertTrue(errors(t).contains("attribute 'value' value 'three' is not a valid float32"))
  }

  func testVerifierCatchesBrokenGraphsFromPasses() {
    var g = Graph(name: "g")
    let a = g.add(.full(.float(1)), dtype: .float32, shape: [4])
    g.add(.unary(.neg), [a], dtype: .float32, shape: [4])
    XCTAssertTrue(Verifier.diagnose(g).isEmpty)
    g.nodes[1].operands = [1]
    XCTAssertEqual(Verifier.diagnose(g).first?.message, "operand 1 is not an earlier node")
    g.nodes[1].operands = [0]
    g.outputs = [OutputDecl(name: "o", node: 9)]
    XCTAssertTrue(Verifier.diagnose(g).contains { $0.message.contains("missing node 9") })
  }

  func testDiagnosticsAreCapped() {
    var t = sample()
    for i in 0..<200 {
      t.nodes.append(TraceNode(id: 6 + i, op: "nope", dtype: "float32", shape: []))
    }
    let message = errors(t)
    XCTAssertTrue(message.contains("... and 150 more problems"), message)
  }
}
