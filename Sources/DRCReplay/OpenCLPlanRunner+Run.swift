// One run of a plan: upload, launches back to back, read-backs, outputs, and its timings.
//
// Inputs reach the device as the transfer mode says (`TransferMode`: in place in a direct run,
// else copied into the runner's buffers), every launch is enqueued on the one in-order queue
// without waiting, the host waits only at its read-back points and at the end, and outputs are
// the result arrays a direct run wrote in place, or are read into new arrays; an output read back
// after the last launch reuses that read.

import DRCIR
import DRCOpenCL
import DRCPlan
import DRCRuntime
import Foundation

extension OpenCLPlanRunner {
  /// Runs the plan once. With `profile`, every launch gets an event and per-kernel device times
  /// are collected (the context must have profiling on); `sizes` gives the symbols whose
  /// values no input has (a program whose sizes came from a parameter); `poison` first fills every non-input
  /// buffer with 0xFF bytes (tests: an element no kernel writes cannot pass). `afterLaunch` (for `drc verify`) makes
  /// the run wait after each launch and receives the step index. `storage` names outputs the
  /// caller has memory for (exactly the output's bytes, row-major): they are written there (in
  /// place in a direct run, else copied once) and left out of the result's `outputs`. Without
  /// `readbacks` the plan's host read points are skipped (they only report values; a stub's
  /// call returns outputs alone) and the result's `readbacks` is empty.
  public func run(
    inputs: [String: HostArray], params: [String: Scalar] = [:], sizes: [String: Int] = [:],
    profile: Bool = false, poison: Bool = false,
    into storage: [String: UnsafeMutableRawBufferPointer] = [:],
    readbacks keepReadbacks: Bool = true,
    afterLaunch: ((Int) throws -> Void)? = nil
  ) throws -> RunResult {
    try adapt(to: inputs, sizes: sizes)
    try checkStorage(storage)
    let direct = transferMode == .direct
    let copiedBefore = copiedBytes
    let start = DispatchTime.now().uptimeNanoseconds
    var replaced: [(Int, CLBuffer)] = []
    var finished = false
    defer {
      // A run that failed after enqueueing may still have kernels reading the caller's arrays:
      // they must be done before the arrays can be given back.
      if !finished && !replaced.isEmpty { try? context.finish() }
      for (b, buffer) in replaced.reversed() { buffers[b] = buffer }
    }
    if direct {
      replaced = try bindInputsDirectly(inputs)
    } else {
      try upload(inputs)
    }
    // Profiled runs wait for the uploads, so device time excludes them; calls do not wait.
    if profile { try context.finish() }
    let uploaded = DispatchTime.now().uptimeNanoseconds
    let values = try plan.parameterValues(params)
    var events: [(kernel: Int, event: CLEvent)] = []
    var readbacks: [HostArray?] = []
    // Direct runs read final values from the result arrays the kernels write, after the run.
    let directs = direct ? directOutputs(storage) : []
    let directByBuffer = Dictionary(directs.map { ($0.buffer, $0) }) { first, _ in first }
    /// Whether a final read of `buffer` as `dtype[shape]` is exactly a direct run's new array.
    func fromArray(_ buffer: Int, _ dtype: DType, _ shape: [Int]) -> Bool {
      guard let d = directByBuffer[buffer], d.provided == nil else { return false }
      return d.dtype == dtype && d.shape == shape
    }
    var deferredReads: [(index: Int, buffer: Int)] = []
    // Host reads after the last launch see final buffers; outputs reuse them (no second copy).
    let lastLaunch = plan.steps.lastIndex { $0.kind == .launch } ?? -1
    var finalReads: [Int: HostArray] = [:]
    var transferNanos: UInt64 = 0
    var computed = uploaded
    func execute(beforeWait: () throws -> Void) throws {
      if poison {
        // Every byte 0xFF (NaN floats, -1 integers, an invalid bool): unwritten elements show.
        for (b, buffer) in plan.buffers.enumerated() where buffer.role != .input && buffer.bytes > 0
        {
          try buffers[b].fill(pattern: [0xFF])
        }
      }
      for (s, step) in plan.steps.enumerated() {
        switch step.kind {
        case .launch:
          guard let k = step.kernel, k < plan.kernels.count else {
            throw ReplayError("step \(s) has no kernel")
          }
          try bind(step, kernel: k, params: values)
          for (entry, cl, local) in entries[k] {
            let event = try cl.enqueue(
              global: [max(entry.global, 1)], local: local, event: profile)
            if let event { events.append((k, event)) }
          }
          if let afterLaunch {
            try context.finish()
            try afterLaunch(s)
          }
        case .readback:
          guard keepReadbacks, let buffer = step.buffer, let dtype = step.dtype,
            let shape = step.shape
          else { continue }
          if s > lastLaunch && fromArray(buffer, dtype, shape) {
            deferredReads.append((readbacks.count, buffer))
            readbacks.append(nil)
            continue
          }
          // The wait for the launches before the read counts as device time; the copy does not.
          try context.finish()
          let before = DispatchTime.now().uptimeNanoseconds
          let value = try download(buffer, dtype: dtype, shape: shape)
          transferNanos += DispatchTime.now().uptimeNanoseconds - before
          readbacks.append(value)
          if s > lastLaunch { finalReads[buffer] = value }
        }
      }
      try beforeWait()
      try context.finish()
      computed = DispatchTime.now().uptimeNanoseconds
      try checkBounds()
      try readRest()
    }
    // Outputs not written in place are read while the run's buffers are still bound (a direct
    // run's wrapped arrays replace the runner's own only until it ends); the first read waits
    // for nothing more (finished above).
    var outputs: [String: HostArray] = [:]
    let inPlace = Set(directs.map(\.name))
    func readRest() throws {
      for o in plan.outputs where !inPlace.contains(o.name) {
        if storage[o.name] == nil && fromArray(o.buffer, o.dtype, o.shape) { continue }
        let known = finalReads[o.buffer].flatMap {
          $0.dtype == o.dtype && $0.shape == o.shape ? $0 : nil
        }
        if let target = storage[o.name] {
          try copyOut(o, known, to: target)
        } else {
          outputs[o.name] = try known ?? download(o.buffer, dtype: o.dtype, shape: o.shape)
        }
      }
    }
    // Direct runs write the outputs into their result arrays; the others read them now.
    let written =
      direct
      ? try withDirectOutputs(directs, execute)
      : try {
        try execute {}
        return [:]
      }()
    for read in deferredReads {
      // `fromArray` chose these reads only where the run made that very array.
      guard let value = written[read.buffer] else {
        throw ReplayError("the read-back of buffer \(read.buffer) was not produced")
      }
      readbacks[read.index] = value
    }
    // The new arrays of a direct run, for every output they are (by buffer, dtype and shape).
    for o in plan.outputs where outputs[o.name] == nil && storage[o.name] == nil {
      guard let value = written[o.buffer], value.dtype == o.dtype, value.shape == o.shape else {
        throw ReplayError("output '\(o.name)' was not produced")
      }
      outputs[o.name] = value
    }
    finished = true
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    var kernelNanos = Array(repeating: UInt64(0), count: plan.kernels.count)
    for (k, event) in events { kernelNanos[k] += try event.durationNanoseconds() }
    return RunResult(
      outputs: outputs, readbacks: readbacks.compactMap { $0 }, seconds: seconds,
      deviceSeconds: Double(computed - uploaded - min(transferNanos, computed - uploaded)) / 1e9,
      kernelNanoseconds: profile ? kernelNanos : [], copiedBytes: copiedBytes - copiedBefore)
  }
}

/// What one run produced.
public struct RunResult {
  /// Outputs by name.
  public var outputs: [String: HostArray]
  /// The values the host read back, in plan order.
  public var readbacks: [HostArray]
  /// Wall time of the run (upload, launches, downloads).
  public var seconds: Double
  /// Wall time from the first launch to the end of the last, less the time spent reading
  /// buffers back for the host's read-back points; excludes the uploads only in profiled runs
  /// (others do not wait for them).
  public var deviceSeconds: Double
  /// Device time per plan kernel, summed over its launches (empty unless profiling).
  public var kernelNanoseconds: [UInt64]
  /// Bytes the run copied between host arrays and device buffers (0 for a direct run whose
  /// inputs and outputs could all be used in place).
  public var copiedBytes: Int
}
