// Deterministic JSON writing of traces: the same trace always gives the same bytes.
//
// The layout is fixed (field order as in the schema, one node per line) so traces diff well in
// review and recordings can be compared byte for byte. Strings are escaped completely, so the
// writer is safe for any content; numbers are integers only (exact values travel as strings).

/// Writes traces as deterministic, line-oriented JSON.
public enum TraceWriter {
  /// The trace as JSON text, ending in a newline.
  public static func string(_ trace: Trace) -> String {
    var out = ""
    out.reserveCapacity(256 + trace.nodes.count * 120)
    out += "{\n"
    out += "  \"format\": \(quote(trace.format)),\n"
    out += "  \"version\": \(trace.version),\n"
    out += "  \"producer\": \(quote(trace.producer)),\n"
    out += "  \"program\": \(quote(trace.program)),\n"
    out += "  \"inputs\": " + list(trace.inputs.map(input)) + ",\n"
    out += "  \"params\": " + list(trace.params.map(param)) + ",\n"
    out += "  \"nodes\": " + list(trace.nodes.map(node)) + ",\n"
    out += "  \"outputs\": " + list(trace.outputs.map { "{\"name\": \(quote($0.name)), \"node\": \($0.node)}" })
      + ",\n"
    out += "  \"readbacks\": " + list(trace.readbacks.map(readback)) + "\n"
    out += "}\n"
    return out
  }

  /// The trace as UTF-8 bytes.
  public static func data(_ trace: Trace) -> [UInt8] { Array(string(trace).utf8) }

  private static func list(_ items: [String]) -> String {
    if items.isEmpty { return "[]" }
    return "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"
  }

  private static func ints(_ values: [Int]) -> String {
    "[" + values.map(String.init).joined(separator: ", ") + "]"
  }

  private static func input(_ i: TraceInput) -> String {
    var s = "{\"name\": \(quote(i.name)), \"dtype\": \(quote(i.dtype)), \"shape\": \(ints(i.shape))"
    if let d = i.data {
      s += ", \"data\": {\"encoding\": \(quote(d.encoding))"
      if let b = d.base64 { s += ", \"base64\": \(quote(b))" }
      if let f = d.file { s += ", \"file\": \(quote(f))" }
      s += ", \"bytes\": \(d.bytes), \"sha256\": \(quote(d.sha256))}"
    }
    return s + "}"
  }

  private static func param(_ p: TraceParam) -> String {
    "{\"name\": \(quote(p.name)), \"dtype\": \(quote(p.dtype)), \"value\": \(quote(p.value))}"
  }

  private static func node(_ n: TraceNode) -> String {
    var s = "{\"id\": \(n.id), \"op\": \(quote(n.op)), \"args\": \(ints(n.args)), "
    s += "\"dtype\": \(quote(n.dtype)), \"shape\": \(ints(n.shape))"
    if let a = n.attrs, let text = attrs(a) { s += ", \"attrs\": \(text)" }
    if let loc = n.loc { s += ", \"loc\": \(quote(loc))" }
    return s + "}"
  }

  private static func attrs(_ a: TraceAttrs) -> String? {
    var parts: [String] = []
    if let v = a.name { parts.append("\"name\": \(quote(v))") }
    if let v = a.value { parts.append("\"value\": \(quote(v))") }
    if let v = a.start { parts.append("\"start\": \(quote(v))") }
    if let v = a.step { parts.append("\"step\": \(quote(v))") }
    if let v = a.axes { parts.append("\"axes\": \(ints(v))") }
    if let v = a.keepdims { parts.append("\"keepdims\": \(v)") }
    if let v = a.perm { parts.append("\"perm\": \(ints(v))") }
    if let v = a.axis { parts.append("\"axis\": \(v)") }
    if let v = a.slice {
      let items = v.map { "{\"start\": \($0.start), \"stop\": \($0.stop), \"step\": \($0.step)}" }
      parts.append("\"slice\": [" + items.joined(separator: ", ") + "]")
    }
    return parts.isEmpty ? nil : "{" + parts.joined(separator: ", ") + "}"
  }

  private static func readback(_ r: TraceReadback) -> String {
    var s = "{\"node\": \(r.node), \"position\": \(r.position), \"kind\": \(quote(r.kind))"
    if let loc = r.loc { s += ", \"loc\": \(quote(loc))" }
    return s + "}"
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
