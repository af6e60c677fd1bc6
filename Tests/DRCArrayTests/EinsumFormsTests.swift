// einsum, tensordot, diff, isclose, allclose, average, ptp, cross and kron against NumPy 2.4's
// results (the values in the comments), and the errors of the forms that are not supported.

import DRCIR
import XCTest

@testable import DRCArray

final class EinsumFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  /// Asserts `got` equals `want` within a few ulps of each value.
  func close(_ got: NDArray, _ want: [Double], _ shape: [Int], line: UInt = #line) throws {
    XCTAssertEqual(got.shape, shape, line: line)
    let values = try got.toArray()
    XCTAssertEqual(values.count, want.count, line: line)
    for (g, w) in zip(values, want) {
      XCTAssertEqual(g, w, accuracy: 4 * Swift.max(abs(w), 1) * 0x1p-52, line: line)
    }
  }

  func testEinsumForms() throws {
    // A = np.arange(6.0).reshape(2, 3) - 1; B = np.arange(12.0).reshape(3, 4) / 2
    let A = try NDArray((0..<6).map { Double($0) - 1 }, shape: [2, 3])
    let B = try NDArray((0..<12).map { Double($0) / 2 }, shape: [3, 4])
    try close(einsum("ij,jk->ik", A, B), [4, 4, 4, 4, 22, 26.5, 31, 35.5], [2, 4])
    try close(einsum("ij,jk", A, B), [4, 4, 4, 4, 22, 26.5, 31, 35.5], [2, 4])
    try close(einsum("ij->ji", A), [-1, 2, 0, 3, 1, 4], [3, 2])
    try close(einsum("ij->", A), [9], [])
    try close(einsum("ij->j", A), [1, 3, 5], [3])
    try close(einsum("ij,ij->i", A, A), [2, 29], [2])
    try close(
      einsum("ij,kj->jik", A, A), [1, -2, -2, 4, 0, 0, 0, 9, 1, 4, 4, 16], [3, 2, 2])
    let v = try NDArray([1.0, 2, 3])
    let w = try NDArray([4.0, -1, 2])
    try close(einsum("i,i", v, w), [8], [])
    try close(einsum("i,j->ij", v, w), [4, -1, 2, 8, -2, 4, 12, -3, 6], [3, 3])
    let C = try NDArray((0..<8).map(Double.init), shape: [4, 2])
    try close(einsum("ij,jk,kl->il", A, B, C), [48, 64, 390, 505], [2, 2])
    // q = np.sin(np.arange(24.0)).reshape(2, 3, 4); k = np.cos(np.arange(16.0)).reshape(2, 2, 4)
    let q = try NDArray((0..<24).map { sin(Double($0)) }, shape: [2, 3, 4])
    let k = try NDArray((0..<16).map { cos(Double($0)) }, shape: [2, 2, 4])
    try close(
      einsum("bqd,bkd->bqk", q, k),
      [
        -0.06346028334058618, 1.2181645617294352, -1.8090454195022776, 0.44968578671422366,
        2.428402279960987, -1.8060330534870097, -1.1330679756607551, -0.43007287365600694,
        1.5486436195907562, -1.3319132248274956, -0.8914540702125091, 2.1712660395607557,
      ], [2, 3, 2])
  }

  func testEinsumErrors() throws {
    let A = try zeros([2, 3])
    let B = try zeros([4, 4])
    XCTAssertThrowsError(try einsum("ij,jk->ik", A, B)) {
      XCTAssertTrue("\($0)".contains("label 'j' has lengths 3 and 4"), "\($0)")
      XCTAssertTrue("\($0)".contains("EinsumFormsTests.swift:\(#line - 2)"), "\($0)")
    }
    XCTAssertThrowsError(try einsum("...ij->ij", A)) {
      XCTAssertTrue("\($0)".contains("ellipses"), "\($0)")
    }
    XCTAssertThrowsError(try einsum("ij,jk->ik", A)) {
      XCTAssertTrue("\($0)".contains("names 2 operands, 1 given"), "\($0)")
    }
    XCTAssertThrowsError(try einsum("ijk->i", A)) {
      XCTAssertTrue("\($0)".contains("labels 3 axes of an array of shape [2, 3]"), "\($0)")
    }
    XCTAssertThrowsError(try einsum("ij->iz", A)) {
      XCTAssertTrue("\($0)".contains("names one no operand has"), "\($0)")
    }
  }

  func testEinsumDiagonals() throws {
    // m = np.arange(9.0).reshape(3, 3): 'ii' -> 12, 'ii->i' -> [0, 4, 8]
    let m = try NDArray((0..<9).map(Double.init), shape: [3, 3])
    try close(einsum("ii", m), [12], [])
    try close(einsum("ii->i", m), [0, 4, 8], [3])
    // np.einsum('bii->bi', np.arange(18.0).reshape(2, 3, 3)); 'ijj->ij' on arange(27) (3, 3, 3)
    let t = try NDArray((0..<18).map(Double.init), shape: [2, 3, 3])
    try close(einsum("bii->bi", t), [0, 4, 8, 9, 13, 17], [2, 3])
    let c = try NDArray((0..<27).map(Double.init), shape: [3, 3, 3])
    try close(einsum("ijj->ij", c), [0, 4, 8, 9, 13, 17, 18, 22, 26], [3, 3])
    // np.einsum('ii,ij->j', m, m) -> [60, 72, 84]
    try close(einsum("ii,ij->j", m, m), [60, 72, 84], [3])
    XCTAssertThrowsError(try einsum("ii", try zeros([2, 3]))) {
      XCTAssertTrue("\($0)".contains("label 'i' has lengths 2 and 3"), "\($0)")
    }
  }

  func testTensordot() throws {
    // np.tensordot(np.arange(24.0).reshape(2, 3, 4), np.arange(12.0).reshape(4, 3),
    //              axes=([1, 2], [1, 0])) -> [440, 1232]
    let a = try NDArray((0..<24).map(Double.init), shape: [2, 3, 4])
    let b = try NDArray((0..<12).map(Double.init), shape: [4, 3])
    try close(tensordot(a, b, axes: ([1, 2], [1, 0])), [440, 1232], [2])
    let A = try NDArray((0..<6).map { Double($0) - 1 }, shape: [2, 3])
    let B = try NDArray((0..<12).map { Double($0) / 2 }, shape: [3, 4])
    try close(tensordot(A, B, axes: 1), [4, 4, 4, 4, 22, 26.5, 31, 35.5], [2, 4])
    XCTAssertThrowsError(try tensordot(A, B, axes: ([0], [5]))) {
      XCTAssertTrue("\($0)".contains("tensordot: axes"), "\($0)")
    }
  }

  func testNumericalHelpers() throws {
    let s = try NDArray([1.0, 4, 9, 16, 25])
    XCTAssertEqual(try diff(s).toArray(), [3, 5, 7, 9])
    XCTAssertEqual(try diff(s, n: 2).toArray(), [2, 2, 2])
    let sq = try NDArray([0.0, 1, 4, 9, 16, 25], shape: [2, 3])
    try close(diff(sq, axis: 0), [9, 15, 21], [1, 3])
    // np.isclose([1, inf, nan, 1e-9, 100], [1.000001, inf, nan, 0, 100.002])
    let a = try NDArray([1.0, .infinity, .nan, 1e-9, 100])
    let b = try NDArray([1.000001, .infinity, .nan, 0, 100.002])
    XCTAssertEqual(try isclose(a, b).toArray(), [1, 1, 0, 1, 0])
    XCTAssertEqual(try isclose(a, b, equalNaN: true).toArray(), [1, 1, 1, 1, 0])
    XCTAssertFalse(try allclose(a, b))
    XCTAssertTrue(try allclose(s, try s + 1e-9))
    // np.average(x, axis=1, weights=[1, 2, 3]) -> [1.333.., 4.333..]; weights of x's shape
    let x = try NDArray((0..<6).map(Double.init), shape: [2, 3])
    try close(
      average(x, axis: 1, weights: try NDArray([1.0, 2, 3])),
      [1.3333333333333333, 4.333333333333333], [2])
    try close(average(x, weights: x), [3.6666666666666665], [])
    try close(average(x, axis: 0), [1.5, 2.5, 3.5], [3])
    try close(ptp(try NDArray([1.0, 5, 2, 7, -1, 3], shape: [2, 3]), axis: 0), [6, 6, 1], [3])
    // np.cross([[1, 2, 3], [0, 1, 0]], [4, 5, 6])
    try close(
      cross(try NDArray([1.0, 2, 3, 0, 1, 0], shape: [2, 3]), try NDArray([4.0, 5, 6])),
      [-3, 6, -3, 6, 0, -4], [2, 3])
    XCTAssertThrowsError(try cross(try NDArray([1.0, 2]), try NDArray([1.0, 2]))) {
      XCTAssertTrue("\($0)".contains("needs 3-vectors"), "\($0)")
    }
    // np.kron([[1, 2], [3, 4]], [[0, 5], [6, 7]])
    try close(
      kron(
        try NDArray([1.0, 2, 3, 4], shape: [2, 2]), try NDArray([0.0, 5, 6, 7], shape: [2, 2])),
      [0, 5, 0, 10, 6, 7, 12, 14, 0, 15, 0, 20, 18, 21, 24, 28], [4, 4])
    XCTAssertEqual(
      try kron(try NDArray([1.0, 2]), try NDArray([1.0, 10], shape: [2, 1])).shape, [2, 2])
  }
}
