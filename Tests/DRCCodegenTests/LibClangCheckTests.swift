// The in-process libclang backend of the syntax check: it loads wherever clang-14 is installed,
// accepts every generated program without a diagnostic, and places errors and warnings exactly
// as the clang-14 command line does.

import DRCCodegen
import Foundation
import XCTest

final class LibClangCheckTests: XCTestCase {
  /// A program with two kernels whose second one calls an undeclared function at line 9.
  let broken = """
    __kernel void k0_copy(__global float* a0) {
      const float v0 = a0[0]; // n1 load a0
      a0[1] = v0; // n2 store
    }

    __kernel void k1_add(__global float* a0) {
      const float v0 = a0[0]; // n3 load a0
      // n7 sin  x.swift:3
      const float v1 = undefined_thing(v0);
      a0[0] = v1;
    }

    """

  /// Skips unless libclang is expected: clang-14 depends on libclang1-14, so where the command
  /// line is installed, libclang must load.
  func requireLibClang() throws {
    guard OpenCLSyntaxCheck.find("clang-14") != nil || LibClang.isAvailable else {
      throw XCTSkip("neither clang-14 nor libclang is installed (apt-get install -y clang-14)")
    }
  }

  /// Skips unless both backends can run.
  func requireBoth() throws {
    try requireLibClang()
    guard OpenCLSyntaxCheck.find("clang-14") != nil else {
      throw XCTSkip("clang-14 is not installed")
    }
  }

  func testLibClangLoadsAndIsTheDefault() throws {
    try requireLibClang()
    XCTAssertTrue(LibClang.isAvailable, LibClang.loadError ?? "")
    XCTAssertNil(LibClang.loadError)
    XCTAssertNotNil(LibClang.loadedName)
    XCTAssertEqual(OpenCLSyntaxCheck.backend, .libclang)
    XCTAssertEqual(try OpenCLSyntaxCheck.check("__kernel void k(void) {}\n"), .libclang)
  }

  func testOpenCLBuiltinsResolve() throws {
    try requireLibClang()
    let source = """
      __kernel void k(__global const float* a, __global float* b, const int n) {
        const size_t i = get_global_id(0);
        const float8 x = vload8(i, a);
        vstore8(erf(x) + exp(x) * native_sqrt(fabs(x)), i, b);
        b[0] = erf(b[1]) + (float)get_local_size(0) + (float)n;
        barrier(CLK_LOCAL_MEM_FENCE);
      }

      """
    let raw = try LibClang.parse(
      source, name: "builtins.cl", arguments: OpenCLSyntaxCheck.arguments)
    XCTAssertEqual(raw, [], raw.map(\.message).joined(separator: "\n"))
  }

  func testEveryTraceHasNoDiagnosticsWithLibClang() throws {
    try requireLibClang()
    for url in try traceFiles("traces") + traceFiles("traces/ops") {
      let compiled = try compileTrace(url)
      let raw = try LibClang.parse(
        compiled.source, name: "\(compiled.name).cl", arguments: OpenCLSyntaxCheck.arguments)
      XCTAssertEqual(raw, [], "\(compiled.name): \(raw.map(\.message))")
      let report = try OpenCLSyntaxCheck.diagnose(compiled.source, name: compiled.name)
      XCTAssertEqual(report.backend, .libclang)
      XCTAssertFalse(report.failed, compiled.name)
    }
  }

  func testErrorNamesKernelNodeAndLine() throws {
    try requireLibClang()
    XCTAssertThrowsError(try OpenCLSyntaxCheck.check(broken, name: "broken", using: .libclang)) {
      error in
      let e = error as? CodegenError
      XCTAssertEqual(e?.kernel, "k1_add")
      XCTAssertEqual(e?.node, 7)
      XCTAssertTrue(
        e?.message.contains("generated OpenCL C does not compile (a code generation bug)") ?? false)
      XCTAssertTrue(
        e?.message.contains("line 9, kernel k1_add, node n7: error:") ?? false,
        e?.message ?? "")
      XCTAssertTrue(e?.message.contains("undefined_thing") ?? false)
    }
    let report = try OpenCLSyntaxCheck.diagnose(broken, name: "broken", using: .libclang)
    XCTAssertTrue(report.failed)
    XCTAssertEqual(report.diagnostics.map(\.line), [9])
    XCTAssertEqual(report.diagnostics.first?.severity, "error")
    XCTAssertEqual(
      report.diagnostics.first?.text.trimmingCharacters(in: .whitespaces),
      "const float v1 = undefined_thing(v0);")
  }

  func testWarningsAreReported() throws {
    try requireLibClang()
    let source = """
      __kernel void k2_divide(__global int* a0) {
        const int v0 = a0[0]; // n4 load a0
        a0[0] = v0 / 0; // n5 divide
      }

      """
    let report = try OpenCLSyntaxCheck.diagnose(source, using: .libclang)
    // A warning is reported and placed, but does not reject the program.
    XCTAssertFalse(report.failed)
    XCTAssertEqual(report.diagnostics.map(\.severity), ["warning"])
    XCTAssertEqual(report.diagnostics.first?.line, 3)
    XCTAssertEqual(report.diagnostics.first?.node, 5)
    XCTAssertNoThrow(try OpenCLSyntaxCheck.check(source, using: .libclang))
  }

  func testBothBackendsPlaceDiagnosticsAlike() throws {
    try requireBoth()
    let sources = [
      broken,
      // A missing semicolon and four warnings (one with a note), one of them reported late.
      """
      __kernel void k3_mix(__global float* a0, __global int* a1) {
        const float v0 = a0[0] // n8 load a0
        const int v1 = a1[0] / 0; // n9 divide
        __global float* v2 = a1; // n10 alias
        a0[0] = v0 + (float)v1 + v2[0];
        int v3 = 0;
        if (v3 = 3) { a0[1] = 1; } // n11 select
        a1[2] = (int)a0; // n12 cast
      }

      """,
    ]
    for source in sources {
      let library = try OpenCLSyntaxCheck.diagnose(source, name: "same", using: .libclang)
      let command = try OpenCLSyntaxCheck.diagnose(source, name: "same", using: .commandLine)
      XCTAssertEqual(library.backend, .libclang)
      XCTAssertEqual(command.backend, .commandLine)
      XCTAssertTrue(library.failed)
      XCTAssertTrue(command.failed)
      XCTAssertFalse(library.diagnostics.isEmpty)
      func key(_ d: OpenCLSyntaxCheck.Diagnostic) -> String {
        // The command line appends the warning's flag, e.g. " [-Wshift-count-overflow]".
        let message = d.message.replacingOccurrences(
          of: #" \[-W[^\]]*\]$"#, with: "", options: .regularExpression)
        return "\(d.line) \(d.severity) \(d.kernel ?? "-") \(d.node ?? -1) \(message)"
      }
      XCTAssertEqual(library.diagnostics.map(key), command.diagnostics.map(key))
      XCTAssertEqual(library.diagnostics.count, source == broken ? 1 : 5)
    }
  }

  func testConcurrentChecks() throws {
    try requireLibClang()
    let programs = try traceFiles("traces").prefix(4).map { url in
      let compiled = try compileTrace(url)
      return (name: compiled.name, source: compiled.source)
    }
    let broken = self.broken
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: 8) { i in
      let (name, source) = programs[i % programs.count]
      do {
        try OpenCLSyntaxCheck.check(source, name: name, using: .libclang)
        if (try? OpenCLSyntaxCheck.check(broken, using: .libclang)) != nil {
          failures.add("broken program passed on iteration \(i)")
        }
      } catch {
        failures.add("\(name): \(error)")
      }
    }
    XCTAssertEqual(failures.all, [])
  }
}

/// Messages collected from concurrent work.
private final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [String] = []

  func add(_ message: String) { lock.withLock { messages.append(message) } }

  var all: [String] { lock.withLock { messages } }
}
