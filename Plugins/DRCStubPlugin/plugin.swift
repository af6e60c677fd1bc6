// DRCStubPlugin: a SwiftPM build-tool plugin that turns drc traces in a target into Swift stubs.
//
// Rule (docs/workflow.md): every `.json` file among the target's files whose top-level object
// has `"format": "drc-trace"` is a trace; any other JSON file is left alone. For each program the
// plugin adds one build command, `drc compile <trace> [<trace at another size>] --emit swift
// --output-dir <work>/<TypeName>` (two or three recordings give a stub whose inputs may have any
// length that keeps the relations drc inferred),
// whose output is `<TypeName>.swift`, the UpperCamelCase of the trace's `program` field
// (`blackscholes` -> `Blackscholes.swift`, `my_prog` -> `MyProg.swift`, `float` ->
// `FloatProgram.swift`), the same rule as `SwiftStubEmitter.typeName`. The generated file is compiled into the target, which must depend
// on the `DRCReplay` library. Inputs are the trace and the sidecar files its inputs name
// (`"encoding": "file"`), so editing either re-runs drc; nothing else does.

import Foundation
import PackagePlugin

@main
struct DRCStubPlugin: BuildToolPlugin {
  /// One build command per trace among `target`'s files.
  func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
    guard let module = target as? SourceModuleTarget else { return [] }
    let drc = try context.tool(named: "drc").url
    var commands: [Command] = []
    // Traces grouped by program: one trace compiles at its recorded shapes; two (or three)
    // recordings of the same program at different sizes compile to one stub that serves every
    // size.
    var groups: [String: [(URL, TraceHeader)]] = [:]
    let files = module.sourceFiles(withSuffix: "json").map(\.url).sorted { $0.path < $1.path }
    for file in files {
      guard let trace = try TraceHeader(reading: file) else { continue }
      groups[try StubNaming.typeName(trace.program, trace: file), default: []].append((file, trace))
    }
    for typeName in groups.keys.sorted() {
      guard let traces = groups[typeName], let first = traces.first else { continue }
      guard traces.count <= 3 else {
        throw PluginError(
          "\(traces.count) traces record program '\(first.1.program)': give one, or two (or three) recordings at different sizes"
        )
      }
      // One folder per generated type, whatever the trace files are called.
      let directory = context.pluginWorkDirectoryURL.appendingPathComponent(
        typeName, isDirectory: true)
      let stub = directory.appendingPathComponent(typeName + ".swift")
      var inputs: [URL] = []
      for (file, trace) in traces {
        inputs.append(file)
        inputs += trace.sidecars.map { file.deletingLastPathComponent().appendingPathComponent($0) }
      }
      let names = traces.map(\.0.lastPathComponent).joined(separator: " + ")
      commands.append(
        .buildCommand(
          displayName: "drc: compiling \(names) to \(typeName).swift",
          executable: drc,
          arguments: ["compile"] + traces.map(\.0.path) + [
            "--emit", "swift", "--output-dir", directory.path,
          ],
          inputFiles: inputs,
          outputFiles: [stub]))
    }
    return commands
  }
}

/// The two fields of a trace the plugin needs before drc runs: the program name and sidecars.
struct TraceHeader {
  /// The trace's `program` field.
  var program: String
  /// File names of the sidecar data files its inputs refer to, beside the trace.
  var sidecars: [String]

  /// Reads `file`; nil when it is not a drc trace (not JSON, or no `"format": "drc-trace"`).
  init?(reading file: URL) throws {
    let data: Data
    do {
      data = try Data(contentsOf: file)
    } catch {
      throw PluginError("cannot read \(file.path): \(error.localizedDescription)")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      object["format"] as? String == "drc-trace"
    else { return nil }
    guard let program = object["program"] as? String else {
      throw PluginError("\(file.lastPathComponent): drc trace without a string 'program' field")
    }
    self.program = program
    let inputs = object["inputs"] as? [[String: Any]] ?? []
    sidecars = inputs.compactMap { input in
      guard let payload = input["data"] as? [String: Any], payload["encoding"] as? String == "file"
      else { return nil }
      return payload["file"] as? String
    }
  }
}

/// The stub's type name, as drc's `SwiftStubEmitter.typeName` derives it (`SwiftStubNames`).
enum StubNaming {
  /// Type names that get `Program` appended: the Swift keywords an UpperCamelCase name can be,
  /// `Type`, `Protocol`, and the standard, module and helper names stubs rely on (the same set
  /// as `SwiftStubNames.escaped` and `reservedTypeNames` in drc).
  static let reserved: Set<String> = [
    "Any", "Self", "Type", "Protocol", "Float", "Double", "Int32", "Int64", "Bool", "String",
    "Array", "Optional", "Dictionary", "Error", "Swift", "Foundation", "DRCReplay",
    "CompiledProgram", "Outputs", "RequiredRuntime", "DeviceOutputs", "DeviceInput", "DeviceArray",
    "ProgramArgument",
  ]

  /// `blackscholes` -> `Blackscholes`, `my_prog` -> `MyProg`, `3d` -> `Program3d`, `float` ->
  /// `FloatProgram`.
  static func typeName(_ program: String, trace: URL) throws -> String {
    let parts = program.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }
    let joined = parts.joined()
    var name =
      joined.isEmpty ? "Program" : (joined.first?.isNumber == true ? "Program" + joined : joined)
    if reserved.contains(name) { name += "Program" }
    let valid = name.unicodeScalars.allSatisfy {
      $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
    }
    guard valid else {
      throw PluginError(
        "\(trace.lastPathComponent): program '\(program)' does not give a usable Swift type name")
    }
    return name
  }
}

/// A failure the plugin reports to SwiftPM, which prints it as the build's error.
struct PluginError: Error, CustomStringConvertible {
  /// What went wrong, naming the trace.
  var description: String
  init(_ description: String) { self.description = "DRCStubPlugin: " + description }
}
