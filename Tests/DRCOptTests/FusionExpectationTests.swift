// The expectations on the benchmark traces, asserted by counting kernels and bytes.
//
// sincos, contrived, blackscholes and loglikelihood compile to one kernel moving exactly the
// minimum bytes; harris is one kernel; grayscott needs at most one kernel per time step; lstsqr
// and cronbach never write a full-size intermediate; jacobi runs one matrix-product kernel per
// iteration with the elementwise update fused into it.

import DRCIR
import DRCPlan
import XCTest

@testable import DRCOpt

final class FusionExpectationTests: XCTestCase {
  func plan(_ name: String) throws -> (Plan, Graph) {
    let path = OptRepo.root.appendingPathComponent("traces/\(name).json").path
    let (graph, _) = try loadTrace(path)
    let (plan, _, optimised) = try compile(graph)
    return (plan, optimised)
  }

  func testSingleKernelProgramsMoveTheMinimum() throws {
    for name in ["sincos", "contrived", "blackscholes", "loglikelihood"] {
      let (p, _) = try plan(name)
      XCTAssertEqual(p.stats.kernels, 1, name)
      XCTAssertEqual(p.steps.filter { $0.kind == .launch }.count, 1, name)
      XCTAssertEqual(p.stats.bytesMoved, p.stats.minimumBytes, name)
      XCTAssertGreaterThan(p.stats.minimumBytes, 0, name)
    }
    let (bs, _) = try plan("blackscholes")
    XCTAssertEqual(bs.kernels[0].stores.count, 2, "call and put come from one kernel")
  }

  func testHarrisIsOneKernel() throws {
    let (p, _) = try plan("harris")
    XCTAssertEqual(p.stats.launches, 1)
    // One launch reads the image once (the bounding box of its windows) and writes the response
    // once: the minimum.
    XCTAssertEqual(p.stats.bytesMoved, p.stats.minimumBytes)
  }

  func testGrayScottNeedsAtMostOneKernelPerStep() throws {
    let (p, _) = try plan("grayscott")
    let steps = 3  // tools/record-traces.sh records 3 time steps
    XCTAssertLessThanOrEqual(p.stats.launches, steps + 1, "one per step plus the initial condition")
  }

  func testReductionsWriteNoFullSizeIntermediate() throws {
    for name in ["lstsqr", "cronbach"] {
      let (p, g) = try plan(name)
      let largest = g.inputs.map { $0.shape.reduce(1, *) }.max() ?? 0
      for kernel in p.kernels {
        for store in kernel.stores {
          XCTAssertLessThan(
            kernel.outer.reduce(1, *), largest, "\(name): \(kernel.name) writes a full-size array")
          _ = store
        }
      }
    }
  }

  func testJacobiRunsOneMatmulKernelPerIteration() throws {
    let (p, g) = try plan("jacobi")
    let matmuls = g.nodes.filter { if case .matmul = $0.op { return true } else { return false } }
      .count
    let kinds = p.steps.compactMap { $0.kernel.map { p.kernels[$0].kind } }
    XCTAssertEqual(kinds.filter { $0 == .matmul }.count, matmuls)
    guard let first = kinds.firstIndex(of: .matmul) else { return XCTFail("no matmul kernel") }
    XCTAssertTrue(
      kinds[first...].allSatisfy { $0 == .matmul },
      "elementwise work after the first product: \(kinds)")
    let repeated = Set(p.steps.compactMap(\.kernel).filter { p.kernels[$0].kind == .matmul })
    XCTAssertLessThanOrEqual(repeated.count, 3, "iterations reuse one kernel")
  }

  /// cronbach reduces X along both axes. The column reductions share one kernel's lanes; the row
  /// sums run in a kernel of their own along the rows (`LaunchGeometry.rowVector`), not as a
  /// gather of one element per row in each lane of a column kernel.
  func testRowAndColumnReductionsOfOneArrayStayApart() throws {
    let (p, g) = try plan("cronbach")
    let x = try XCTUnwrap(g.inputs.first)
    let full = x.shape.reduce(1, *)
    let readers = p.kernels.filter { k in
      k.kind == .reduction && k.outer.reduce(1, *) * k.inner.reduce(1, *) == full
    }
    XCTAssertEqual(readers.count, 3, "column mean, row sum, column sum of squares")
    XCTAssertEqual(readers.filter(LaunchGeometry.rowVector).count, 1, "the row sum")
    for k in readers where !LaunchGeometry.rowVector(k) {
      for v in k.body where v.inner {
        guard case .load(_, let map) = v.op, map.shape == x.shape else { continue }
        XCTAssertEqual(
          map.coefficients.last?[k.outer.count - 1], 1,
          "\(k.name): lanes (the last outer axis) are consecutive columns")
      }
    }
  }
}
