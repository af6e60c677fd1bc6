// Diagnostics: what is wrong with a trace, naming the node, its op and its source line.
//
// Every stage that checks a trace (reading, structural validation, IR lowering, verification)
// reports problems as `Diagnostic` values and throws them together as `TraceError`, so that the
// command line prints one consistent, greppable message per problem.

/// One problem found in a trace.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
  /// The offending node's id, when the problem belongs to a node.
  public var node: Int?
  /// The offending node's op name, when known.
  public var op: String?
  /// The source location (`file:line`) recorded for the node, when known.
  public var loc: String?
  /// What is wrong, in one sentence.
  public var message: String

  /// Creates a diagnostic.
  public init(node: Int? = nil, op: String? = nil, loc: String? = nil, _ message: String) {
    self.node = node
    self.op = op
    self.loc = loc
    self.message = message
  }

  /// Creates a diagnostic for a trace node, taking its id, op and location.
  public init(_ node: TraceNode, _ message: String) {
    self.init(node: node.id, op: node.op, loc: node.loc, message)
  }

  /// `node 12 (add) at main.swift:40: message`, with absent parts left out.
  public var description: String {
    var prefix = ""
    if let node { prefix += "node \(node)" }
    if let op {
      prefix += prefix.isEmpty ? "(\(Diagnostic.clean(op)))" : " (\(Diagnostic.clean(op)))"
    }
    if let loc { prefix += (prefix.isEmpty ? "at " : " at ") + Diagnostic.clean(loc) }
    return prefix.isEmpty ? message : "\(prefix): \(message)"
  }

  /// Makes an untrusted string safe to print on one terminal line (escapes controls, truncates).
  ///
  /// C0 and C1 controls, DEL, the line and paragraph separators, quotes and backslashes are
  /// escaped. `limit` counts Unicode scalars written, so combining marks cannot evade it and the
  /// work done is bounded by `limit`, not by the length of `text`.
  public static func clean(_ text: String, limit: Int = 80) -> String {
    var out = ""
    var written = 0
    for scalar in text.unicodeScalars {
      if written >= limit {
        out += "..."
        break
      }
      let v = scalar.value
      if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || scalar == "\""
        || scalar == "\\"
      {
        let escaped = scalar.escaped(asASCII: true)
        out += escaped
        written += escaped.unicodeScalars.count
      } else {
        out.unicodeScalars.append(scalar)
        written += 1
      }
    }
    return out
  }
}

/// One or more diagnostics, thrown when a trace is rejected.
public struct TraceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The problems, in the order found.
  public var diagnostics: [Diagnostic]

  /// Wraps a list of diagnostics.
  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

  /// Wraps a single message with no node.
  public init(_ message: String) { self.diagnostics = [Diagnostic(message)] }

  /// One line per diagnostic.
  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics, capping how many are kept so a hostile trace cannot flood the output.
public struct DiagnosticSink: Sendable {
  /// The diagnostics kept so far.
  public private(set) var diagnostics: [Diagnostic] = []
  /// How many were dropped after the cap.
  public private(set) var dropped = 0
  /// The most diagnostics kept.
  public let limit: Int

  /// Creates an empty sink keeping at most `limit` diagnostics.
  public init(limit: Int = 50) { self.limit = limit }

  /// Records a diagnostic.
  public mutating func add(_ d: Diagnostic) {
    if diagnostics.count < limit { diagnostics.append(d) } else { dropped += 1 }
  }

  /// Whether anything was recorded.
  public var isEmpty: Bool { diagnostics.isEmpty }

  /// Throws everything recorded, if anything was.
  public func throwIfAny() throws {
    guard !diagnostics.isEmpty else { return }
    var all = diagnostics
    if dropped > 0 { all.append(Diagnostic("... and \(dropped) more problems")) }
    throw TraceError(all)
  }
}
