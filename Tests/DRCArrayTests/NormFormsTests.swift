// linalg.norm with an ord against NumPy 2.4's printed results: every vector order NumPy special-
// cases (inf, -inf, 0, 1, 2) and general p (3, 0.5, -1 with a zero element), float32's 1/p,
// matrix norms 1, -1, inf, -inf and Frobenius over both axis orders, keepdims, an empty axis
// (NumPy's initial=0), and the orders that need singular values (refused). Sums in another
// order than NumPy's may differ in the last bits: 4 ulp allowed where they occur. The same
// tests run in device mode.

import DRCIR
import XCTest

@testable import DRCArray

final class NormFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  private func near(_ got: NDArray, _ want: Double, ulps: Double = 4, line: UInt = #line) throws {
    let g = try got.toArray()
    XCTAssertEqual(g.count, 1, line: line)
    let unit = got.dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
    XCTAssertLessThanOrEqual(
      Swift.abs((g.first ?? .nan) - want), ulps * unit * Swift.abs(want), "\(g)", line: line)
  }

  func testVectorOrders() throws {
    let x = try NDArray([3, -4, 0, 1.5])
    XCTAssertEqual(try norm(x, ord: .infinity).toArray(), [4])
    XCTAssertEqual(try norm(x, ord: -.infinity).toArray(), [0])
    XCTAssertEqual(try norm(x, ord: 0).toArray(), [3])
    XCTAssertEqual(try norm(x, ord: 1).toArray(), [8.5])
    try near(try norm(x, ord: 2), 5.220153254455275)
    try near(try norm(x, ord: 3), 4.552874245617287)
    try near(try norm(x, ord: 0.5), 24.56982340296115)
    // 0 ** -1 is inf, so the sum is inf and inf ** -1 is 0, as NumPy (after its warning).
    XCTAssertEqual(try norm(x, ord: -1).toArray(), [0])
    let ints = try norm(try NDArray([Int64(1), 2, 2]), ord: 3)
    XCTAssertEqual(ints.dtype, .float64)
    try near(ints, 2.571281590658235)
    let f = try norm(try NDArray([Float(1), 2, 2]), ord: 3)
    XCTAssertEqual(f.dtype, .float32)
    try near(f, Double(Float(2.5712817)))
    XCTAssertEqual(try norm(try zeros([2, 0]), ord: .infinity, axis: 1).toArray(), [0, 0])
  }

  func testMatrixOrders() throws {
    let m = try NDArray([1, -2, 3, 4, 5, -6.0], shape: [2, 3])
    try near(try norm(m, ord: nil, axes: (0, 1)), 9.539392014169456)
    XCTAssertEqual(try norm(m, ord: 1).toArray(), [9])
    XCTAssertEqual(try norm(m, ord: -1).toArray(), [5])
    XCTAssertEqual(try norm(m, ord: .infinity).toArray(), [15])
    XCTAssertEqual(try norm(m, ord: -.infinity).toArray(), [6])
    XCTAssertEqual(try norm(m, ord: 1, axis: 1).toArray(), [6, 15])
    XCTAssertEqual(try norm(m, ord: .infinity, axis: 0).toArray(), [4, 5, 6])
    let kept = try norm(m, ord: 1, keepdims: true)
    XCTAssertEqual(kept.shape, [1, 1])
    XCTAssertEqual(try kept.toArray(), [9])
    XCTAssertEqual(try norm(m.transpose(), ord: 1, axes: (1, 0)).toArray(), [9])
    XCTAssertThrowsError(try norm(m, ord: 2)) {
      XCTAssertTrue("\($0)".contains("singular values"), "\($0)")
    }
    XCTAssertThrowsError(try norm(m, ord: 1, axes: (1, 1))) {
      XCTAssertTrue("\($0)".contains("Duplicate axes"), "\($0)")
    }
    XCTAssertThrowsError(try norm(try zeros([2, 2, 2]), ord: 1)) {
      XCTAssertTrue("\($0)".contains("Improper number of dimensions"), "\($0)")
    }
  }
}
