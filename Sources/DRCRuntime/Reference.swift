// The reference semantics of one IR node: `Reference.evaluate`.
//
// This is the single-node entry point both the graph `Interpreter` and the eager array library
// use. It checks the operand count and the node's claimed allocation against the memory limit,
// dispatches to the kernel family (files `Reference+*.swift`), and checks that the result has
// the node's recorded dtype and shape. Errors from kernels are re-thrown naming the node.
// In float64-oracle mode float32 operands and results are replaced by float64 ones.

import DRCIR

/// Reference (host, unoptimised, exactly specified) evaluation of IR nodes.
public enum Reference {
  /// Evaluates `node` given the values of its operands.
  ///
  /// - Parameters:
  ///   - operands: one value per entry of `node.operands`, in order.
  ///   - params: runtime scalar values, by name (for `param` nodes).
  ///   - inputs: array input values, by name (for `input` nodes).
  public static func evaluate(
    _ node: Node, operands: [HostArray], params: [String: Scalar], inputs: [String: HostArray],
    options: InterpreterOptions = InterpreterOptions()
  ) throws -> HostArray {
    do {
      let dtype = resultDType(node.dtype, options)
      try checkAllocation(node, dtype: dtype, options: options)
      try checkArity(node, operands.count)
      let args =
        options.float64Oracle
        ? operands.map { $0.dtype == .float32 ? $0.converted(to: .float64) : $0 } : operands
      let result = try compute(node, args, dtype: dtype, params: params, inputs: inputs, options)
      guard result.shape == node.shape else {
        throw InterpreterError("result shape \(result.shape) differs from the node's \(node.shape)")
      }
      guard result.dtype == dtype else {
        throw InterpreterError("result dtype \(result.dtype) differs from the node's \(dtype)")
      }
      return result
    } catch let error as InterpreterError where error.node == nil {
      throw InterpreterError(node: node, error.message)
    }
  }

  /// The dtype a node's value has under `options` (float32 becomes float64 for the oracle).
  public static func resultDType(_ dtype: DType, _ options: InterpreterOptions) -> DType {
    options.float64Oracle && dtype == .float32 ? .float64 : dtype
  }

  private static func checkAllocation(_ node: Node, dtype: DType, options: InterpreterOptions)
    throws
  {
    var bytes = dtype.size
    for d in node.shape {
      guard d >= 0 else { throw InterpreterError("shape \(node.shape) has a negative dimension") }
      let (p, overflow) = bytes.multipliedReportingOverflow(by: d)
      guard !overflow else {
        throw InterpreterError("shape \(node.shape) is too large to allocate")
      }
      bytes = p
    }
    guard bytes <= options.memoryLimitBytes else {
      throw InterpreterError(
        "result \(dtype)\(node.shape) needs \(bytes) bytes, over the memory limit of \(options.memoryLimitBytes)"
      )
    }
  }

  private static func checkArity(_ node: Node, _ count: Int) throws {
    let expected: Int?
    switch node.op {
    case .input, .param, .full, .arange, .iota: expected = 0
    case .unary, .cast, .reduce, .slice, .reshape, .transpose, .broadcast, .expandDims, .squeeze,
      .scan, .sort, .matrix:
      expected = 1
    case .binary, .matmul, .update, .take: expected = 2
    case .select, .scatter: expected = 3
    case .concatenate: expected = nil
    }
    if let expected, expected != count {
      throw InterpreterError("expects \(expected) operands, got \(count)")
    }
    if expected == nil && count == 0 { throw InterpreterError("expects at least one operand") }
  }

  private static func compute(
    _ node: Node, _ x: [HostArray], dtype: DType, params: [String: Scalar],
    inputs: [String: HostArray], _ options: InterpreterOptions
  ) throws -> HostArray {
    switch node.op {
    case .input(let name):
      guard let value = inputs[name] else { throw InterpreterError("no value for input '\(name)'") }
      guard value.dtype == node.dtype, value.shape == node.shape else {
        throw InterpreterError(
          "input '\(name)' is \(value), expected \(node.dtype)\(node.shape)")
      }
      return value.dtype == dtype ? value : value.converted(to: dtype)
    case .param(let name):
      guard let value = params[name] else { throw InterpreterError("no value for param '\(name)'") }
      return HostArray(scalar: value, dtype: dtype)
    case .full(let value):
      return try full(value, dtype: dtype, shape: node.shape)
    case .arange(let start, let step):
      return try arange(start: start, step: step, dtype: dtype, shape: node.shape)
    case .iota(let axis):
      return try iota(axis: axis, dtype: dtype, shape: node.shape)
    case .unary(let op):
      return try unary(op, x[0])
    case .binary(let op):
      return try binary(op, x[0], x[1], expected: node.shape)
    case .select:
      return try select(x[0], x[1], x[2], expected: node.shape)
    case .cast:
      return x[0].converted(to: dtype)
    case .reduce(let op, let axes, let keepdims):
      return try reduce(op, x[0], axes: axes, keepdims: keepdims)
    case .slice(let ranges):
      return try x[0].sliced(ranges)
    case .reshape:
      return try x[0].reshaped(node.shape)
    case .transpose(let perm):
      return try x[0].transposed(perm)
    case .broadcast:
      return try x[0].broadcast(to: node.shape)
    case .expandDims(let axes):
      return try x[0].expandingDims(axes)
    case .squeeze(let axes):
      return try x[0].squeezing(axes)
    case .concatenate(let axis):
      return try concatenate(x, axis: axis)
    case .matmul:
      return try matmul(x[0], x[1], expected: node.shape)
    case .update(let ranges):
      return try update(x[0], x[1], ranges: ranges)
    case .scan(let op, let axis):
      return try scan(op, x[0], axis: axis)
    case .take(let axis):
      return try take(x[0], x[1], axis: axis)
    case .sort(let op, let axis):
      return try sort(op, x[0], axis: axis)
    case .scatter(let op):
      return try scatter(op, x[0], x[1], x[2])
    case .matrix(.gaussSolve):
      return try gaussSolve(x[0], rounding: node.dtype)
    case .matrix(.cholesky):
      return try cholesky(x[0], rounding: node.dtype)
    }
  }
}
