// NumPy's bitwise operators on integer and bool arrays against NumPy 2.4's printed results:
// `&`, `|`, `^`, `~`, `<<`, `>>` (with Swift Ints too), promotion of int32 with int64, shifts by
// counts outside the width, bools staying logical, and floats refused.

import DRCIR
import XCTest

@testable import DRCArray

final class BitwiseFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  private func values(_ x: NDArray) throws -> [Int64] {
    try x.scalars().map { if case .int(let v) = $0 { v } else { Int64.min } }
  }

  func testIntegerOperatorsAreBitwise() throws {
    let a = try NDArray([Int32(12), -7, 255, 0])
    let b = try NDArray([Int64(10), 3, -1, 5])
    // a & b etc. with a int32 and b int64: int64 results
    XCTAssertEqual((try a & b).dtype, .int64)
    XCTAssertEqual(try values(a & b), [8, 1, 255, 0])
    XCTAssertEqual(try values(a | b), [14, -5, -1, 5])
    XCTAssertEqual(try values(a ^ b), [6, -6, -256, 5])
    XCTAssertEqual(try values(~a), [-13, 6, -256, -1])
    XCTAssertEqual((try ~a).dtype, .int32)
    XCTAssertEqual(try values(a << 3), [96, -56, 2040, 0])
    XCTAssertEqual(try values(a >> 2), [3, -2, 63, 0])
    XCTAssertEqual(try values(a & 1), [0, 1, 1, 0])
    // np.left_shift / right_shift by 0, 31, 32 and -1 on int32: NumPy's out-of-range rule
    let counts = try NDArray([Int32(0), 31, 32, -1])
    XCTAssertEqual(try values(leftShift(a, counts)), [12, -2_147_483_648, 0, 0])
    XCTAssertEqual(try values(rightShift(a, counts)), [12, -1, 0, 0])
    XCTAssertEqual(try values(bitwiseXor(a, b)), [6, -6, -256, 5])
  }

  func testBoolOperatorsStayLogicalAndFloatsAreRefused() throws {
    let m = try NDArray([true, false, true])
    let n = try NDArray([true, true, false])
    XCTAssertEqual(try (m & n).scalars(), [.bool(true), .bool(false), .bool(false)])
    XCTAssertEqual(try (m | n).scalars(), [.bool(true), .bool(true), .bool(true)])
    XCTAssertEqual(try (m ^ n).scalars(), [.bool(false), .bool(true), .bool(true)])
    XCTAssertEqual(try (~m).scalars(), [.bool(false), .bool(true), .bool(false)])
    XCTAssertEqual(try invert(m).dtype, .bool)
    let f = try NDArray([1.5, 2.0])
    XCTAssertThrowsError(try f & f) {
      XCTAssertTrue("\($0)".contains("bool or integer operands, not float64"), "\($0)")
    }
    XCTAssertThrowsError(try ~f) { XCTAssertTrue("\($0)".contains("invert"), "\($0)") }
    XCTAssertThrowsError(try m << m) {
      XCTAssertTrue("\($0)".contains("integer operands, not bool"), "\($0)")
    }
  }
}
