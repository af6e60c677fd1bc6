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
  @Flag(
    help:
      "Size-generic programs instead: each recorded at two sizes, compiled into one plan, run at three others."
  )
  var symbolic = false

  func run() throws {
    if symbolic { return try runSymbolic() }
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

  /// `--symbolic`: `SymbolicFuzz` over `count` seeds; traces of failing seeds stay in `save`.
  func runSymbolic() throws {
    try FileManager.default.createDirectory(atPath: save, withIntermediateDirectories: true)
    let directory = URL(fileURLWithPath: save)
    var failing = 0
    for i in 0..<count {
      let s = seed &+ UInt64(i)
      let failures = SymbolicFuzz.check(seed: s, directory: directory, device: device)
      for line in failures { print("fuzz: \(line)") }
      if failures.isEmpty {
        for (n, m) in SymbolicFuzz.recorded {
          try? FileManager.default.removeItem(
            at: directory.appendingPathComponent("symfuzz_\(s)_\(n)x\(m).json"))
        }
      } else {
        failing += 1
      }
    }
    print("\(count) size-generic programs, \(failing) failing")
    if failing > 0 { throw ExitCode(1) }
  }
}
