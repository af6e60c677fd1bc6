// The command line on argmin/argmax and cumsum/cumprod: `drc validate` refuses an argmax over an
// empty axis and a scan axis out of range with errors naming node, op and source line (exit 1,
// no trap), shows the trace's minor version (1.2) and refuses a newer or under-declared one, and
// `drc explain` shows scan kernels with their scanned axis, strategy and fused prologue.

import Foundation
import XCTest

final class IndexScanCommandTests: XCTestCase {
  func testValidateNamesTheBadNodes() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let trace = """
      {"format": "drc-trace", "version": 1, "minor": 2, "producer": "test", "program": "p",
       "inputs": [{"name": "x", "dtype": "float32", "shape": [4, 0]}], "params": [],
       "nodes": [
        {"id": 0, "op": "input", "args": [], "dtype": "float32", "shape": [4, 0],
         "attrs": {"name": "x"}, "loc": "m.swift:1"},
        {"id": 1, "op": "argmax", "args": [0], "dtype": "int64", "shape": [4],
         "attrs": {"axes": [1]}, "loc": "m.swift:7"},
        {"id": 2, "op": "cumsum", "args": [0], "dtype": "float32", "shape": [4, 0],
         "attrs": {"axis": 3}, "loc": "m.swift:8"}],
       "outputs": [{"name": "y", "node": 1}], "readbacks": []}
      """
    let path = dir.appendingPathComponent("bad.json").path
    try trace.write(toFile: path, atomically: true, encoding: .utf8)
    let run = try Repo.run("drc", ["validate", path])
    XCTAssertEqual(run.status, 1, run.stderr)
    XCTAssertTrue(
      run.stderr.contains(
        "node 1 (argmax) at m.swift:7: attempt to get argmax of an empty sequence"),
      run.stderr)
    XCTAssertTrue(
      run.stderr.contains("node 2 (cumsum) at m.swift:8: axis 3 out of range for rank 2"),
      run.stderr)
  }

  func testValidateShowsAndChecksTheMinorVersion() throws {
    let scans = try Repo.run("drc", ["validate", Repo.path("traces/ops/scans.json")])
    XCTAssertEqual(scans.status, 0, scans.stderr)
    XCTAssertTrue(
      scans.stdout.contains("scans: valid drc trace v1.2 (make-op-traces.py)"), scans.stdout)
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let text = try String(contentsOfFile: Repo.path("traces/ops/scans.json"), encoding: .utf8)
    for (minor, message) in [
      ("\"minor\": 99,", "trace minor version 1.99 is newer than this drc reads (1."),
      ("\"minor\": 1,", "(cumsum) at tools/make-op-traces.py:"),
    ] {
      let path = dir.appendingPathComponent("minor.json").path
      try text.replacingOccurrences(of: "\"minor\": 2,", with: minor)
        .write(toFile: path, atomically: true, encoding: .utf8)
      let run = try Repo.run("drc", ["validate", path])
      XCTAssertEqual(run.status, 1, run.stdout)
      XCTAssertTrue(run.stderr.contains(message), run.stderr)
    }
  }

  func testExplainShowsScanKernels() throws {
    let run = try Repo.run("drc", ["explain", Repo.path("traces/ops/scans.json")])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(run.stdout.contains("scan over [2] x scan [5]"), run.stdout)
    XCTAssertTrue(run.stdout.contains("scan over [] x scan [5000], 2 launches"), run.stdout)
    // The prologue x * 2 + 1 and the epilogue (the running mean's division) are fused into the
    // scan's kernel; the window sums, reading shifted elements, are not.
    XCTAssertTrue(
      run.stdout.contains("ops:    7 nodes: full x2, mul, add, cumsum, arange, div"), run.stdout)
    let index = try Repo.run("drc", ["explain", Repo.path("traces/ops/index_reductions.json")])
    XCTAssertEqual(index.status, 0, index.stderr)
    XCTAssertTrue(index.stdout.contains("reduction over [] x reduce [3000]"), index.stdout)
  }
}
