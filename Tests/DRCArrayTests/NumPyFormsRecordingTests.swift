// The NumPy forms record valid graphs of existing ops: a program using them verifies, every node
// names the test's source line, and the new forms need no new op (no trace-format change).

import DRCIR
import XCTest

@testable import DRCArray

final class NumPyFormsRecordingTests: XCTestCase {
  override func setUp() {
    Session.shared.restart(
      recordingTo: FileManager.default.temporaryDirectory.appendingPathComponent(
        "numpy-forms-\(ProcessInfo.processInfo.processIdentifier).json"
      ).path)
  }
  override func tearDown() { Session.shared.restart(recordingTo: nil) }

  func testAProgramOfNewFormsRecordsAVerifiedGraph() throws {
    let x = try input("x", [1.0, -2, 3, -4, 5, -6], shape: [2, 3])
    let k = try input("k", [Int32(7), -7, 9])
    let r = try k % 4
    let q = try floorDivide(x, 2.5)
    try x[try x < 0] += 10
    x[0, .all] = 0.0
    let s = try stack([try roll(k, 1), try k.repeat(1)], axis: 1)
    let t = try tril(try eye(2, 3)) + hypot(x[.all, 0..<1], x[.all, .newAxis, 1])
    let flags = try isfinite(x).all(axis: 0)
    let ranked = try select(try x > 0, 1.0, x)
    try output("r", r)
    try output("q", q)
    try output("s", s)
    try output("t", t)
    try output("flags", flags)
    try output("ranked", ranked)
    try output("sign", try sign(try clip(x, min: -1, max: 1)))
    let graph = Session.shared.graph
    XCTAssertEqual(Verifier.diagnose(graph).map(\.description), [])
    XCTAssertTrue(
      graph.nodes.allSatisfy {
        $0.loc?.hasPrefix("Tests/DRCArrayTests/NumPyFormsRecordingTests") == true
      },
      "every node names the test's line: \(graph.nodes.filter { $0.loc == nil }.map(\.op.name))")
    let remainderLine = "NumPyFormsRecordingTests.swift:\(#line - 20)"
    XCTAssertTrue(graph.nodes.contains { $0.loc?.hasSuffix(remainderLine) == true })
    // The masked += is a `where` and an update of the base, not a gather.
    XCTAssertTrue(graph.nodes.contains { $0.op == .select })
    XCTAssertEqual(try r.toArray(), [3, 1, 1])  // np.remainder([7, -7, 9], 4)
    XCTAssertEqual(try x.toArray(), [0, 0, 0, 6, 5, 4])  // x[x < 0] += 10; x[0, :] = 0
  }
}
