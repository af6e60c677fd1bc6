// An indenting text builder for generated source.
//
// Emitters append lines at the current indentation and open and close blocks; the printer keeps
// two spaces per level and ends the text with one newline, so generated files are stable byte
// for byte (golden tests compare them exactly).

/// Accumulates lines of source text with indentation.
public struct CodePrinter: Sendable {
  private var lines: [String] = []
  private var level = 0

  /// Creates an empty printer.
  public init() {}

  /// The text so far, one newline after each line.
  public var text: String { lines.map { $0 + "\n" }.joined() }

  /// The number of lines so far.
  public var lineCount: Int { lines.count }

  /// Appends one line at the current indentation (an empty string gives an empty line).
  public mutating func line(_ text: String = "") {
    lines.append(text.isEmpty ? "" : String(repeating: "  ", count: level) + text)
  }

  /// Appends several lines at the current indentation.
  public mutating func lines(_ texts: [String]) {
    for t in texts { line(t) }
  }

  /// Appends `header {`, runs `body` one level deeper, then appends `}` plus `trailer`.
  public mutating func block(
    _ header: String, trailer: String = "", _ body: (inout CodePrinter) throws -> Void
  )
    rethrows
  {
    line(header.isEmpty ? "{" : header + " {")
    level += 1
    try body(&self)
    level -= 1
    line("}" + trailer)
  }

  /// Appends another printer's lines, indented to the current level.
  public mutating func append(_ other: CodePrinter) {
    for l in other.lines { line(l) }
  }

  /// Increases the indentation by one level.
  public mutating func indent() { level += 1 }

  /// Decreases the indentation by one level (never below zero).
  public mutating func dedent() { level = max(0, level - 1) }
}
