// How argmin/argmax and cumsum/cumprod are planned: index reductions fuse as reductions (with
// their prologue, beside other reductions of the same space), each scan gets its own `scan`
// kernel with its elementwise prologue fused in, and a simple elementwise epilogue (reading the
// scan at the same element) too, while one reading shifted elements is a separate kernel;
// long single lines take the blocked two-pass strategy, and plans with scans round-trip through
// the plan format and are checked by the plan verifier.

import DRCIR
import DRCPlan
import DRCRuntime
import Foundation
import XCTest

@testable import DRCOpt

final class ScanAndIndexFusionTests: XCTestCase {
  func plan(_ name: String) throws -> (Plan, Graph) {
    let path = OptRepo.root.appendingPathComponent("traces/ops/\(name).json").path
    let (graph, _) = try loadTrace(path)
    let (plan, _, optimised) = try compile(graph)
    return (plan, optimised)
  }

  /// The kernel whose launch computes the node that output `name` names.
  func kernel(_ p: Plan, output name: String) throws -> Kernel {
    let node = try XCTUnwrap(p.outputs.first { $0.name == name }?.node, name)
    let step = try XCTUnwrap(p.steps.first { $0.nodes.contains(node) }, name)
    return p.kernels[try XCTUnwrap(step.kernel)]
  }

  func testEachScanIsOneScanKernelWithItsPrologueFused() throws {
    let (p, g) = try plan("scans")
    let scans = g.nodes.filter { if case .scan = $0.op { return true } else { return false } }
    let scanKernels = p.steps.compactMap { $0.kernel }.filter { p.kernels[$0].kind == .scan }
    XCTAssertEqual(scanKernels.count, scans.count, "one scan kernel per scan")
    for k in p.kernels where k.kind == .scan {
      XCTAssertEqual(k.inner.count, 1, k.name)
      let values = k.body.filter { if case .scan = $0.op { return true } else { return false } }
      XCTAssertEqual(values.count, 1, k.name)
      XCTAssertEqual(k.storeSpace, k.fullSpace, k.name)
    }
    // cumsum(x * 2 + 1): the multiply and add are inner values of the scan kernel.
    let prologue = try kernel(p, output: "cumsum_prologue_f64")
    XCTAssertEqual(prologue.kind, .scan)
    XCTAssertTrue(
      prologue.body.contains {
        if case .binary(.mul, _, _) = $0.op { return $0.inner } else { return false }
      })
    XCTAssertTrue(
      prologue.body.contains {
        if case .binary(.add, _, _) = $0.op { return $0.inner } else { return false }
      })
    // The running mean divides the scan at the same element: an epilogue in the scan's kernel,
    // computed per point after the scan and stored over the full space.
    let mean = try kernel(p, output: "running_mean_f64")
    XCTAssertEqual(mean, prologue)
    XCTAssertEqual(mean.stores.count, 2)
    XCTAssertTrue(
      mean.body.contains {
        if case .binary(.div, _, _) = $0.op { return $0.inner } else { return false }
      })
    // Epilogues fuse on a blocked line and on lines computed as vector lanes too.
    XCTAssertEqual(
      try kernel(p, output: "half_cumsum_long_f64"), try kernel(p, output: "cumsum_long_f64"))
    XCTAssertEqual(try kernel(p, output: "cumsum_w_sq_f32"), try kernel(p, output: "cumsum_w_f32"))
    // Window sums read the scan at shifted elements: a later elementwise kernel.
    XCTAssertEqual(try kernel(p, output: "window_sums_f64").kind, .elementwise)
    // Long single lines: blocked (partials); short or many lines: serial.
    XCTAssertEqual(try kernel(p, output: "cumsum_long_f64").strategy, .partials)
    XCTAssertEqual(try kernel(p, output: "cumprod_long_f64").strategy, .partials)
    XCTAssertEqual(try kernel(p, output: "cumsum_ax1_float32").strategy, .serial)
    let long = try kernel(p, output: "cumsum_long_f32")
    XCTAssertEqual(
      LaunchGeometry.entries(long).map(\.name), [long.name + "_partial", long.name + "_final"])
    XCTAssertEqual(LaunchGeometry.entries(long).map(\.global), [256, 256])
    XCTAssertEqual(LaunchGeometry.scratchBytes(long), 256 * 8)
    XCTAssertEqual(LaunchGeometry.lanes(long), 1)
  }

  func testIndexReductionsFuseAsReductions() throws {
    let (p, _) = try plan("index_reductions")
    // argmax(x * x - 2): the prologue is inlined into the reduction's inner loop.
    let pro = try kernel(p, output: "argmax_prologue_float64")
    XCTAssertEqual(pro.kind, .reduction)
    XCTAssertTrue(
      pro.body.contains {
        if case .binary(.mul, _, _) = $0.op { return $0.inner } else { return false }
      })
    // argmax, argmin and sum of one long line (and the index reductions of another line of the
    // same length) share one partials kernel: two scratch slots per index accumulation.
    let shared = try kernel(p, output: "sum_long_f32")
    XCTAssertEqual(shared.strategy, .partials)
    XCTAssertEqual(try kernel(p, output: "argmax_long_f32"), shared)
    XCTAssertEqual(try kernel(p, output: "argmin_long_nan_f64"), shared)
    let ops = shared.body.compactMap { v -> ReduceOp? in
      if case .accumulate(let op, _) = v.op { return op } else { return nil }
    }
    XCTAssertEqual(ops.filter(\.isIndex).count, 4)
    XCTAssertEqual(ops.filter { !$0.isIndex }, [.sum])
    XCTAssertEqual(LaunchGeometry.scratchBytes(shared), 256 * 8 * 9)
    XCTAssertTrue(LaunchGeometry.hasIndexAccumulation(shared))
    XCTAssertEqual(LaunchGeometry.lanes(shared), 4, "float block loops are vectorised")
    // argmax of bools keeps scalar code (a uchar mask cannot select a long position).
    let bools = try kernel(p, output: "argmax_ax1_bool")
    XCTAssertTrue(LaunchGeometry.hasIndexAccumulation(bools, over: .bool))
    XCTAssertEqual(LaunchGeometry.lanes(bools), 1)
  }

  func testPlansWithScansRoundTripAndVerify() throws {
    let (p, _) = try plan("scans")
    let data = try JSONEncoder().encode(p)
    let back = try JSONDecoder().decode(Plan.self, from: data)
    XCTAssertEqual(back, p)
    XCTAssertNoThrow(try PlanVerifier.check(p))
    // A scan value in a reduction kernel, or a scan kernel storing an outer value, is refused.
    var bad = p
    let k = try XCTUnwrap(bad.kernels.firstIndex { $0.kind == .scan })
    bad.kernels[k].kind = .reduction
    XCTAssertThrowsError(try PlanVerifier.check(bad)) {
      XCTAssertTrue("\($0)".contains("scan"), "\($0)")
    }
    var twoAxes = p
    twoAxes.kernels[k].inner = twoAxes.kernels[k].inner + [1]
    XCTAssertThrowsError(try PlanVerifier.check(twoAxes))
  }

  func testThePlanInterpreterAgreesWithTheReference() throws {
    for name in ["scans", "index_reductions"] {
      let path = OptRepo.root.appendingPathComponent("traces/ops/\(name).json").path
      let (graph, inputs) = try loadTrace(path)
      let expected = try Interpreter(graph: graph).run(inputs: inputs)
      for fuse in [true, false] {
        let (plan, _, _) = try compile(graph, fuse: fuse)
        let got = try PlanInterpreter(plan: plan).run(inputs: inputs)
        for (out, value) in expected {
          XCTAssertEqual(got[out]?.littleEndianBytes(), value.littleEndianBytes(), "\(name).\(out)")
        }
      }
    }
  }
}
