// `drc fuzz`: the differential fuzzer's command line (Sources/DRCDriver/FuzzCommand.swift).

import ArgumentParser
import DRCDriver
import Foundation

struct FuzzProgram: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fuzz",
    abstract:
      "Run random valid programs on the reference, the plan interpreter and OpenCL; minimise and save failures."
  )
  @Option(help: "How many programs.") var count = 100
  @Option(help: "The first program's seed (program i uses seed + i).") var seed: UInt64 = 1
  @Option(help: "About how many nodes each program grows by.") var steps = 10
  @Option(help: "Where minimised failing programs are saved as traces.")
  var save: String = "fuzz-failures"
  @Option(help: "OpenCL device index or name substring; 'host' checks no device.")
  var device: String?
  @Option(help: "Seconds one program may take before it counts as a hang (exit status 3).")
  var timeout: Double = 300

  func run() throws {
    do {
      var options = FuzzOptions(
        count: count, seed: seed, steps: steps, saveDirectory: save, device: device)
      options.timeout = timeout
      let report = try Fuzz.run(options: options) { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
      }
      print(Fuzz.text(report), terminator: "")
      if let (seed, reason) = report.stopped {
        // tools/fuzz.sh reads this line and goes on from the seed in a new process.
        print("fuzz: stopped before seed \(seed): \(reason)")
      }
      if !report.failures.isEmpty { throw ExitCode(1) }
      if report.stopped != nil { throw ExitCode(4) }
    } catch let exit as ExitCode {
      throw exit
    } catch {
      fail(error, path: nil)
    }
  }
}
