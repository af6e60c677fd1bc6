// In-place updates and aliasing must behave like NumPy's, including every case DelayRepay got
// wrong (../shared/notes/delayrepay.md): writes reach every view, earlier values stay unchanged.

import DRCIR
import XCTest

@testable import DRCArray

final class AliasingTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testCompoundAssignmentWritesIntoTheArrayAndItsViews() throws {
    var x = try NDArray([1.0, 2, 3, 4])
    let view = x[1..<3]
    let alias = x
    try x += 10
    XCTAssertEqual(try x.toArray(), [11, 12, 13, 14])
    XCTAssertEqual(try alias.toArray(), [11, 12, 13, 14], "another reference sees the write")
    XCTAssertEqual(try view.toArray(), [12, 13], "a view made before the write sees it")
  }

  func testWriteThroughAViewReachesTheBase() throws {
    let x = try NDArray([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
    var row = x[1]
    try row *= 2
    XCTAssertEqual(try x.toArray(), [1, 2, 3, 8, 10, 12])
    x[0, 1...] = try NDArray([7.0, 9])
    XCTAssertEqual(try x.toArray(), [1, 7, 9, 8, 10, 12])
    x[.all, 0] = try full([], -1)
    XCTAssertEqual(try x.toArray(), [-1, 7, 9, -1, 10, 12])
  }

  func testValuesComputedBeforeAWriteKeepTheirNumbers() throws {
    // DelayRepay: y = x + 1; x[0] = 100 gave y[0] == 101.
    let x = try NDArray([1.0, 2, 3])
    let y = try x + 1
    x[0] = try full([], 100)
    XCTAssertEqual(try y.toArray(), [2, 3, 4])
    XCTAssertEqual(try x.toArray(), [100, 2, 3])
  }

  func testSubscriptCompoundAssignmentUpdatesTheRegion() throws {
    let U = try zeros([4, 4], dtype: .float32)
    try U[1..<3, 1..<3] += full([], 5, dtype: .float32)
    XCTAssertEqual(try U.toArray(), [0, 0, 0, 0, 0, 5, 5, 0, 0, 5, 5, 0, 0, 0, 0, 0])
    XCTAssertEqual(U.dtype, .float32)
  }

  func testGrayScottInteriorViewsUpdateTheGrid() throws {
    // DelayRepay's Gray-Scott port never updated V: `v += ...` rebound v instead of writing.
    let V = try zeros([4, 4])
    var v = V[1..<3, 1..<3]
    for _ in 0..<3 { try v += try v + 1 }
    XCTAssertEqual(try V.toArray(), [0, 0, 0, 0, 0, 7, 7, 0, 0, 7, 7, 0, 0, 0, 0, 0])
  }

  func testWritesThroughTransposeReshapeAndReversedViews() throws {
    let x = try NDArray([0.0, 1, 2, 3, 4, 5], shape: [2, 3])
    let t = x.T
    t[0] = try NDArray([10.0, 20])
    XCTAssertEqual(try x.toArray(), [10, 1, 2, 20, 4, 5])
    let flat = x.reshape([6])
    flat[4..<6] = try NDArray([40.0, 50])
    XCTAssertEqual(try x.toArray(), [10, 1, 2, 20, 40, 50])
    let reversed = x[.all, .s(nil, nil, -1)]
    reversed[0, 0] = try full([], 99)
    XCTAssertEqual(try x.toArray(), [10, 1, 99, 20, 40, 50])
    let expanded = x.expandDims(0)
    expanded[0, 1, 1] = try full([], -4)
    XCTAssertEqual(try x.toArray(), [10, 1, 99, 20, -4, 50])
  }

  func testWritingIntoABroadcastViewIsAnError() throws {
    let x = try NDArray([1.0, 2])
    let b = x.broadcast(to: [3, 2])
    b[0] = try NDArray([5.0, 6])
    XCTAssertThrowsError(try DRC.check()) { error in
      XCTAssertTrue("\(error)".contains("read-only"), "\(error)")
    }
    XCTAssertEqual(try x.toArray(), [1, 2])
  }

  func testInPlaceCastFollowsSameKindRule() throws {
    var i = try NDArray([Int32(1), 2])
    do {
      try i += 0.5
      XCTFail("int32 += float64 must be refused")
    } catch {
      XCTAssertTrue("\(error)".contains("same-kind"), "\(error)")
    }
    var f = try NDArray([Float(1), 2])
    try f += try NDArray([0.5, 0.25])  // float64 into float32 is allowed, as in NumPy
    XCTAssertEqual(f.dtype, .float32)
    XCTAssertEqual(try f.toArray(), [1.5, 2.25])
    i[0] = try full([], 7.9)  // assignment casts (truncates) as NumPy's setitem does
    XCTAssertEqual(try i.toArray(), [7, 2])
  }
}
