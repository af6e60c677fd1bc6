// `drc record`: run a program that uses DRCArray with recording on, and keep its trace.
//
// The program runs with `DRC_RECORD` pointing into a private temporary folder beside the output,
// so nothing is left half-written: only when the program exits 0 and its trace validates are the
// trace and its sidecar files moved into place. A failing program's exit status is passed on.

import DRCIR
import DRCTrace
import Foundation

/// The work behind `drc record`.
public enum RecordCommand {
  /// What a recording produced.
  public struct Outcome: Sendable {
    /// The program's exit status (0 when a trace was written).
    public var status: Int32
    /// The summary line, or the reason no trace was written.
    public var message: String
  }

  /// Runs `program` with `arguments`, recording to `output` (default `<program>.json`).
  public static func run(program: String, arguments: [String], output: String?, saveInputs: Bool)
    throws -> Outcome
  {
    guard let executable = resolve(program) else {
      throw TraceError(
        "cannot run '\(Diagnostic.clean(program))': no such executable file (give a path or a program on PATH)"
      )
    }
    let name = URL(fileURLWithPath: executable).lastPathComponent
    let target = URL(fileURLWithPath: output ?? "\(name).json")
    let directory = target.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue,
      FileManager.default.isWritableFile(atPath: directory.path)
    else {
      throw TraceError(
        "cannot write '\(Diagnostic.clean(target.path))': its folder does not exist or is not writable"
      )
    }
    let scratch = directory.appendingPathComponent(
      ".drc-record-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.removeItem(at: scratch)
    do {
      try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false)
    } catch {
      throw TraceError(
        "cannot create a scratch folder in '\(directory.path)': \(error.localizedDescription)")
    }
    defer { try? FileManager.default.removeItem(at: scratch) }
    // The trace's own file name, which its sidecar files are named after.
    let tracePath = scratch.appendingPathComponent(target.lastPathComponent).path

    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["DRC_RECORD"] = tracePath
    environment["DRC_SAVE_INPUTS"] = saveInputs ? "1" : "0"
    process.environment = environment
    do {
      try process.run()
    } catch {
      throw TraceError(
        "cannot run '\(Diagnostic.clean(executable))': \(error.localizedDescription)")
    }
    process.waitUntilExit()
    let status =
      process.terminationReason == .uncaughtSignal
      ? 128 + process.terminationStatus : process.terminationStatus
    guard status == 0 else {
      return Outcome(
        status: status, message: "\(name) exited with status \(status); no trace was written")
    }
    guard FileManager.default.fileExists(atPath: tracePath) else {
      throw TraceError(
        "\(name) recorded nothing: it ran no DRCArray operation (or it was not built with DRCArray)"
      )
    }
    let loaded = try LoadedTrace(path: tracePath)
    guard !loaded.graph.nodes.isEmpty else {
      throw TraceError("\(name) recorded nothing: the trace has no operations")
    }
    try moveIntoPlace(scratch: scratch, trace: tracePath, target: target)
    let g = loaded.graph
    let saved = g.inputs.filter { $0.data != nil }.count
    return Outcome(
      status: 0,
      message:
        "recorded \(g.name): \(g.nodes.count) nodes, \(g.inputs.count) inputs (\(saved) saved), "
        + "\(g.params.count) params, \(g.outputs.count) outputs, \(g.readbacks.count) read-backs -> \(target.path)"
    )
  }

  /// Moves the trace and its sidecar files from the scratch folder to their final place.
  private static func moveIntoPlace(scratch: URL, trace: String, target: URL) throws {
    let fm = FileManager.default
    let directory = target.deletingLastPathComponent()
    do {
      for file in try fm.contentsOfDirectory(atPath: scratch.path) where file.hasSuffix(".bin") {
        let destination = directory.appendingPathComponent(file)
        try? fm.removeItem(at: destination)
        try fm.moveItem(at: scratch.appendingPathComponent(file), to: destination)
      }
      try? fm.removeItem(at: target)
      try fm.moveItem(atPath: trace, toPath: target.path)
    } catch {
      throw TraceError("cannot move the trace into '\(target.path)': \(error.localizedDescription)")
    }
  }

  /// The executable for `program`: a path, or a name found on PATH.
  static func resolve(_ program: String) -> String? {
    let fm = FileManager.default
    if program.contains("/") {
      return fm.isExecutableFile(atPath: program) ? program : nil
    }
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let candidate = "\(dir)/\(program)"
      if fm.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }
}
