// Running a child process to completion: its exit status (or signal), its output and its errors.
//
// Foundation's `Process` crashes intermittently on Linux in a process holding many descriptors
// (`drc_spawn.c` says why), which a long test run is; this runs the child through
// `posix_spawn` (`drc_spawn`) with stdout and stderr going to temporary files, read once it has
// ended, and an optional timeout after which it is killed. The executable is a path (no
// search of PATH).

import CSpawn
import Foundation

/// A finished child process.
public struct ChildProcess: Sendable {
  /// The exit status, or the signal's number when `signalled`.
  public var status: Int32
  /// Whether a signal ended the child.
  public var signalled: Bool
  /// Whether the timeout ended it (it was killed).
  public var timedOut: Bool
  /// What it wrote to stdout.
  public var stdout: String
  /// What it wrote to stderr.
  public var stderr: String

  /// An error starting the child.
  public struct SpawnError: Error, CustomStringConvertible {
    /// What failed.
    public var description: String
  }

  /// Runs `executable` (a path) with `arguments` and exactly `environment`, in `directory`
  /// (nil: this process's), waiting at most `timeout` seconds (nil: without limit).
  public static func run(
    _ executable: String, _ arguments: [String], environment: [String: String],
    directory: String? = nil, timeout: Double? = nil
  ) throws -> ChildProcess {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent(
      "drc-child-\(UUID().uuidString)"
    ).path
    let (outPath, errPath) = (base + ".out", base + ".err")
    defer {
      try? FileManager.default.removeItem(atPath: outPath)
      try? FileManager.default.removeItem(atPath: errPath)
    }
    let argv = ([executable] + arguments).map { strdup($0) }
    let envp = environment.map { strdup("\($0.key)=\($0.value)") }
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let rc = (argv + [nil]).withUnsafeBufferPointer { a in
      (envp + [nil]).withUnsafeBufferPointer { e in
        drc_spawn(executable, a.baseAddress, e.baseAddress, directory, outPath, errPath, &pid)
      }
    }
    guard rc == 0 else {
      throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(rc)))")
    }
    var raw: Int32 = 0
    var timedOut = false
    let deadline = timeout.map { Date().addingTimeInterval($0) }
    while true {
      let done = waitpid(pid, &raw, deadline == nil ? 0 : WNOHANG)
      if done == pid { break }
      if done < 0 && errno != EINTR {
        throw SpawnError(
          description: "waiting for \(executable): \(String(cString: strerror(errno)))")
      }
      if let deadline, Date() > deadline, !timedOut {
        timedOut = true
        kill(pid, SIGKILL)
      }
      if deadline != nil { usleep(2000) }
    }
    let read = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    let signal = raw & 0x7f
    return ChildProcess(
      status: signal == 0 ? (raw >> 8) & 0xff : signal, signalled: signal != 0,
      timedOut: timedOut, stdout: read(outPath), stderr: read(errPath))
  }
}
