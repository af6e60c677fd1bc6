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
      return
        "\(pathText): expected \(expected) (Expected to decode \(swiftType(expected)) but found \(found.foundationName) instead.)"
    case .null(let expected):
      return "\(pathText): expected \(expected), found null"
    case .missing(let key):
      return
        "\(path.isEmpty ? "the trace" : pathText): missing required field '\(Diagnostic.clean(key))'"
    case .corrupted(let what):
      if path.isEmpty {
        return "the trace is not valid JSON (\(Diagnostic.clean(what, limit: 120)))"
      }
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
