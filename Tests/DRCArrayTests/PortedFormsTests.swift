// NumPy forms that users porting programs wrote and drc lacked (found by a second porting
// review, 2026-12-03): the variadic `reshape`, `size`, `arange(n, dtype:)`, `logical_xor`,
// unlabelled `clip`, in-place bitwise operators, `ufunc.outer`, `fill_diagonal`,
// `maximum.accumulate` / `minimum.accumulate`, and NumPy's refusal of integers to negative
// integer powers. Expected values are NumPy 2.4's, in comments.

import DRCArray
import XCTest

final class PortedFormsTests: XCTestCase {
  override func setUp() {
    _ = try? DRC.check()
  }

  func testReshapeSizeArangeAndClipAsNumPyWritesThem() throws {
    let x = try arange(9, dtype: .float64)
    XCTAssertEqual(x.dtype, .float64)
    XCTAssertEqual(x.size, 9)
    XCTAssertEqual(x.reshape(3, 3).shape, [3, 3])
    XCTAssertEqual(x.reshape(9).shape, [9])
    XCTAssertEqual(x.reshape(-1, 3).shape, [3, 3])
    // np.arange(4).astype(np.int32).clip(1, 2) -> int32 [1, 1, 2, 2]
    let k = try arange(4, dtype: .int32).clip(1, 2)
    XCTAssertEqual(k.dtype, .int32)
    XCTAssertEqual(try k.toArray(), [1, 1, 2, 2])
    // np.array([-0.5, 0.3, 2.]).clip(0, 1) -> [0, 0.3, 1]
    XCTAssertEqual(try NDArray([-0.5, 0.3, 2]).clip(0.0, 1.0).toArray(), [0, 0.3, 1])
    // A -1 beside a dimension whose product overflows is an error, not a trap.
    _ = x.reshape([Int.max, 2, -1])
    XCTAssertThrowsError(try DRC.check())
  }

  func testLogicalXorTakesAnyTruthValues() throws {
    // np.logical_xor([0., 1., nan, 2.], [T, T, F, F]) -> [T, F, T, T]
    let r = try logicalXor(try NDArray([0.0, 1, .nan, 2]), try NDArray([1.0, 1, 0, 0]) > 0.5)
    XCTAssertEqual(r.dtype, .bool)
    XCTAssertEqual(try r.toArray(), [1, 0, 1, 1])
  }

  func testBitwiseOperatorsInPlace() throws {
    var k = try arange(5)
    try k ^= k >> 1  // [0 1 3 2 6]
    XCTAssertEqual(try k.toArray(), [0, 1, 3, 2, 6])
    var a = try arange(5)
    try a &= 1  // [0 1 0 1 0]
    XCTAssertEqual(try a.toArray(), [0, 1, 0, 1, 0])
    var o = try arange(5)
    try o |= 2  // [2 3 2 3 6]
    XCTAssertEqual(try o.toArray(), [2, 3, 2, 3, 6])
    var l = try arange(5)
    try l <<= 2  // [0 4 8 12 16]
    XCTAssertEqual(try l.toArray(), [0, 4, 8, 12, 16])
    var r = try arange(5) * 8
    try r >>= try NDArray([Int64(1), 2, 3, 0, 1])  // [0 2 2 24 16]
    XCTAssertEqual(try r.toArray(), [0, 2, 2, 24, 16])
    // On bools: logical. b &= [T, T, F] -> [T, F, F]; b ^= [T, T, F] -> [F, T, T]
    let other = try NDArray([1.0, 1, 0]) > 0.5
    var b = try NDArray([1.0, 0, 1]) > 0.5
    try b &= other
    XCTAssertEqual(try b.toArray(), [1, 0, 0])
    var c = try NDArray([1.0, 0, 1]) > 0.5
    try c ^= other
    XCTAssertEqual(try c.toArray(), [0, 1, 1])
    // A view is written through, as NumPy's k[1:] ^= 1.
    let base = try arange(4)
    var tail: NDArray = base[1...]
    try tail ^= 1
    XCTAssertEqual(try base.toArray(), [0, 0, 3, 2])
  }

  func testUfuncOuterKeepsBothShapes() throws {
    // np.subtract.outer([1., 2.], [10., 20., 30.]) -> [[-9 -19 -29] [-8 -18 -28]]
    let a = try NDArray([1.0, 2])
    let d = try outer(a, try NDArray([10.0, 20, 30])) { try $0 - $1 }
    XCTAssertEqual(d.shape, [2, 3])
    XCTAssertEqual(try d.toArray(), [-9, -19, -29, -8, -18, -28])
    // With a 2-D right operand the shape is a.shape + b.shape: (2, 1, 3)
    let e = try outer(a, try NDArray([10.0, 20, 30]).reshape(1, 3)) { try $0 + $1 }
    XCTAssertEqual(e.shape, [2, 1, 3])
    XCTAssertEqual(try e.toArray(), [11, 21, 31, 12, 22, 32])
  }

  func testFillDiagonalInPlace() throws {
    // S = zeros((3, 4)); np.fill_diagonal(S, -inf): the 3 diagonal elements
    let s = try zeros([3, 4])
    try fillDiagonal(s, -.infinity)
    let values = try s.toArray()
    XCTAssertEqual(values.indices.filter { values[$0] == -.infinity }, [0, 5, 10])
    XCTAssertEqual(values.filter { $0 == 0 }.count, 9)
    // T = zeros((4, 2)); np.fill_diagonal(T, [5., 6.]) -> rows [5 0] [0 6] [0 0] [0 0]
    let t = try zeros([4, 2])
    try fillDiagonal(t, try NDArray([5.0, 6]))
    XCTAssertEqual(try t.toArray(), [5, 0, 0, 6, 0, 0, 0, 0])
    XCTAssertThrowsError(try fillDiagonal(try zeros([2, 2, 2]), 1.0))
  }

  func testRunningMaximaAndMinima() throws {
    // np.maximum.accumulate([1., 3., 2., nan, 5.]) -> [1, 3, 3, nan, nan]
    let x = try NDArray([1.0, 3, 2, .nan, 5])
    let m = try maximumAccumulate(x).toArray()
    XCTAssertEqual(Array(m[0..<3]), [1, 3, 3])
    XCTAssertTrue(m[3].isNaN && m[4].isNaN)
    // np.minimum.accumulate(int32 [[5, 2], [3, 4], [1, 9]], axis=0) -> int32 [[5 2] [3 2] [1 2]]
    let k = try NDArray([Int32(5), 2, 3, 4, 1, 9]).reshape(3, 2)
    let lows = try minimumAccumulate(k)
    XCTAssertEqual(lows.dtype, .int32)
    XCTAssertEqual(try lows.toArray(), [5, 2, 3, 2, 1, 2])
    XCTAssertEqual(try maximumAccumulate(k, axis: 1).toArray(), [5, 5, 3, 4, 1, 9])
    // Bools stay bool: [F, T, F] -> [F, T, T]
    let b = try maximumAccumulate(try NDArray([0.0, 1, 0]) > 0.5)
    XCTAssertEqual(b.dtype, .bool)
    XCTAssertEqual(try b.toArray(), [0, 1, 1])
    // A drawdown: p / maximum.accumulate(p) - 1
    let p = try NDArray([100.0, 120, 90, 130, 110])
    let drawdown = try (p / maximumAccumulate(p) - 1).toArray()
    XCTAssertEqual(drawdown, [0, 0, -0.25, 0, 110.0 / 130.0 - 1])
  }

  func testNaNPrintsAsNumPyPrintsIt() throws {
    // print(np.array([np.nan, -np.nan, 1.5])) -> [nan nan 1.5] (printf would give -nan)
    let x = try NDArray([Double.nan, -Double.nan, 1.5])
    XCTAssertEqual("\(x)", "[nan, nan, 1.5]")
    XCTAssertEqual("\(try x * Double.infinity)", "[nan, nan, inf]")
  }

  func testIntegersToNegativeIntegerPowersAreRefused() throws {
    // np.arange(1, 4) ** -1: ValueError (drc gave [1, 0, 0] silently before)
    let k = try arange(1, 4, dtype: .int64)
    XCTAssertThrowsError(try k ** -1) {
      XCTAssertTrue("\($0)".contains("negative integer powers"), "\($0)")
    }
    XCTAssertEqual(try (k ** 2).toArray(), [1, 4, 9])
    // A float array or a Double exponent is what was meant: [1, 0.5, 0.333...]
    XCTAssertEqual(try (k.astype(.float64) ** -1).toArray()[1], 0.5)
  }
}
