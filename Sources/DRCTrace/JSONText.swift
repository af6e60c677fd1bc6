// The byte buffer the trace writer fills: literal text, integers and quoted strings as UTF-8.
//
// Traces repeat the same few strings (op names, dtypes, source locations) on every line, so the
// escaped form of each short string is computed once and then copied as bytes. The buffer can be
// drained in chunks, which keeps the memory of writing a large trace to one chunk, not the file.

/// Growing UTF-8 output for `TraceWriter`.
struct JSONText {
  /// The bytes written since the last drain.
  private(set) var bytes: [UInt8] = []
  /// Quoted forms of short strings already written.
  private var quoted: [String: [UInt8]] = [:]

  /// The longest string whose quoted form is remembered, and how many are remembered at most.
  private static let memoLength = 256
  private static let memoEntries = 4096

  /// Creates an empty buffer with room for `capacity` bytes.
  init(capacity: Int) {
    bytes.reserveCapacity(capacity)
  }

  /// Appends `text` as it is (it must already be valid JSON text).
  mutating func raw(_ text: String) {
    bytes.append(contentsOf: text.utf8)
  }

  /// Appends a decimal integer.
  mutating func int(_ value: Int) {
    if value >= 0 && value < 10 {
      bytes.append(UInt8(truncatingIfNeeded: 0x30 + value))
    } else {
      bytes.append(contentsOf: String(value).utf8)
    }
  }

  /// Appends a JSON array of integers: `[1, 2, 3]`.
  mutating func ints(_ values: [Int]) {
    bytes.append(UInt8(ascii: "["))
    for (index, value) in values.enumerated() {
      if index > 0 { raw(", ") }
      int(value)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// Appends `text` as a JSON string literal, fully escaped.
  mutating func quote(_ text: String) {
    if let known = quoted[text] {
      bytes.append(contentsOf: known)
      return
    }
    let escaped = Array(TraceWriter.quote(text).utf8)
    if text.utf8.count <= JSONText.memoLength && quoted.count < JSONText.memoEntries {
      quoted[text] = escaped
    }
    bytes.append(contentsOf: escaped)
  }

  /// Hands the bytes written so far to `sink` and empties the buffer (keeping its memory).
  mutating func drain(into sink: ([UInt8]) throws -> Void) rethrows {
    guard !bytes.isEmpty else { return }
    try sink(bytes)
    bytes.removeAll(keepingCapacity: true)
  }

  /// Takes all the bytes, leaving the buffer empty.
  mutating func take() -> [UInt8] {
    defer { bytes = [] }
    return bytes
  }
}
