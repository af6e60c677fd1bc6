// Decoding trace JSON into the schema types in one pass, with the rules of their Codable forms.
//
// Each object is read field by field as its keys come; unknown keys are skipped (except in
// attributes, where they are errors), `null` means absent for optional fields, and a problem
// inside one field does not stop the object: the earliest problem in declaration order wins, as
// it would with the synthesized `init(from:)`, whatever the key order of the file.

/// Reads `Trace` values from JSON bytes.
enum TraceDecoding {
  /// Decodes a whole trace: one object and nothing after it.
  static func trace(_ s: inout JSONScanner) throws -> Trace {
    var t = Trace(program: "")
    try record(&s, traceFields, optional: [2]) { s, field in
      switch field {
      case 0: t.format = try s.text()
      case 1: t.version = try s.int()
      case 2:
        t.minor = try s.optional { try $0.int() } ?? 0
        // A minor from a newer drc stops the decode here, before the nodes when the field comes
        // first (as the writer puts it); the reader then reports it after format and version.
        if let problem = TraceMinor.problem(t.minor) { throw TraceError(problem) }
      case 3: t.producer = try s.text()
      case 4: t.program = try s.text()
      case 5: t.inputs = try s.list(input)
      case 6: t.params = try s.list(param)
      case 7: t.nodes = try nodes(&s)
      case 8: t.outputs = try s.list(output)
      default: t.readbacks = try s.list(readback)
      }
    }
    guard s.atEnd() else { throw s.unexpected("the end of the text") }
    return t
  }

  static let traceFields = [
    "format", "version", "minor", "producer", "program", "inputs", "params", "nodes", "outputs",
    "readbacks",
  ]
  static let inputFields = ["name", "dtype", "shape", "data"]
  static let dataFields = ["encoding", "base64", "file", "bytes", "sha256"]
  static let paramFields = ["name", "dtype", "value"]
  static let nodeFields = ["id", "op", "args", "dtype", "shape", "attrs", "loc"]
  static let attrFields = [
    "name", "value", "start", "step", "axes", "keepdims", "perm", "axis", "slice",
  ]
  static let sliceFields = ["start", "stop", "step"]
  static let outputFields = ["name", "node"]
  static let readbackFields = ["node", "position", "kind", "loc"]

  /// Reads one object of a schema type: `field` gets each known key's index in `fields`; the
  /// fields not listed in `optional` are required.
  ///
  /// Problems in fields, missing required fields and (with `strict`) unknown keys are collected,
  /// and the one a synthesized decoder would meet first is thrown: unknown keys, then fields in
  /// declaration order.
  static func record(
    _ s: inout JSONScanner, _ fields: [String], optional: [Int] = [], strict: Bool = false,
    _ field: (inout JSONScanner, Int) throws -> Void
  ) throws {
    switch s.peekKind() {
    case .object: break
    case .null: throw TraceSchemaError(problem: .null(expected: "an object"))
    default: throw s.wrongKind("an object")
    }
    var present = [Bool](repeating: false, count: fields.count)
    var first: (index: Int, error: TraceSchemaError)?
    func note(_ index: Int, _ error: TraceSchemaError) {
      if let known = first, known.index <= index { return }
      first = (index, error)
    }
    try s.object { s, key in
      guard let index = fields.firstIndex(of: key) else {
        if strict {
          note(
            -1,
            TraceSchemaError(problem: .corrupted("unknown attribute '\(key)'"), path: [.key(key)]))
        }
        try s.skipValue()
        return
      }
      // A repeated key is ignored: the first occurrence counts, as with Foundation's decoder.
      if present[index] {
        try s.skipValue()
        return
      }
      present[index] = true
      s.skipSpace()
      let start = s.offset
      do {
        try s.at(.key(key)) { try field(&$0, index) }
      } catch let error as TraceSchemaError {
        note(index, error)
        s.seek(to: start)
        try s.skipValue()
      }
    }
    for index in fields.indices where !present[index] && !optional.contains(index) {
      note(index, TraceSchemaError(problem: .missing(fields[index])))
    }
    if let first { throw first.error }
  }

  static func input(_ s: inout JSONScanner) throws -> TraceInput {
    var i = TraceInput(name: "", dtype: "", shape: [])
    try record(&s, inputFields, optional: [3]) { s, field in
      switch field {
      case 0: i.name = try s.text()
      case 1: i.dtype = try s.text()
      case 2: i.shape = try s.ints()
      default: i.data = try s.optional(data)
      }
    }
    return i
  }

  static func data(_ s: inout JSONScanner) throws -> TraceData {
    var d = TraceData(encoding: "", bytes: 0, sha256: "")
    try record(&s, dataFields, optional: [1, 2]) { s, field in
      switch field {
      case 0: d.encoding = try s.text()
      case 1: d.base64 = try s.optional { try $0.text() }
      case 2: d.file = try s.optional { try $0.text() }
      case 3: d.bytes = try s.int()
      default: d.sha256 = try s.text()
      }
    }
    return d
  }

  static func param(_ s: inout JSONScanner) throws -> TraceParam {
    var p = TraceParam(name: "", dtype: "", value: "")
    try record(&s, paramFields) { s, field in
      switch field {
      case 0: p.name = try s.text()
      case 1: p.dtype = try s.text()
      default: p.value = try s.text()
      }
    }
    return p
  }

  /// The node list. A shape or source location equal to the previous node's shares its
  /// storage, which keeps a long trace's memory close to one copy of its distinct values.
  static func nodes(_ s: inout JSONScanner) throws -> [TraceNode] {
    var previous: TraceNode?
    return try s.list { s in
      var n = try canonicalNode(&s) ?? node(&s)
      if let p = previous {
        if n.shape == p.shape { n.shape = p.shape }
        if let loc = n.loc, let ploc = p.loc, loc == ploc { n.loc = ploc }
      }
      previous = n
      return n
    }
  }

  static func node(_ s: inout JSONScanner) throws -> TraceNode {
    var n = TraceNode(id: 0, op: "", dtype: "", shape: [])
    try record(&s, nodeFields, optional: [5, 6]) { s, field in
      switch field {
      case 0: n.id = try s.int()
      case 1: n.op = try s.text()
      case 2: n.args = try s.ints()
      case 3: n.dtype = try s.text()
      case 4: n.shape = try s.ints()
      case 5: n.attrs = try s.optional(attrs)
      default: n.loc = try s.optional { try $0.text() }
      }
    }
    return n
  }

  static func attrs(_ s: inout JSONScanner) throws -> TraceAttrs {
    var a = TraceAttrs()
    try record(&s, attrFields, optional: Array(attrFields.indices), strict: true) { s, field in
      switch field {
      case 0: a.name = try s.optional { try $0.text() }
      case 1: a.value = try s.optional { try $0.text() }
      case 2: a.start = try s.optional { try $0.text() }
      case 3: a.step = try s.optional { try $0.text() }
      case 4: a.axes = try s.optional { try $0.ints() }
      case 5: a.keepdims = try s.optional { try $0.boolean() }
      case 6: a.perm = try s.optional { try $0.ints() }
      case 7: a.axis = try s.optional { try $0.int() }
      default: a.slice = try s.optional { try $0.list(slice) }
      }
    }
    return a
  }

  static func slice(_ s: inout JSONScanner) throws -> TraceSlice {
    var r = TraceSlice(start: 0, stop: 0, step: 0)
    try record(&s, sliceFields) { s, field in
      switch field {
      case 0: r.start = try s.int()
      case 1: r.stop = try s.int()
      default: r.step = try s.int()
      }
    }
    return r
  }

  static func output(_ s: inout JSONScanner) throws -> TraceOutput {
    var o = TraceOutput(name: "", node: 0)
    try record(&s, outputFields) { s, field in
      if field == 0 { o.name = try s.text() } else { o.node = try s.int() }
    }
    return o
  }

  static func readback(_ s: inout JSONScanner) throws -> TraceReadback {
    var r = TraceReadback(node: 0, position: 0, kind: "")
    try record(&s, readbackFields, optional: [3]) { s, field in
      switch field {
      case 0: r.node = try s.int()
      case 1: r.position = try s.int()
      case 2: r.kind = try s.text()
      default: r.loc = try s.optional { try $0.text() }
      }
    }
    return r
  }
}

// MARK: Typed reads

extension JSONScanner {
  /// Runs `body` on the value at `item`, adding `item` to the path of any schema error.
  mutating func at<T>(_ item: JSONPathItem, _ body: (inout JSONScanner) throws -> T) throws -> T {
    do {
      return try body(&self)
    } catch let error as TraceSchemaError {
      throw error.inside(item)
    }
  }

  /// Throws the right schema error for a value of the wrong kind where `expected` was wanted.
  mutating func wrongKind(_ expected: String) -> any Error {
    let kind = peekKind()
    if kind == .invalid { return unexpected("a value") }
    if kind == .null { return TraceSchemaError(problem: .null(expected: expected)) }
    return TraceSchemaError(problem: .mismatch(expected: expected, found: kind))
  }

  /// Reads a required integer.
  mutating func int() throws -> Int {
    guard peekKind() == .number else { throw wrongKind("an integer") }
    guard let value = try integer() else { throw TraceSchemaError(problem: .notInteger) }
    return value
  }

  /// Reads a required string.
  mutating func text() throws -> String {
    guard peekKind() == .string else { throw wrongKind("a string") }
    return try string()
  }

  /// Reads a required boolean.
  mutating func boolean() throws -> Bool {
    guard peekKind() == .bool else { throw wrongKind("a boolean") }
    return try bool()
  }

  /// Reads `null` as nil, anything else with `read`.
  mutating func optional<T>(_ read: (inout JSONScanner) throws -> T) throws -> T? {
    if null() { return nil }
    return try read(&self)
  }

  /// Reads a required array, each element with `element`.
  mutating func list<T>(_ element: (inout JSONScanner) throws -> T) throws -> [T] {
    guard peekKind() == .array else { throw wrongKind("an array") }
    var out: [T] = []
    try array { scanner, index in
      out.append(try scanner.at(.index(index), element))
    }
    return out
  }

  /// Reads a required array of integers.
  mutating func ints() throws -> [Int] {
    try list { try $0.int() }
  }
}
