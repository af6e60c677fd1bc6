// Random valid programs (the fuzzer's generator) replayed through device mode with random flush
// points and random liveness, compared with the reference interpreter: segments cut anywhere,
// values held or dropped between flushes, host reads in the middle, must all give the program's
// values within the documented bounds.

import DRCDriver
import DRCIR
import DRCRuntime
import XCTest

@testable import DRCLazy

final class LazyFuzzTests: XCTestCase {
  /// Programs per run (`DRC_LAZY_FUZZ_COUNT` for a longer run).
  static let count =
    ProcessInfo.processInfo.environment["DRC_LAZY_FUZZ_COUNT"]
    .flatMap(Int.init) ?? 16

  func testRandomProgramsWithRandomFlushPointsAgreeWithTheReference() throws {
    let engine = LazyEngine.shared
    let saved = engine.maxPending
    defer { engine.maxPending = saved }
    var failures: [String] = []
    for seed in 0..<UInt64(Self.count) {
      var generator = FuzzGenerator(seed: 20_261_130 &+ seed)
      let (graph, inputs) = generator.generate(steps: 8)
      var rng = SplitMix(seed: seed)
      engine.maxPending = 2 + Int(rng.next() % 12)
      do {
        let device = try replay(graph, inputs, &rng, engine)
        let verdicts = try OutputCheck.reconsider(
          OutputCheck.check(graph: graph, inputs: inputs, device: device), graph: graph,
          oracle: OutputCheck.oracle(graph: graph, inputs: inputs), inputs: inputs,
          device: device)
        for v in verdicts where !v.passes { failures.append("seed \(seed): \(v)") }
      } catch {
        failures.append("seed \(seed): \(error)")
      }
    }
    XCTAssertTrue(failures.isEmpty, failures.joined(separator: "\n"))
  }

  /// Builds `graph` node by node in device mode, holding, dropping, evaluating and reading
  /// values at random, and returns the outputs read back.
  private func replay(
    _ graph: Graph, _ inputs: [String: HostArray], _ rng: inout SplitMix, _ engine: LazyEngine
  ) throws -> [String: HostArray] {
    var nodes: [LazyNode] = []
    var held: [LazyNode] = []
    defer { for n in held { engine.release(n) } }
    for node in graph.nodes {
      let made: LazyNode
      switch node.op {
      case .input(let name):
        guard let value = inputs[name] else { throw LazyError("no input \(name)") }
        made = engine.hostNode(value, loc: nil)
      case .param(let name):
        guard let p = graph.param(named: name) else { throw LazyError("no param \(name)") }
        made = engine.hostNode(HostArray(scalar: p.value, dtype: p.dtype), loc: nil)
      default:
        made = try engine.node(
          node.op, node.operands.map { nodes[$0] }, dtype: node.dtype, shape: node.shape,
          loc: "fuzz:\(node.id)")
      }
      nodes.append(made)
      switch rng.next() % 20 {
      case 0..<6:
        engine.hold(made)
        held.append(made)
      case 6 where !held.isEmpty:
        engine.release(held.removeFirst())
      case 7:
        try engine.evaluate([made])
      case 8:
        _ = try engine.host(made)
      default: break
      }
    }
    var outputs: [String: HostArray] = [:]
    for output in graph.outputs { outputs[output.name] = try engine.host(nodes[output.node]) }
    return outputs
  }
}

/// A small seeded generator for the replay's choices.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1 }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
