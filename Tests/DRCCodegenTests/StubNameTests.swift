// Generated Swift stubs compile for every legal trace name: keywords, `Type` and `Protocol`,
// arguments named like what the stub spells (`program`, `Outputs`, `CompiledProgram`, `Float`),
// and programs named like standard types, modules or the stub's helpers. The stubs are
// type-checked by the toolchain (`swiftc -typecheck`) against the DRCReplay module this test
// build produced, the same module an application's stubs compile against.

import DRCIR
import DRCPlan
import DRCProcess
import Foundation
import XCTest

@testable import DRCCodegen

final class StubNameTests: XCTestCase {
  /// Inputs named like the stub's own members, types and modules, and keywords.
  let hostileInputs = [
    "program", "Outputs", "CompiledProgram", "Float", "outputs", "program_", "Swift", "self", "_",
    "Type", "DeviceInput", "DeviceOutputs",
  ]
  /// Parameters likewise (inputs and parameters share one namespace in a trace).
  let hostileParams = ["DRCReplay", "Self", "Int32", "in", "Bool", "Protocol"]
  /// Outputs named like keywords and special member names.
  let hostileOutputs = [
    "Type", "Protocol", "self", "init", "_", "Float", "program", "Outputs", "DeviceOutputs",
    "DeviceArray",
  ]
  /// Programs whose type names would shadow what stubs spell (each gives a distinct type).
  let hostilePrograms = [
    "Float", "String", "CompiledProgram", "DRCReplay", "Swift", "Outputs", "RequiredRuntime",
    "self", "type", "int32", "Bool", "Double", "DeviceArray", "DeviceOutputs",
  ]

  /// A plan with the given names (the stub emitter reads only its interface).
  func plan(program: String, inputs: [String], params: [String], outputs: [String], symbolic: Bool)
    -> Plan
  {
    var plan = Plan(
      program: program,
      inputs: inputs.enumerated().map {
        PlanInput(name: $1, dtype: $0 % 2 == 0 ? .float32 : .int64, shape: [4], buffer: $0)
      },
      params: params.enumerated().map {
        PlanParam(name: $1, dtype: $0 % 2 == 0 ? .float32 : .int32, recorded: "1")
      },
      outputs: outputs.enumerated().map {
        PlanOutput(name: $1, node: $0, buffer: 0, dtype: .float64, shape: [4])
      },
      buffers: [], kernels: [], steps: [], values: [],
      stats: PlanStats(
        kernels: 0, launches: 0, bytesMoved: 0, scratchBytes: 0, minimumBytes: 0, peakBytes: 0))
    if symbolic {
      plan.symbol = PlanSymbol(
        name: "n", recorded: [4, 8],
        sites: inputs.indices.map { .init(path: ["inputs", "\($0)", "shape", "0"], factor: 1) })
    }
    return plan
  }

  func testNamingRule() throws {
    XCTAssertEqual(try SwiftStubEmitter.typeName("float"), "FloatProgram")
    XCTAssertEqual(try SwiftStubEmitter.typeName("DRCReplay"), "DRCReplayProgram")
    XCTAssertEqual(try SwiftStubEmitter.typeName("self"), "SelfProgram")
    XCTAssertEqual(try SwiftStubEmitter.typeName("my_prog"), "MyProg")
    XCTAssertEqual(try SwiftStubEmitter.identifier("Type"), "`Type`")
    XCTAssertEqual(try SwiftStubEmitter.identifier("program"), "program")
    XCTAssertEqual(
      try SwiftStubNames.internalNames(["program", "program_", "x", "in", "Float"]),
      ["program__", "program_", "x", "`in`", "Float_"])
    XCTAssertEqual(try SwiftStubNames.internalNames(["self", "_", "__"]), ["self_", "___", "__"])
  }

  func testRenamedArgumentsAreNamedInTheStub() throws {
    let p = plan(
      program: "float", inputs: ["program", "x"], params: ["in"], outputs: ["Type"],
      symbolic: false)
    let stub = try SwiftStubEmitter.emit(
      plan: p, source: "", planJSON: "{}", traceName: "float", drcVersion: "0.1.0")
    XCTAssertTrue(stub.contains("public final class FloatProgram {"), stub)
    XCTAssertTrue(
      stub.contains("callAsFunction(program program_: [Float], x: [Int64], `in`: Float = "), stub)
    XCTAssertTrue(
      stub.contains(
        "/// Inside, arguments named like what this code spells are renamed: `program` is `program_`."
      ), stub)
    XCTAssertTrue(stub.contains("public var `Type`: [Double]"), stub)
  }

  func testStubsForHostileNamesTypeCheck() throws {
    var files: [(name: String, text: String)] = []
    for (i, program) in hostilePrograms.enumerated() {
      // Every other program also carries the hostile argument and output names.
      let hostile = i % 2 == 0
      let p = plan(
        program: program, inputs: hostile ? hostileInputs : ["x"],
        params: hostile ? hostileParams : [], outputs: hostile ? hostileOutputs : ["y"],
        symbolic: i % 4 == 2)
      let stub = try SwiftStubEmitter.emit(
        plan: p, source: "__kernel void k() {}", planJSON: "{}", traceName: program,
        drcVersion: "0.1.0")
      files.append((try SwiftStubEmitter.typeName(program) + ".swift", stub))
    }
    XCTAssertEqual(Set(files.map(\.name)).count, files.count, "type names must be distinct")
    // A caller using the trace's names as labels and members, as an application would.
    files.append(
      (
        "Caller.swift",
        """
        import DRCReplay
        func callWithHostileNames(_ stub: FloatProgram) throws -> [Double] {
          let a: [Float] = [1, 2, 3, 4]
          let b: [Int64] = [1, 2, 3, 4]
          let out = try stub(
            program: a, Outputs: b, CompiledProgram: a, Float: b, outputs: a, program_: b,
            Swift: a, `self`: b, `_`: a, `Type`: b, DeviceInput: a, DeviceOutputs: b,
            DRCReplay: 1, `Self`: 2, Int32: 3, `in`: 4, Bool: 5, `Protocol`: 6)
          return out.`Type` + out.`Protocol` + out.`self` + out.`init` + out.`_` + out.Float
            + out.program + out.Outputs + out.DeviceOutputs + out.DeviceArray
        }
        func callOnDeviceWithHostileNames(_ stub: FloatProgram) throws -> [Double] {
          let a: [Float] = [1, 2, 3, 4]
          let out = try stub.onDevice(
            program: .host(a), Outputs: .host([1, 2, 3, 4]), CompiledProgram: .host(a),
            Float: .host([1, 2, 3, 4]), outputs: .host(a), program_: .host([1, 2, 3, 4]),
            Swift: .host(a), `self`: .host([1, 2, 3, 4]), `_`: .host(a), `Type`: .host([1, 2, 3, 4]),
            DeviceInput: .host(a), DeviceOutputs: .host([1, 2, 3, 4]), `in`: 4)
          let again = try stub.onDevice(
            program: .device(out.`Type`), Outputs: .host([1, 2, 3, 4]), CompiledProgram: .host(a),
            Float: .host([1, 2, 3, 4]), outputs: .host(a), program_: .host([1, 2, 3, 4]),
            Swift: .host(a), `self`: .host([1, 2, 3, 4]), `_`: .host(a), `Type`: .host([1, 2, 3, 4]),
            DeviceInput: .host(a), DeviceOutputs: .host([1, 2, 3, 4]))
          return try again.DeviceOutputs.values(as: Double.self) + out.DeviceArray.values(as: Double.self)
        }
        """
      ))
    try typeCheck(files)
  }

  func testSymbolicStubsTypeCheck() throws {
    // A 2-D input with symbolic axes (n, n + 2), named like a keyword: its shape is an argument
    // `inShape`; and a program whose size n came from a parameter: the stub takes `n: Int`.
    let stats = PlanStats(
      kernels: 0, launches: 0, bytesMoved: 0, scratchBytes: 0, minimumBytes: 0, peakBytes: 0)
    var grid = Plan(
      program: "grid2",
      inputs: [
        PlanInput(name: "in", dtype: .float32, shape: [4, 6], buffer: 0),
        PlanInput(name: "program", dtype: .int64, shape: [4], buffer: 1),
      ], params: [],
      outputs: [PlanOutput(name: "Type", node: 0, buffer: 0, dtype: .float32, shape: [3, 4])],
      buffers: [], kernels: [], steps: [], values: [], stats: stats)
    grid.symbol = PlanSymbol(
      name: "n", recorded: [4, 8],
      sites: [
        .init(path: ["inputs", "0", "shape", "0"], factor: 1),
        .init(path: ["inputs", "0", "shape", "1"], factor: 1, offset: 2),
        .init(path: ["inputs", "1", "shape", "0"], factor: 1),
        .init(path: ["outputs", "0", "shape", "0"], factor: 1, offset: -1),
      ])
    var gen = Plan(
      program: "gen", inputs: [], params: [PlanParam(name: "s", dtype: .float32, recorded: "1")],
      outputs: [PlanOutput(name: "y", node: 0, buffer: 0, dtype: .float64, shape: [4])],
      buffers: [], kernels: [], steps: [], values: [], stats: stats)
    gen.symbol = PlanSymbol(
      name: "n", recorded: [4, 8], sites: [.init(path: ["outputs", "0", "shape", "0"], factor: 1)],
      given: true)
    var files: [(name: String, text: String)] = []
    for p in [grid, gen] {
      let stub = try SwiftStubEmitter.emit(
        plan: p, source: "__kernel void k() {}", planJSON: "{}", traceName: p.program,
        drcVersion: "0.1.0")
      files.append((try SwiftStubEmitter.typeName(p.program) + ".swift", stub))
    }
    XCTAssertTrue(files[0].text.contains("/// - `in`: float32[n, n + 2]"), files[0].text)
    XCTAssertTrue(files[0].text.contains("/// Output `Type`: float32[n - 1, 4]"), files[0].text)
    files.append(
      (
        "Caller.swift",
        """
        import DRCReplay
        func callSymbolic(_ grid: Grid2, _ gen: Gen) throws -> Int {
          let out = try grid(`in`: [Float](repeating: 1, count: 35), inShape: [5, 7], program: [1, 2, 3, 4, 5])
          let g = try gen(n: 9, s: 2)
          return out.`Type`.count + g.y.count
        }
        """
      ))
    try typeCheck(files)
  }

  /// Runs `swiftc -typecheck` on `files` as one module importing the built DRCReplay; fails with
  /// the compiler's diagnostics.
  func typeCheck(_ files: [(name: String, text: String)]) throws {
    let modules = try builtModulesDirectory()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "drc-stub-names-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var paths: [String] = []
    for file in files {
      let url = dir.appendingPathComponent(file.name)
      try file.text.write(to: url, atomically: true, encoding: .utf8)
      paths.append(url.path)
    }
    let child = try ChildProcess.run(
      "/usr/bin/env",
      [
        "swiftc", "-typecheck", "-module-name", "StubNames", "-I", modules.path,
        "-Xcc",
        "-fmodule-map-file="
          + repositoryRoot.appendingPathComponent("Sources/COpenCL/module.modulemap").path,
      ] + paths, environment: ProcessInfo.processInfo.environment)
    let output = child.stdout + child.stderr
    XCTAssertEqual(child.status, 0, "swiftc -typecheck failed:\n\(output)")
  }

  /// The `Modules` folder next to the test bundle, where SwiftPM puts DRCReplay.swiftmodule.
  func builtModulesDirectory() throws -> URL {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
      repositoryRoot.appendingPathComponent(".build/debug"),
    ].map { $0.appendingPathComponent("Modules") }
    let found = candidates.first {
      FileManager.default.fileExists(
        atPath: $0.appendingPathComponent("DRCReplay.swiftmodule").path)
    }
    guard let found else {
      throw CodegenError(kernel: "test", "no built DRCReplay module in \(candidates)")
    }
    return found
  }
}
