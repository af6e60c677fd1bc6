// Assigning buffers to materialised values: lifetimes, reuse, in-place updates.
//
// Steps are scanned in order. Before a launch, every temporary whose last reader ran at an
// earlier step returns its buffer to a free list keyed by byte size; each value the launch writes
// takes a free buffer of exactly its size or a new one. An in-place update takes over its base's
// buffer. Inputs and outputs get buffers of their own that are never reused, so repeated runs
// can upload inputs and read outputs at any time. The plan's memory is the sum of all buffers.

import DRCIR
import DRCPlan

/// The buffer assignment of a plan.
struct MemoryPlan {
  /// The buffers.
  var buffers: [PlanBuffer] = []
  /// The buffer holding each materialised node.
  var bufferOf: [Int: Int] = [:]

  /// Plans buffers for `stored` values written by `launches` (in step order).
  ///
  /// - Parameters:
  ///   - inputs: input node ids by name order, each with its byte size.
  ///   - writes: per step, the nodes written (`[]` for read-backs).
  ///   - lastUse: per node, the last step reading it (`Int.max` for outputs).
  ///   - aliases: in-place updates and the base whose buffer they take.
  static func make(
    graph: Graph, inputs: [(node: Int, bytes: Int)], writes: [[Int]], lastUse: [Int: Int],
    aliases: [Int: Int], outputs: Set<Int>
  ) -> MemoryPlan {
    var plan = MemoryPlan()
    func bytes(_ node: Int) -> Int { graph.nodes[node].count * graph.nodes[node].dtype.size }
    for input in inputs {
      plan.bufferOf[input.node] = plan.buffers.count
      plan.buffers.append(PlanBuffer(id: plan.buffers.count, bytes: input.bytes, role: .input))
    }
    var free: [Int: [Int]] = [:]
    var owner: [Int: Int] = [:]
    for (step, written) in writes.enumerated() {
      for (buffer, node) in owner.sorted(by: { $0.key < $1.key })
      where (lastUse[node] ?? -1) < step && !outputs.contains(node) {
        free[plan.buffers[buffer].bytes, default: []].append(buffer)
        owner[buffer] = nil
      }
      for node in written {
        let buffer: Int
        if let base = aliases[node], let b = plan.bufferOf[base] {
          buffer = b
        } else if !outputs.contains(node), let reused = free[bytes(node)]?.popLast() {
          buffer = reused
        } else {
          buffer = plan.buffers.count
          plan.buffers.append(PlanBuffer(id: buffer, bytes: bytes(node), role: .temporary))
        }
        if outputs.contains(node) { plan.buffers[buffer].role = .output }
        plan.bufferOf[node] = buffer
        owner[buffer] = node
      }
    }
    return plan
  }
}
