// The `drc` command: a thin argument-parsing layer over DRCDriver.

import ArgumentParser
import DRCDriver
import DRCTrace
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

struct DRC: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "drc",
    abstract: "An ahead-of-time trace compiler for array programs.",
    version: TraceFormat.drcVersion,
    subcommands: [
      Validate.self, Print.self, Interpret.self, Record.self, Compile.self, Explain.self, Run.self,
      Verify.self, Bench.self, Devices.self, FuzzProgram.self,
    ])
}

/// Prints `error:` lines to standard error and exits with status 1.
func fail(_ error: any Error, path: String?) -> Never {
  let text = ErrorReport.lines(error, path: path).joined(separator: "\n") + "\n"
  FileHandle.standardError.write(Data(text.utf8))
  exit(1)
}

struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a trace: structure, ops, dtypes, shapes and saved data.")
  @Argument(help: "The trace file (JSON).") var trace: String

  func run() throws {
    do {
      print(try InspectCommands.validate(path: trace))
    } catch {
      fail(error, path: trace)
    }
  }
}

struct Print: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Print a trace's IR in text form.")
  @Argument(help: "The trace file (JSON).") var trace: String

  func run() throws {
    do {
      print(try InspectCommands.printIR(path: trace), terminator: "")
    } catch {
      fail(error, path: trace)
    }
  }
}

DRC.main()

struct Interpret: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a trace on the reference interpreter and summarise its outputs.")
  @Argument(help: "The trace file (JSON).") var trace: String
  @Flag(help: "Print one JSON object instead of text.") var json = false
  @Flag(name: .customLong("float64"), help: "Compute float32 nodes in float64 (the oracle).")
  var float64 = false
  @Option(help: "Seed for random values of inputs the trace did not save.") var seed: UInt64 = 0
  @Option(help: "Also write every output as <outputs>/<name>.npy (NumPy format 1.0).")
  var outputs: String?

  func run() throws {
    do {
      let report =
        json
        ? try InterpretCommand.json(path: trace, seed: seed, float64: float64, outputs: outputs)
        : try InterpretCommand.text(path: trace, seed: seed, float64: float64, outputs: outputs)
      print(report, terminator: "")
    } catch {
      fail(error, path: trace)
    }
  }
}

struct Record: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a DRCArray program with recording on and write its trace.",
    usage: "drc record [--output FILE] [--save-inputs] -- <program> [args...]")
  @Option(name: .shortAndLong, help: "The trace file to write (default: <program>.json).")
  var output: String?
  @Flag(help: "Save input values in the trace (inline when small, else sidecar files).")
  var saveInputs = false
  @Argument(parsing: .captureForPassthrough, help: "The program and its arguments, after --.")
  var command: [String] = []

  func run() throws {
    var words = command
    if words.first == "--" { words.removeFirst() }
    guard let program = words.first else {
      fail(
        TraceError(
          "no program given: drc record [--output FILE] [--save-inputs] -- <program> [args...]"),
        path: nil)
    }
    do {
      let outcome = try RecordCommand.run(
        program: program, arguments: Array(words.dropFirst()), output: output,
        saveInputs: saveInputs)
      if outcome.status != 0 {
        FileHandle.standardError.write(Data("drc record: \(outcome.message)\n".utf8))
        Foundation.exit(outcome.status)
      }
      print(outcome.message)
    } catch {
      fail(error, path: nil)
    }
  }
}

struct Devices: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the OpenCL platforms and devices drc can run on (select one with DRC_DEVICE).")
  @Flag(help: "Print one JSON object instead of text.") var json = false

  func run() throws {
    do {
      print(json ? try DevicesCommand.json() : try DevicesCommand.text(), terminator: "")
    } catch {
      fail(error, path: nil)
    }
  }
}

/// Options shared by the commands that compile a trace.
struct CompileFlags: ParsableArguments {
  @Flag(help: "One kernel per op: the baseline fusion is measured against.") var unfused = false
  @Flag(help: "Allow inexact rewrites (docs/numerics.md).") var fastMath = false
  @Option(help: "Print the IR after this pass (or 'all'); repeatable.") var dumpAfter: [String] = []
  @Option(
    help: ArgumentHelp(
      "Lanes per work-item of generated kernels: portable, device, N or N,M.",
      discussion:
        "portable: 8 for 4-byte values, 4 for 8-byte (the default of compile and explain). device: the preferred widths of the device chosen by --device or DRC_DEVICE (the default of run, verify and bench). N,M: lanes for 4-byte and 8-byte kernels, each 1, 2, 4, 8 or 16."
    ))
  var vectorWidth: String?

  /// The compile options, with `--vector-width` (or `fallback`) resolved against `device`.
  func options(device: String? = nil, fallback: VectorWidthChoice = .portable) throws
    -> CompileOptions
  {
    CompileOptions(
      fuse: !unfused, fastMath: fastMath, dumpAfter: Set(dumpAfter),
      vectorWidths: try VectorWidthChoice.widths(vectorWidth, fallback: fallback, device: device))
  }
}

struct Compile: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Optimise and fuse a trace and write the plan and its OpenCL kernels.")
  @Argument(
    help:
      "The trace file (JSON); or the same program recorded at two (or three) sizes, for one plan that serves every size."
  )
  var traces: [String]
  @Option(help: "Where to write the outputs.") var outputDir = "."
  @Option(help: "What to write, comma-separated: plan, cl, spir, spirv, swift.") var emit = "plan"
  @Flag(help: "Print the time each pass took.") var timePasses = false
  @OptionGroup var flags: CompileFlags

  func run() throws {
    do {
      let kinds = emit.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
      let known: Set<String> = Set(["plan"]).union(Emission.kinds)
      if let bad = kinds.first(where: { !known.contains($0) }) {
        throw TraceError(
          "--emit \(bad) is not supported (supported: \(known.sorted().joined(separator: ", ")))")
      }
      let compilation =
        traces.count == 1
        ? try Compilation(path: traces[0], options: try flags.options())
        : try DynamicCompilation.make(paths: traces, options: try flags.options())
      for warning in compilation.replayWarnings {
        FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
      }
      var written: [String] = []
      if kinds.contains("plan") { written += try compilation.writePlan(to: outputDir) }
      written += try Emission.write(compilation, emit: kinds, to: outputDir)
      if timePasses { for line in compilation.timingLines { print(line) } }
      for path in written { print("wrote \(path)") }
    } catch {
      fail(error, path: traces.first)
    }
  }
}

struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show each kernel of the plan: its ops, source lines, bytes, and why fusion stopped.")
  @Argument(help: "The trace file (JSON); or the same program recorded at two (or three) sizes.")
  var traces: [String]
  @Flag(help: "Print JSON instead of a table.") var json = false
  @Option(help: "Also write a Graphviz graph of the trace with kernels as clusters.") var dot:
    String?
  @OptionGroup var flags: CompileFlags

  func run() throws {
    do {
      let compilation =
        traces.count == 1
        ? try Compilation(path: traces[0], options: try flags.options())
        : try DynamicCompilation.make(paths: traces, options: try flags.options())
      let explanation = Explanation(compilation)
      print(json ? try explanation.json() : explanation.table(), terminator: "")
      if let dot { try explanation.dot().write(toFile: dot, atomically: true, encoding: .utf8) }
    } catch {
      fail(error, path: traces.first)
    }
  }
}
