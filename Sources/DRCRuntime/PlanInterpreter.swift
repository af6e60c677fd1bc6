// Running a plan on the host: the fused kernels, the planned buffers, the real launch order.
//
// This is the reference implementation of the plan format and the first check of the optimiser:
// buffers are shared byte arrays exactly as planned (so a reuse or in-place mistake corrupts a
// result), kernel bodies are evaluated value by value over the whole iteration space with the
// reference interpreter's own elementwise and reduction code, loads and stores go through the
// kernels' index maps. Outputs must equal the graph interpreter's, which tests assert.

import DRCIR
import DRCPlan

/// Executes plans on the host.
public struct PlanInterpreter: Sendable {
  /// The plan run.
  public let plan: Plan

  /// Creates an interpreter for `plan`.
  public init(plan: Plan) { self.plan = plan }

  /// Runs the plan and returns the outputs by name; `observe` sees each launch's written values.
  public func run(
    inputs: [String: HostArray], params: [String: Scalar] = [:],
    observe: ((_ step: Int, _ written: [Int: HostArray]) throws -> Void)? = nil
  ) throws -> [String: HostArray] {
    try PlanVerifier.check(plan)
    var memory = plan.buffers.map { [UInt8](repeating: 0, count: $0.bytes) }
    for input in plan.inputs {
      guard let value = inputs[input.name] else {
        throw InterpreterError("no value for input '\(input.name)'")
      }
      guard value.dtype == input.dtype, value.shape == input.shape else {
        throw InterpreterError(
          "input '\(input.name)' is \(value.dtype)\(value.shape), expected \(input.dtype)\(input.shape)"
        )
      }
      memory[input.buffer] = value.littleEndianBytes()
    }
    let paramValues = try plan.parameterValues(params)
    let valuesByStep = Dictionary(grouping: plan.values, by: \.step)
    for (s, step) in plan.steps.enumerated() where step.kind == .launch {
      guard let k = step.kernel, k < plan.kernels.count else {
        throw InterpreterError("step \(s) has no kernel")
      }
      var launch = KernelRun(kernel: plan.kernels[k], bindings: step.bindings, params: paramValues)
      try launch.run(&memory)
      if let observe {
        var written: [Int: HostArray] = [:]
        for v in valuesByStep[s] ?? [] {
          written[v.node] = try decode(memory[v.buffer], dtype: v.dtype, shape: v.shape)
        }
        try observe(s, written)
      }
    }
    let failure = try plan.checkFailure { check in
      try decode(memory[check.buffer], dtype: .int64, shape: []).int64s().first ?? 0
    }
    if let failure { throw InterpreterError(failure) }
    var outputs: [String: HostArray] = [:]
    for o in plan.outputs {
      outputs[o.name] = try decode(memory[o.buffer], dtype: o.dtype, shape: o.shape)
    }
    return outputs
  }

  /// The first `count(shape)` elements of a buffer as an array.
  func decode(_ bytes: [UInt8], dtype: DType, shape: [Int]) throws -> HostArray {
    let n = shape.reduce(1, *) * dtype.size
    return try HostArray(littleEndianBytes: Array(bytes.prefix(n)), dtype: dtype, shape: shape)
  }
}
