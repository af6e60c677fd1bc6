// ChildProcess: the exit status, a signal, the timeout, both outputs, the environment and the
// directory reach the caller, a missing executable is an error, and children start reliably
// from a process holding 1,500 open descriptors (where Foundation's Process.run() reads past
// a buffer and crashes about one run in five; ChildProcess.swift).

import DRCProcess
import Foundation
import XCTest

final class ChildProcessTests: XCTestCase {
  private let env = ["PATH": "/usr/bin:/bin", "GREETING": "hello"]

  func testStatusOutputsEnvironmentAndDirectory() throws {
    let child = try ChildProcess.run(
      "/bin/sh", ["-c", "echo \"$GREETING\"; pwd; echo oops >&2; exit 7"], environment: env,
      directory: "/tmp")
    XCTAssertEqual(child.status, 7)
    XCTAssertFalse(child.signalled)
    XCTAssertFalse(child.timedOut)
    XCTAssertEqual(child.stdout, "hello\n/tmp\n")
    XCTAssertEqual(child.stderr, "oops\n")
  }

  func testSignalsAndTimeouts() throws {
    let killed = try ChildProcess.run("/bin/sh", ["-c", "kill -9 $$"], environment: env)
    XCTAssertTrue(killed.signalled)
    XCTAssertEqual(killed.status, 9)
    let start = Date()
    let slow = try ChildProcess.run("/bin/sleep", ["30"], environment: env, timeout: 0.3)
    XCTAssertTrue(slow.timedOut)
    XCTAssertTrue(slow.signalled)
    XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    XCTAssertThrowsError(try ChildProcess.run("/no/such/program", [], environment: env)) {
      XCTAssertTrue("\($0)".contains("cannot start /no/such/program"), "\($0)")
    }
  }

  func testManyOpenDescriptorsAreNeitherAProblemNorInherited() throws {
    var opened: [Int32] = []
    defer { for fd in opened { close(fd) } }
    for _ in 0..<1500 {
      let fd = open("/dev/null", O_RDONLY)
      guard fd >= 0 else { break }
      opened.append(fd)
    }
    XCTAssertGreaterThan(opened.count, 1000, "could not open enough descriptors to test")
    for _ in 0..<20 {
      let child = try ChildProcess.run(
        "/bin/sh", ["-c", "ls /proc/self/fd | wc -l"], environment: env)
      XCTAssertEqual(child.status, 0, child.stderr)
      // stdin, stdout, stderr and the one ls opens to list them: nothing of this process's.
      XCTAssertLessThanOrEqual(
        Int(child.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 99, 5)
    }
  }
}
