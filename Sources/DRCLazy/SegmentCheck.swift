// `DRC_VERIFY=1` in device mode: every flushed segment checked against the reference.
//
// The segment's inputs (host data, or device values read back) go through the same oracle and
// per-element error bounds as `drc run` (OutputCheck, docs/numerics.md "Checking"), and each
// device result is compared. The first result outside its bounds, in program order, fails the
// flush with its op, source line and the worst element, so a wrong kernel is caught at the
// segment that produced it rather than at some later read.

import DRCDriver
import DRCIR
import DRCReplay
import DRCRuntime

enum SegmentCheck {
  /// Tests only: each result's first element is scaled by 1 + this before the comparison, as if
  /// the device had been that wrong (the check must catch it).
  nonisolated(unsafe) static var perturbation: Double?

  /// Checks `produced` (one buffer per segment result) against the reference.
  static func check(
    _ segment: Segment, produced: [DeviceBuffer], state: DeviceState
  ) throws {
    var inputs: [String: HostArray] = [:]
    for (i, leaf) in segment.leaves.enumerated() {
      if let host = leaf.host {
        inputs["in\(i)"] = host
      } else if let device = leaf.device {
        inputs["in\(i)"] = try OpenCLPlanRunner.read(
          device.buffer, dtype: leaf.dtype, shape: leaf.shape, mode: state.transfers)
      }
    }
    var device: [String: HostArray] = [:]
    for (i, (node, buffer)) in zip(segment.results, produced).enumerated() {
      let value = try OpenCLPlanRunner.read(
        buffer.buffer, dtype: node.dtype, shape: node.shape, mode: state.transfers)
      device["out\(i)"] = try perturbation.map { try perturbed(value, by: $0) } ?? value
    }
    let graph = segment.graph
    let oracle = try OutputCheck.oracle(graph: graph, inputs: inputs)
    let verdicts = try OutputCheck.reconsider(
      OutputCheck.compare(graph: graph, oracle: oracle, device: device),
      graph: graph, oracle: oracle, inputs: inputs, device: device)
    let failed = verdicts.enumerated().filter { !$0.element.passes }
      .min { graph.outputs[$0.offset].node < graph.outputs[$1.offset].node }
    guard let (index, verdict) = failed else { return }
    let node = graph.nodes[graph.outputs[index].node]
    let line = index < segment.results.count ? segment.results[index].sourceLine : node.loc
    throw LazyError(
      "DRC_VERIFY: the device result of \(node.op.name)"
        + (line.map { " at \($0)" } ?? "") + " differs from the reference: \(verdict)"
        + " (segment of \(graph.nodes.count - graph.inputs.count) operations from "
        + LazyEngine.describe(segment.locations) + ")")
  }

  /// `value` with its first element scaled by `1 + relative` (tests; float arrays only).
  private static func perturbed(_ value: HostArray, by relative: Double) throws -> HostArray {
    var d = value.doubles()
    guard !d.isEmpty else { return value }
    d[0] = d[0] == 0 ? relative : d[0] * (1 + relative)
    switch value.dtype {
    case .float32: return try HostArray(d.map { Float($0) }, shape: value.shape)
    case .float64: return try HostArray(d, shape: value.shape)
    default: return value
    }
  }
}
