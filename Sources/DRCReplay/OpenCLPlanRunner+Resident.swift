// Runs whose inputs and outputs stay on the device: how lazy segments chain without round trips.
//
// A resident run binds caller-owned device buffers in place of the plan's input buffers, enqueues
// every launch without waiting, and hands the output buffers to the caller, replacing each in the
// runner with a fresh one (from the caller's `fresh` allocator) so the next run cannot overwrite a
// result the caller still holds. Nothing is uploaded, downloaded or waited for: the one in-order
// queue orders this run after whatever wrote its inputs and before whatever reads its outputs.
// Plans never write their input buffers (UpdateIsolation copies a base an update would
// overwrite), so an input buffer may be shared by several arrays and runs.

import DRCIR
import DRCOpenCL
import DRCPlan
import DRCRuntime

/// The device buffers one resident run produced, by output name, and what it launched.
public struct ResidentResult {
  /// Each output's buffer; an output that is an unchanged input shares that input's buffer.
  public var outputs: [String: CLBuffer]
  /// Kernel launches enqueued.
  public var launches: Int
}

extension OpenCLPlanRunner {
  /// Runs the plan on inputs already on the device and leaves the outputs there.
  ///
  /// `inputs` gives a buffer for every plan input (at least the input's bytes); `fresh`
  /// allocates a buffer of the given byte size to replace each output buffer handed out.
  /// `bound` names outputs the kernels should write straight into a caller's buffer (host
  /// memory a host read is about to return): each is used where the output has a buffer of its
  /// own no larger than the one given, else ignored (the output comes back in a buffer of the
  /// runner's, and the caller copies). Fixed-size plans only.
  public func runResident(
    inputs: [String: CLBuffer], params: [String: Scalar] = [:],
    bound: [String: CLBuffer] = [:], fresh: (Int) throws -> CLBuffer
  ) throws -> ResidentResult {
    guard template.symbols.isEmpty else {
      throw ReplayError("\(plan.program): a resident run needs a fixed-size plan")
    }
    var saved: [(Int, CLBuffer)] = []
    defer { for (b, buffer) in saved { buffers[b] = buffer } }
    var inputBuffers: [Int: CLBuffer] = [:]
    for input in plan.inputs {
      guard let given = inputs[input.name] else {
        throw ReplayError("no buffer for input '\(input.name)'")
      }
      guard input.buffer >= 0, input.buffer < buffers.count, input.buffer < plan.buffers.count
      else { throw ReplayError("input '\(input.name)' names no buffer") }
      guard given.size >= plan.buffers[input.buffer].bytes else {
        throw ReplayError(
          "input '\(input.name)' needs \(plan.buffers[input.buffer].bytes) bytes; its buffer has \(given.size)"
        )
      }
      // A buffer over host memory (host data the caller wraps) must never be written.
      if given.wrappedHost != nil, storedBuffers.contains(input.buffer) {
        throw ReplayError(
          "input '\(input.name)' wraps host memory, which the plan's kernels would write")
      }
      saved.append((input.buffer, buffers[input.buffer]))
      buffers[input.buffer] = given
      inputBuffers[input.buffer] = given
    }
    var boundBuffers: [Int: CLBuffer] = [:]
    for o in plan.outputs {
      guard let target = bound[o.name], o.buffer >= 0, o.buffer < buffers.count,
        o.buffer < plan.buffers.count, inputBuffers[o.buffer] == nil,
        boundBuffers[o.buffer] == nil, target.size >= plan.buffers[o.buffer].bytes,
        plan.outputs.filter({ $0.buffer == o.buffer }).count == 1
      else { continue }
      saved.append((o.buffer, buffers[o.buffer]))
      buffers[o.buffer] = target
      boundBuffers[o.buffer] = target
    }
    let values = try plan.parameterValues(params)
    var launches = 0
    for (s, step) in plan.steps.enumerated() where step.kind == .launch {
      guard let k = step.kernel, k < plan.kernels.count else {
        throw ReplayError("step \(s) has no kernel")
      }
      try bind(step, kernel: k, params: values)
      for (entry, cl, local) in entries[k] {
        _ = try cl.enqueue(global: [max(entry.global, 1)], local: local, event: false)
        launches += 1
      }
    }
    // A plan with bounds checks waits for its launches here and reads each count: a gather's
    // out-of-range index fails the run before its outputs are handed to anyone.
    try checkBounds()
    // Kernels keep their last arguments alive: point them back at the runner's own buffers, so
    // that a cached segment does not hold a caller's array until it next runs.
    if !boundBuffers.isEmpty {
      for (b, buffer) in saved where boundBuffers[b] != nil { buffers[b] = buffer }
      for step in plan.steps where step.kind == .launch {
        if let k = step.kernel, k < plan.kernels.count { try bind(step, kernel: k, params: values) }
      }
    }
    var outputs: [String: CLBuffer] = [:]
    var handedOut: [Int: CLBuffer] = [:]
    for o in plan.outputs {
      if let shared = inputBuffers[o.buffer] ?? handedOut[o.buffer] ?? boundBuffers[o.buffer] {
        outputs[o.name] = shared
        continue
      }
      guard o.buffer >= 0, o.buffer < buffers.count, o.buffer < plan.buffers.count else {
        throw ReplayError("output '\(o.name)' names no buffer")
      }
      let result = buffers[o.buffer]
      outputs[o.name] = result
      handedOut[o.buffer] = result
      buffers[o.buffer] = try fresh(max(plan.buffers[o.buffer].bytes, 1))
    }
    return ResidentResult(outputs: outputs, launches: launches)
  }
}
