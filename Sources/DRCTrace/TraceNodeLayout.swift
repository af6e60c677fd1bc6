// A fast path for nodes in the writer's own layout, the shape of nearly every node ever read.
//
// `TraceWriter` always writes a node's keys in one order: id, op, args, dtype, shape, then attrs
// and loc when present. Reading such a node by matching those keys in turn skips the general
// object decoder's per-key bookkeeping (about a third of the cost of reading a trace). Anything
// else (other key orders, escaped keys, unknown keys, any error) sends the node back to the
// general decoder from its first byte, so results and error messages do not depend on the path.

extension TraceDecoding {
  /// A node laid out as `TraceWriter` writes it, or nil with the scanner back where it was.
  static func canonicalNode(_ s: inout JSONScanner) -> TraceNode? {
    let start = s.offset
    // The node's object and its arrays add two levels; near the limit, let the general path
    // count them and report.
    guard s.canNest(2) else { return nil }
    do {
      guard s.consume(0x7B), s.key("id") else { return back(&s, start) }
      let id = try s.int()
      guard s.consume(0x2C), s.key("op") else { return back(&s, start) }
      let op = try s.text()
      guard s.consume(0x2C), s.key("args") else { return back(&s, start) }
      let args = try s.ints()
      guard s.consume(0x2C), s.key("dtype") else { return back(&s, start) }
      let dtype = try s.text()
      guard s.consume(0x2C), s.key("shape") else { return back(&s, start) }
      var n = TraceNode(id: id, op: op, args: args, dtype: dtype, shape: try s.ints())
      if s.consume(0x7D) { return n }
      guard s.consume(0x2C) else { return back(&s, start) }
      if s.key("attrs") {
        n.attrs = try s.optional(attrs)
        if s.consume(0x7D) { return n }
        guard s.consume(0x2C) else { return back(&s, start) }
      }
      guard s.key("loc") else { return back(&s, start) }
      n.loc = try s.optional { try $0.text() }
      guard s.consume(0x7D) else { return back(&s, start) }
      return n
    } catch {
      return back(&s, start)
    }
  }

  /// Rewinds to `start` for the general decoder.
  private static func back(_ s: inout JSONScanner, _ start: Int) -> TraceNode? {
    s.seek(to: start)
    return nil
  }
}

extension JSONScanner {
  /// Whether `levels` more levels of nesting stay within `maxDepth`.
  func canNest(_ levels: Int) -> Bool {
    depth + levels <= maxDepth
  }

  /// Consumes `"name":` (plain bytes, no escapes) when it is next; otherwise consumes nothing.
  mutating func key(_ name: StaticString) -> Bool {
    skipSpace()
    let begin = offset
    let count = name.utf8CodeUnitCount
    let text = name.utf8Start
    guard begin + count + 2 <= bytes.count, bytes[begin] == 0x22, bytes[begin + count + 1] == 0x22
    else { return false }
    for k in 0..<count where bytes[begin + 1 + k] != text[k] { return false }
    seek(to: begin + count + 2)
    guard consume(0x3A) else {
      seek(to: begin)
      return false
    }
    return true
  }
}
