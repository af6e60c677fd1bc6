// The plan format: deterministic JSON that reads back equal; repeated segments share kernels;
// buffers are reused; bad plan files are refused with a message.

import DRCIR
import DRCPlan
import DRCRuntime
import Foundation
import XCTest

@testable import DRCOpt

final class PlanFormatTests: XCTestCase {
  /// `x = x - mean(x)` `times` times, the host reading `x` after each, then `x` is the output.
  func centring(_ times: Int) -> Graph {
    var g = Graph(name: "centre", inputs: [InputDecl(name: "x", dtype: .float64, shape: [64])])
    var x = g.add(.input("x"), dtype: .float64, shape: [64])
    for _ in 0..<times {
      let m = g.add(.reduce(.mean, axes: [0], keepdims: false), [x], dtype: .float64, shape: [])
      x = g.add(.binary(.sub), [x, m], dtype: .float64, shape: [64])
      g.readbacks.append(Readback(node: x, position: x + 1, kind: "array"))
    }
    g.outputs = [OutputDecl(name: "y", node: x)]
    return g
  }

  func testRoundTripIsExactAndDeterministic() throws {
    for name in ["blackscholes", "grayscott", "jacobi", "cronbach"] {
      let (graph, _) = try loadTrace(
        OptRepo.root.appendingPathComponent("traces/\(name).json").path)
      let (plan, _, _) = try compile(graph)
      let data = try plan.jsonData()
      let back = try Plan.read(data)
      XCTAssertEqual(back, plan, name)
      XCTAssertEqual(try back.jsonData(), data, name)
      let (again, _, _) = try compile(graph)
      XCTAssertEqual(try again.jsonData(), data, "\(name): compiling twice gives different bytes")
    }
  }

  func testRepeatedSegmentsShareKernelsAndBuffers() throws {
    let (plan, _) = try PlanBuilder.build(centring(5))
    XCTAssertEqual(plan.steps.filter { $0.kind == .launch }.count, 10)
    XCTAssertEqual(
      plan.kernels.count, 2,
      "one reduction kernel and one subtraction kernel, launched 5 times each")
    XCTAssertLessThanOrEqual(
      plan.buffers.count, 5, "intermediates reuse buffers: \(plan.buffers.count)")
    XCTAssertEqual(plan.steps.filter { $0.kind == .readback }.count, 5)
    let inputs = ["x": try HostArray((0..<64).map { Double($0 * $0) }, shape: [64])]
    let want = try Interpreter(graph: centring(5)).run(inputs: inputs)
    let got = try PlanInterpreter(plan: plan).run(inputs: inputs)
    XCTAssertEqual(got["y"]?.doubles(), want["y"]?.doubles())
  }

  func testForeignOrFutureFilesAreRefused() throws {
    let (plan, _) = try PlanBuilder.build(centring(1))
    var text = String(decoding: try plan.jsonData(), as: UTF8.self)
    text = text.replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 9")
    XCTAssertThrowsError(try Plan.read(Data(text.utf8))) {
      XCTAssertTrue("\($0)".contains("version 9 is not supported"), "\($0)")
    }
    XCTAssertThrowsError(try Plan.read(Data("{\"format\": \"other\"}".utf8))) {
      XCTAssertTrue("\($0)".contains("not a drc plan"), "\($0)")
    }
  }
}
