// The slow paths of JSON string reading: escapes, surrogate pairs and UTF-8 validation.
//
// `JSONScanner.string` handles the common case (plain ASCII, no escapes) itself; strings with a
// backslash or a non-ASCII byte come here. Invalid UTF-8, unpaired surrogates and unknown
// escapes are syntax errors, as in Foundation's decoder.

import Foundation

enum JSONStrings {
  /// `raw` as a string, or a syntax error when it is not valid UTF-8.
  static func validated(_ raw: UnsafeBufferPointer<UInt8>, at scanner: JSONScanner) throws -> String
  {
    guard let text = String(bytes: raw, encoding: .utf8) else {
      throw scanner.error("invalid UTF-8 in a string")
    }
    return text
  }

  /// Reads a string containing escapes; the scanner is just after the opening quote.
  static func unescaped(_ scanner: inout JSONScanner) throws -> String {
    let bytes = scanner.bytes
    var offset = scanner.offset
    var out: [UInt8] = []
    func fail(_ what: String) -> JSONSyntaxError {
      scanner.seek(to: offset)
      return scanner.error(what)
    }
    func hex4() throws -> UInt32 {
      guard offset + 4 <= bytes.count else { throw fail("a truncated \\u escape") }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let b = bytes[offset]
        let digit: UInt32
        switch b {
        case 0x30...0x39: digit = UInt32(b - 0x30)
        case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
        case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
        default: throw fail("a bad \\u escape")
        }
        value = value << 4 | digit
        offset += 1
      }
      return value
    }
    while offset < bytes.count {
      let b = bytes[offset]
      offset += 1
      switch b {
      case UInt8(ascii: "\""):
        scanner.seek(to: offset)
        guard let text = String(bytes: out, encoding: .utf8) else {
          throw scanner.error("invalid UTF-8 in a string")
        }
        return text
      case UInt8(ascii: "\\"):
        guard offset < bytes.count else { throw fail("the text ends inside a string") }
        let e = bytes[offset]
        offset += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if code >= 0xD800 && code < 0xDC00 {
            guard offset + 2 <= bytes.count, bytes[offset] == UInt8(ascii: "\\"),
              bytes[offset + 1] == UInt8(ascii: "u")
            else { throw fail("an unpaired surrogate escape") }
            offset += 2
            let low = try hex4()
            guard low >= 0xDC00 && low < 0xE000 else { throw fail("an unpaired surrogate escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          } else if code >= 0xDC00 && code < 0xE000 {
            throw fail("an unpaired surrogate escape")
          }
          guard let scalar = Unicode.Scalar(code) else { throw fail("a bad \\u escape") }
          out.append(contentsOf: String(Character(scalar)).utf8)
        default:
          throw fail("an unknown escape '\\\(Character(Unicode.Scalar(e)))'")
        }
      default:
        if b < 0x20 { throw fail("a control character inside a string") }
        out.append(b)
      }
    }
    throw fail("the text ends inside a string")
  }
}
