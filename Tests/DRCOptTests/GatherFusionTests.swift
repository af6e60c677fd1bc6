// How `take` is planned: its index arithmetic and elementwise epilogue fused with the gather, a
// gather inside a reduction's loop, a gather as the epilogue of the argmax that gives its
// indices; one bounds check per take, read by the host runner, which fails on a bad index and
// passes on good ones; checks and gather values round-trip through the plan format, and the
// plan verifier refuses a gather that could leave its buffer.

import DRCIR
import DRCPlan
import DRCRuntime
import Foundation
import XCTest

@testable import DRCOpt

final class GatherFusionTests: XCTestCase {
  private func plan() throws -> (Plan, Graph, [String: HostArray]) {
    let path = OptRepo.root.appendingPathComponent("traces/ops/take.json").path
    let (graph, inputs) = try loadTrace(path)
    let (plan, _, optimised) = try compile(graph)
    return (plan, optimised, inputs)
  }

  private func kernel(_ p: Plan, output name: String) throws -> Kernel {
    let node = try XCTUnwrap(p.outputs.first { $0.name == name }?.node, name)
    let step = try XCTUnwrap(p.steps.first { $0.nodes.contains(node) }, name)
    return p.kernels[try XCTUnwrap(step.kernel)]
  }

  private func has(_ k: Kernel, _ test: (ExprOp) -> Bool) -> Bool {
    k.body.contains { test($0.op) }
  }

  func testIndexArithmeticAndEpiloguesFuseWithTheGather() throws {
    let (p, g, _) = try plan()
    // exp(take(z, arange(5, -1, -1), axis 1)): one elementwise kernel computing the indices.
    let reversed = try kernel(p, output: "exp_reversed_f64")
    XCTAssertEqual(reversed.kind, .elementwise)
    XCTAssertTrue(has(reversed) { if case .gather = $0 { true } else { false } })
    XCTAssertTrue(has(reversed) { if case .index = $0 { true } else { false } })
    XCTAssertTrue(has(reversed) { if case .unary(.exp, _) = $0 { true } else { false } })
    XCTAssertEqual(reversed.args.filter { $0.access == .read }.count, 1, "only z is read")
    // sum(take(z, picks, axis 1), axis 1): the gather is an inner value of the reduction.
    let picked = try kernel(p, output: "sum_picked_f64")
    XCTAssertEqual(picked.kind, .reduction)
    XCTAssertTrue(picked.body.contains { if case .gather = $0.op { $0.inner } else { false } })
    // v[argmax(y, axis 1)]: the gather joins the argmax kernel as its epilogue.
    let byArgmax = try kernel(p, output: "by_argmax_f32")
    XCTAssertTrue(has(byArgmax) { if case .accumulate(.argmax, _) = $0 { true } else { false } })
    XCTAssertTrue(has(byArgmax) { if case .gather = $0 { true } else { false } })
    // One check per take, none of them an output.
    let takes = g.nodes.filter { if case .take = $0.op { true } else { false } }
    XCTAssertEqual(p.checks.count, takes.count)
    XCTAssertTrue(p.outputs.allSatisfy { o in !p.checks.contains { $0.node == o.node } })
  }

  func testTheHostRunnerChecksIndicesAndMatchesTheReference() throws {
    let (p, g, inputs) = try plan()
    let want = try Interpreter(graph: g).run(inputs: inputs)
    let got = try PlanInterpreter(plan: p).run(inputs: inputs)
    for (name, value) in want {
      XCTAssertEqual(got[name]?.scalars(), value.scalars(), name)
    }
    // One index moved just past its axis (picks: [5, 0, 5, -2] on an axis of 6): the run fails
    // naming the take and its line, and nothing is returned.
    var bad = inputs
    bad["picks"] = try HostArray([Int32(6), 0, 5, -2], shape: [4])
    XCTAssertThrowsError(try PlanInterpreter(plan: p).run(inputs: bad)) {
      XCTAssertTrue("\($0)".contains("(take) at tools/make-op-traces.py:"), "\($0)")
      XCTAssertTrue(
        "\($0)".contains("out of bounds for axis 1 with size 6 (1 such index)"), "\($0)")
    }
    bad["picks"] = try HostArray([Int32(-7), 0, 5, -2], shape: [4])
    XCTAssertThrowsError(try PlanInterpreter(plan: p).run(inputs: bad))
    bad["picks"] = try HostArray([Int32(-6), 0, 5, -2], shape: [4])
    XCTAssertNoThrow(try PlanInterpreter(plan: p).run(inputs: bad), "-6 is the first element")
  }

  func testGathersAndChecksRoundTripAndAreVerified() throws {
    let (p, _, _) = try plan()
    let decoded = try Plan.read(try p.jsonData())
    XCTAssertEqual(decoded, p)
    // A gather claiming a longer axis than its buffer holds could read past it: refused.
    var tampered = p
    let k = try XCTUnwrap(
      tampered.kernels.firstIndex { has($0) { if case .gather = $0 { true } else { false } } })
    let v = try XCTUnwrap(
      tampered.kernels[k].body.firstIndex { if case .gather = $0.op { true } else { false } })
    guard case .gather(let arg, let map, let index, let extent) = tampered.kernels[k].body[v].op
    else {
      return XCTFail("no gather")
    }
    tampered.kernels[k].body[v].op = .gather(arg: arg, map: map, index: index, extent: extent + 1)
    XCTAssertThrowsError(try PlanVerifier.check(tampered)) {
      XCTAssertTrue("\($0)".contains("leaves buffer"), "\($0)")
    }
    var unchecked = p
    unchecked.checks[0].buffer = unchecked.buffers.count
    XCTAssertThrowsError(try PlanVerifier.check(unchecked)) {
      XCTAssertTrue("\($0)".contains("check 0"), "\($0)")
    }
  }
}
