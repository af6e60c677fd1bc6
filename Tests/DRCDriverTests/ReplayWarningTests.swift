// A scalar read back with operations after it may have steered the program: drc compile warns.

import Foundation
import XCTest

final class ReplayWarningTests: XCTestCase {
  func testScalarReadBackFollowedByOperationsIsReported() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = """
      {
        "format": "drc-trace", "version": 1, "producer": "test", "program": "steer",
        "inputs": [{"name": "x", "dtype": "float64", "shape": [4]}], "params": [],
        "nodes": [
          {"id": 0, "op": "input", "args": [], "dtype": "float64", "shape": [4], "attrs": {"name": "x"}, "loc": "steer.swift:1"},
          {"id": 1, "op": "sum", "args": [0], "dtype": "float64", "shape": [], "attrs": {"axes": [0], "keepdims": false}, "loc": "steer.swift:2"},
          {"id": 2, "op": "neg", "args": [0], "dtype": "float64", "shape": [4], "loc": "steer.swift:4"}
        ],
        "outputs": [{"name": "y", "node": 2}],
        "readbacks": [{"node": 1, "position": 2, "kind": "item", "loc": "steer.swift:3"}]
      }
      """
    let path = dir.appendingPathComponent("steer.json").path
    try trace.write(toFile: path, atomically: true, encoding: .utf8)
    let run = try Repo.run("drc", ["compile", path, "--output-dir", dir.path])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(
      run.stderr.contains(
        "warning: the host read n1 (sum) as a scalar at steer.swift:3 and 1 operation was recorded after it"
      ),
      run.stderr)
    // A value computed with as a Swift number came back as a constant: the warning says so.
    XCTAssertTrue(run.stderr.contains("keeps the recorded numbers for every input"), run.stderr)
    let quiet = try Repo.run(
      "drc", ["compile", Repo.path("traces/loglikelihood.json"), "--output-dir", dir.path])
    XCTAssertFalse(quiet.stderr.contains("warning:"), quiet.stderr)
  }
}
