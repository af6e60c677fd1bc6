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
  /// The last few of them, checked first: comparing equal strings that share storage is cheaper
  /// than hashing them.
  private var recent: [(text: String, bytes: [UInt8])] = []
  private var nextRecent = 0

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
    for entry in recent where entry.text == text {
      bytes.append(contentsOf: entry.bytes)
      return
    }
    if let known = quoted[text] {
      remember(text, known)
      bytes.append(contentsOf: known)
      return
    }
    let escaped = Array(TraceWriter.quote(text).utf8)
    remember(text, escaped)
    if text.utf8.count <= JSONText.memoLength && quoted.count < JSONText.memoEntries {
      quoted[text] = escaped
    }
    bytes.append(contentsOf: escaped)
  }

  /// Keeps `text` among the recent strings, replacing the oldest.
  private mutating func remember(_ text: String, _ escaped: [UInt8]) {
    if recent.count < 8 {
      recent.append((text, escaped))
    } else {
      recent[nextRecent] = (text, escaped)
      nextRecent = (nextRecent + 1) % 8
    }
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
