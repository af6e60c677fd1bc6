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
    subcommands: [Validate.self, Print.self])
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
