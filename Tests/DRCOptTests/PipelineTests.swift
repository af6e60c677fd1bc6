// The standard pipeline on every recorded trace: outputs and read-backs are bit-identical to the
// unoptimised graph's under the reference interpreter (within a few ulp where a float pow became
// products), on saved and on random inputs; a second run changes nothing.

import DRCIR
import DRCRuntime
import DRCTrace
import XCTest

@testable import DRCOpt

final class PipelineTests: XCTestCase {
  func load(_ path: String) throws -> Graph {
    try TraceLowering.lower(TraceReader.read(path: path))
  }

  func testStandardPipelineOrder() {
    XCTAssertEqual(Passes.names, ["views", "simplify", "signs", "fold", "cse", "dce"])
    XCTAssertEqual(Set(Passes.names).count, Passes.names.count)
  }

  func testPipelinePreservesEveryTracesResults() throws {
    var optimisedAny = false
    for path in try OptRepo.traces() {
      let graph = try load(path)
      let context = PassContext()
      let (optimised, _) = try PassManager.standard().run(graph, context: context)
      if optimised.nodes.count < graph.nodes.count { optimisedAny = true }
      // A float pow turned into products is within pow's bound, not bit-exact.
      let powRewritten = context.remarks.contains {
        $0.pass == "simplify" && $0.message.contains("rewritten")
      }
      let directory = (path as NSString).deletingLastPathComponent
      // Random integers are no valid gather or scatter positions, nor random matrices positive
      // definite: traces with `take`, a scatter or a factorisation use their saved inputs.
      let gathers = graph.nodes.contains {
        switch $0.op {
        case .take, .scatter, .matrix: true
        default: false
        }
      }
      var inputSets = gathers ? [] : [try Interpreter.randomInputs(graph: graph, seed: 7)]
      if let saved = try? Interpreter.savedInputs(graph: graph, traceDirectory: directory) {
        inputSets.append(saved)
      }
      for inputs in inputSets {
        let before = try Interpreter(graph: graph).runAll(inputs: inputs)
        let after = try Interpreter(graph: optimised).runAll(inputs: inputs)
        let pairs =
          zip(graph.outputs, optimised.outputs).map { ($0.name, $0.node, $1.node) }
          + zip(graph.readbacks, optimised.readbacks).map { ("read-back", $0.node, $1.node) }
        XCTAssertEqual(graph.outputs.map(\.name), optimised.outputs.map(\.name))
        for (name, old, new) in pairs {
          let distance = maxUlps(before[old], after[new])
          let allowed = powRewritten ? 4 : 0
          XCTAssertLessThanOrEqual(distance, allowed, "\(path): \(name) differs by \(distance) ulp")
        }
      }
    }
    XCTAssertTrue(optimisedAny, "the pipeline should shrink at least one trace")
  }

  func testPipelineIsIdempotent() throws {
    for path in try OptRepo.traces() {
      let (once, _) = try PassManager.standard().run(try load(path), context: PassContext())
      let (twice, _) = try PassManager.standard().run(once, context: PassContext())
      XCTAssertEqual(twice.nodes.count, once.nodes.count, path)
      XCTAssertEqual(shapeOf(twice), shapeOf(once), path)
    }
  }
}
