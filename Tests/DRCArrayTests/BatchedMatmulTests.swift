// matmul of stacks of matrices (operands of more than two dimensions) against NumPy's results:
// batch axes broadcast, 1-D operands on either side, an empty batch, the errors NumPy raises,
// `dot` refusing N-D operands, and the cap on recorded products; then the same forms on the
// device in device mode, equal to the reference.

import DRCIR
import XCTest

@testable import DRCArray

final class BatchedMatmulTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  /// `values` reshaped, as NumPy's `np.array(values).reshape(shape)`.
  func array(_ values: [Double], _ shape: [Int]) throws -> NDArray {
    try NDArray(values, shape: shape)
  }

  func testStacksAgainstNumPy() throws {
    // a = np.arange(12.0).reshape(2, 2, 3) - 5; b = np.arange(12.0).reshape(2, 3, 2) * 0.5
    let a = try array((0..<12).map { Double($0) - 5 }, [2, 2, 3])
    let b = try array((0..<12).map { Double($0) * 0.5 }, [2, 3, 2])
    let c = try matmul(a, b)
    XCTAssertEqual(c.shape, [2, 2, 2])
    XCTAssertEqual(try c.toArray(), [-10, -16, -1, -2.5, 26, 29, 62, 69.5])
    // 1-D operands: v @ b3 is (2, 4); a @ v is (2, 2).
    let v = try NDArray([1.0, -2, 0.5])
    let b3 = try array((0..<24).map(Double.init), [2, 3, 4])
    let left = try matmul(v, b3)
    XCTAssertEqual(left.shape, [2, 4])
    XCTAssertEqual(try left.toArray(), [-4, -4.5, -5, -5.5, -10, -10.5, -11, -11.5])
    let right = try matmul(a, v)
    XCTAssertEqual(right.shape, [2, 2])
    XCTAssertEqual(try right.toArray(), [1.5, 0, -1.5, -3])
  }

  func testBatchAxesBroadcast() throws {
    // a2 = np.arange(12.0).reshape(2, 1, 2, 3) / 3; b2 = np.arange(18.0).reshape(3, 3, 2) - 4
    let a = try array((0..<12).map { Double($0) / 3 }, [2, 1, 2, 3])
    let b = try array((0..<18).map { Double($0) - 4 }, [3, 3, 2])
    let c = try matmul(a, b)
    XCTAssertEqual(c.shape, [2, 3, 2, 2])
    let want = [
      -0.6666666666666666, 0.3333333333333333, -6.666666666666666, -2.666666666666666,
      5.333333333333333, 6.333333333333333, 17.333333333333332, 21.333333333333332,
      11.333333333333332, 12.333333333333332, 41.333333333333336, 45.33333333333333,
      -12.666666666666668, -5.666666666666668, -18.666666666666668, -8.666666666666668,
      29.333333333333332, 36.333333333333336, 41.333333333333336, 51.333333333333336,
      71.33333333333333, 78.33333333333334, 101.33333333333333, 111.33333333333334,
    ]
    let got = try c.toArray()
    XCTAssertEqual(got.count, want.count)
    for (g, w) in zip(got, want) { XCTAssertEqual(g, w, accuracy: 1e-12 * max(1, abs(w))) }
  }

  func testEmptyBatchAndErrors() throws {
    let empty = try matmul(try zeros([0, 2, 3]), try zeros([3, 4]))
    XCTAssertEqual(empty.shape, [0, 2, 4])
    XCTAssertEqual(try empty.toArray(), [])
    let a = try zeros([2, 2, 3])
    XCTAssertThrowsError(try matmul(a, try zeros([2, 4, 2]))) {
      XCTAssertTrue("\($0)".contains("inner dimensions differ: [2, 2, 3] and [2, 4, 2]"), "\($0)")
      XCTAssertTrue("\($0)".contains("BatchedMatmulTests.swift:\(#line - 2)"), "\($0)")
    }
    XCTAssertThrowsError(try matmul(a, try zeros([3, 3, 2]))) {
      XCTAssertTrue("\($0)".contains("batch dimensions [2] and [3] do not broadcast"), "\($0)")
    }
    XCTAssertThrowsError(try dot(a, try zeros([3, 2]))) {
      XCTAssertTrue("\($0)".contains("dot: takes 1-D and 2-D operands"), "\($0)")
    }
    XCTAssertThrowsError(try matmul(try zeros([4097, 1, 1]), try zeros([1, 1]))) {
      XCTAssertTrue("\($0)".contains("more than 4096 matrices"), "\($0)")
    }
    XCTAssertThrowsError(try matmul(try zeros([]), a)) {
      XCTAssertTrue("\($0)".contains("matmul"), "\($0)")
    }
  }

  func testRecordedAsTwoDimensionalProducts() throws {
    // Under recording, a stack of 3 matrices is 3 matmul nodes of 2-D operands, and the graph
    // verifies with every node at this test's lines.
    Session.shared.restart(
      recordingTo: FileManager.default.temporaryDirectory.appendingPathComponent(
        "batched-\(ProcessInfo.processInfo.processIdentifier).json"
      ).path)
    defer { Session.shared.restart(recordingTo: nil) }
    let q = try input("q", (0..<24).map { Double($0) / 10 }, shape: [3, 2, 4])
    let k = try input("k", (0..<24).map { 1 - Double($0) / 7 }, shape: [3, 2, 4])
    let scores = try matmul(q, k.swapaxes(-1, -2))
    XCTAssertEqual(scores.shape, [3, 2, 2])
    try output("scores", scores)
    let graph = Session.shared.graph
    XCTAssertEqual(Verifier.diagnose(graph).map(\.description), [])
    let products = graph.nodes.filter { $0.op == .matmul }
    XCTAssertEqual(products.count, 3)
    for p in products {
      XCTAssertTrue(p.operands.allSatisfy { graph.nodes[$0].shape.count == 2 })
      XCTAssertTrue(p.loc?.contains("BatchedMatmulTests.swift") == true, "\(p.loc ?? "nil")")
    }
  }

}
