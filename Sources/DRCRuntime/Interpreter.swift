// The reference interpreter: runs a whole IR graph on the host, node by node.
//
// `run` checks every given input against its declaration, fills params from the graph's recorded
// values (overridable), evaluates nodes in order with `Reference.evaluate` and frees each value
// after its last use, so memory stays bounded by the live set. `runAll` keeps every node's value
// for per-kernel verification. Saved trace data and deterministic random data provide inputs.

import DRCIR
import DRCTrace

/// Runs IR graphs with the reference semantics of docs/ops.md.
public struct Interpreter: Sendable {
  /// The graph to run.
  public let graph: Graph
  /// How to compute.
  public let options: InterpreterOptions

  /// Creates an interpreter for `graph`.
  public init(graph: Graph, options: InterpreterOptions = InterpreterOptions()) {
    self.graph = graph
    self.options = options
  }

  /// Runs the graph and returns its named outputs.
  ///
  /// - Parameter params: overrides of the graph's recorded param values, by name.
  public func run(inputs: [String: HostArray], params: [String: Scalar] = [:]) throws
    -> [String: HostArray]
  {
    let values = try execute(inputs: inputs, params: params, keepAll: false)
    var outputs = [String: HostArray]()
    for output in graph.outputs {
      guard output.node >= 0 && output.node < values.count, let value = values[output.node] else {
        throw InterpreterError("output '\(output.name)' refers to missing node \(output.node)")
      }
      outputs[output.name] = value
    }
    return outputs
  }

  /// Runs the graph and returns every node's value, indexed by node id.
  public func runAll(inputs: [String: HostArray], params: [String: Scalar] = [:]) throws
    -> [HostArray]
  {
    try execute(inputs: inputs, params: params, keepAll: true).compactMap { $0 }
  }

  private func execute(inputs: [String: HostArray], params: [String: Scalar], keepAll: Bool)
    throws -> [HostArray?]
  {
    try checkInputs(inputs)
    try checkMemory(inputs, keepAll: keepAll)
    let paramValues = try resolveParams(params)
    let nodes = graph.nodes
    var lastUse = [Int](repeating: -1, count: nodes.count)
    for node in nodes {
      for operand in node.operands {
        guard operand >= 0 && operand < node.id, node.id < nodes.count else {
          throw InterpreterError(node: node, "operand \(operand) is not an earlier node")
        }
        lastUse[operand] = max(lastUse[operand], node.id)
      }
    }
    for output in graph.outputs where output.node >= 0 && output.node < nodes.count {
      lastUse[output.node] = nodes.count
    }
    var values = [HostArray?](repeating: nil, count: nodes.count)
    for (i, node) in nodes.enumerated() {
      guard node.id == i else {
        throw InterpreterError(node: node, "node id differs from its index \(i)")
      }
      var operands = [HostArray]()
      operands.reserveCapacity(node.operands.count)
      for operand in node.operands {
        guard let value = values[operand] else {
          throw InterpreterError(node: node, "operand \(operand) has no value")
        }
        operands.append(value)
      }
      values[i] = try Reference.evaluate(
        node, operands: operands, params: paramValues, inputs: inputs, options: options)
      if !keepAll {
        for operand in node.operands where lastUse[operand] == i { values[operand] = nil }
        if lastUse[i] < 0 { values[i] = nil }
      }
    }
    return values
  }

  /// Refuses a run of the graph's declared inputs that would exceed the memory limit, before
  /// any input is made (call it before generating or loading large inputs).
  public func checkMemory() throws {
    var held = 0
    for decl in graph.inputs {
      held = MemoryBudget.add(held, MemoryBudget.bytes(decl.shape, size: decl.dtype.size))
    }
    try checkMemory(inputBytes: held, keepAll: false)
  }

  /// Refuses a run whose inputs and live values would exceed the memory limit at any point.
  private func checkMemory(_ inputs: [String: HostArray], keepAll: Bool) throws {
    var held = 0
    for value in inputs.values {
      held = MemoryBudget.add(held, MemoryBudget.bytes(value.shape, size: value.dtype.size))
    }
    try checkMemory(inputBytes: held, keepAll: keepAll)
  }

  /// The check: `held` input bytes plus the values live at the peak.
  private func checkMemory(inputBytes held: Int, keepAll: Bool) throws {
    // An input node's value is the input array itself, already counted in `held`.
    let size = { (node: Node) -> Int in
      if case .input = node.op { return 0 }
      return Reference.resultDType(node.dtype, self.options).size
    }
    var peak = MemoryBudget.peak(graph, bytesPerElement: size)
    if keepAll {
      peak.bytes = graph.nodes.reduce(0) {
        MemoryBudget.add($0, MemoryBudget.bytes($1.shape, size: size($1)))
      }
    }
    let total = MemoryBudget.add(held, peak.bytes)
    guard total > options.memoryLimitBytes else { return }
    let message =
      "the program needs \(MemoryBudget.text(total)) at once (inputs \(MemoryBudget.text(held)), "
      + "values live here \(MemoryBudget.text(peak.bytes))), over the memory limit of "
      + "\(MemoryBudget.text(options.memoryLimitBytes)) (set \(MemoryBudget.environmentVariable))"
    if let id = peak.node, id < graph.nodes.count {
      throw InterpreterError(node: graph.nodes[id], message)
    }
    throw InterpreterError(message)
  }

  /// Refuses inputs whose total size would exceed `limit`, before any is allocated.
  static func checkInputSizes(_ graph: Graph, limit: Int) throws {
    var total = 0
    for decl in graph.inputs {
      total = MemoryBudget.add(total, MemoryBudget.bytes(decl.shape, size: decl.dtype.size))
      guard total <= limit else {
        throw InterpreterError(
          "input '\(decl.name)' \(decl.dtype)\(decl.shape) brings the inputs to "
            + "\(MemoryBudget.text(total)), over the memory limit of \(MemoryBudget.text(limit)) "
            + "(set \(MemoryBudget.environmentVariable))")
      }
    }
  }

  private func checkInputs(_ inputs: [String: HostArray]) throws {
    for decl in graph.inputs {
      guard let value = inputs[decl.name] else {
        throw InterpreterError("missing value for input '\(decl.name)'")
      }
      guard value.dtype == decl.dtype, value.shape == decl.shape else {
        throw InterpreterError(
          "input '\(decl.name)' is \(value), but the graph declares \(decl.dtype)\(decl.shape)")
      }
    }
    for name in inputs.keys where graph.input(named: name) == nil {
      throw InterpreterError("value given for unknown input '\(name)'")
    }
  }

  private func resolveParams(_ given: [String: Scalar]) throws -> [String: Scalar] {
    var values = [String: Scalar]()
    for decl in graph.params { values[decl.name] = decl.value }
    for (name, value) in given {
      guard let decl = graph.param(named: name) else {
        throw InterpreterError("value given for unknown param '\(name)'")
      }
      values[name] = value.converted(to: decl.dtype)
    }
    return values
  }

  /// Loads every input's saved values (inline or sidecar beside the trace in `traceDirectory`).
  public static func savedInputs(graph: Graph, traceDirectory: String?) throws -> [String:
    HostArray]
  {
    try checkInputSizes(graph, limit: InterpreterOptions.defaultMemoryLimit)
    var result = [String: HostArray]()
    for decl in graph.inputs {
      guard let data = decl.data else {
        throw InterpreterError("input '\(decl.name)' has no saved data")
      }
      try HostArray.checkShape(decl.shape)
      let (bytes, overflow) = decl.shape.reduce(1, *).multipliedReportingOverflow(
        by: decl.dtype.size)
      guard !overflow else { throw InterpreterError("input '\(decl.name)' is too large") }
      let loaded: [UInt8]
      do {
        loaded = try data.load(expectedBytes: bytes, directory: traceDirectory, input: decl.name)
      } catch let error as TraceError {
        throw InterpreterError("\(error)")
      }
      result[decl.name] = try HostArray(
        littleEndianBytes: loaded, dtype: decl.dtype, shape: decl.shape)
    }
    return result
  }

  /// Deterministic random values for every input (see `HostArray.random`); input i uses
  /// seed `seed &+ i &* 0x9E3779B97F4A7C15`.
  public static func randomInputs(graph: Graph, seed: UInt64) throws -> [String: HostArray] {
    try checkInputSizes(graph, limit: InterpreterOptions.defaultMemoryLimit)
    var result = [String: HostArray]()
    for (i, decl) in graph.inputs.enumerated() {
      result[decl.name] = try HostArray.random(
        dtype: decl.dtype, shape: decl.shape, seed: seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
    }
    return result
  }
}
