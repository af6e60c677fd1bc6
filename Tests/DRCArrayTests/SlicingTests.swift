// NumPy's slicing rules: stops past the end are clamped, negative bounds and steps go through
// `.s(start, stop, step)`, and a negative Swift range is an error that shows the `.s` spelling.

import DRCIR
import XCTest

@testable import DRCArray

final class SlicingTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testStopsPastTheEndAreClamped() throws {
    let x = try arange(0, 16)
    // x[:100] has all 16 elements; x[10:100] -> [10..15]; x[20:30] is empty
    XCTAssertEqual(x[..<100].shape, [16])
    XCTAssertEqual(try x[10..<100].toArray(), [10, 11, 12, 13, 14, 15])
    XCTAssertEqual(x[20..<30].shape, [0])
    XCTAssertEqual(x[14...].shape, [2])
    XCTAssertEqual(x[...100].shape, [16])
    XCTAssertEqual(x[0...Int.max].shape, [16], "no overflow at Int.max")
    // Python: x[-100:3] -> [0, 1, 2]; x[::-1][:3] -> [15, 14, 13]; x[10:2:-3] -> [10, 7, 4]
    XCTAssertEqual(try x[.s(-100, 3)].toArray(), [0, 1, 2])
    XCTAssertEqual(try x[.s(nil, nil, -1)][..<3].toArray(), [15, 14, 13])
    XCTAssertEqual(try x[.s(10, 2, -3)].toArray(), [10, 7, 4])
    // x[100::-1] starts at the last element: x[100::-5] -> [15, 10, 5, 0]
    XCTAssertEqual(try x[.s(100, nil, -5)].toArray(), [15, 10, 5, 0])
    // x[-3:] -> [13, 14, 15]; x[:-14] -> [0, 1]; x[::Int.min] -> [15]
    XCTAssertEqual(try x[.s(-3)].toArray(), [13, 14, 15])
    XCTAssertEqual(try x[.s(nil, -14)].toArray(), [0, 1])
    XCTAssertEqual(try x[.s(nil, nil, Int.min)].toArray(), [15])
    XCTAssertEqual(try x[.s(3, nil, Int.max)].toArray(), [3])  // x[3::huge] -> [3]
    XCTAssertEqual(try x[.s(-2, nil, -Int.max)].toArray(), [14])
  }

  func testNegativeSwiftRangesShowTheHelper() throws {
    let x = try arange(0, 16)
    let tail = x[(-3)...]  // the error carries this line (a getter cannot throw)
    XCTAssertThrowsError(try tail.toArray()) {
      XCTAssertTrue("\($0)".contains("write .s(-3) for NumPy's -3:"), "\($0)")
      XCTAssertTrue("\($0)".contains("SlicingTests.swift:\(#line - 3)"), "\($0)")
    }
    XCTAssertThrowsError(try x[(-4)..<(-1)].toArray()) {
      XCTAssertTrue("\($0)".contains("write .s(-4, -1) for NumPy's -4:-1"), "\($0)")
    }
    XCTAssertThrowsError(try x[..<(-2)].toArray()) {
      XCTAssertTrue("\($0)".contains("write .s(nil, -2)"), "\($0)")
    }
    XCTAssertThrowsError(try x[(-3)...(-1)].toArray()) {
      XCTAssertTrue("\($0)".contains("write .s(-3) for NumPy's -3:"), "\($0)")
    }
    XCTAssertThrowsError(try x[.s(0, 4, 0)].toArray()) {
      XCTAssertTrue("\($0)".contains("step cannot be 0"), "\($0)")
    }
    XCTAssertThrowsError(try x[16].toArray()) {  // an integer index stays strict, as NumPy's
      XCTAssertTrue("\($0)".contains("out of bounds"), "\($0)")
    }
  }

  func testEllipsis() throws {
    // x = np.arange(24.0).reshape(2, 3, 4)
    let x = try NDArray((0..<24).map(Double.init), shape: [2, 3, 4])
    // x[..., 0] -> [[0, 4, 8], [12, 16, 20]]; x[0, ...].shape -> (3, 4)
    XCTAssertEqual(x[.ellipsis, 0].shape, [2, 3])
    XCTAssertEqual(try x[.ellipsis, 0].toArray(), [0, 4, 8, 12, 16, 20])
    XCTAssertEqual(x[0, .ellipsis].shape, [3, 4])
    // x[..., None].shape -> (2, 3, 4, 1); x[:, ..., 1] -> [[1, 5, 9], [13, 17, 21]]
    XCTAssertEqual(x[.ellipsis, .newAxis].shape, [2, 3, 4, 1])
    XCTAssertEqual(try x[.all, .ellipsis, 1].toArray(), [1, 5, 9, 13, 17, 21])
    XCTAssertEqual(x[.ellipsis].shape, [2, 3, 4])
    XCTAssertEqual(x[0, 1, 2, .ellipsis].shape, [])
    // Writes through an ellipsis: x[..., 0] = -1; x[1, ...] += 100
    x[.ellipsis, 0] = -1.0
    try x[1, .ellipsis] += 100
    let v = try x.toArray()
    XCTAssertEqual(v[0], -1)
    XCTAssertEqual(v[4], -1)
    XCTAssertEqual(v[12], 99)
    XCTAssertEqual(v[13], 113)
    XCTAssertThrowsError(try x[.ellipsis, 0, .ellipsis].toArray()) {
      XCTAssertTrue("\($0)".contains("single ellipsis"), "\($0)")
    }
  }
}
