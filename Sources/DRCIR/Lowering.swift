// Lowering a structurally valid trace into the IR: names become typed ops, text becomes values.
//
// Each node's op name, dtype and attributes are parsed into an `Op`; anything unknown, missing
// or malformed becomes a diagnostic naming the node, its op and its source line. The resulting
// graph is then checked by the verifier, so `lower` returns only graphs that obey every rule.

import DRCTrace

/// Builds IR graphs from traces.
public enum TraceLowering {
  /// Lowers and verifies `trace`, throwing a `TraceError` that lists every problem found.
  public static func lower(_ trace: Trace) throws -> Graph {
    var sink = DiagnosticSink()
    var graph = Graph(name: trace.program)
    for input in trace.inputs {
      guard let dtype = DType(rawValue: input.dtype) else {
        sink.add(
          Diagnostic("input '\(input.name)': unknown dtype '\(Diagnostic.clean(input.dtype))'"))
        continue
      }
      graph.inputs.append(
        InputDecl(name: input.name, dtype: dtype, shape: input.shape, data: input.data))
    }
    for param in trace.params {
      guard let dtype = DType(rawValue: param.dtype) else {
        sink.add(
          Diagnostic("param '\(param.name)': unknown dtype '\(Diagnostic.clean(param.dtype))'"))
        continue
      }
      guard let value = Scalar.parse(param.value, as: dtype) else {
        sink.add(
          Diagnostic(
            "param '\(param.name)': value '\(Diagnostic.clean(param.value))' is not a valid \(dtype)"
          ))
        continue
      }
      graph.params.append(ParamDecl(name: param.name, dtype: dtype, value: value))
    }
    graph.nodes.reserveCapacity(trace.nodes.count)
    for node in trace.nodes {
      do {
        guard let dtype = DType(rawValue: node.dtype) else {
          throw Diagnostic(node, "unknown dtype '\(Diagnostic.clean(node.dtype))'")
        }
        let op = try lowerOp(node, dtype: dtype)
        graph.nodes.append(
          Node(
            id: node.id, op: op, operands: node.args, dtype: dtype, shape: node.shape, loc: node.loc
          ))
      } catch let d as Diagnostic {
        sink.add(d)
        // Keep ids dense so later diagnostics still name the right nodes.
        graph.nodes.append(
          Node(id: node.id, op: .full(.bool(false)), dtype: .bool, shape: node.shape, loc: node.loc)
        )
      } catch {
        sink.add(Diagnostic(node, "\(error)"))
      }
    }
    try sink.throwIfAny()
    graph.outputs = trace.outputs.map { OutputDecl(name: $0.name, node: $0.node) }
    graph.readbacks = trace.readbacks.map {
      Readback(node: $0.node, position: $0.position, kind: $0.kind, loc: $0.loc)
    }
    try Verifier.check(graph)
    return graph
  }

  /// Parses one node's op name and attributes.
  static func lowerOp(_ node: TraceNode, dtype: DType) throws(Diagnostic) -> Op {
    let attrs = node.attrs ?? TraceAttrs()
    func need<T>(_ value: T?, _ name: String) throws(Diagnostic) -> T {
      guard let value else { throw Diagnostic(node, "missing attribute '\(name)'") }
      return value
    }
    func scalar(_ text: String?, _ name: String) throws(Diagnostic) -> Scalar {
      let text = try need(text, name)
      guard let value = Scalar.parse(text, as: dtype) else {
        throw Diagnostic(
          node, "attribute '\(name)' value '\(Diagnostic.clean(text))' is not a valid \(dtype)")
      }
      return value
    }
    // A range visiting at most one index gets step ±1 (`SliceRange.canonical`). With the
    // verifier's bounds on start and stop, every step of a lowered graph is then at most its
    // axis length, so later `step * stride` products stay within an array's element count.
    func ranges() throws(Diagnostic) -> [SliceRange] {
      try need(attrs.slice, "slice").map {
        SliceRange(start: $0.start, stop: $0.stop, step: $0.step).canonical
      }
    }
    switch node.op {
    case "input": return .input(try need(attrs.name, "name"))
    case "param": return .param(try need(attrs.name, "name"))
    case "full": return .full(try scalar(attrs.value, "value"))
    case "arange":
      return .arange(start: try scalar(attrs.start, "start"), step: try scalar(attrs.step, "step"))
    case "iota": return .iota(axis: try need(attrs.axis, "axis"))
    case "where": return .select
    case "cast": return .cast
    case "slice": return .slice(try ranges())
    case "update": return .update(try ranges())
    case "reshape": return .reshape
    case "broadcast": return .broadcast
    case "transpose": return .transpose(try need(attrs.perm, "perm"))
    case "expand_dims": return .expandDims(try need(attrs.axes, "axes"))
    case "squeeze": return .squeeze(try need(attrs.axes, "axes"))
    case "concatenate": return .concatenate(axis: try need(attrs.axis, "axis"))
    case "matmul": return .matmul
    case "take": return .take(axis: try need(attrs.axis, "axis"))
    default: break
    }
    if let u = UnaryOp(rawValue: node.op) { return .unary(u) }
    if let b = BinaryOp(rawValue: node.op) { return .binary(b) }
    if let s = ScanOp(rawValue: node.op) { return .scan(s, axis: try need(attrs.axis, "axis")) }
    if let s = ScatterOp(rawValue: node.op) { return .scatter(s) }
    if let m = MatrixOp(rawValue: node.op) { return .matrix(m) }
    if let s = SortOp(rawValue: node.op) { return .sort(s, axis: try need(attrs.axis, "axis")) }
    if let r = ReduceOp(rawValue: node.op) {
      return .reduce(r, axes: try need(attrs.axes, "axes"), keepdims: attrs.keepdims ?? false)
    }
    throw Diagnostic(node, "unknown op '\(Diagnostic.clean(node.op))'")
  }
}
