// A strict, allocation-light JSON tokenizer over bytes, the reader's replacement for JSONDecoder.
//
// It reads RFC 8259 JSON and nothing else: no comments, no trailing commas, no NaN, no leading
// zeros, no unescaped control characters or invalid UTF-8 in strings. Values are consumed in
// place (strings become `String`s only when asked for; skipped values are checked, not built),
// so decoding a trace costs one pass over its bytes. Nesting depth is bounded (the scanner counts
// it as `JSONGuard` does), so the recursion in `skipValue` cannot run away.

/// What a JSON value is, judged from its first byte.
enum JSONKind: Equatable {
  case object, array, string, number, bool, null, invalid
}

/// Malformed JSON text: the message names what was wrong and where.
struct JSONSyntaxError: Error {
  var message: String
}

/// A cursor over JSON bytes.
struct JSONScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  private(set) var offset = 0
  /// The deepest nesting of objects and arrays read (`JSONGuard`'s measure of depth).
  let maxDepth: Int
  private(set) var depth = 0

  /// Creates a scanner at the start of `bytes`, refusing to nest deeper than `maxDepth`.
  init(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  /// Whether only whitespace is left.
  mutating func atEnd() -> Bool {
    skipSpace()
    return offset == bytes.count
  }

  /// Moves past spaces, tabs, carriage returns and newlines.
  mutating func skipSpace() {
    while offset < bytes.count {
      let b = bytes[offset]
      guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
      offset += 1
    }
  }

  /// The kind of the next value (after whitespace), without consuming it.
  mutating func peekKind() -> JSONKind {
    skipSpace()
    guard offset < bytes.count else { return .invalid }
    switch bytes[offset] {
    case 0x7B: return .object  // {
    case 0x5B: return .array  // [
    case 0x22: return .string  // "
    case 0x2D, 0x30...0x39: return .number  // - 0-9
    case 0x74, 0x66: return .bool  // t f
    case 0x6E: return .null  // n
    default: return .invalid
    }
  }

  /// Consumes `byte` (after whitespace) or fails.
  mutating func expect(_ byte: UInt8) throws {
    skipSpace()
    guard offset < bytes.count, bytes[offset] == byte else {
      throw unexpected("'\(Character(Unicode.Scalar(byte)))'")
    }
    offset += 1
  }

  /// Consumes `byte` (after whitespace) when it is next.
  mutating func consume(_ byte: UInt8) -> Bool {
    skipSpace()
    guard offset < bytes.count, bytes[offset] == byte else { return false }
    offset += 1
    return true
  }

  /// Reads an object: calls `field` with each key, the scanner positioned at the key's value.
  mutating func object(_ field: (inout JSONScanner, String) throws -> Void) throws {
    try expect(UInt8(ascii: "{"))
    try enter()
    defer { depth -= 1 }
    if consume(UInt8(ascii: "}")) { return }
    repeat {
      let key = try string()
      try expect(UInt8(ascii: ":"))
      try field(&self, key)
    } while try separator(closing: UInt8(ascii: "}"))
  }

  /// Reads an array: calls `element` with each index, the scanner positioned at the element.
  mutating func array(_ element: (inout JSONScanner, Int) throws -> Void) throws {
    try expect(UInt8(ascii: "["))
    try enter()
    defer { depth -= 1 }
    if consume(UInt8(ascii: "]")) { return }
    var index = 0
    repeat {
      try element(&self, index)
      index += 1
    } while try separator(closing: UInt8(ascii: "]"))
  }

  /// Counts one more level of nesting, failing past `maxDepth` (so recursion stays bounded).
  private mutating func enter() throws {
    depth += 1
    if depth > maxDepth {
      depth -= 1
      throw error("nesting deeper than \(maxDepth) levels")
    }
  }

  /// After a member: true at a comma (another member follows), false at `closing`.
  private mutating func separator(closing: UInt8) throws -> Bool {
    if consume(UInt8(ascii: ",")) { return true }
    if consume(closing) { return false }
    throw unexpected("',' or '\(Character(Unicode.Scalar(closing)))'")
  }

  /// Reads a string literal.
  mutating func string() throws -> String {
    try expect(UInt8(ascii: "\""))
    let start = offset
    var ascii = true
    while offset < bytes.count {
      let b = bytes[offset]
      if b == 0x22 {  // "
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<offset])
        offset += 1
        if ascii { return String(decoding: raw, as: UTF8.self) }
        return try JSONStrings.validated(raw, at: self)
      }
      if b == 0x5C {  // \\
        offset = start
        return try JSONStrings.unescaped(&self)
      }
      if b < 0x20 { throw error("a control character inside a string") }
      if b >= 0x80 { ascii = false }
      offset += 1
    }
    throw error("the text ends inside a string")
  }

  /// Reads a number that must be an integer fitting `Int`; `nil` for any other valid number.
  mutating func integer() throws -> Int? {
    skipSpace()
    let start = offset
    var negative = false
    if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") {
      negative = true
      offset += 1
    }
    var value = 0
    var fits = true
    let digits = offset
    while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 {
      let digit = Int(bytes[offset] - 0x30)
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (next, o2) =
        negative
        ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
      if o1 || o2 { fits = false }
      value = next
      offset += 1
    }
    guard offset > digits else {
      offset = start
      throw unexpected("a number")
    }
    if offset - digits > 1 && bytes[digits] == 0x30 {
      offset = digits
      throw error("a number with a leading zero")
    }
    let integral = try numberTail()
    return fits && integral ? value : nil
  }

  /// Consumes an optional fraction and exponent; true when there was neither.
  private mutating func numberTail() throws -> Bool {
    var integral = true
    if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
      offset += 1
      guard try digitRun() else { throw unexpected("a digit after '.'") }
      integral = false
    }
    if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
      offset += 1
      if offset < bytes.count,
        bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-")
      {
        offset += 1
      }
      guard try digitRun() else { throw unexpected("a digit in the exponent") }
      integral = false
    }
    return integral
  }

  private mutating func digitRun() throws -> Bool {
    let start = offset
    while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 { offset += 1 }
    return offset > start
  }

  /// Reads `true` or `false`.
  mutating func bool() throws -> Bool {
    if literal("true") { return true }
    if literal("false") { return false }
    throw unexpected("true or false")
  }

  /// Consumes `null` when it is next.
  mutating func null() -> Bool { literal("null") }

  private mutating func literal(_ word: StaticString) -> Bool {
    skipSpace()
    let count = word.utf8CodeUnitCount
    guard offset + count <= bytes.count else { return false }
    let text = word.utf8Start
    for k in 0..<count where bytes[offset + k] != text[k] { return false }
    offset += count
    return true
  }

  /// Consumes any one value, checking that it is well formed.
  mutating func skipValue() throws {
    switch peekKind() {
    case .object: try object { scanner, _ in try scanner.skipValue() }
    case .array: try array { scanner, _ in try scanner.skipValue() }
    case .string: _ = try string()
    case .number: _ = try integer()
    case .bool: _ = try bool()
    case .null: if !null() { throw unexpected("null") }
    case .invalid: throw unexpected("a value")
    }
  }

  /// An error saying what was expected at the current position.
  func unexpected(_ wanted: String) -> JSONSyntaxError {
    guard offset < bytes.count else { return error("the text ends where \(wanted) was expected") }
    let b = bytes[offset]
    let found =
      b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
    return error("expected \(wanted), found \(found)")
  }

  /// An error at the current position, with its line and column.
  func error(_ what: String) -> JSONSyntaxError {
    var line = 1
    var lineStart = 0
    for k in 0..<min(offset, bytes.count) where bytes[k] == 0x0A {
      line += 1
      lineStart = k + 1
    }
    return JSONSyntaxError(message: "\(what) at line \(line), column \(offset - lineStart + 1)")
  }

  /// Moves the cursor (to re-read or skip a value after an error inside it).
  mutating func seek(to position: Int) {
    offset = position
  }
}
