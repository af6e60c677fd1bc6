// Replaying a plan on an OpenCL device: buffers once, launches back to back, waits only to read.
//
// The runner builds the program (through the on-disk program cache, so a second run compiles
// nothing; a cached program lacking an entry point is rebuilt from source, never trusted), creates
// every entry point named by `LaunchGeometry`, and allocates each planned
// buffer once plus one scratch buffer big enough for any partial-results reduction. A run
// uploads the inputs, enqueues every launch in plan order on the one in-order queue without
// waiting, and synchronises only at host read-backs (blocking reads) and at the end. How data
// moves between host arrays and buffers (`TransferMode`) is in OpenCLPlanRunner+Transfers.swift;
// a run itself in OpenCLPlanRunner+Run.swift.

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
  public internal(set) var plan: Plan
  /// The plan as given; a plan with a symbolic length is re-instantiated for each new length.
  public let template: Plan
  /// The symbols' values the buffers are allocated for (empty for fixed-size plans).
  public internal(set) var lengths: [Int]
  /// The device context.
  public let context: CLContext
  /// Whether the program came from the cache without compiling.
  public let programFromCache: Bool
  /// Seconds spent building or loading the program.
  public let buildSeconds: Double
  var buffers: [CLBuffer] = []
  /// Buffers some launch stores into (a direct or resident run never binds host memory there).
  var storedBuffers: Set<Int> = []
  /// Bytes copied between host arrays and device buffers by uploads and downloads so far (a
  /// direct run copies none).
  public internal(set) var copiedBytes = 0
  /// Per symbolic kernel with many size arguments: their values and the buffer holding them.
  private var sizeBuffers: [Int: (values: [Int64], buffer: CLBuffer)] = [:]
  private var scratch: CLBuffer
  /// Per plan kernel: its entries with their OpenCL kernels and local sizes
  /// (`WorkGroupSize`, chosen once per plan).
  var entries: [[(entry: LaunchEntry, kernel: CLKernel, local: [Int]?)]] = []
  /// The program's kernels by entry name.
  private var functions: [String: CLKernel] = [:]
  /// How inputs and outputs move between host arrays and the device's buffers.
  public let transferMode: TransferMode

  /// Prepares `plan` with OpenCL C `source` on `context`; `transfers` picks the transfer mode
  /// (nil: `TransferMode.choose`, by the environment and the device).
  public init(
    plan: Plan, source: String, context: CLContext, cache: ProgramCache?,
    options: String? = nil, transfers: TransferMode? = nil
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
    self.lengths = plan.symbols.map { $0.recorded.first ?? 0 }
    self.context = context
    self.transferMode = TransferMode.choose(transfers, for: device)
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

  /// Entries, buffers and scratch for the current plan.
  func allocate() throws {
    entries = try plan.kernels.map { kernel in
      try LaunchGeometry.entries(kernel).map { entry in
        guard let f = functions[entry.name] else {
          throw ReplayError("the program has no kernel \(entry.name)")
        }
        let local = WorkGroupSize.local(global: max(entry.global, 1), device: context.device)
        return (entry, f, local.map { [$0] })
      }
    }
    storedBuffers = OpenCLPlanRunner.storedBuffers(plan)
    // Mapped transfers want host-accessible memory for what the host writes or reads.
    let mapped = transferMode != .copying
    buffers = try plan.buffers.map {
      try CLBuffer(
        context: context, size: max($0.bytes, 1),
        hostAllocated: mapped && ($0.role == .input || $0.role == .output))
    }
    let scratchBytes = plan.kernels.map(LaunchGeometry.scratchBytes).max() ?? 0
    scratch = try CLBuffer(context: context, size: max(scratchBytes, 8))
  }

  /// Sets the arguments of one launch's entries from the step's bindings.
  func bind(_ step: PlanStep, kernel k: Int, params: [Scalar]) throws {
    let kernel = plan.kernels[k]
    for (entry, cl, _) in entries[k] {
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
        try cl.setArgument(extra, Int64(OpenCLPlanRunner.varyingExtent(kernel)))
        extra += 1
      }
      if kernel.symbolic == true {
        // Sizes from the instantiated, verified plan (`LaunchGeometry.sizeArguments`): by
        // value, or in one buffer when there are many.
        let sizes = try LaunchGeometry.sizeArguments(kernel)
        if sizes.count > LaunchGeometry.maxSizeArguments {
          try cl.setArgument(extra, try sizeBuffer(kernel: k, sizes.map { Int64($0.value) }))
          extra += 1
        } else {
          for size in sizes {
            try cl.setArgument(extra, Int64(size.value))
            extra += 1
          }
        }
      }
      if entry.usesScratch { try cl.setArgument(extra, scratch) }
    }
  }

  /// Kernel `k`'s size-argument buffer holding `values`, made when the values change (a buffer
  /// an earlier launch uses stays alive until that launch completes, as OpenCL keeps it).
  private func sizeBuffer(kernel k: Int, _ values: [Int64]) throws -> CLBuffer {
    if let held = sizeBuffers[k], held.values == values { return held.buffer }
    let bytes = values.withUnsafeBytes { Array($0) }
    let buffer = try CLBuffer(context: context, bytes: bytes, access: .readOnly)
    sizeBuffers[k] = (values, buffer)
    return buffer
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
}
