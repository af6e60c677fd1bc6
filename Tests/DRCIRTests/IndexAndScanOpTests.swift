// The index reductions (argmin, argmax) and scans (cumsum, cumprod) in the IR: type rules,
// lowering from traces, the verifier's errors naming node and line, printing and raising back
// (with the trace format's minor version 1.2 they need).

import DRCTrace
import XCTest

@testable import DRCIR

final class IndexAndScanOpTests: XCTestCase {
  /// A trace: input x (`shape`, `dtype`) and one node of `op` with `attrs`, recorded as `result`.
  private func trace(
    _ op: String, _ attrs: TraceAttrs, input shape: [Int], dtype: String = "float32",
    result: String, resultShape: [Int]
  ) -> Trace {
    Trace(
      program: "p", inputs: [TraceInput(name: "x", dtype: dtype, shape: shape)], params: [],
      nodes: [
        TraceNode(
          id: 0, op: "input", dtype: dtype, shape: shape, attrs: TraceAttrs(name: "x"),
          loc: "m.swift:1"),
        TraceNode(
          id: 1, op: op, args: [0], dtype: result, shape: resultShape, attrs: attrs,
          loc: "m.swift:7"),
      ],
      outputs: [TraceOutput(name: "y", node: 1)], readbacks: [])
  }

  private func error(_ t: Trace) -> String {
    do {
      _ = try TraceLowering.lower(t)
      return "no error"
    } catch { return "\(error)" }
  }

  func testIndexReductionsGiveInt64AndRejectEmptyAxes() throws {
    for op in [ReduceOp.argmin, .argmax] {
      XCTAssertTrue(op.isIndex)
      for d in DType.allCases {
        let r = try TypeInference.infer(
          .reduce(op, axes: [1], keepdims: false), [ValueType(d, [2, 3])],
          declared: ValueType(.bool, []))
        XCTAssertEqual(r, ValueType(.int64, [2]), "\(op) of \(d)")
      }
      XCTAssertThrowsError(
        try TypeInference.infer(
          .reduce(op, axes: [1], keepdims: true), [ValueType(.float64, [4, 0])],
          declared: ValueType(.int64, [4, 1]))
      ) { XCTAssertTrue("\($0)".contains("empty sequence"), "\($0)") }
    }
    XCTAssertFalse(ReduceOp.max.isIndex)
  }

  func testScansKeepShapeAndWidenIntegers() throws {
    for (from, to) in [
      (DType.bool, DType.int64), (.int32, .int64), (.int64, .int64), (.float32, .float32),
      (.float64, .float64),
    ] {
      for op in ScanOp.allCases {
        let r = try TypeInference.infer(
          .scan(op, axis: 1), [ValueType(from, [2, 5])], declared: ValueType(.bool, []))
        // A running maximum or minimum keeps the operand's dtype (NumPy's maximum.accumulate).
        XCTAssertEqual(r, ValueType(op.isExtremum ? from : to, [2, 5]), "\(op) of \(from)")
      }
    }
    XCTAssertThrowsError(
      try TypeInference.infer(
        .scan(.cumsum, axis: 0), [ValueType(.float32, [])], declared: ValueType(.float32, [])))
  }

  func testLoweringReadsTheAttributesAndRoundTrips() throws {
    let t = trace(
      "argmax", TraceAttrs(axes: [0], keepdims: true), input: [3, 2], result: "int64",
      resultShape: [1, 2])
    let g = try TraceLowering.lower(t)
    XCTAssertEqual(g.nodes[1].op, .reduce(.argmax, axes: [0], keepdims: true))
    XCTAssertEqual(g.nodes[1].toTraceNode(), t.nodes[1])
    XCTAssertTrue(Printer.line(g.nodes[1]).hasPrefix("%1 = argmax %0 axes=[0] keepdims : int64"))
    let s = trace(
      "cumprod", TraceAttrs(axis: 1), input: [3, 2], dtype: "int32", result: "int64",
      resultShape: [3, 2])
    let h = try TraceLowering.lower(s)
    XCTAssertEqual(h.nodes[1].op, .scan(.cumprod, axis: 1))
    XCTAssertEqual(h.nodes[1].toTraceNode(), s.nodes[1])
    XCTAssertTrue(Printer.line(h.nodes[1]).hasPrefix("%1 = cumprod %0 axis=1 : int64[3, 2]"))
    for name in ["argmin", "argmax", "cumsum", "cumprod"] {
      XCTAssertTrue(Op.allNames.contains(name), name)
    }
  }

  func testBadTracesGetErrorsNamingNodeAndLine() {
    // argmax over an empty axis: NumPy raises; the verifier refuses the node.
    let empty = error(
      trace(
        "argmax", TraceAttrs(axes: [1]), input: [4, 0], result: "int64", resultShape: [4]))
    XCTAssertTrue(empty.contains("node 1"), empty)
    XCTAssertTrue(empty.contains("m.swift:7"), empty)
    XCTAssertTrue(empty.contains("argmax of an empty sequence"), empty)
    // A scan axis out of range, a missing axis, a wrong recorded dtype.
    let range = error(
      trace("cumsum", TraceAttrs(axis: 2), input: [4, 3], result: "float32", resultShape: [4, 3]))
    XCTAssertTrue(range.contains("axis 2 out of range for rank 2"), range)
    XCTAssertTrue(range.contains("m.swift:7"), range)
    let missing = error(
      trace("cumsum", TraceAttrs(), input: [4], result: "float32", resultShape: [4]))
    XCTAssertTrue(missing.contains("missing attribute 'axis'"), missing)
    let dtype = error(
      trace(
        "cumsum", TraceAttrs(axis: 0), input: [4], dtype: "int32", result: "int32",
        resultShape: [4]))
    XCTAssertTrue(dtype.contains("recorded dtype int32 differs from inferred int64"), dtype)
    let index = error(
      trace("argmin", TraceAttrs(axes: [0]), input: [4], result: "float32", resultShape: []))
    XCTAssertTrue(index.contains("recorded dtype float32 differs from inferred int64"), index)
  }

  func testEachOpOfALaterMinorIsAnIROpAndRaisingDeclaresIt() throws {
    // The trace format's minor-version table names real ops, and a graph declares the smallest
    // minor covering its ops when raised back to a trace.
    for (minor, ops) in TraceMinor.opsAdded {
      for op in ops { XCTAssertTrue(Op.allNames.contains(op), "\(op) (1.\(minor))") }
    }
    let scan = try TraceLowering.lower(
      trace("cumsum", TraceAttrs(axis: 0), input: [4], result: "float32", resultShape: [4]))
    XCTAssertEqual(scan.toTrace().minor, 2)
    XCTAssertEqual(scan.toTrace(includingNodes: false).minor, 2)
    let plain = try TraceLowering.lower(
      trace("exp", TraceAttrs(), input: [4], result: "float32", resultShape: [4]))
    XCTAssertEqual(plain.toTrace().minor, 0)
  }
}
