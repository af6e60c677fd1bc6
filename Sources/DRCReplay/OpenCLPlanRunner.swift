// Replaying a plan on an OpenCL device: buffers once, launches back to back, waits only to read.
//
// The runner builds the program (through the on-disk program cache, so a second run compiles
// nothing; a cached program lacking an entry point is rebuilt from source, never trusted), creates
// every entry point named by `LaunchGeometry`, and allocates each planned
// buffer once plus one scratch buffer big enough for any partial-results reduction. A run
// uploads the inputs, enqueues every launch in plan order on the one in-order queue without
// waiting, and synchronises only at host read-backs (blocking reads) and at the end.

import DRCIR
import DRCOpenCL
import DRCPlan
import DRCRuntime
import Foundation

/// A failure while replaying a plan, naming the step and kernel when there is one.
public struct ReplayError: Error, CustomStringConvertible {
  /// What went wrong.
  public var message: String
  /// Creates an error.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}

/// Executes a plan's steps on one OpenCL device.
public final class OpenCLPlanRunner {
  /// The plan.
  public private(set) var plan: Plan
  /// The plan as given; a plan with a symbolic length is re-instantiated for each new length.
  public let template: Plan
  /// The symbolic length the buffers are allocated for (nil for fixed-size plans).
  public private(set) var length: Int?
  /// The device context.
  public let context: CLContext
  /// Whether the program came from the cache without compiling.
  public let programFromCache: Bool
  /// Seconds spent building or loading the program.
  public let buildSeconds: Double
  var buffers: [CLBuffer] = []
  private var scratch: CLBuffer
  /// Per plan kernel: its entries with their OpenCL kernels.
  private var entries: [[(entry: LaunchEntry, kernel: CLKernel)]] = []
  /// The program's kernels by entry name.
  private var functions: [String: CLKernel] = [:]
  /// Host staging memory per buffer for transfers that do not wait (freed in `deinit`).
  var staging: [Int: UnsafeMutableRawBufferPointer] = [:]

  /// Prepares `plan` with OpenCL C `source` on `context`.
  public init(
    plan: Plan, source: String, context: CLContext, cache: ProgramCache?,
    options: String? = nil
  )
    throws
  {
    let options = options ?? OpenCLPlanRunner.buildOptions(for: context.device)
    try PlanVerifier.check(plan)
    let device = context.device
    if !device.supportsFP64,
      plan.kernels.contains(where: { k in
        k.args.contains { $0.dtype == .float64 } || k.body.contains { $0.dtype == .float64 }
      })
    {
      throw ReplayError(
        "\(plan.program) computes in float64 but device '\(device.name)' has no cl_khr_fp64")
    }
    let total = plan.buffers.reduce(0) { $0 + $1.bytes }
    if let largest = plan.buffers.map(\.bytes).max(), UInt64(largest) > device.maxAllocation {
      throw ReplayError(
        "\(plan.program) needs a buffer of \(largest) bytes; device '\(device.name)' allocates at most \(device.maxAllocation)"
      )
    }
    if UInt64(total) > device.globalMemory {
      throw ReplayError(
        "\(plan.program) needs \(total) bytes of buffers; device '\(device.name)' has \(device.globalMemory)"
      )
    }
    self.plan = plan
    self.template = plan
    self.length = plan.symbol?.recorded.first
    self.context = context
    let start = DispatchTime.now().uptimeNanoseconds
    // Every entry point is created here: a cached program lacking one is rebuilt by the cache.
    let names = plan.kernels.flatMap { LaunchGeometry.entries($0).map(\.name) }
    do {
      if let cache {
        let found = try cache.lookup(
          source: source, options: options, context: context, kernels: names)
        programFromCache = found.hit
        functions = found.kernels
      } else {
        let program = try CLProgram(context: context, source: source)
        try program.build(options: options)
        programFromCache = false
        for name in names where functions[name] == nil {
          functions[name] = try program.kernel(name)
        }
      }
    } catch let error as CLError where error.buildLog != nil {
      throw ReplayError(
        OpenCLPlanRunner.explainBuildFailure(error, source: source, program: plan.program))
    }
    buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    scratch = try CLBuffer(context: context, size: 8)
    try allocate()
  }

  deinit {
    for memory in staging.values { memory.deallocate() }
  }

  /// Entries, buffers and scratch for the current plan.
  private func allocate() throws {
    entries = try plan.kernels.map { kernel in
      try LaunchGeometry.entries(kernel).map { entry in
        guard let f = functions[entry.name] else {
          throw ReplayError("the program has no kernel \(entry.name)")
        }
        return (entry, f)
      }
    }
    buffers = try plan.buffers.map { try CLBuffer(context: context, size: max($0.bytes, 1)) }
    let scratchBytes = plan.kernels.map(LaunchGeometry.scratchBytes).max() ?? 0
    scratch = try CLBuffer(context: context, size: max(scratchBytes, 8))
  }

  /// For a plan with a symbolic length: the length the inputs give (every input axis of length
  /// `n` must agree), with the plan re-instantiated and buffers reallocated when it changed.
  private func adapt(to inputs: [String: HostArray]) throws {
    guard let symbol = template.symbol else { return }
    var n: Int?
    var first = ""
    for (i, axis) in symbol.inputAxes {
      let decl = template.inputs[i]
      guard let value = inputs[decl.name] else {
        throw ReplayError("no value for input '\(decl.name)'")
      }
      guard value.shape.count == decl.shape.count else {
        throw ReplayError(
          "input '\(decl.name)' must have rank \(decl.shape.count), not \(value.shape.count)")
      }
      let extent = value.shape[axis]
      if let n, n != extent {
        throw ReplayError(
          "input '\(decl.name)' has length \(extent) but '\(first)' has \(n): both are \(symbol.name) and must agree"
        )
      }
      if n == nil { first = decl.name }
      n = extent
    }
    guard let n, n >= 1 else { throw ReplayError("\(symbol.name) must be at least 1") }
    if n != length {
      plan = try template.instantiated(n)
      length = n
      try allocate()
    }
  }

  /// Sets the arguments of one launch's entries from the step's bindings.
  private func bind(_ step: PlanStep, kernel k: Int, params: [Scalar]) throws {
    let kernel = plan.kernels[k]
    for (entry, cl) in entries[k] {
      for (i, arg) in kernel.args.enumerated() {
        let bound = step.bindings[i]
        if arg.access == .scalar {
          guard bound >= 0 && bound < params.count else {
            throw ReplayError("\(kernel.name): parameter \(bound) missing")
          }
          try setScalar(cl, i, params[bound].converted(to: arg.dtype), arg.dtype)
        } else {
          guard bound >= 0 && bound < buffers.count else {
            throw ReplayError("\(kernel.name): buffer \(bound) missing")
          }
          try cl.setArgument(i, buffers[bound])
        }
      }
      var extra = kernel.args.count
      if kernel.dynamic == true {
        try cl.setArgument(extra, Int64(length ?? 0))
        extra += 1
      }
      if entry.usesScratch { try cl.setArgument(extra, scratch) }
    }
  }

  private func setScalar(_ cl: CLKernel, _ i: Int, _ value: Scalar, _ dtype: DType) throws {
    switch (dtype, value) {
    case (.float32, .float(let d)): try cl.setArgument(i, Float(d))
    case (.float64, .float(let d)): try cl.setArgument(i, d)
    case (.int32, .int(let v)): try cl.setArgument(i, Int32(truncatingIfNeeded: v))
    case (.int64, .int(let v)): try cl.setArgument(i, v)
    case (.bool, .bool(let b)): try cl.setArgument(i, UInt8(b ? 1 : 0))
    default: throw ReplayError("parameter value \(value) is not a \(dtype)")
    }
  }

  /// The build options for `device`: OpenCL C 1.2, plus `DRC_FAST_FMAF` / `DRC_FAST_FMA` where
  /// the device has hardware fused multiply-add, which generated helpers (CLTrig.swift) then
  /// use; never fast-math.
  public static func buildOptions(for device: CLDevice) -> String {
    var options = "-cl-std=CL1.2"
    if device.fastFMA.float { options += " -D DRC_FAST_FMAF" }
    if device.fastFMA.double { options += " -D DRC_FAST_FMA" }
    return options
  }

  /// Runs the plan once. With `profile`, every launch gets an event and per-kernel device times
  /// are collected (the context must have profiling on); `poison` first fills every non-input
  /// buffer with 0xFF bytes (tests: an element no kernel writes cannot pass). `afterLaunch` (for `drc verify`) makes
  /// the run wait after each launch and receives the step index.
  public func run(
    inputs: [String: HostArray], params: [String: Scalar] = [:], profile: Bool = false,
    poison: Bool = false,
    afterLaunch: ((Int) throws -> Void)? = nil
  ) throws -> RunResult {
    try adapt(to: inputs)
    if poison {
      // Every byte 0xFF (NaN floats, -1 integers, an invalid bool): unwritten elements show.
      for (b, buffer) in plan.buffers.enumerated() where buffer.role != .input && buffer.bytes > 0 {
        try buffers[b].fill(pattern: [0xFF])
      }
    }
    let start = DispatchTime.now().uptimeNanoseconds
    try upload(inputs)
    // Profiled runs wait for the uploads, so device time excludes them; calls do not wait.
    if profile { try context.finish() }
    let uploaded = DispatchTime.now().uptimeNanoseconds
    let values = try plan.parameterValues(params)
    var events: [(kernel: Int, event: CLEvent)] = []
    var readbacks: [HostArray] = []
    // Host reads after the last launch see final buffers; outputs reuse them (no second copy).
    let lastLaunch = plan.steps.lastIndex { $0.kind == .launch } ?? -1
    var finalReads: [Int: HostArray] = [:]
    var transferNanos: UInt64 = 0
    for (s, step) in plan.steps.enumerated() {
      switch step.kind {
      case .launch:
        guard let k = step.kernel, k < plan.kernels.count else {
          throw ReplayError("step \(s) has no kernel")
        }
        try bind(step, kernel: k, params: values)
        for (entry, cl) in entries[k] {
          let event = try cl.enqueue(global: [max(entry.global, 1)], event: profile)
          if let event { events.append((k, event)) }
        }
        if let afterLaunch {
          try context.finish()
          try afterLaunch(s)
        }
      case .readback:
        guard let buffer = step.buffer, let dtype = step.dtype, let shape = step.shape else {
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
    try context.finish()
    let computed = DispatchTime.now().uptimeNanoseconds
    func reused(_ o: PlanOutput) -> HostArray? {
      guard let value = finalReads[o.buffer], value.dtype == o.dtype, value.shape == o.shape
      else { return nil }
      return value
    }
    // Every other output is read back with one wait, through staging memory.
    for o in plan.outputs where reused(o) == nil {
      let bytes = o.shape.reduce(1, *) * o.dtype.size
      if let target = stage(o.buffer, bytes: bytes).baseAddress {
        try buffers[o.buffer].enqueueDownload(into: target, count: bytes)
      }
    }
    try context.finish()
    var outputs: [String: HostArray] = [:]
    for o in plan.outputs {
      outputs[o.name] = try reused(o) ?? staged(o.buffer, dtype: o.dtype, shape: o.shape)
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    var kernelNanos = Array(repeating: UInt64(0), count: plan.kernels.count)
    for (k, event) in events { kernelNanos[k] += try event.durationNanoseconds() }
    return RunResult(
      outputs: outputs, readbacks: readbacks, seconds: seconds,
      deviceSeconds: Double(computed - uploaded - min(transferNanos, computed - uploaded)) / 1e9,
      kernelNanoseconds: profile ? kernelNanos : [])
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
}
