// Outputs the float64 oracle cannot judge: float32 values across a discontinuity.
//
// Found by `drc fuzz` (seed 106217): a float32 quotient that underflows to zero feeds a truth
// test, so the float64 oracle (which does not underflow) says `true` where float32 gives
// `false`. `OutputCheck.reconsider` accepts an output that agrees with the reference in the
// program's own dtypes, and still rejects one wrong element.

import DRCDriver
import DRCIR
import DRCRuntime
import XCTest

final class ReconsiderTests: XCTestCase {
  func testUnderflowIntoATruthTestAgreesWithTheReferenceOnly() throws {
    let loaded = try LoadedTrace(
      path: Repo.path("Tests/Regressions/bool_from_float32_underflow.json"))
    let graph = loaded.graph
    let inputs = try loaded.inputs(seed: 1).values
    let oracle = try OutputCheck.oracle(graph: graph, inputs: inputs)
    let device = try Interpreter(graph: graph).run(inputs: inputs)
    let plain = OutputCheck.compare(graph: graph, oracle: oracle, device: device)
    XCTAssertFalse(plain.allSatisfy(\.passes), "the float64 oracle parts from float32 here")
    let again = try OutputCheck.reconsider(
      plain, graph: graph, oracle: oracle, inputs: inputs, device: device)
    XCTAssertTrue(again.allSatisfy(\.passes), "\(again)")
    XCTAssertNotNil(again.first?.note)

    // One element flipped: neither the oracle nor the reference accepts it.
    guard let name = graph.outputs.first?.name, let y = device[name] else {
      return XCTFail("no output")
    }
    var flags = y.values(as: Bool.self)
    flags[0].toggle()
    var wrong = device
    wrong[name] = try HostArray(flags, shape: y.shape)
    let verdicts = try OutputCheck.reconsider(
      OutputCheck.compare(graph: graph, oracle: oracle, device: wrong), graph: graph,
      oracle: oracle, inputs: inputs, device: wrong)
    XCTAssertFalse(verdicts.allSatisfy(\.passes))
  }
}
