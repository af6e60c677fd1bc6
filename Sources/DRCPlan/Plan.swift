// The plan: everything a runtime needs to replay a compiled trace, and nothing it must derive.
//
// Buffers are planned storage (dense, row-major) with lifetimes already resolved: a buffer id may
// hold several values over time. Steps run in order on one in-order queue: kernel launches
// (binding buffers and parameters to kernel arguments), and host read-backs, which are the only
// points a runtime must wait. `values` records which buffer holds each materialised trace node
// after its step, so a verifier can compare kernel by kernel against the reference.

import DRCIR

/// Identification of the plan format.
public enum PlanFormat {
  /// The `format` tag of plan files.
  public static let tag = "drc-plan"
  /// The plan format version this build reads and writes.
  public static let version = 1
}

/// A planned device buffer.
public struct PlanBuffer: Codable, Hashable, Sendable {
  /// Creates a buffer.
  public init(id: Int, bytes: Int, role: Role) {
    self.id = id
    self.bytes = bytes
    self.role = role
  }

  /// What a buffer is for.
  public enum Role: String, Codable, Sendable { case input, output, temporary, scratch }
  /// Its index in `Plan.buffers`.
  public var id: Int
  /// Size in bytes.
  public var bytes: Int
  /// Its role; outputs and inputs are never reused for other values.
  public var role: Role
}

/// A program input and the buffer it is uploaded into.
public struct PlanInput: Codable, Hashable, Sendable {
  /// Creates an input binding.
  public init(name: String, dtype: DType, shape: [Int], buffer: Int) {
    self.name = name
    self.dtype = dtype
    self.shape = shape
    self.buffer = buffer
  }

  /// The input's name.
  public var name: String
  /// Its dtype.
  public var dtype: DType
  /// Its shape.
  public var shape: [Int]
  /// The buffer it is uploaded to.
  public var buffer: Int
}

/// A runtime scalar parameter.
public struct PlanParam: Codable, Hashable, Sendable {
  /// Creates a parameter.
  public init(name: String, dtype: DType, recorded: String) {
    self.name = name
    self.dtype = dtype
    self.recorded = recorded
  }

  /// Its name.
  public var name: String
  /// Its dtype.
  public var dtype: DType
  /// The value recorded, exactly (hex for floats); for a derived parameter, its value at the
  /// symbols' values the plan is instantiated at.
  public var recorded: String
  /// For a constant of the program that depends on its sizes: how it is computed from the
  /// plan's symbols (`SizeFormula`). The caller never gives it.
  public var derived: SizeFormula?
}

/// A named output and where it is after the last step.
public struct PlanOutput: Codable, Hashable, Sendable {
  /// Creates an output binding.
  public init(name: String, node: Int, buffer: Int, dtype: DType, shape: [Int]) {
    self.name = name
    self.node = node
    self.buffer = buffer
    self.dtype = dtype
    self.shape = shape
  }

  /// The output's name.
  public var name: String
  /// The trace node computing it.
  public var node: Int
  /// The buffer holding it.
  public var buffer: Int
  /// Its dtype.
  public var dtype: DType
  /// Its shape.
  public var shape: [Int]
}

/// A run-time check: after the run, the int64 in `buffer` must be zero (it counts the indices of
/// a gather or scatter outside their axis, or the zero pivots of a solve); a runtime that finds
/// otherwise fails the run with `message`.
public struct PlanCheck: Codable, Hashable, Sendable {
  /// Creates a check.
  public init(node: Int, buffer: Int, message: String) {
    self.node = node
    self.buffer = buffer
    self.message = message
  }
  /// The node computing the count.
  public var node: Int
  /// The buffer holding it (one int64).
  public var buffer: Int
  /// The error a runtime reports when the count is not zero.
  public var message: String

  /// The error for a count read back from `buffer`, or nil when it is zero.
  public func failure(count: Int64) -> String? {
    guard count != 0 else { return nil }
    if message.hasSuffix("Singular matrix") || message.hasSuffix("not positive definite") {
      return "\(message) (\(count) failed pivot\(count == 1 ? "" : "s"))"
    }
    return "\(message) (\(count) such ind\(count == 1 ? "ex" : "ices"))"
  }
}

extension Plan {
  /// The first failing check's error, reading each check's count with `count`; nil when all
  /// counts are zero. Runtimes call it after every launch has completed.
  public func checkFailure(count: (PlanCheck) throws -> Int64) rethrows -> String? {
    for check in checks {
      if let failure = check.failure(count: try count(check)) { return failure }
    }
    return nil
  }
}

/// Where a materialised trace node's value lives once its producing step has run.
public struct PlanValue: Codable, Hashable, Sendable {
  /// Creates a value location.
  public init(node: Int, buffer: Int, step: Int, dtype: DType, shape: [Int]) {
    self.node = node
    self.buffer = buffer
    self.step = step
    self.dtype = dtype
    self.shape = shape
  }

  /// The trace node.
  public var node: Int
  /// The buffer holding it (dense, row-major, the node's shape).
  public var buffer: Int
  /// The step after which the buffer holds the value.
  public var step: Int
  /// The node's dtype.
  public var dtype: DType
  /// The node's shape.
  public var shape: [Int]
}

/// One thing the runtime does, in order.
public struct PlanStep: Codable, Hashable, Sendable {
  /// The kind of step.
  public enum Kind: String, Codable, Sendable { case launch, readback }
  /// Launch or read-back.
  public var kind: Kind
  /// For launches: the kernel.
  public var kernel: Int?
  /// For launches: per kernel argument, a buffer id (buffers) or a parameter index (scalars).
  public var bindings: [Int]
  /// For launches: the trace nodes this launch computes (fused), in order.
  public var nodes: [Int]
  /// For read-backs: the node read and its buffer.
  public var node: Int?
  /// For read-backs: the buffer read.
  public var buffer: Int?
  /// For read-backs: the value's dtype.
  public var dtype: DType?
  /// For read-backs: the value's shape.
  public var shape: [Int]?
  /// Source location (read-backs: where the host read happened).
  public var loc: String?
}

/// Totals a plan is judged by (see `drc explain`).
public struct PlanStats: Codable, Hashable, Sendable {
  /// Creates totals.
  public init(
    kernels: Int, launches: Int, bytesMoved: Int, scratchBytes: Int, minimumBytes: Int,
    peakBytes: Int
  ) {
    self.kernels = kernels
    self.launches = launches
    self.bytesMoved = bytesMoved
    self.scratchBytes = scratchBytes
    self.minimumBytes = minimumBytes
    self.peakBytes = peakBytes
  }

  /// Distinct kernels.
  public var kernels: Int
  /// Kernel launches per run (a partial-results reduction counts two).
  public var launches: Int
  /// Bytes of arrays read and written by all launches.
  public var bytesMoved: Int
  /// Bytes of reduction partial results (scratch), reported apart from array traffic.
  public var scratchBytes: Int
  /// Every input read once plus every output written once.
  public var minimumBytes: Int
  /// Sum of all planned buffers: the plan's device memory.
  public var peakBytes: Int
}

/// A compiled, replayable program.
public struct Plan: Hashable, Sendable {
  /// The program's name.
  public var program: String
  /// SHA-256 of the trace file it was compiled from, when known.
  public var traceSHA256: String?
  /// Inputs in declaration order.
  public var inputs: [PlanInput]
  /// Scalar parameters in declaration order.
  public var params: [PlanParam]
  /// Outputs.
  public var outputs: [PlanOutput]
  /// Planned buffers.
  public var buffers: [PlanBuffer]
  /// Distinct kernels.
  public var kernels: [Kernel]
  /// The run, in order.
  public var steps: [PlanStep]
  /// Materialised node values.
  public var values: [PlanValue]
  /// Totals.
  public var stats: PlanStats
  /// The symbolic lengths (`n`, `m`, ...), when the plan serves more than the recorded size;
  /// each has its own sites, and the plan is instantiated at every symbol's first recorded value.
  public var symbols: [PlanSymbol] = []
  /// Counts the runtime must find zero after a run (gathers' out-of-bounds indices), checked
  /// after every launch has completed.
  public var checks: [PlanCheck] = []

  /// The first symbolic length; setting it replaces them all (nil: a fixed-size plan).
  public var symbol: PlanSymbol? {
    get { symbols.first }
    set { symbols = newValue.map { [$0] } ?? [] }
  }

  /// Creates a plan.
  public init(
    program: String, traceSHA256: String? = nil, inputs: [PlanInput], params: [PlanParam],
    outputs: [PlanOutput], buffers: [PlanBuffer], kernels: [Kernel], steps: [PlanStep],
    values: [PlanValue], stats: PlanStats
  ) {
    self.program = program
    self.traceSHA256 = traceSHA256
    self.inputs = inputs
    self.params = params
    self.outputs = outputs
    self.buffers = buffers
    self.kernels = kernels
    self.steps = steps
    self.values = values
    self.stats = stats
  }
}
