// Schema errors of the trace decoder: a problem and the JSON path where it was found.
//
// The messages are the ones the reader has always printed (they were first written for
// Foundation's DecodingError): `inputs[0].shape: expected an array (found a string)`,
// `nodes[0]: missing required field 'dtype'`, `program: expected a string, found null`.

/// One step of a JSON path: an object key or an array index.
enum JSONPathItem {
  case key(String)
  case index(Int)
}

/// A well-formed JSON value that does not fit the trace schema.
struct TraceSchemaError: Error {
  /// What is wrong.
  enum Problem {
    /// A value of the wrong JSON type.
    case mismatch(expected: String, found: JSONKind)
    /// `null` where a value is required.
    case null(expected: String)
    /// A required key that is absent from its object.
    case missing(String)
    /// A value the schema rejects for another reason (an unknown attribute).
    case corrupted(String)
    /// A number that is not an integer, or does not fit in 64 bits.
    case notInteger
  }

  var problem: Problem
  /// Where, outermost step first.
  var path: [JSONPathItem] = []

  /// The error one level further out, at `item`.
  func inside(_ item: JSONPathItem) -> TraceSchemaError {
    var outer = self
    outer.path.insert(item, at: 0)
    return outer
  }

  /// The path as `nodes[3].attrs.axes`, or `the top level`.
  var pathText: String {
    var out = ""
    for item in path {
      switch item {
      case .index(let index): out += "[\(index)]"
      case .key(let key): out += (out.isEmpty ? "" : ".") + Diagnostic.clean(key)
      }
    }
    return out.isEmpty ? "the top level" : out
  }

  /// The one-line message the reader reports.
  var message: String {
    switch problem {
    case .mismatch(let expected, let found):
      // The parenthesis is worded as Foundation's decoder worded it, which users may grep for.
      return "\(pathText): expected \(expected) (Expected to decode \(swiftType(expected)) but found \(found.foundationName) instead.)"
    case .null(let expected):
      return "\(pathText): expected \(expected), found null"
    case .missing(let key):
      return "\(path.isEmpty ? "the trace" : pathText): missing required field '\(Diagnostic.clean(key))'"
    case .corrupted(let what):
      if path.isEmpty { return "the trace is not valid JSON (\(Diagnostic.clean(what, limit: 120)))" }
      return "\(pathText): \(Diagnostic.clean(what, limit: 120))"
    case .notInteger:
      return "the trace is not valid JSON (\(pathText): not an integer that fits in 64 bits)"
    }
  }
}

/// The Swift type a schema expectation decodes to, as Foundation's messages name it.
private func swiftType(_ expected: String) -> String {
  switch expected {
  case "an integer": return "Int"
  case "a string": return "String"
  case "a boolean": return "Bool"
  case "an array": return "Array<Any>"
  default: return "Dictionary<String, Any>"
  }
}

extension JSONKind {
  /// The kind as Foundation's decoder names it in type-mismatch messages.
  var foundationName: String {
    switch self {
    case .object: return "a dictionary"
    case .array: return "an array"
    case .string: return "a string"
    case .number: return "number"
    case .bool: return "bool"
    case .null: return "null"
    case .invalid: return "invalid JSON"
    }
  }
}

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
