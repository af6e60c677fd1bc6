// The in-process backend of the OpenCL C syntax check: libclang, loaded with dlopen.
//
// Parsing in-process saves spawning clang-14 and writing a temporary file for every program: the
// source goes to libclang as an unsaved file and its diagnostics come back as values, placed in
// the program's kernels by `OpenCLSyntaxCheck.Diagnostic.placed` exactly as the command line's
// output is. The CLibClang target opens libclang at run time (from Debian's libclang1-14, which
// clang-14 depends on), so drc builds without libclang's headers and still runs without it:
// `OpenCLSyntaxCheck` then falls back to the `clang-14` command line. Every parse gets its own
// libclang index, so checks on different threads share no libclang state.

import CLibClang
import Foundation

/// libclang, as the syntax check uses it.
public enum LibClang {
  /// The outcome of loading libclang: the name it was opened as, or why it did not load.
  private static let loaded: Result<String, CodegenError> = {
    var error = [CChar](repeating: 0, count: 2048)
    let size = error.count
    guard drc_libclang_available(&error, size) != 0 else {
      let why = text(error)
      return .failure(CodegenError("libclang did not load: \(why)"))
    }
    guard let name = drc_libclang_loaded_name() else {
      return .failure(CodegenError("libclang did not load"))
    }
    return .success(String(cString: name))
  }()

  /// Whether libclang loaded and has every function the check calls.
  public static var isAvailable: Bool { (try? loaded.get()) != nil }

  /// The name libclang was opened as (e.g. `libclang-14.so.1`), or nil.
  public static var loadedName: String? { try? loaded.get() }

  /// Why libclang did not load (every name tried, with the loader's message), or nil.
  public static var loadError: String? {
    if case .failure(let error) = loaded { return error.message }
    return nil
  }

  /// One diagnostic as libclang reports it, before placement.
  public struct RawDiagnostic: Sendable, Equatable {
    /// 1-based line of the expansion location, 0 without a location.
    public var line: Int
    /// 1-based column of the expansion location, 0 without a location.
    public var column: Int
    /// `note`, `warning`, `error`, `fatal error` (or `ignored`).
    public var severity: String
    /// Whether the location is in the parsed program rather than a header.
    public var inProgram: Bool
    /// libclang's message.
    public var message: String
  }

  /// Parses `source` as the unsaved file `name` with compiler `arguments`; returns every
  /// diagnostic, notes included.
  public static func parse(_ source: String, name: String, arguments: [String]) throws
    -> [RawDiagnostic]
  {
    _ = try loaded.get()
    // strdup'd copies: C needs stable `const char *` for the whole call.
    let cArguments = arguments.map { strdup($0) }
    defer { for argument in cArguments { free(argument) } }
    if cArguments.contains(where: { $0 == nil }) { throw CodegenError("libclang: out of memory") }
    let argumentPointers = cArguments.map { UnsafePointer<CChar>($0) }
    var items: UnsafeMutablePointer<drc_libclang_diagnostic>?
    var count = 0
    var error = [CChar](repeating: 0, count: 512)
    let size = error.count
    let status = source.withCString { text in
      argumentPointers.withUnsafeBufferPointer { argv in
        drc_libclang_parse(
          name, text, source.utf8.count, argv.baseAddress, Int32(argv.count), &items, &count,
          &error, size)
      }
    }
    defer { drc_libclang_free(items, count) }
    guard status == 0 else {
      throw CodegenError("libclang could not parse \(name): \(text(error))")
    }
    var result: [RawDiagnostic] = []
    for index in 0..<count {
      guard let item = items?[index] else { break }
      result.append(
        RawDiagnostic(
          line: Int(item.line), column: Int(item.column), severity: severity(item.severity),
          inProgram: item.in_main_file != 0,
          message: item.message.map { String(cString: $0) } ?? ""))
    }
    return result
  }

  /// The NUL-terminated UTF-8 text in `buffer`.
  static func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// clang's word for libclang's severity number.
  static func severity(_ value: Int32) -> String {
    switch Int(value) {
    case Int(DRC_LIBCLANG_NOTE): return "note"
    case Int(DRC_LIBCLANG_WARNING): return "warning"
    case Int(DRC_LIBCLANG_ERROR): return "error"
    case Int(DRC_LIBCLANG_FATAL): return "fatal error"
    default: return "ignored"
    }
  }

  /// Checks `source` with libclang and the check's arguments; see `OpenCLSyntaxCheck.diagnose`.
  static func diagnose(_ source: String, name: String) throws -> OpenCLSyntaxCheck.Report {
    let file = "\(name).cl"
    let raw = try parse(source, name: file, arguments: OpenCLSyntaxCheck.arguments)
    let lines = OpenCLSyntaxCheck.Diagnostic.lines(of: source)
    let diagnostics = raw.filter {
      $0.inProgram && OpenCLSyntaxCheck.Diagnostic.severities.contains($0.severity)
    }.map {
      OpenCLSyntaxCheck.Diagnostic.placed(
        line: $0.line, severity: $0.severity, message: $0.message, in: lines)
    }
    let anyError = raw.contains { $0.severity == "error" || $0.severity == "fatal error" }
    // Formatted like clang's own output, for failures outside the program (a header, say).
    let output = raw.map { d in
      let place = d.inProgram ? "\(file):\(d.line):\(d.column)" : "(outside \(file))"
      return "\(place): \(d.severity): \(d.message)"
    }.joined(separator: "\n")
    return OpenCLSyntaxCheck.Report(
      backend: .libclang, failed: anyError, diagnostics: diagnostics,
      output: output)
  }
}
