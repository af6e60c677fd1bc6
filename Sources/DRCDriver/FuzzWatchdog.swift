// A watchdog for `drc fuzz`: a program that takes too long is a hang, reported and saved.
//
// The campaign tells the watchdog which program it is checking; a background thread looks once
// a second, and when one program has run longer than the limit it saves that program (with its
// inputs, like any failure) as `hang_<seed>.json`, prints which seed hung and exits with status
// 3: a hang inside the compiler or a driver cannot be interrupted safely from outside.

import DRCIR
import DRCRuntime
import Foundation

/// Watches the program being checked and ends the process when one hangs.
final class FuzzWatchdog: @unchecked Sendable {
  private let lock = NSLock()
  private var current: (seed: UInt64, graph: Graph, inputs: [String: HostArray], start: Date)?
  private let limit: TimeInterval
  private let directory: String?
  private var stopped = false

  /// Starts watching: programs may run for `limit` seconds each.
  init(limit: TimeInterval, directory: String?) {
    self.limit = limit
    self.directory = directory
    let thread = Thread { [weak self] in
      while let self, !self.isStopped {
        Thread.sleep(forTimeInterval: 1)
        self.inspect()
      }
    }
    thread.start()
  }

  /// Whether watching has ended.
  private var isStopped: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopped
  }

  /// The program now being checked.
  func watch(seed: UInt64, graph: Graph, inputs: [String: HostArray]) {
    lock.lock()
    current = (seed, graph, inputs, Date())
    lock.unlock()
  }

  /// Stops watching.
  func stop() {
    lock.lock()
    stopped = true
    current = nil
    lock.unlock()
  }

  /// Ends the process when the current program has run past the limit.
  private func inspect() {
    lock.lock()
    let program = current
    lock.unlock()
    guard let program, Date().timeIntervalSince(program.start) > limit else { return }
    var g = program.graph
    g.name = "hang_\(program.seed)"
    let saved = directory.flatMap { try? Fuzz.save(g, program.inputs, directory: $0) }
    let text =
      "fuzz: seed \(program.seed) ran for more than \(Int(limit)) s (a hang)"
      + (saved.map { "; saved as \($0)" } ?? "") + "\n"
    FileHandle.standardError.write(Data(text.utf8))
    exit(3)
  }
}
