// A cheap scan of untrusted JSON bytes for the problems a user should hear about first.
//
// It checks nesting depth (a 100,000-level document is reported as too deep, with its line),
// empty input, top-level values that are not objects, unbalanced brackets and truncation, in
// terms a user can act on. It does not validate JSON fully: the reader's parser does that (and
// bounds depth itself); this runs when a decode has failed, so its findings come first.

/// Limits applied to a trace file before decoding.
public struct TraceLimits: Sendable {
  /// The most bytes a trace file may have.
  public var maxBytes: Int
  /// The deepest nesting of arrays and objects allowed.
  public var maxDepth: Int
  /// The most nodes a trace may have.
  public var maxNodes: Int
  /// The most dimensions an array may have.
  public var maxRank: Int
  /// The most elements any array may have.
  public var maxElements: Int
  /// The most elements all nodes may have together, each node counted once for its result and
  /// once more for every use as an operand; it bounds every sum of sizes, traffic or memory that
  /// later stages compute over a trace (see TraceValidator).
  public var maxTotalElements: Int

  /// Defaults that admit every realistic program (1M-op traces, 2^40-element arrays).
  public static let `default` = TraceLimits(
    maxBytes: 1 << 31, maxDepth: 32, maxNodes: 10_000_000, maxRank: 16, maxElements: 1 << 40,
    maxTotalElements: 1 << 48)

  /// Creates limits.
  public init(
    maxBytes: Int, maxDepth: Int, maxNodes: Int, maxRank: Int, maxElements: Int,
    maxTotalElements: Int = 1 << 48
  ) {
    self.maxBytes = maxBytes
    self.maxDepth = maxDepth
    self.maxNodes = maxNodes
    self.maxRank = maxRank
    self.maxElements = maxElements
    self.maxTotalElements = maxTotalElements
  }
}

enum JSONGuard {
  /// Checks that `bytes` hold one object at the top level, nested no deeper than `maxDepth`.
  static func check(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) throws {
    var i = 0
    let n = bytes.count
    // (No nested function may capture `i`: that would box it and check every access.)
    while i < n, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 {
      i += 1
    }
    guard i < n else { throw TraceError("the trace is empty (expected a JSON object)") }
    guard bytes[i] == UInt8(ascii: "{") else {
      let what: String
      switch bytes[i] {
      case UInt8(ascii: "["): what = "an array"
      case UInt8(ascii: "\""): what = "a string"
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): what = "a number"
      default:
        let rest = Array(bytes[i...].prefix(5))
        if rest.starts(with: Array("true".utf8)) || rest.starts(with: Array("false".utf8)) {
          what = "a boolean"
        } else if rest.starts(with: Array("null".utf8)) {
          what = "null"
        } else {
          what = "something that is not JSON"
        }
      }
      throw TraceError("the trace's top level is \(what), expected a JSON object")
    }
    // Byte values as literals: 0x22 ", 0x5C \, 0x7B {, 0x5B [, 0x7D }, 0x5D ].
    var depth = 0
    var inString = false
    var line = 1
    while i < n {
      let b = bytes[i]
      if b == 0x0A { line += 1 }
      if inString {
        if b == 0x5C {
          i += 1
        } else if b == 0x22 {
          inString = false
        }
      } else {
        switch b {
        case 0x22: inString = true
        case 0x7B, 0x5B:
          depth += 1
          if depth > maxDepth {
            throw TraceError(
              "the trace nests arrays and objects deeper than \(maxDepth) levels (line \(line))")
          }
        case 0x7D, 0x5D:
          depth -= 1
          if depth < 0 { throw TraceError("unbalanced brackets in the trace (line \(line))") }
        default: break
        }
      }
      i += 1
    }
    if inString || depth != 0 {
      throw TraceError("the trace is truncated: it ends inside a string, array or object")
    }
  }
}
