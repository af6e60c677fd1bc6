// Every program drc generates for the repository's traces passes clang-14's OpenCL C 1.2 check
// on the command line (LibClangCheckTests covers the in-process libclang backend).

import DRCCodegen
import XCTest

final class SyntaxCheckTests: XCTestCase {
  func testEveryTraceCompilesWithClang() throws {
    guard OpenCLSyntaxCheck.find("clang-14") != nil else {
      throw XCTSkip("clang-14 is not installed (apt-get install -y clang-14)")
    }
    for url in try traceFiles("traces") + traceFiles("traces/ops") {
      let compiled = try compileTrace(url)
      XCTAssertNoThrow(
        try OpenCLSyntaxCheck.check(compiled.source, name: compiled.name, using: .commandLine),
        compiled.name)
    }
  }

  func testDiagnosticsNameKernelAndNode() throws {
    guard OpenCLSyntaxCheck.find("clang-14") != nil else {
      throw XCTSkip("clang-14 is not installed")
    }
    let source = """
      __kernel void k1_add(__global float* a0) {
        const float v0 = a0[0]; // n3 load a0
        const float v1 = undefined_thing(v0); // n7 sin  x.swift:3
        a0[0] = v1;
      }

      """
    var backends: [OpenCLSyntaxCheck.Backend] = [.commandLine]
    if LibClang.isAvailable { backends.append(.libclang) }
    for backend in backends {
      XCTAssertThrowsError(try OpenCLSyntaxCheck.check(source, using: backend)) { error in
        let e = error as? CodegenError
        XCTAssertEqual(e?.kernel, "k1_add", backend.rawValue)
        XCTAssertEqual(e?.node, 7, backend.rawValue)
      }
    }
  }
}
