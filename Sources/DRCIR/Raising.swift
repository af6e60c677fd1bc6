// Turning an IR graph back into a trace: what the recorder writes and what round-trip tests use.
//
// The inverse of `TraceLowering`: ops become names and attributes, scalars their exact text.
// Attributes with default values (keepdims false) are omitted, as the writer's canonical form.

import DRCTrace

extension Graph {
  /// The graph as a trace (format v1, this build's producer string), declaring the smallest minor
  /// version that covers the graph's ops (`TraceMinor.required`).
  ///
  /// Without `includingNodes` the trace's node list is left empty, for a writer that converts
  /// the nodes one at a time (`TraceWriter.write`); the minor version still covers them all.
  public func toTrace(includingNodes: Bool = true) -> Trace {
    Trace(
      program: name,
      inputs: inputs.map {
        TraceInput(name: $0.name, dtype: $0.dtype.rawValue, shape: $0.shape, data: $0.data)
      },
      params: params.map {
        TraceParam(name: $0.name, dtype: $0.dtype.rawValue, value: $0.value.description)
      },
      nodes: includingNodes ? nodes.map { $0.toTraceNode() } : [],
      outputs: outputs.map { TraceOutput(name: $0.name, node: $0.node) },
      readbacks: readbacks.map {
        TraceReadback(node: $0.node, position: $0.position, kind: $0.kind, loc: $0.loc)
      },
      minor: TraceMinor.required(ops: nodes.lazy.map(\.op.name)))
  }
}

extension Node {
  /// The node as a trace node.
  public func toTraceNode() -> TraceNode {
    var a = TraceAttrs()
    var hasAttrs = true
    func slices(_ r: [SliceRange]) -> [TraceSlice] {
      r.map { TraceSlice(start: $0.start, stop: $0.stop, step: $0.step) }
    }
    switch op {
    case .input(let name), .param(let name): a.name = name
    case .full(let v): a.value = v.description
    case .arange(let start, let step):
      a.start = start.description
      a.step = step.description
    case .iota(let axis), .concatenate(let axis), .scan(_, let axis), .take(let axis),
      .sort(_, let axis):
      a.axis = axis
    case .reduce(_, let axes, let keepdims):
      a.axes = axes
      if keepdims { a.keepdims = true }
    case .slice(let r), .update(let r): a.slice = slices(r)
    case .transpose(let perm): a.perm = perm
    case .expandDims(let axes), .squeeze(let axes): a.axes = axes
    case .unary, .binary, .select, .cast, .reshape, .broadcast, .matmul, .scatter,
      .matrix:
      hasAttrs = false
    }
    return TraceNode(
      id: id, op: op.name, args: operands, dtype: dtype.rawValue, shape: shape,
      attrs: hasAttrs && !a.isEmpty ? a : nil, loc: loc)
  }
}
