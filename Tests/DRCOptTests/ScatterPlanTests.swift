// How scatters are planned: each `scatter` or `scatter_add` is one `scatter` kernel, one line
// per work-item (serial), storing the whole result; its target, positions and values are read
// from buffers (computed ones materialised first) and its readers are other kernels; every
// scatter gets a bounds check. The host plan runner matches the reference exactly (sums in
// index order), plans round-trip, and the verifier refuses a scatter line whose value map would
// leave its buffer or a scatter kernel holding more.

import DRCIR
import DRCPlan
import DRCRuntime
import Foundation
import XCTest

@testable import DRCOpt

final class ScatterPlanTests: XCTestCase {
  private func plan() throws -> (Plan, Graph, [String: HostArray]) {
    let path = OptRepo.root.appendingPathComponent("traces/ops/scatters.json").path
    let (graph, inputs) = try loadTrace(path)
    let (plan, _, optimised) = try compile(graph)
    return (plan, optimised, inputs)
  }

  func testEachScatterIsOneScatterKernelWithABoundsCheck() throws {
    let (p, g, inputs) = try plan()
    let scatters = g.nodes.filter { if case .scatter = $0.op { true } else { false } }
    let launched = p.steps.compactMap(\.kernel).filter { p.kernels[$0].kind == .scatter }
    XCTAssertEqual(launched.count, scatters.count)
    XCTAssertEqual(p.checks.count, scatters.count, "one bounds check per scatter")
    for k in p.kernels where k.kind == .scatter {
      XCTAssertEqual(k.inner.count, 1, k.name)
      XCTAssertEqual(k.body.count, 1, k.name)
      XCTAssertEqual(k.strategy, .serial, k.name)
      XCTAssertEqual(k.storeSpace, k.fullSpace, k.name)
      XCTAssertEqual(LaunchGeometry.entries(k).first?.global, k.outer.reduce(1, *), k.name)
    }
    // counts * 2: the scatter_add and the product are two kernels (nothing joins a scatter).
    let doubled = try XCTUnwrap(p.outputs.first { $0.name == "counts_i64" })
    let step = try XCTUnwrap(p.steps.first { $0.nodes.contains(doubled.node) })
    XCTAssertEqual(p.kernels[try XCTUnwrap(step.kernel)].kind, .elementwise)
    let want = try Interpreter(graph: g).run(inputs: inputs)
    let got = try PlanInterpreter(plan: p).run(inputs: inputs)
    for (name, value) in want where !name.hasPrefix("check") {
      XCTAssertEqual(
        got[name]?.scalars().map(\.description), value.scalars().map(\.description), name)
    }
  }

  func testAnOutOfRangePositionFailsTheRunNamingTheNode() throws {
    let (p, _, inputs) = try plan()
    var bad = inputs
    bad["long_idx"] = try HostArray([Int64](repeating: 3000, count: 500), shape: [500])
    XCTAssertThrowsError(try PlanInterpreter(plan: p).run(inputs: bad)) {
      XCTAssertTrue("\($0)".contains("(scatter) at "), "\($0)")
      XCTAssertTrue("\($0)".contains("out of bounds for axis 0 with size 3000"), "\($0)")
    }
    // -3000 is the first element: in range.
    var edge = inputs
    edge["long_idx"] = try HostArray([Int64](repeating: -3000, count: 500), shape: [500])
    XCTAssertNoThrow(try PlanInterpreter(plan: p).run(inputs: edge))
  }

  func testScatterKernelsRoundTripAndAreVerified() throws {
    let (p, _, _) = try plan()
    XCTAssertEqual(try Plan.read(try p.jsonData()), p)
    let k = try XCTUnwrap(p.kernels.firstIndex { $0.kind == .scatter && $0.inner == [3000] })
    guard case .scatterLine(let op, let arg, let map, var sources) = p.kernels[k].body[0].op else {
      return XCTFail("no scatter line")
    }
    var leaving = p
    sources.valueMap.offsets[0] = 1
    leaving.kernels[k].body[0].op = .scatterLine(op, arg: arg, map: map, sources: sources)
    XCTAssertThrowsError(try PlanVerifier.check(leaving)) {
      XCTAssertTrue("\($0)".contains("leaves buffer"), "\($0)")
    }
    var crowded = p
    crowded.kernels[k].body.append(KernelValue(.constant(.float(1)), dtype: .float64))
    XCTAssertThrowsError(try PlanVerifier.check(crowded)) {
      XCTAssertTrue("\($0)".contains("exactly one scatter line"), "\($0)")
    }
  }
}
