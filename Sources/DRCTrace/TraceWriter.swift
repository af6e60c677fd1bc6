// Deterministic JSON writing of traces: the same trace always gives the same bytes.
//
// The layout is fixed (field order as in the schema, one node per line) so traces diff well in
// review and recordings can be compared byte for byte. Strings are escaped completely, so the
// writer is safe for any content; numbers are integers only (exact values travel as strings).
// The optional `minor` field follows `version` only when the trace needs a minor version above
// 0 (TraceMinor), so traces of programs using only version 1.0 ops are byte-identical to those
// written before minor versions existed.

/// Writes traces as deterministic, line-oriented JSON.
public enum TraceWriter {
  /// The trace as JSON text, ending in a newline.
  public static func string(_ trace: Trace) -> String {
    String(decoding: data(trace), as: UTF8.self)
  }

  /// The trace as UTF-8 bytes.
  ///
  /// The minor version written is the trace's declared one, raised when that is below what its
  /// nodes need (`TraceMinor.required`), so the bytes are always a trace the reader accepts.
  public static func data(_ trace: Trace) -> [UInt8] {
    var out = JSONText(capacity: 256 + trace.nodes.count * 120)
    let minor = max(trace.minor, TraceMinor.required(nodes: trace.nodes))
    layout(
      trace, minor: minor, nodeCount: trace.nodes.count, node: { trace.nodes[$0] }, into: &out,
      sink: nil)
    return out.take()
  }

  /// Streams a trace to `sink` in chunks of about `chunkBytes`, taking its nodes from `node`.
  ///
  /// The nodes of `trace` itself are ignored: node `i` for `i` in `0..<nodeCount` is made by
  /// `node(i)` as it is written, so a large recording never exists twice in memory. The header
  /// comes before the nodes, so `trace.minor` is written as declared: the caller sets it to
  /// cover the nodes (`Graph.toTrace` does). The bytes are then exactly those of `data` for the
  /// same trace.
  public static func write(
    _ trace: Trace, nodeCount: Int, node: (Int) -> TraceNode, chunkBytes: Int = 1 << 20,
    to sink: @escaping ([UInt8]) throws -> Void
  ) throws {
    var out = JSONText(capacity: chunkBytes + 4096)
    var failure: (any Error)?
    let forward: ([UInt8]) -> Void = { chunk in
      guard failure == nil else { return }
      do { try sink(chunk) } catch { failure = error }
    }
    layout(
      trace, minor: trace.minor, nodeCount: nodeCount, node: node, into: &out,
      sink: (chunkBytes, forward))
    out.drain(into: forward)
    if let failure { throw failure }
  }

  /// The fixed layout: header fields (`minor` only when above 0), then one list item per line.
  private static func layout(
    _ trace: Trace, minor: Int, nodeCount: Int, node: (Int) -> TraceNode, into out: inout JSONText,
    sink: (limit: Int, write: ([UInt8]) -> Void)?
  ) {
    out.raw("{\n  \"format\": ")
    out.quote(trace.format)
    out.raw(",\n  \"version\": ")
    out.int(trace.version)
    if minor > 0 {
      out.raw(",\n  \"minor\": ")
      out.int(minor)
    }
    out.raw(",\n  \"producer\": ")
    out.quote(trace.producer)
    out.raw(",\n  \"program\": ")
    out.quote(trace.program)
    out.raw(",\n  \"inputs\": ")
    list(trace.inputs.count, into: &out) { input(trace.inputs[$0], into: &$1) }
    out.raw(",\n  \"params\": ")
    list(trace.params.count, into: &out) { param(trace.params[$0], into: &$1) }
    out.raw(",\n  \"nodes\": ")
    if nodeCount == 0 {
      out.raw("[]")
    } else {
      for index in 0..<nodeCount {
        out.raw(index == 0 ? "[\n    " : ",\n    ")
        write(node(index), into: &out)
        if let sink, out.bytes.count >= sink.limit { out.drain(into: sink.write) }
      }
      out.raw("\n  ]")
    }
    out.raw(",\n  \"outputs\": ")
    list(trace.outputs.count, into: &out) { output(trace.outputs[$0], into: &$1) }
    out.raw(",\n  \"readbacks\": ")
    list(trace.readbacks.count, into: &out) { readback(trace.readbacks[$0], into: &$1) }
    out.raw("\n}\n")
  }

  /// `[]`, or the items one per line, indented.
  private static func list(
    _ count: Int, into out: inout JSONText, item: (Int, inout JSONText) -> Void
  ) {
    if count == 0 {
      out.raw("[]")
      return
    }
    for index in 0..<count {
      out.raw(index == 0 ? "[\n    " : ",\n    ")
      item(index, &out)
    }
    out.raw("\n  ]")
  }

  private static func input(_ i: TraceInput, into out: inout JSONText) {
    out.raw("{\"name\": ")
    out.quote(i.name)
    out.raw(", \"dtype\": ")
    out.quote(i.dtype)
    out.raw(", \"shape\": ")
    out.ints(i.shape)
    if let d = i.data {
      out.raw(", \"data\": {\"encoding\": ")
      out.quote(d.encoding)
      if let b = d.base64 {
        out.raw(", \"base64\": ")
        out.quote(b)
      }
      if let f = d.file {
        out.raw(", \"file\": ")
        out.quote(f)
      }
      out.raw(", \"bytes\": ")
      out.int(d.bytes)
      out.raw(", \"sha256\": ")
      out.quote(d.sha256)
      out.raw("}")
    }
    out.raw("}")
  }

  private static func param(_ p: TraceParam, into out: inout JSONText) {
    out.raw("{\"name\": ")
    out.quote(p.name)
    out.raw(", \"dtype\": ")
    out.quote(p.dtype)
    out.raw(", \"value\": ")
    out.quote(p.value)
    out.raw("}")
  }

  private static func write(_ n: TraceNode, into out: inout JSONText) {
    out.raw("{\"id\": ")
    out.int(n.id)
    out.raw(", \"op\": ")
    out.quote(n.op)
    out.raw(", \"args\": ")
    out.ints(n.args)
    out.raw(", \"dtype\": ")
    out.quote(n.dtype)
    out.raw(", \"shape\": ")
    out.ints(n.shape)
    if let a = n.attrs { attrs(a, into: &out) }
    if let loc = n.loc {
      out.raw(", \"loc\": ")
      out.quote(loc)
    }
    out.raw("}")
  }

  /// `, "attrs": {...}` for the attributes present; nothing when all are absent.
  private static func attrs(_ a: TraceAttrs, into out: inout JSONText) {
    var first = true
    func key(_ name: String) {
      out.raw(first ? ", \"attrs\": {\"" : ", \"")
      out.raw(name)
      out.raw("\": ")
      first = false
    }
    if let v = a.name {
      key("name")
      out.quote(v)
    }
    if let v = a.value {
      key("value")
      out.quote(v)
    }
    if let v = a.start {
      key("start")
      out.quote(v)
    }
    if let v = a.step {
      key("step")
      out.quote(v)
    }
    if let v = a.axes {
      key("axes")
      out.ints(v)
    }
    if let v = a.keepdims {
      key("keepdims")
      out.raw(v ? "true" : "false")
    }
    if let v = a.perm {
      key("perm")
      out.ints(v)
    }
    if let v = a.axis {
      key("axis")
      out.int(v)
    }
    if let v = a.slice {
      key("slice")
      out.raw("[")
      for (index, r) in v.enumerated() {
        out.raw(index == 0 ? "{\"start\": " : ", {\"start\": ")
        out.int(r.start)
        out.raw(", \"stop\": ")
        out.int(r.stop)
        out.raw(", \"step\": ")
        out.int(r.step)
        out.raw("}")
      }
      out.raw("]")
    }
    if !first { out.raw("}") }
  }

  private static func output(_ o: TraceOutput, into out: inout JSONText) {
    out.raw("{\"name\": ")
    out.quote(o.name)
    out.raw(", \"node\": ")
    out.int(o.node)
    out.raw("}")
  }

  private static func readback(_ r: TraceReadback, into out: inout JSONText) {
    out.raw("{\"node\": ")
    out.int(r.node)
    out.raw(", \"position\": ")
    out.int(r.position)
    out.raw(", \"kind\": ")
    out.quote(r.kind)
    if let loc = r.loc {
      out.raw(", \"loc\": ")
      out.quote(loc)
    }
    out.raw("}")
  }

  /// A JSON string literal for `text`, escaping quotes, backslashes and control characters.
  public static func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
