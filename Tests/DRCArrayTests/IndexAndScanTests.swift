// argmin / argmax and cumsum / cumprod in the array library, against NumPy's results written out
// by hand: axes, flattening, keepdims, the first-index and NaN rules, dtypes, the recorded ops,
// and the errors NumPy raises (an empty axis, an axis out of range) naming the source line.

import DRCIR
import Foundation
import XCTest

@testable import DRCArray

final class IndexAndScanTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }
  override func tearDown() { Session.shared.restart(recordingTo: nil) }

  func testArgmaxAndArgminAlongAnAxisTakeTheFirstExtreme() throws {
    let x = try NDArray([3.0, 1, 3, 0, 0, 2], shape: [2, 3])
    // np.argmax(x, axis=1) -> [0, 2]; np.argmin(x, axis=1) -> [1, 0] (ties: first index)
    let am = try x.argmax(axis: 1)
    XCTAssertEqual(am.dtype, .int64)
    XCTAssertEqual(try am.toArray(), [0, 2])
    XCTAssertEqual(try argmin(x, axis: 1).toArray(), [1, 0])
    // np.argmax(x, axis=0) -> [0, 0, 0]; np.argmin(x, axis=-2) -> [1, 1, 1]
    XCTAssertEqual(try x.argmax(axis: 0).toArray(), [0, 0, 0])
    XCTAssertEqual(try x.argmin(axis: -2).toArray(), [1, 1, 1])
    // Equal columns: np.argmin([[2, 5], [2, 5]], axis=0) -> [0, 0]
    XCTAssertEqual(try NDArray([2.0, 5, 2, 5], shape: [2, 2]).argmin(axis: 0).toArray(), [0, 0])
    // keepdims: shape (2, 1)
    XCTAssertEqual(try x.argmax(axis: 1, keepdims: true).shape, [2, 1])
  }

  func testFlattenedPositionsAndKeepdims() throws {
    let x = try NDArray([Int32(1), 5, 2, 5, -3, -3], shape: [3, 2])
    // np.argmax(x) -> 1; np.argmin(x) -> 4; keepdims=True -> shape (1, 1)
    XCTAssertEqual(try x.argmax().item(), 1)
    XCTAssertEqual(try argmin(x).item(), 4)
    let kept = try x.argmax(keepdims: true)
    XCTAssertEqual(kept.shape, [1, 1])
    XCTAssertEqual(kept.dtype, .int64)
    // A 0-d array: np.argmax(np.float64(7)) -> 0
    XCTAssertEqual(try NDArray([7.0], shape: []).argmax().item(), 0)
    // bool: np.argmax([False, True, True]) -> 1; np.argmin -> 0
    let b = try NDArray([false, true, true])
    XCTAssertEqual(try b.argmax().item(), 1)
    XCTAssertEqual(try b.argmin().item(), 0)
  }

  func testNaNIsTheExtremeAndTheFirstNaNWins() throws {
    let x = try NDArray([1.0, .nan, 5, .nan, -.infinity, -.infinity], shape: [2, 3])
    // np.argmax(x, axis=1) -> [1, 0]; np.argmin(x, axis=1) -> [1, 0]; np.argmax(x) -> 1
    XCTAssertEqual(try x.argmax(axis: 1).toArray(), [1, 0])
    XCTAssertEqual(try x.argmin(axis: 1).toArray(), [1, 0])
    XCTAssertEqual(try x.argmax().item(), 1)
    // Signed zeros are equal: np.argmax([-0.0, 0.0]) -> 0
    XCTAssertEqual(try NDArray([Float(-0.0), 0]).argmax().item(), 0)
  }

  func testAnEmptyAxisThrowsNamingTheLine() throws {
    let e = try NDArray([Double](), shape: [2, 0])
    XCTAssertThrowsError(try e.argmax(axis: 1)) {
      XCTAssertTrue("\($0)".contains("empty sequence"), "\($0)")
      XCTAssertTrue("\($0)".contains("IndexAndScanTests.swift:\(#line - 2)"), "\($0)")
    }
    XCTAssertThrowsError(try argmin(e)) {
      XCTAssertTrue("\($0)".contains("IndexAndScanTests.swift:\(#line - 1)"), "\($0)")
    }
    // Along the non-empty axis the result is empty, as NumPy: shape (0,)
    XCTAssertEqual(try e.argmax(axis: 0).shape, [0])
    XCTAssertThrowsError(try e.argmax(axis: 2)) {
      XCTAssertTrue("\($0)".contains("out of range"), "\($0)")
    }
  }

  func testCumsumAndCumprodAlongAnAxis() throws {
    let x = try NDArray([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
    // np.cumsum(x, axis=1) -> [[1, 3, 6], [4, 9, 15]]; axis=0 -> [[1, 2, 3], [5, 7, 9]]
    XCTAssertEqual(try x.cumsum(axis: 1).toArray(), [1, 3, 6, 4, 9, 15])
    XCTAssertEqual(try cumsum(x, axis: 0).toArray(), [1, 2, 3, 5, 7, 9])
    XCTAssertEqual(try x.cumsum(axis: -1).shape, [2, 3])
    // np.cumprod(x, axis=1) -> [[1, 2, 6], [4, 20, 120]]
    XCTAssertEqual(try cumprod(x, axis: 1).toArray(), [1, 2, 6, 4, 20, 120])
    // No axis: over the flattened array, 1-D
    let flat = try x.cumsum()
    XCTAssertEqual(flat.shape, [6])
    XCTAssertEqual(try flat.toArray(), [1, 3, 6, 10, 15, 21])
    XCTAssertEqual(try NDArray([2.5], shape: []).cumprod().shape, [1])
    XCTAssertThrowsError(try x.cumsum(axis: 2)) {
      XCTAssertTrue("\($0)".contains("IndexAndScanTests.swift:\(#line - 1)"), "\($0)")
    }
  }

  func testScanDtypesFollowNumPy() throws {
    // np.cumsum of bool and int32 gives int64; float32 stays float32
    let b = try NDArray([true, false, true])
    XCTAssertEqual(try b.cumsum().dtype, .int64)
    XCTAssertEqual(try b.cumsum().toArray(), [1, 1, 2])
    let k = try NDArray([Int32.max, 1])
    XCTAssertEqual(try k.cumsum().toArray(), [2_147_483_647, 2_147_483_648])
    let f = try NDArray([Float(0.5), 0.25, -0.0])
    XCTAssertEqual(try f.cumsum().dtype, .float32)
    XCTAssertEqual(try f.cumprod().toArray(), [0.5, 0.125, -0.0])
    // Leading -0: np.cumsum([-0.0, 1.0]) -> [-0.0, 1.0]
    XCTAssertEqual(try NDArray([-0.0, 1]).cumsum().toArray()[0].sign, .minus)
    // int64 products wrap: np.cumprod([2**62, 4]) -> [2**62, 0]
    XCTAssertEqual(try NDArray([Int64(1) << 62, 4]).cumprod().toArray(), [0x1p62, 0])
  }

  func testRecordedOpsAndAttributes() throws {
    Session.shared.restart(
      recordingTo: FileManager.default.temporaryDirectory.appendingPathComponent(
        "index-scan-\(ProcessInfo.processInfo.processIdentifier).json"
      ).path)
    let x = try input("x", [1.0, 4, 2, 8, 5, 7], shape: [2, 3])
    try output("am", try x.argmax(axis: -1, keepdims: true))
    try output("cs", try (x * 2).cumsum(axis: 0))
    try output("flat", try x.cumprod())
    let graph = Session.shared.graph
    XCTAssertEqual(Verifier.diagnose(graph).map(\.description), [])
    XCTAssertTrue(graph.nodes.contains { $0.op == .reduce(.argmax, axes: [1], keepdims: true) })
    XCTAssertTrue(graph.nodes.contains { $0.op == .scan(.cumsum, axis: 0) })
    XCTAssertTrue(graph.nodes.contains { $0.op == .scan(.cumprod, axis: 0) && $0.shape == [6] })
    XCTAssertTrue(
      graph.nodes.allSatisfy { $0.loc?.hasPrefix("Tests/DRCArrayTests/IndexAndScanTests") == true })
  }
}
