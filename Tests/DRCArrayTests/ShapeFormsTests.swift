// Shape and data movement forms (roll, stack, hstack, vstack, *Like, new axes, swapaxes, moveaxis,
// T, ravel, squeeze(axis:), tile, repeat, outer, flip) against NumPy's results, and their errors.

import DRCIR
import XCTest

@testable import DRCArray

final class ShapeFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testRoll() throws {
    let x = try NDArray([0.0, 1, 2, 3, 4, 5], shape: [2, 3])
    // np.roll(x, 1, axis=1) -> [[2, 0, 1], [5, 3, 4]]
    XCTAssertEqual(try roll(x, 1, axis: 1).toArray(), [2, 0, 1, 5, 3, 4])
    // np.roll(x, -4, axis=1) -> [[1, 2, 0], [4, 5, 3]]
    XCTAssertEqual(try roll(x, -4, axis: 1).toArray(), [1, 2, 0, 4, 5, 3])
    // np.roll(x, 2) (flattened) -> [[4, 5, 0], [1, 2, 3]]
    let flat = try roll(x, 2)
    XCTAssertEqual(flat.shape, [2, 3])
    XCTAssertEqual(try flat.toArray(), [4, 5, 0, 1, 2, 3])
    XCTAssertEqual(try roll(x, 3, axis: -1).toArray(), try x.toArray())
    XCTAssertThrowsError(try roll(x, 1, axis: 2)) {
      XCTAssertTrue("\($0)".contains("roll: axis 2 is out of range"), "\($0)")
      XCTAssertTrue("\($0)".contains("ShapeFormsTests.swift:\(#line - 2)"), "\($0)")
    }
  }

  func testStackHstackVstack() throws {
    let a = try NDArray([1.0, 2])
    let b = try NDArray([3.0, 4])
    // np.stack([a, b]) -> [[1, 2], [3, 4]]; axis=1 -> [[1, 3], [2, 4]]
    XCTAssertEqual(try stack([a, b]).shape, [2, 2])
    XCTAssertEqual(try stack([a, b]).toArray(), [1, 2, 3, 4])
    XCTAssertEqual(try stack([a, b], axis: -1).toArray(), [1, 3, 2, 4])
    // np.hstack([a, b]) -> [1, 2, 3, 4]; np.vstack([a, b]) -> [[1, 2], [3, 4]]
    XCTAssertEqual(try hstack([a, b]).toArray(), [1, 2, 3, 4])
    XCTAssertEqual(try vstack([a, b]).shape, [2, 2])
    let m = try NDArray([1.0, 2, 3, 4], shape: [2, 2])
    // np.hstack([m, m]) -> shape (2, 4): [[1, 2, 1, 2], [3, 4, 3, 4]]
    XCTAssertEqual(try hstack([m, m]).toArray(), [1, 2, 1, 2, 3, 4, 3, 4])
    // np.vstack([m, a]) -> shape (3, 2)
    XCTAssertEqual(try vstack([m, a]).toArray(), [1, 2, 3, 4, 1, 2])
    XCTAssertThrowsError(try stack([a, try NDArray([1.0, 2, 3])])) {
      XCTAssertTrue("\($0)".contains("same shape, got [2] and [3]"), "\($0)")
      XCTAssertTrue("\($0)".contains("ShapeFormsTests.swift:\(#line - 2)"), "\($0)")
    }
    XCTAssertThrowsError(try stack([a, b], axis: 2)) {
      XCTAssertTrue("\($0)".contains("axis 2 is out of range"), "\($0)")
    }
    XCTAssertThrowsError(try stack([]))
    XCTAssertThrowsError(try hstack([m, a]))  // NumPy: ValueError, dimensions differ
  }

  func testLikeCreation() throws {
    let x = try NDArray([Int32(1), 2, 3], shape: [3, 1])
    XCTAssertEqual(try zerosLike(x).dtype, .int32)
    XCTAssertEqual(try zerosLike(x).shape, [3, 1])
    XCTAssertEqual(try onesLike(x).toArray(), [1, 1, 1])
    // np.full_like(x, 2.7) -> int32 [2, 2, 2] (cast to x's dtype)
    XCTAssertEqual(try fullLike(x, 2.7).toArray(), [2, 2, 2])
    XCTAssertEqual(try fullLike(x, 2.7, dtype: .float32).dtype, .float32)
    XCTAssertEqual(try emptyLike(x).toArray(), [0, 0, 0])
  }

  func testNewAxisAndAxisMoves() throws {
    let x = try NDArray([1.0, 2, 3])
    // x[np.newaxis, :] -> shape (1, 3); x[:, None] -> shape (3, 1)
    XCTAssertEqual(x[.newAxis, .all].shape, [1, 3])
    XCTAssertEqual(x[.all, .newAxis].shape, [3, 1])
    // x[:, None] - x[None, :] -> [[0, -1, -2], [1, 0, -1], [2, 1, 0]]
    XCTAssertEqual(
      try (x[.all, .newAxis] - x[.newAxis, .all]).toArray(), [0, -1, -2, 1, 0, -1, 2, 1, 0])
    let m = try NDArray([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
    // m[1, None] -> shape (1, 3) = [[4, 5, 6]]
    XCTAssertEqual(m[1, .newAxis].shape, [1, 3])
    XCTAssertEqual(try m[1, .newAxis].toArray(), [4, 5, 6])
    m[.newAxis, 0] = 0.0  // writes through the new-axis view: m[None, 0] = 0
    XCTAssertEqual(try m.toArray(), [0, 0, 0, 4, 5, 6])
    let t = try NDArray([Float](repeating: 0, count: 24), shape: [2, 3, 4])
    XCTAssertEqual(try t.swapaxes(0, 2).shape, [4, 3, 2])
    XCTAssertEqual(try moveaxis(t, 0, -1).shape, [3, 4, 2])
    XCTAssertEqual(try t.moveaxis(2, 0).shape, [4, 2, 3])
    XCTAssertEqual(m.T.shape, [3, 2])
    // m.T.ravel() -> [0, 4, 0, 5, 0, 6]
    XCTAssertEqual(try m.T.ravel().toArray(), [0, 4, 0, 5, 0, 6])
    XCTAssertEqual(try ravel(m).shape, [6])
    XCTAssertThrowsError(try t.swapaxes(0, 3)) {
      XCTAssertTrue("\($0)".contains("swapaxes: axis 3 is out of range"), "\($0)")
    }
    let s = try NDArray([1.0, 2], shape: [1, 2, 1])
    XCTAssertEqual(try s.squeeze(axis: 0).shape, [2, 1])
    XCTAssertEqual(try s.squeeze(axis: -1).shape, [1, 2])
    XCTAssertThrowsError(try s.squeeze(axis: 1)) {
      XCTAssertTrue("\($0)".contains("cannot squeeze axis 1 of length 2"), "\($0)")
    }
    // np.flip(m, axis=1) -> [[0, 0, 0], [6, 5, 4]]
    XCTAssertEqual(try m.flip(axis: 1).toArray(), [0, 0, 0, 6, 5, 4])
  }

  func testTileRepeatOuter() throws {
    let a = try NDArray([1.0, 2])
    // np.tile(a, 2) -> [1, 2, 1, 2]; np.tile(a, (2, 1)) -> [[1, 2], [1, 2]]
    XCTAssertEqual(try tile(a, [2]).toArray(), [1, 2, 1, 2])
    XCTAssertEqual(try tile(a, [2, 1]).shape, [2, 2])
    let m = try NDArray([1.0, 2, 3, 4], shape: [2, 2])
    // np.tile(m, (1, 2)) -> [[1, 2, 1, 2], [3, 4, 3, 4]]
    XCTAssertEqual(try tile(m, [1, 2]).toArray(), [1, 2, 1, 2, 3, 4, 3, 4])
    // np.repeat(a, 3) -> [1, 1, 1, 2, 2, 2]
    XCTAssertEqual(try a.repeat(3).toArray(), [1, 1, 1, 2, 2, 2])
    // np.repeat(m, 2, axis=0) -> [[1, 2], [1, 2], [3, 4], [3, 4]]
    XCTAssertEqual(try m.repeat(2, axis: 0).toArray(), [1, 2, 1, 2, 3, 4, 3, 4])
    // np.repeat(m, 2, axis=1) -> [[1, 1, 2, 2], [3, 3, 4, 4]]
    XCTAssertEqual(try m.repeat(2, axis: 1).toArray(), [1, 1, 2, 2, 3, 3, 4, 4])
    // np.outer([1, 2], [10, 20, 30]) -> [[10, 20, 30], [20, 40, 60]]
    let o = try outer(a, try NDArray([10.0, 20, 30]))
    XCTAssertEqual(o.shape, [2, 3])
    XCTAssertEqual(try o.toArray(), [10, 20, 30, 20, 40, 60])
    XCTAssertThrowsError(try tile(a, [-1]))
    XCTAssertThrowsError(try a.repeat(-2))
    XCTAssertThrowsError(try m.repeat(2, axis: 2))
  }
}
