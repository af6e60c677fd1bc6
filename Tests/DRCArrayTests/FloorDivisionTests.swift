// Floor division, remainder and divmod against NumPy's results, including the sign conventions,
// division by zero, infinities, the documented float difference and integer exactness.

import DRCIR
import XCTest

@testable import DRCArray

final class FloorDivisionTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testIntegerSignConventionsAndDivisionByZero() throws {
    let a = try NDArray([Int32(7), -7, 7, -7, 0, 5, -5])
    let b = try NDArray([Int32(2), 2, -2, -2, 3, 0, 0])
    // np.floor_divide(a, b) -> [3, -4, -4, 3, 0, 0, 0] (division by zero gives 0, with a warning)
    let q = try floorDivide(a, b)
    XCTAssertEqual(q.dtype, .int32)
    XCTAssertEqual(try q.toArray(), [3, -4, -4, 3, 0, 0, 0])
    // np.remainder(a, b) -> [1, 1, -1, -1, 0, 0, 0]
    let r = try a % b
    XCTAssertEqual(r.dtype, .int32)
    XCTAssertEqual(try r.toArray(), [1, 1, -1, -1, 0, 0, 0])
    let (q2, r2) = try divmod(a, b)
    XCTAssertEqual(try q2.toArray(), try q.toArray())
    XCTAssertEqual(try r2.toArray(), try r.toArray())
  }

  func testIntegerWeakScalarsAndExtremes() throws {
    let a = try NDArray([Int32.min, Int32.max, -1, 10])
    // np.int32 array % 3 stays int32: [-2147483648 % 3, 2147483647 % 3, -1 % 3, 10 % 3] = [1, 1, 2, 1]
    XCTAssertEqual(try (a % 3).dtype, .int32)
    XCTAssertEqual(try (a % 3).toArray(), [1, 1, 2, 1])
    // a // -1 wraps as NumPy: [-2147483648, -2147483647, 1, -10]; a % -1 -> 0
    XCTAssertEqual(try floorDivide(a, -1).toArray(), [-2_147_483_648, -2_147_483_647, 1, -10])
    XCTAssertEqual(try (a % -1).toArray(), [0, 0, 0, 0])
    // int64 below 2^53 is exact: (2**53 - 1) // 3 == 3002399751580330, % 3 == 1
    let big = try NDArray([Int64(1 << 53) - 1, -(Int64(1 << 53) - 1)])
    let (q, r) = try divmod(big, 3)
    XCTAssertEqual(try q.scalars(), [.int(3_002_399_751_580_330), .int(-3_002_399_751_580_331)])
    XCTAssertEqual(try r.scalars(), [.int(1), .int(2)])
    // 17 % k with the scalar on the left: 17 % [5, -5] -> [2, -3]
    XCTAssertEqual(try (17 % (try NDArray([Int32(5), -5]))).toArray(), [2, -3])
  }

  func testFloatSignConventions() throws {
    let a = try NDArray([7.5, -7.5, 7.5, -7.5, 4, -4])
    let b = try NDArray([2.0, 2, -2, -2, -2, 2])
    // np.floor_divide(a, b) -> [3, -4, -4, 3, -2, -2]
    XCTAssertEqual(try floorDivide(a, b).toArray(), [3, -4, -4, 3, -2, -2])
    // np.remainder(a, b) -> [1.5, 0.5, -0.5, -1.5, -0.0, 0.0]
    let r = try (a % b).toArray()
    XCTAssertEqual(r, [1.5, 0.5, -0.5, -1.5, 0, 0])
    XCTAssertEqual(r[4].sign, .minus, "a zero remainder takes the divisor's sign: -0.0")
    XCTAssertEqual(r[5].sign, .plus)
    let f = try NDArray([Float(5.5), -5.5])
    // float32 % 2.5 stays float32: [0.5, 2.0]
    XCTAssertEqual(try (f % 2.5).dtype, .float32)
    XCTAssertEqual(try (f % 2.5).toArray(), [0.5, 2])
    // 0.3 // 0.1 == 2.0 and 0.3 % 0.1 == 0.09999999999999998 in NumPy
    let x = try NDArray([0.3])
    XCTAssertEqual(try floorDivide(x, 0.1).toArray(), [2])
    XCTAssertEqual(try (x % 0.1).toArray(), [0.09999999999999998])
  }

  func testFloatSpecialValues() throws {
    let inf = Double.infinity
    let a = try NDArray([1.0, -1, 0, 1, 0, inf, -3, .nan])
    let b = try NDArray([inf, inf, inf, 0, 0, 2, -inf, 1])
    // np.floor_divide(a, b) -> [0, -1, 0, inf, nan, nan, 0, nan]
    let q = try floorDivide(a, b).toArray()
    XCTAssertEqual(Array(q[0..<4]), [0, -1, 0, inf])
    XCTAssertTrue(q[4].isNaN && q[5].isNaN && q[7].isNaN, "\(q)")
    XCTAssertEqual(q[6], 0)
    // np.remainder(a, b) -> [1, inf, 0, nan, nan, nan, -3, nan]
    let r = try remainder(a, b).toArray()
    XCTAssertEqual(Array(r[0..<3]), [1, inf, 0])
    XCTAssertTrue(r[3].isNaN && r[4].isNaN && r[5].isNaN && r[7].isNaN, "\(r)")
    XCTAssertEqual(r[6], -3)
  }

  func testDocumentedDifferenceFromNumPyWhereTheQuotientRoundsUp() throws {
    // 1.0 / 0.1 rounds to exactly 10.0: NumPy's fmod-based floor_divide gives 9.0 and remainder
    // 0.09999999999999995; floor(a / b) gives 10 and 0 (docs/numerics.md says so).
    let x = try NDArray([1.0])
    XCTAssertEqual(try floorDivide(x, 0.1).toArray(), [10])
    XCTAssertEqual(try (x % 0.1).toArray(), [0])
  }

  func testBoolOperandsAreRejected() throws {
    let t = try NDArray([true, false])
    do {
      _ = try t % t
      XCTFail("no error")
    } catch {
      XCTAssertTrue("\(error)".contains("does not take bool"), "\(error)")
      XCTAssertTrue("\(error)".contains("FloorDivisionTests.swift:\(#line - 4)"), "\(error)")
    }
  }

  func testRemainderInPlaceAndThroughAMask() throws {
    var k = try NDArray([Int32(5), -5, 9])
    try k %= 4  // -> [1, 3, 1]
    XCTAssertEqual(try k.toArray(), [1, 3, 1])
    XCTAssertEqual(k.dtype, .int32)
  }
}
