// The offline check of generated source, before any device sees it.
//
// The program is parsed and type checked against OpenCL C 1.2 with the standard builtin
// declarations (`-cl-std=CL1.2 -Xclang -finclude-default-header -x cl`), in-process through
// libclang when it loads (LibClangCheck.swift) and otherwise by running
// `clang-14 -fsyntax-only`. Either way each diagnostic is placed by `Diagnostic.placed`: mapped
// back to the kernel whose function contains its line and to the nearest node comment above it,
// so a code-generation bug is reported as "kernel k3, node n12: ...".

import DRCProcess
import Foundation

/// Runs external tools and checks generated OpenCL C.
public enum OpenCLSyntaxCheck {
  /// The Debian package providing each tool drc runs.
  public static let packages = [
    "clang-14": "clang-14", "llvm-spirv-14": "llvm-spirv-14", "spirv-val": "spirv-tools",
  ]

  /// The compiler arguments of the check, shared by both backends (the CLI adds
  /// `-fsyntax-only` and the file).
  public static let arguments = [
    "-cl-std=CL1.2", "-Xclang", "-finclude-default-header", "-x", "cl",
  ]

  /// How a program is checked.
  public enum Backend: String, Sendable, CaseIterable {
    /// libclang, loaded into the process with dlopen.
    case libclang
    /// The `clang-14 -fsyntax-only` command line.
    case commandLine = "clang-14"
  }

  /// The backend `check` uses: libclang when it loads, else clang-14 when it is on `PATH`.
  public static var backend: Backend? {
    if LibClang.isAvailable { return .libclang }
    return find("clang-14") != nil ? .commandLine : nil
  }

  /// Whether any backend can check a program.
  public static var isAvailable: Bool { backend != nil }

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

  /// Runs `executable` with `arguments` (through `ChildProcess`, not Foundation's `Process`);
  /// returns the exit status and the output, stdout then stderr.
  public static func run(_ executable: String, _ arguments: [String]) throws -> (
    status: Int32, output: String
  ) {
    let child = try ChildProcess.run(
      executable, arguments, environment: ProcessInfo.processInfo.environment)
    return (child.signalled ? 128 + child.status : child.status, child.stdout + child.stderr)
  }

  /// What one check of a program found.
  public struct Report: Sendable {
    /// The backend that checked it.
    public var backend: Backend
    /// Whether the program is rejected: an error anywhere. Warnings are reported in
    /// `diagnostics` but do not reject a program (a warning such as clang's self-comparison note
    /// is not a failure to compile).
    public var failed: Bool
    /// The errors and warnings in the program, placed in its kernels.
    public var diagnostics: [Diagnostic]
    /// Everything the backend said, for failures with no placed diagnostic.
    public var output: String
  }

  /// Checks `source` with `backend` (by default the one `backend` names) and reports what it
  /// found without judging it; throws only when no backend can run.
  public static func diagnose(_ source: String, name: String = "program", using: Backend? = nil)
    throws -> Report
  {
    switch using ?? backend {
    case .libclang:
      return try LibClang.diagnose(source, name: name)
    case .commandLine:
      return try diagnoseWithCommandLine(source, name: name)
    case nil:
      let why = LibClang.loadError ?? "libclang did not load"
      throw CodegenError(
        "clang-14 is not installed and \(why) "
          + "(Debian package clang-14: apt-get install -y clang-14)")
    }
  }

  /// Checks `source`; throws a `CodegenError` per the first diagnostic, naming its kernel and
  /// node. Returns the backend that checked it.
  @discardableResult
  public static func check(_ source: String, name: String = "program", using: Backend? = nil)
    throws -> Backend
  {
    let report = try diagnose(source, name: name, using: using)
    if report.failed {
      let diagnostics = report.diagnostics
      let text =
        diagnostics.isEmpty ? report.output : diagnostics.map(\.description).joined(separator: "\n")
      let first = diagnostics.first
      throw CodegenError(
        kernel: first?.kernel, node: first?.node,
        "generated OpenCL C does not compile (a code generation bug):\n\(text)")
    }
    return report.backend
  }

  /// Runs `clang-14 -fsyntax-only` on `source` written to a temporary file.
  static func diagnoseWithCommandLine(_ source: String, name: String) throws -> Report {
    let clang = try require("clang-14")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "drc-check-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("\(name).cl")
    try source.write(to: file, atomically: true, encoding: .utf8)
    let (status, output) = try run(clang, ["-fsyntax-only"] + arguments + [file.path])
    let diagnostics = parse(output, file: file.path, source: source)
    return Report(
      backend: .commandLine,
      failed: status != 0 || diagnostics.contains { $0.severity != "warning" },
      diagnostics: diagnostics, output: output)
  }

  /// Errors and warnings of clang `output` about `file`, placed in `source`.
  public static func parse(_ output: String, file: String, source: String) -> [Diagnostic] {
    let lines = Diagnostic.lines(of: source)
    var result: [Diagnostic] = []
    for raw in output.split(separator: "\n") where raw.hasPrefix(file + ":") {
      let rest = raw.dropFirst(file.count + 1).split(
        separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
      guard rest.count == 4, let line = Int(rest[0]) else { continue }
      let severity = rest[2].trimmingCharacters(in: .whitespaces)
      guard Diagnostic.severities.contains(severity) else { continue }
      result.append(
        Diagnostic.placed(
          line: line, severity: severity, message: rest[3].trimmingCharacters(in: .whitespaces),
          in: lines))
    }
    return result
  }

  /// One clang diagnostic placed in the generated program.
  public struct Diagnostic: CustomStringConvertible, Sendable {
    /// The severities reported; notes are left out, as they only elaborate on these.
    public static let severities: Set<String> = ["error", "warning", "fatal error"]

    /// 1-based line in the generated source.
    public var line: Int
    /// `error`, `warning` or `fatal error`.
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

    /// The lines of `source`, as `placed` takes them.
    public static func lines(of source: String) -> [String] {
      source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The diagnostic at 1-based `line` of the program with `lines`: its kernel is the
    /// `__kernel void` function the line is in, its node that of the nearest `// nN` comment at
    /// or above the line within that function. Both backends place diagnostics with this.
    public static func placed(line: Int, severity: String, message: String, in lines: [String])
      -> Diagnostic
    {
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
      return Diagnostic(
        line: line, severity: severity, message: message, kernel: kernel, node: node, text: text)
    }
  }
}
