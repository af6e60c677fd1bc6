// Every trace, compiled to a fused plan and run on the host, against the reference interpreter.
//
// The plan interpreter uses the planned buffers (reuse and in-place writes included) and the
// kernels' index maps, so any fusion, view composition or memory-planning mistake shows up as a
// wrong output here. Reductions and matrix products may sum in a different order than the
// reference (partial results), so they get a relative tolerance; everything else must agree to
// the last bit.

import DRCIR
import DRCPlan
import DRCRuntime
import DRCTrace
import Foundation
import XCTest

@testable import DRCOpt

/// Compiles a graph through the standard pipeline into a plan.
func compile(_ graph: Graph, fuse: Bool = true) throws -> (Plan, FusionReport, Graph) {
  let context = PassContext()
  let (optimised, _) = try PassManager.standard().run(graph, context: context)
  let (plan, report) = try PlanBuilder.build(
    optimised, options: FusionOptions(fuse: fuse), context: context)
  return (plan, report, optimised)
}

/// Loads a trace file as a verified graph and its saved (or seeded random) inputs.
func loadTrace(_ path: String) throws -> (Graph, [String: HostArray]) {
  let trace = try TraceReader.read(path: path)
  let graph = try TraceLowering.lower(trace)
  let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
  let inputs: [String: HostArray]
  if graph.inputs.allSatisfy({ $0.data != nil }) {
    inputs = try Interpreter.savedInputs(graph: graph, traceDirectory: dir)
  } else {
    inputs = try Interpreter.randomInputs(graph: graph, seed: 7)
  }
  return (graph, inputs)
}

/// Largest relative difference between two float arrays (0 for identical non-float arrays).
func relativeError(_ a: HostArray, _ b: HostArray) -> Double {
  guard a.shape == b.shape else { return .infinity }
  if !a.dtype.isFloat { return a.scalars() == b.scalars() ? 0 : .infinity }
  var worst = 0.0
  for (x, y) in zip(a.doubles(), b.doubles()) {
    if x.isNaN && y.isNaN { continue }
    if x == y { continue }
    worst = max(worst, abs(x - y) / max(abs(x), abs(y), 1e-30))
  }
  return worst
}

final class FusionDifferentialTests: XCTestCase {
  func check(_ path: String, fuse: Bool) throws {
    let name = URL(fileURLWithPath: path).lastPathComponent
    let (graph, inputs) = try loadTrace(path)
    let (plan, _, optimised) = try compile(graph, fuse: fuse)
    let expected = try Interpreter(graph: optimised).run(inputs: inputs)
    let got = try PlanInterpreter(plan: plan).run(inputs: inputs)
    let reduces = graph.nodes.contains {
      switch $0.op {
      case .reduce, .matmul: return true
      default: return false
      }
    }
    for output in graph.outputs {
      guard let e = expected[output.name], let g = got[output.name] else {
        return XCTFail("\(name): output \(output.name) missing")
      }
      XCTAssertEqual(e.dtype, g.dtype, "\(name) \(output.name)")
      XCTAssertEqual(e.shape, g.shape, "\(name) \(output.name)")
      let error = relativeError(e, g)
      XCTAssertLessThanOrEqual(error, reduces ? 1e-5 : 0, "\(name) \(output.name) fuse=\(fuse)")
    }
  }

  func testFusedPlansMatchTheReference() throws {
    for path in try OptRepo.traces() { try check(path, fuse: true) }
  }

  func testUnfusedPlansMatchTheReference() throws {
    for path in try OptRepo.traces() { try check(path, fuse: false) }
  }
}
