// The plan verifier refuses tampered plans before anything could read or write out of bounds.

import DRCIR
import DRCPlan
import DRCRuntime
import XCTest

@testable import DRCOpt

final class PlanVerifierTests: XCTestCase {
  func harris() throws -> Plan {
    let (graph, _) = try loadTrace(OptRepo.root.appendingPathComponent("traces/harris.json").path)
    return try compile(graph).0
  }

  func assertRefused(_ plan: Plan, _ expected: String, line: UInt = #line) {
    XCTAssertThrowsError(try PlanVerifier.check(plan), line: line) {
      XCTAssertTrue("\($0)".contains(expected), "\($0)", line: line)
    }
    XCTAssertThrowsError(
      try PlanInterpreter(plan: plan).run(inputs: [:]), "the host runner verifies too", line: line)
  }

  func testGeneratedPlansVerify() throws {
    XCTAssertNoThrow(try PlanVerifier.check(try harris()))
  }

  func testOutOfBoundsMapsAreRefused() throws {
    var plan = try harris()
    guard
      let i = plan.kernels[0].body.firstIndex(where: {
        if case .load = $0.op { return true } else { return false }
      }),
      case .load(let arg, var map) = plan.kernels[0].body[i].op
    else { return XCTFail("no load") }
    map.offsets[0] += 5
    plan.kernels[0].body[i].op = .load(arg: arg, map: map)
    assertRefused(plan, "map leaves buffer")
  }

  func testSmallBuffersAndBadBindingsAreRefused() throws {
    var small = try harris()
    small.buffers[small.buffers.count - 1].bytes = 4
    assertRefused(small, "needs")
    var bindings = try harris()
    if let s = bindings.steps.firstIndex(where: { $0.kind == .launch }) {
      bindings.steps[s].bindings.append(0)
    }
    assertRefused(bindings, "bindings for")
    var kernel = try harris()
    if let s = kernel.steps.firstIndex(where: { $0.kind == .launch }) { kernel.steps[s].kernel = 7 }
    assertRefused(kernel, "no such kernel")
  }

  func testForwardOperandsAndInnerLeaksAreRefused() throws {
    var plan = try harris()
    let last = plan.kernels[0].body.count - 1
    plan.kernels[0].body[0].op = .unary(.neg, last)
    assertRefused(plan, "is not an earlier value")
    var reduction = Plan(
      program: "p", inputs: [], params: [], outputs: [], buffers: [],
      kernels: [
        Kernel(
          name: "k", kind: .reduction, outer: [], inner: [4], args: [],
          body: [
            KernelValue(.constant(.float(1)), dtype: .float64, inner: true),
            KernelValue(.unary(.neg, 0), dtype: .float64),
          ],
          stores: [])
      ], steps: [], values: [],
      stats: PlanStats(
        kernels: 1, launches: 0, bytesMoved: 0, scratchBytes: 0, minimumBytes: 0, peakBytes: 0))
    assertRefused(reduction, "outer value reads inner value")
    reduction.kernels[0].body[1] = KernelValue(.accumulate(.sum, 0), dtype: .float64)
    XCTAssertNoThrow(try PlanVerifier.check(reduction))
  }
}
