// The IR's text form, used by `drc print`, tests and `--dump-after`.
//
// One line per node: `%id = op operands attrs : dtype[shape]  @ file:line`. The format is stable
// (tests compare it), readable (attributes in NumPy-like notation) and exact (scalars print in
// their exact text form, so two printed graphs are equal only if the graphs are).

/// Prints graphs as text.
public enum Printer {
  /// The whole graph: header, inputs, params, nodes, outputs, read-backs.
  public static func print(_ graph: Graph) -> String {
    var lines: [String] = []
    lines.append("program \(graph.name)")
    for i in graph.inputs {
      var line = "input \(i.name) : \(ValueType(i.dtype, i.shape))"
      if let d = i.data { line += "  (saved \(d.encoding), \(d.bytes) bytes)" }
      lines.append(line)
    }
    for p in graph.params { lines.append("param \(p.name) : \(p.dtype) = \(p.value)") }
    for node in graph.nodes { lines.append(line(node)) }
    for o in graph.outputs { lines.append("output \(o.name) = %\(o.node)") }
    for r in graph.readbacks {
      var line = "readback %\(r.node) at \(r.position) \(r.kind)"
      if let loc = r.loc { line += "  @ \(loc)" }
      lines.append(line)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One node's line.
  public static func line(_ node: Node) -> String {
    var text = "%\(node.id) = \(node.op.name)"
    let args = node.operands.map { "%\($0)" }.joined(separator: ", ")
    if !args.isEmpty { text += " " + args }
    let attrs = attributes(node.op)
    if !attrs.isEmpty { text += " " + attrs }
    text += " : \(ValueType(node.dtype, node.shape))"
    if let loc = node.loc {
      let pad = max(1, 56 - text.count)
      text += String(repeating: " ", count: pad) + "@ " + loc
    }
    return text
  }

  /// The op's attributes in compact notation, e.g. `axes=[0, 1] keepdims` or `[1:5:2, ::]`.
  public static func attributes(_ op: Op) -> String {
    switch op {
    case .input(let name), .param(let name): return name
    case .full(let v): return "value=\(v)"
    case .arange(let start, let step): return "start=\(start) step=\(step)"
    case .iota(let axis): return "axis=\(axis)"
    case .reduce(_, let axes, let keepdims): return "axes=\(axes)" + (keepdims ? " keepdims" : "")
    case .slice(let ranges), .update(let ranges):
      return "[" + ranges.map(\.description).joined(separator: ", ") + "]"
    case .transpose(let perm): return "perm=\(perm)"
    case .expandDims(let axes), .squeeze(let axes): return "axes=\(axes)"
    case .concatenate(let axis), .scan(_, let axis), .take(let axis), .sort(_, let axis):
      return "axis=\(axis)"
    case .unary, .binary, .select, .cast, .reshape, .broadcast, .matmul, .scatter,
      .matrix:
      return ""
    }
  }
}
