// Floor division, remainder and divmod against NumPy's results, including the sign conventions,
// division by zero, infinities, NumPy's float results bit for bit (fmod-based), `fmod`, and
// integer exactness.

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

  /// NumPy 2.4's results bit for bit (printed with `float.hex`), where a rounded `a / b` would
  /// land on the wrong integer, overflow, or lose a subnormal remainder.
  func testFloatResultsAreNumPysBitForBit() throws {
    let a = try NDArray([1.0, 1, -1, 7, 5e15 + 0.5, 1e300, -0.0, 3, 2.5, -2.5, 0.7, 1e-310])
    let b = try NDArray([0.1, -0.1, 0.1, 0.7, 0.3, 1e-300, 5, -0.0, -.infinity, 1.25, 0.1, 3e-320])
    let q: [Double] = [
      0x1.2p+3, -0x1.4p+3, -0x1.4p+3, 0x1.4p+3, 0x1.d9b1f5d20d556p+53, .infinity, -0.0,
      -.infinity, -0x1p+0, -0x1p+1, 0x1.8p+2, 0x1.8d5e6496p+31,
    ]
    let r: [Double] = [
      0x1.9999999999996p-4, -0x1p-54, 0x1p-54, 0x1p-51, 0x1.5c4fefb67bbbcp-4,
      0x1.4f722a6f79f9cp-998, 0, .nan, -.infinity, 0, 0x1.9999999999994p-4,
      0x0.0000000000343p-1022,
    ]
    let f: [Double] = [
      0x1.9999999999996p-4, 0x1.9999999999996p-4, -0x1.9999999999996p-4, 0x1p-51,
      0x1.5c4fefb67bbbcp-4, 0x1.4f722a6f79f9cp-998, -0.0, .nan, 0x1.4p+1, -0.0,
      0x1.9999999999994p-4, 0x0.0000000000343p-1022,
    ]
    func same(_ got: [Double], _ want: [Double], _ what: String) {
      XCTAssertEqual(got.count, want.count)
      for (i, (g, w)) in zip(got, want).enumerated() {
        XCTAssertTrue(
          g.bitPattern == w.bitPattern || (g.isNaN && w.isNaN), "\(what)[\(i)] = \(g), want \(w)")
      }
    }
    let (dq, dr) = try divmod(a, b)
    same(try dq.toArray(), q, "floor_divide")
    same(try dr.toArray(), r, "remainder")
    same(try (a % b).toArray(), r, "%")
    same(try fmod(a, b).toArray(), f, "fmod")
  }

  func testFmodTakesTheDividendsSign() throws {
    // np.fmod([7, -7, 7, -7, 5], [3, 3, -3, -3, 0]) -> [1, -1, 1, -1, 0] (int64)
    let i = try fmod(try NDArray([7, -7, 7, -7, 5]), try NDArray([3, 3, -3, -3, 0]))
    XCTAssertEqual(i.dtype, .int64)
    XCTAssertEqual(try i.toArray(as: Int64.self), [1, -1, 1, -1, 0])
    // np.fmod(float32 [5.5, -5.5], 2.0) -> float32 [1.5, -1.5]
    let f = try fmod(try NDArray([Float(5.5), -5.5]), 2.0)
    XCTAssertEqual(f.dtype, .float32)
    XCTAssertEqual(try f.toArray(), [1.5, -1.5])
    XCTAssertThrowsError(try fmod(try NDArray([true]), try NDArray([true]))) {
      XCTAssertTrue("\($0)".contains("fmod: does not take two bool operands"), "\($0)")
    }
  }

  func testBoolOperandsAreRejected() throws {
    let t = try NDArray([true, false])
    do {
      _ = try t % t
      XCTFail("no error")
    } catch {
      XCTAssertTrue("\(error)".contains("does not take two bool operands"), "\(error)")
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
