// Hostile traces: seeded mutants of the repository's valid traces never crash or hang `drc`.
//
// A trace is untrusted input, so every trace must give a result or a clear `error:` with exit
// status 1: never a trap (overflow, index out of range, force unwrap, fatalError), a hang, or an
// allocation the machine cannot hold. TraceMutator turns the small traces in traces/ and
// traces/ops/ into a few hundred mutants; each is run through the built `drc` in a child process
// (a trap would kill this one): `validate`, and when that accepts it `print`, `interpret`,
// `compile` (fused, writing the plan and the checked OpenCL C), `compile --unfused`,
// `explain --json`, and `compile` of the mutant with its original as two recorded sizes.
// Children run under `ulimit -v` and `DRC_MEMORY_LIMIT`, so a missed budget check shows up as a
// crash here rather than as a machine out of memory.

import DRCProcess
import Foundation
import XCTest

#if canImport(Glibc)
  import Glibc
#endif

final class HostileTraceTests: XCTestCase {
  /// Mutants made from each source trace (`DRC_HOSTILE_MUTANTS` for a longer local search).
  static let mutantsPerTrace =
    ProcessInfo.processInfo.environment["DRC_HOSTILE_MUTANTS"].flatMap { Int($0) } ?? 6
  /// Added to every seed (`DRC_HOSTILE_SEED`), to search other mutants than the default ones.
  static let seedOffset =
    ProcessInfo.processInfo.environment["DRC_HOSTILE_SEED"].flatMap { UInt64($0) } ?? 0
  /// Seconds a command may take before it counts as a hang.
  static let timeout = 30.0

  /// The small valid traces the mutants start from.
  static func sources() throws -> [URL] {
    var urls: [URL] = []
    for folder in ["traces/ops", "traces"] {
      let dir = URL(fileURLWithPath: Repo.path(folder))
      for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
      where name.hasSuffix(".json") && !name.hasSuffix(".expected.json") {
        let url = dir.appendingPathComponent(name)
        let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
        if size <= 25_000 { urls.append(url) }
      }
    }
    return urls
  }

  func testMutantsGiveAResultOrAClearError() throws {
    let started = Date()
    let dir = try Repo.temporaryDirectory()
    var jobs: [(file: String, source: String, edits: String)] = []
    for (t, source) in try Self.sources().enumerated() {
      let text = try String(contentsOf: source, encoding: .utf8)
      let json = try XCTUnwrap(MutantJSON.parse(text), source.lastPathComponent)
      var mutator = TraceMutator(
        json, seed: (UInt64(t + 1) &+ Self.seedOffset) &* 0x1234_5678_9ABC_DEF1)
      let mutants = mutator.systematic() + (0..<Self.mutantsPerTrace).map { _ in mutator.mutant() }
      for (m, (mutant, edits)) in mutants.enumerated() {
        let name = "\(source.deletingPathExtension().lastPathComponent)-\(m).json"
        try Data(mutant.text.utf8).write(to: dir.appendingPathComponent(name))
        jobs.append(
          (name, source.path, "\(source.lastPathComponent): " + edits.joined(separator: "; ")))
      }
    }
    let results = Results()
    let queue = jobs
    DispatchQueue.concurrentPerform(iterations: 2) { worker in
      for (i, job) in queue.enumerated() where i % 2 == worker {
        let path = dir.appendingPathComponent(job.file).path
        let outcome = Self.check(
          path: path, source: job.source, scratch: dir.appendingPathComponent("out-\(i)").path)
        results.add(job.file, job.edits, outcome)
      }
    }
    let seconds = Int(Date().timeIntervalSince(started))
    print("hostile traces: \(jobs.count) mutants, \(results.accepted) accepted, \(seconds) s")
    XCTAssertGreaterThanOrEqual(jobs.count, 25 * Self.mutantsPerTrace)
    // Enough mutants must get past the verifier for the later stages to be exercised at all.
    XCTAssertGreaterThanOrEqual(results.accepted, jobs.count / 10)
    XCTAssertTrue(
      results.failures.isEmpty,
      "\(results.failures.count) mutants (kept in \(dir.path)):\n"
        + results.failures.sorted().joined(separator: "\n"))
    if results.failures.isEmpty { try? FileManager.default.removeItem(at: dir) }
  }

  /// What went wrong with one mutant (nil when every command behaved), and whether it was valid.
  /// `source` is the trace the mutant came from: the pair is also compiled as one program
  /// recorded at two sizes.
  static func check(path: String, source: String, scratch: String) -> (
    problem: String?, accepted: Bool
  ) {
    let validate = run(["validate", path])
    if let problem = validate.problem(expecting: "valid drc trace") {
      return ("validate: \(problem)", false)
    }
    guard validate.status == 0 else { return (nil, false) }
    let commands: [(args: [String], expect: String)] = [
      (["print", path], "program "),
      (["interpret", path], "interpreted"),
      (["compile", "--emit", "plan,cl", "--output-dir", scratch, path], "wrote"),
      (["compile", "--unfused", "--emit", "cl", "--output-dir", scratch, path], "wrote"),
      (["explain", "--json", path], "launches"),
      (["compile", "--output-dir", scratch, path, source], "wrote"),
    ]
    for command in commands {
      if let problem = run(command.args).problem(expecting: command.expect) {
        return ("\(command.args[0]): \(problem)", true)
      }
    }
    return (nil, true)
  }

  /// How a child ended.
  struct Outcome {
    var status: Int32
    var signalled: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String

    /// Why this outcome is not a result or a clear error, or nil when it is one.
    func problem(expecting marker: String) -> String? {
      let tail = String(stderr.suffix(600))
      if timedOut { return "no result after \(HostileTraceTests.timeout) s" }
      if signalled { return "killed by signal \(status): \(tail)" }
      switch status {
      case 0:
        return stdout.contains(marker)
          ? nil : "exit 0 without '\(marker)' in: \(stdout.prefix(300))"
      case 1:
        return stderr.hasPrefix("error: ") ? nil : "exit 1 without an error line: \(tail)"
      default: return "exit \(status): \(tail)"
      }
    }
  }

  /// Runs `drc` with `arguments` under a memory limit and the timeout.
  static func run(_ arguments: [String]) -> Outcome {
    let drc =
      ProcessInfo.processInfo.environment["DRC_HOSTILE_DRC"]
      ?? Repo.products.appendingPathComponent("drc").path
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "DRC_RECORD")
    env["DRC_MEMORY_LIMIT"] = "64M"
    // exec: the shell is replaced by drc, so a signal that kills drc is what the parent sees.
    // ChildProcess, not Foundation's Process, which crashes in a process holding as many
    // descriptors as a long test run does.
    do {
      let child = try ChildProcess.run(
        "/bin/sh", ["-c", "ulimit -v 8388608; exec \"$0\" \"$@\"", drc] + arguments,
        environment: env, timeout: timeout)
      return Outcome(
        status: child.status, signalled: child.signalled, timedOut: child.timedOut,
        stdout: child.stdout, stderr: child.stderr)
    } catch {
      return Outcome(status: -1, signalled: false, timedOut: false, stdout: "", stderr: "\(error)")
    }
  }

  /// Results gathered from the workers.
  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var failures: [String] = []
    private(set) var accepted = 0

    func add(_ file: String, _ edits: String, _ outcome: (problem: String?, accepted: Bool)) {
      lock.lock()
      defer { lock.unlock() }
      if outcome.accepted { accepted += 1 }
      if let problem = outcome.problem { failures.append("\(file) [\(edits)]: \(problem)") }
    }
  }
}
