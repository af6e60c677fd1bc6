// How `gauss_solve` is planned: each one is a `solve` kernel, one matrix per work-item
// (serial), reading its materialised operand and storing the whole result over the full space
// (each matrix one line); every solve with right-hand sides gets a check counting its zero
// pivots (a factorisation alone may be singular: `det` is then 0), and every `cholesky` one
// counting the pivots that were not positive. The host plan
// runner matches the reference bit for bit, a singular matrix fails the run naming the node,
// plans round-trip, and the verifier refuses a solved line that is no matrix or a solve kernel
// holding more.

import DRCIR
import DRCPlan
import DRCRuntime
import Foundation
import XCTest

@testable import DRCOpt

final class SolvePlanTests: XCTestCase {
  private func plan() throws -> (Plan, Graph, [String: HostArray]) {
    let path = OptRepo.root.appendingPathComponent("traces/ops/solves.json").path
    let (graph, inputs) = try loadTrace(path)
    let (plan, _, optimised) = try compile(graph)
    return (plan, optimised, inputs)
  }

  func testEachSolveIsOneSolveKernelWithASingularityCheck() throws {
    let (p, g, inputs) = try plan()
    let solves = g.nodes.filter { if case .matrix(.gaussSolve) = $0.op { true } else { false } }
    let factors = g.nodes.filter { if case .matrix(.cholesky) = $0.op { true } else { false } }
    let launched = p.steps.compactMap(\.kernel).filter { p.kernels[$0].kind == .solve }
    XCTAssertEqual(solves.count, 7)
    XCTAssertEqual(factors.count, 3)
    XCTAssertEqual(launched.count, solves.count + factors.count)
    // A zero pivot is an error only with right-hand sides: two of the seven solves have none;
    // every Cholesky factorisation is checked.
    let withRightHandSides = solves.filter {
      $0.shape[$0.shape.count - 1] > $0.shape[$0.shape.count - 2]
    }
    XCTAssertEqual(withRightHandSides.count, 5)
    XCTAssertEqual(
      p.checks.count, withRightHandSides.count + factors.count, "one failed-pivot count each")
    for k in p.kernels where k.kind == .solve {
      XCTAssertEqual(k.inner.count, 1, k.name)
      XCTAssertEqual(k.body.count, 1, k.name)
      XCTAssertEqual(k.strategy, .serial, k.name)
      XCTAssertEqual(k.storeSpace, k.fullSpace, k.name)
      XCTAssertEqual(LaunchGeometry.entries(k).first?.global, k.outer.reduce(1, *), k.name)
    }
    // The batch of two float64 systems: two work-items, lines of 3 * 5.
    let batch = try XCTUnwrap(p.kernels.first { $0.kind == .solve && $0.outer == [2] })
    XCTAssertEqual(batch.inner, [15])
    let want = try Interpreter(graph: g).run(inputs: inputs)
    let got = try PlanInterpreter(plan: p).run(inputs: inputs)
    for (name, value) in want where !name.hasPrefix("check") {
      XCTAssertEqual(
        got[name]?.scalars().map(\.description), value.scalars().map(\.description), name)
    }
  }

  func testASingularMatrixFailsTheRunNamingTheNode() throws {
    let (p, g, inputs) = try plan()
    var bad = inputs
    // Rows 0 and 1 proportional: the second pivot is exactly zero.
    bad["swap_f64"] = try HostArray([1.0, 2, 3, 2, 4, 6], shape: [2, 3])
    XCTAssertThrowsError(try PlanInterpreter(plan: p).run(inputs: bad)) {
      XCTAssertTrue("\($0)".contains("(gauss_solve) at "), "\($0)")
      XCTAssertTrue("\($0)".contains("Singular matrix"), "\($0)")
    }
    XCTAssertThrowsError(try Interpreter(graph: g).run(inputs: bad)) {
      XCTAssertTrue("\($0)".contains("(gauss_solve) at "), "\($0)")
      XCTAssertTrue("\($0)".contains("Singular matrix: a zero pivot in column 1"), "\($0)")
    }
    var fine = inputs
    fine["swap_f64"] = try HostArray([1.0, 2, 3, 2, 4.5, 6], shape: [2, 3])
    XCTAssertNoThrow(try PlanInterpreter(plan: p).run(inputs: fine))
    // A symmetric matrix that is not positive definite: its leading block [[1, 2], [2, 3]] has
    // determinant -1, so the second pivot is 3 - 2 * 2 = -1.
    var indefinite = inputs
    var entries = [Double](repeating: 0, count: 144)
    for i in 0..<12 { entries[i * 12 + i] = i == 0 ? 1 : i == 1 ? 3 : 5 }
    entries[1] = 2
    entries[12] = 2
    indefinite["spd_big_f64"] = try HostArray(entries, shape: [12, 12])
    XCTAssertThrowsError(try PlanInterpreter(plan: p).run(inputs: indefinite)) {
      XCTAssertTrue("\($0)".contains("(cholesky) at "), "\($0)")
      XCTAssertTrue("\($0)".contains("Matrix is not positive definite (1 failed pivot)"), "\($0)")
    }
  }

  func testSolveKernelsRoundTripAndAreVerified() throws {
    let (p, _, _) = try plan()
    XCTAssertEqual(try Plan.read(try p.jsonData()), p)
    let k = try XCTUnwrap(p.kernels.firstIndex { $0.kind == .solve && $0.inner == [272] })
    guard case .solveLine(let f, let rows, let arg, let map) = p.kernels[k].body[0].op else {
      return XCTFail("no solved line")
    }
    XCTAssertEqual(rows, 16)
    var ragged = p
    ragged.kernels[k].body[0].op = .solveLine(f, rows: 15, arg: arg, map: map)
    XCTAssertThrowsError(try PlanVerifier.check(ragged)) {
      XCTAssertTrue("\($0)".contains("a multiple of its rows"), "\($0)")
    }
    var wide = p
    wide.kernels[k].body[0].op = .solveLine(f, rows: 17, arg: arg, map: map)
    XCTAssertThrowsError(try PlanVerifier.check(wide))
    var crowded = p
    crowded.kernels[k].body.append(KernelValue(.constant(.float(1)), dtype: .float64))
    XCTAssertThrowsError(try PlanVerifier.check(crowded)) {
      XCTAssertTrue("\($0)".contains("exactly one solved line"), "\($0)")
    }
  }
}
