// A small JSON tree for mutating traces byte-faithfully: numbers and strings keep their text.
//
// Foundation's JSON types lose what a hostile-trace test needs: numbers outside Int64 or Double,
// duplicate keys and key order. Here a number is its literal text (so `9223372036854775808` or
// `1e400` can be written), a string is its escaped text between the quotes, and an object is an
// ordered list of pairs (so a key can appear twice). Only the test target uses it; its inputs
// are the repository's own well-formed traces.

/// A JSON value whose numbers and strings are kept as source text.
indirect enum MutantJSON {
  case null
  case bool(Bool)
  /// The number's literal text, e.g. `-17` or `1e400`.
  case number(String)
  /// The string's escaped text, without the quotes.
  case string(String)
  case array([MutantJSON])
  /// Key-value pairs in order; keys are escaped text.
  case object([(key: String, value: MutantJSON)])

  /// One step of a path into a tree.
  enum Step: Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)
    var description: String {
      switch self {
      case .key(let k): return ".\(k)"
      case .index(let i): return "[\(i)]"
      }
    }
  }

  /// The value at `path`, or nil when the path does not exist.
  subscript(path: [Step]) -> MutantJSON? {
    var here = self
    for step in path {
      switch (step, here) {
      case (.key(let k), .object(let pairs)):
        guard let pair = pairs.first(where: { $0.key == k }) else { return nil }
        here = pair.value
      case (.index(let i), .array(let items)) where items.indices.contains(i):
        here = items[i]
      default: return nil
      }
    }
    return here
  }

  /// Replaces the value at `path` (the first pair with each key); no change when it is missing.
  mutating func set(_ path: ArraySlice<Step>, to value: MutantJSON) {
    guard let step = path.first else {
      self = value
      return
    }
    switch (step, self) {
    case (.key(let k), .object(var pairs)):
      guard let i = pairs.firstIndex(where: { $0.key == k }) else { return }
      pairs[i].value.set(path.dropFirst(), to: value)
      self = .object(pairs)
    case (.index(let i), .array(var items)) where items.indices.contains(i):
      items[i].set(path.dropFirst(), to: value)
      self = .array(items)
    default: return
    }
  }

  /// Every path in the tree with its value, parents before children.
  func walk(_ prefix: [Step] = [], _ visit: ([Step], MutantJSON) -> Void) {
    visit(prefix, self)
    switch self {
    case .array(let items):
      for (i, item) in items.enumerated() { item.walk(prefix + [.index(i)], visit) }
    case .object(let pairs):
      for pair in pairs { pair.value.walk(prefix + [.key(pair.key)], visit) }
    default: break
    }
  }

  /// Compact JSON text.
  var text: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let n): return n
    case .string(let s): return "\"\(s)\""
    case .array(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
    case .object(let pairs):
      return "{" + pairs.map { "\"\($0.key)\": \($0.value.text)" }.joined(separator: ", ") + "}"
    }
  }

  /// Parses well-formed JSON text; nil when it is not.
  static func parse(_ text: String) -> MutantJSON? {
    var parser = Parser(bytes: Array(text.utf8))
    guard let value = parser.value() else { return nil }
    parser.skipSpace()
    return parser.at == parser.bytes.count ? value : nil
  }

  private struct Parser {
    let bytes: [UInt8]
    var at = 0

    mutating func skipSpace() {
      while at < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
    }

    mutating func eat(_ c: Character) -> Bool {
      skipSpace()
      guard at < bytes.count, bytes[at] == c.asciiValue else { return false }
      at += 1
      return true
    }

    mutating func value() -> MutantJSON? {
      skipSpace()
      guard at < bytes.count else { return nil }
      switch bytes[at] {
      case UInt8(ascii: "{"):
        at += 1
        var pairs: [(key: String, value: MutantJSON)] = []
        if eat("}") { return .object(pairs) }
        repeat {
          skipSpace()
          guard let key = string(), eat(":"), let v = value() else { return nil }
          pairs.append((key, v))
        } while eat(",")
        return eat("}") ? .object(pairs) : nil
      case UInt8(ascii: "["):
        at += 1
        var items: [MutantJSON] = []
        if eat("]") { return .array(items) }
        repeat {
          guard let v = value() else { return nil }
          items.append(v)
        } while eat(",")
        return eat("]") ? .array(items) : nil
      case UInt8(ascii: "\""): return string().map { .string($0) }
      default: return literal()
      }
    }

    /// A string's escaped text; `at` is on the opening quote.
    mutating func string() -> String? {
      guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { return nil }
      let start = at + 1
      var i = start
      while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
        i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
      }
      guard i < bytes.count else { return nil }
      at = i + 1
      return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// `true`, `false`, `null` or a number's text.
    mutating func literal() -> MutantJSON? {
      let start = at
      while at < bytes.count, !" \n\r\t,]}".utf8.contains(bytes[at]) { at += 1 }
      let word = String(decoding: bytes[start..<at], as: UTF8.self)
      switch word {
      case "true": return .bool(true)
      case "false": return .bool(false)
      case "null": return .null
      case "": return nil
      default: return .number(word)
      }
    }
  }
}
