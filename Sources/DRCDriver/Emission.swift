// Writing the device forms of a compiled trace: OpenCL C, SPIR bitcode and SPIR-V.
//
// `cl` writes `<program>.cl`, the portable default. `spir` compiles it offline with clang-14 to
// SPIR 1.2 bitcode (`<program>.spir.bc`, loadable on PoCL with `clCreateProgramWithBinary` and
// `-x spir`); `spirv` translates unoptimised bitcode with llvm-spirv-14 (`<program>.spv`) and validates
// it with spirv-val, for devices that advertise `cl_khr_il_program`. Before anything is
// written the source passes clang-14's OpenCL C 1.2 check, so a code-generation bug stops the
// compile with the kernel and node it is in instead of reaching a device.

import DRCCodegen
import DRCTrace
import Foundation

/// The `--emit` kinds that produce device code.
public enum Emission {
  /// Kinds this file handles.
  public static let kinds: Set<String> = ["cl", "spir", "spirv", "swift"]

  /// The OpenCL C program of `compilation`, checked with clang-14 when it is installed
  /// (`requireCheck`: fail when it is not).
  public static func source(of compilation: Compilation, requireCheck: Bool) throws -> String {
    var locations: [Int: String] = [:]
    // Plan node ids are those of the graph fusion saw (the report's), not the trace's.
    for node in compilation.report.graph.nodes {
      if let loc = node.loc { locations[node.id] = loc }
    }
    let traceName = URL(fileURLWithPath: compilation.loaded.path).lastPathComponent
    let source = try OpenCLEmitter.emit(
      plan: compilation.plan, locations: locations, traceName: traceName,
      drcVersion: TraceFormat.drcVersion)
    if requireCheck || OpenCLSyntaxCheck.isAvailable {
      try OpenCLSyntaxCheck.check(source, name: compilation.plan.program)
    } else {
      FileHandle.standardError.write(
        Data("note: clang-14 not found; generated OpenCL C not checked\n".utf8))
    }
    return source
  }

  /// Writes the requested kinds (of `kinds`) into `directory`; returns the paths written.
  public static func write(_ compilation: Compilation, emit: [String], to directory: String) throws
    -> [String]
  {
    let wanted = Set(emit).intersection(kinds)
    if wanted.isEmpty { return [] }
    let needsClang = wanted.contains("spir") || wanted.contains("spirv")
    let clang = needsClang ? try OpenCLSyntaxCheck.require("clang-14") : ""
    let translator = wanted.contains("spirv") ? try OpenCLSyntaxCheck.require("llvm-spirv-14") : ""
    let validator = wanted.contains("spirv") ? try OpenCLSyntaxCheck.require("spirv-val") : ""
    let source = try self.source(of: compilation, requireCheck: needsClang)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let base = URL(fileURLWithPath: directory).appendingPathComponent(compilation.plan.program)
    var written: [String] = []
    // The .cl file is the input of the offline tools, so it is written for spir/spirv too.
    let cl = base.appendingPathExtension("cl")
    try Data(source.utf8).write(to: cl, options: .atomic)
    if wanted.contains("cl") { written.append(cl.path) }
    func bitcode(_ optimisation: String, _ output: URL) throws {
      try tool(
        clang,
        [
          "-c", "-cl-std=CL1.2", "-target", "spir64", "-emit-llvm", optimisation, "-Xclang",
          "-finclude-default-header",
          "-x", "cl", cl.path, "-o", output.path,
        ])
    }
    if wanted.contains("spir") {
      let spir = URL(fileURLWithPath: base.path + ".spir.bc")
      try bitcode("-O2", spir)
      written.append(spir.path)
    }
    if wanted.contains("spirv") {
      // llvm-spirv-14 cannot translate what LLVM 14's optimiser emits (`freeze`, and values it
      // leaves undefined), so SPIR-V starts from unoptimised bitcode; the device optimises it.
      let unoptimised = URL(fileURLWithPath: base.path + ".spirv-input.bc")
      defer { try? FileManager.default.removeItem(at: unoptimised) }
      try bitcode("-O0", unoptimised)
      let spirv = base.appendingPathExtension("spv")
      try tool(translator, [unoptimised.path, "-o", spirv.path])
      try tool(validator, [spirv.path])
      written.append(spirv.path)
    }
    if wanted.contains("swift") {
      let stub = try SwiftStubEmitter.emit(
        plan: compilation.plan, source: source,
        planJSON: String(decoding: try compilation.plan.jsonData(), as: UTF8.self),
        traceName: URL(fileURLWithPath: compilation.loaded.path).lastPathComponent,
        drcVersion: TraceFormat.drcVersion)
      let file = URL(fileURLWithPath: directory)
        .appendingPathComponent(try SwiftStubEmitter.typeName(compilation.plan.program) + ".swift")
      try Data(stub.utf8).write(to: file, options: .atomic)
      written.append(file.path)
    }
    if !wanted.contains("cl") { try? FileManager.default.removeItem(at: cl) }
    return written
  }

  /// Runs a tool and throws with its output when it fails.
  private static func tool(_ path: String, _ arguments: [String]) throws {
    let (status, output) = try OpenCLSyntaxCheck.run(path, arguments)
    guard status == 0 else {
      let name = URL(fileURLWithPath: path).lastPathComponent
      throw CodegenError("\(name) failed (status \(status)):\n\(output)")
    }
  }
}
