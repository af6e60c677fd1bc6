// The offline check of generated source with clang-14, before any device sees it.
//
// `clang-14 -fsyntax-only -cl-std=CL1.2 -Xclang -finclude-default-header -x cl` parses and type
// checks the program against OpenCL C 1.2 with the standard builtin declarations. Each
// diagnostic is mapped back to the kernel whose function contains its line and to the nearest
// node comment above it, so a code-generation bug is reported as "kernel k3, node n12: ...".

import Foundation

/// Runs external tools and checks generated OpenCL C.
public enum OpenCLSyntaxCheck {
  /// The Debian package providing each tool drc runs.
  public static let packages = [
    "clang-14": "clang-14", "llvm-spirv-14": "llvm-spirv-14", "spirv-val": "spirv-tools",
  ]

  /// The full path of `tool` on `PATH`, or nil.
  public static func find(_ tool: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = "\(dir)/\(tool)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// The path of `tool`, or an error naming the Debian package that provides it.
  public static func require(_ tool: String) throws -> String {
    guard let path = find(tool) else {
      let package = packages[tool] ?? tool
      throw CodegenError(
        "\(tool) is not installed (Debian package \(package): apt-get install -y \(package))")
    }
    return path
  }

  /// Runs `executable` with `arguments`; returns the exit status and combined output.
  public static func run(_ executable: String, _ arguments: [String]) throws -> (
    status: Int32, output: String
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  /// Checks `source` with clang-14; throws a `CodegenError` per the first error, naming its kernel.
  public static func check(_ source: String, name: String = "program") throws {
    let clang = try require("clang-14")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "drc-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("\(name).cl")
    try source.write(to: file, atomically: true, encoding: .utf8)
    let (status, output) = try run(
      clang,
      [
        "-fsyntax-only", "-cl-std=CL1.2", "-Xclang", "-finclude-default-header", "-x", "cl",
        file.path,
      ])
    let diagnostics = parse(output, file: file.path, source: source)
    if status != 0 || !diagnostics.isEmpty {
      let text =
        diagnostics.isEmpty ? output : diagnostics.map(\.description).joined(separator: "\n")
      let first = diagnostics.first
      throw CodegenError(
        kernel: first?.kernel, node: first?.node,
        "generated OpenCL C does not compile (a code generation bug):\n\(text)")
    }
  }

  /// One clang diagnostic placed in the generated program.
  public struct Diagnostic: CustomStringConvertible, Sendable {
    /// 1-based line in the generated source.
    public var line: Int
    /// `error` or `warning`.
    public var severity: String
    /// clang's message.
    public var message: String
    /// The kernel function the line is in, if any.
    public var kernel: String?
    /// The node of the nearest node comment at or above the line in that function.
    public var node: Int?
    /// The source line itself.
    public var text: String

    public var description: String {
      var place = "line \(line)"
      if let kernel { place += ", kernel \(kernel)" }
      if let node { place += ", node n\(node)" }
      return "\(place): \(severity): \(message)\n    \(text.trimmingCharacters(in: .whitespaces))"
    }
  }

  /// Errors and warnings of clang `output` about `file`, placed in `source`.
  public static func parse(_ output: String, file: String, source: String) -> [Diagnostic] {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var result: [Diagnostic] = []
    for raw in output.split(separator: "\n") where raw.hasPrefix(file + ":") {
      let rest = raw.dropFirst(file.count + 1).split(
        separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
      guard rest.count == 4, let line = Int(rest[0]) else { continue }
      let severity = rest[2].trimmingCharacters(in: .whitespaces)
      guard severity == "error" || severity == "warning" else { continue }
      var kernel: String?
      var node: Int?
      var k = min(line, lines.count) - 1
      while k >= 0 {
        let l = lines[k]
        if node == nil, let r = l.range(of: "// n") {
          node = Int(l[r.upperBound...].prefix { $0.isNumber })
        }
        if l.hasPrefix("__kernel void ") {
          kernel = String(l.dropFirst("__kernel void ".count).prefix { $0 != "(" })
          break
        }
        k -= 1
      }
      let text = line >= 1 && line <= lines.count ? lines[line - 1] : ""
      result.append(
        Diagnostic(
          line: line, severity: severity, message: rest[3].trimmingCharacters(in: .whitespaces),
          kernel: kernel,
          node: node, text: text))
    }
    return result
  }
}
