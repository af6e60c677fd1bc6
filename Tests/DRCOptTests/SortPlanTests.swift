// How sorts are planned: each sort or argsort is one `sort` kernel, one sorted line per
// work-item (serial; the 3000-long line too), or, for one line of 4096 elements or more, sorted
// in blocks and merged level by level (`partials`: 1 + ceil(log2(n / 64)) launches); it reads
// its operand from a buffer (a computed operand is materialised first) and is stored whole; its
// readers are other kernels. The host plan runner matches the reference, plans round-trip, and the verifier
// refuses a sorted line whose map would leave its buffer or a sort kernel holding more.

import DRCIR
import DRCPlan
import DRCRuntime
import Foundation
import XCTest

@testable import DRCOpt

final class SortPlanTests: XCTestCase {
  private func plan() throws -> (Plan, Graph, [String: HostArray]) {
    let path = OptRepo.root.appendingPathComponent("traces/ops/sorts.json").path
    let (graph, inputs) = try loadTrace(path)
    let (plan, _, optimised) = try compile(graph)
    return (plan, optimised, inputs)
  }

  func testEachSortIsOneSortKernel() throws {
    let (p, g, inputs) = try plan()
    let sorts = g.nodes.filter { if case .sort = $0.op { true } else { false } }
    let launched = p.steps.compactMap(\.kernel).filter { p.kernels[$0].kind == .sort }
    XCTAssertEqual(launched.count, sorts.count)
    var blocked = 0
    for k in p.kernels where k.kind == .sort {
      XCTAssertEqual(k.inner.count, 1, k.name)
      XCTAssertEqual(k.body.count, 1, k.name)
      XCTAssertEqual(k.storeSpace, k.fullSpace, k.name)
      let n = k.inner[0]
      guard k.outer.reduce(1, *) == 1 && n >= 4096 else {
        XCTAssertEqual(k.strategy, .serial, k.name)
        XCTAssertEqual(LaunchGeometry.entries(k).first?.global, k.outer.reduce(1, *), k.name)
        continue
      }
      blocked += 1
      XCTAssertEqual(k.strategy, .partials, k.name)
      // 10007 elements: 157 blocks of 64, 8 merge levels; 5000: 79 blocks, 7 levels.
      let levels = n == 10007 ? 8 : 7
      XCTAssertEqual(k.launchCount, 1 + levels, k.name)
      XCTAssertEqual(LaunchGeometry.entries(k).map(\.global).first, (n + 63) / 64, k.name)
      XCTAssertEqual(LaunchGeometry.scratchBytes(k), 8 * n, k.name)
    }
    XCTAssertEqual(blocked, 3, "the two 10007-long lines and the 5000-long one")
    // exp(sort(z * 2)): the product, the sort and the exp are three kernels.
    let exp = try XCTUnwrap(p.outputs.first { $0.name == "exp_sorted_f32" })
    let step = try XCTUnwrap(p.steps.first { $0.nodes.contains(exp.node) })
    XCTAssertEqual(p.kernels[try XCTUnwrap(step.kernel)].kind, .elementwise)
    let want = try Interpreter(graph: g).run(inputs: inputs)
    let got = try PlanInterpreter(plan: p).run(inputs: inputs)
    for (name, value) in want {
      XCTAssertEqual(
        got[name]?.scalars().map(\.description), value.scalars().map(\.description), name)
    }
  }

  func testSortKernelsRoundTripAndAreVerified() throws {
    let (p, _, _) = try plan()
    XCTAssertEqual(try Plan.read(try p.jsonData()), p)
    let k = try XCTUnwrap(p.kernels.firstIndex { $0.kind == .sort && $0.inner == [3000] })
    guard case .sortLine(let op, let arg, var map) = p.kernels[k].body[0].op else {
      return XCTFail("no sorted line")
    }
    var leaving = p
    map.coefficients[0][map.coefficients[0].count - 1] = 2
    leaving.kernels[k].body[0].op = .sortLine(op, arg: arg, map: map)
    XCTAssertThrowsError(try PlanVerifier.check(leaving)) {
      XCTAssertTrue("\($0)".contains("leaves buffer"), "\($0)")
    }
    var crowded = p
    crowded.kernels[k].body.append(KernelValue(.constant(.float(1)), dtype: .float32))
    XCTAssertThrowsError(try PlanVerifier.check(crowded)) {
      XCTAssertTrue("\($0)".contains("exactly one sorted line"), "\($0)")
    }
  }
}
