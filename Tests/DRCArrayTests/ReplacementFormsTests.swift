// fmax, fmin, nanToNum, heaviside, signbit, rot90, fliplr, flipud and geomspace against NumPy
// 2.4's results (the values in the comments).

import DRCIR
import XCTest

@testable import DRCArray

final class ReplacementFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  /// Whether `got` equals `want` element for element, NaN matching NaN and zeros by sign.
  func same(_ got: [Double], _ want: [Double], line: UInt = #line) {
    XCTAssertEqual(got.count, want.count, line: line)
    for (g, w) in zip(got, want) {
      if w.isNaN {
        XCTAssertTrue(g.isNaN, "\(g) for NaN", line: line)
      } else {
        XCTAssertEqual(g, w, line: line)
        XCTAssertEqual(g.sign, w.sign, "sign of \(w)", line: line)
      }
    }
  }

  func testNanIgnoringExtremaAndReplacements() throws {
    // np.fmax/np.fmin([1, nan, -0, nan, 3], [2, 5, nan, nan, -1])
    let a = try NDArray([1.0, .nan, -0.0, .nan, 3])
    let b = try NDArray([2.0, 5, .nan, .nan, -1])
    same(try fmax(a, b).toArray(), [2, 5, -0.0, .nan, 3])
    same(try fmin(a, b).toArray(), [1, 5, -0.0, .nan, -1])
    // np.nan_to_num([nan, inf, -inf, 1.5]); nan=-1, posinf=9; float32 uses float32's largest
    let x = try NDArray([.nan, .infinity, -.infinity, 1.5])
    same(try nanToNum(x).toArray(), [0, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1.5])
    same(
      try nanToNum(x, nan: -1, posinf: 9).toArray(), [-1, 9, -.greatestFiniteMagnitude, 1.5])
    let f = try NDArray([Float.nan, .infinity, -.infinity, 1.5])
    same(
      try nanToNum(f).toArray(),
      [0, Double(Float.greatestFiniteMagnitude), -Double(Float.greatestFiniteMagnitude), 1.5])
    // np.heaviside([-1.5, 0, 2, nan], 0.5); np.signbit([-0, 0, -2, 3, -inf])
    same(try heaviside(try NDArray([-1.5, 0, 2, .nan]), 0.5).toArray(), [0, 0.5, 1, .nan])
    XCTAssertEqual(
      try signbit(try NDArray([-0.0, 0, -2, 3, -.infinity])).toArray(), [1, 0, 1, 0, 1])
  }

  func testRotationsAndGeomspace() throws {
    let m = try NDArray((0..<6).map(Double.init), shape: [2, 3])
    // np.rot90(m) -> [[2, 5], [1, 4], [0, 3]]; k=2; k=-1
    XCTAssertEqual(try m.rot90().shape, [3, 2])
    XCTAssertEqual(try m.rot90().toArray(), [2, 5, 1, 4, 0, 3])
    XCTAssertEqual(try m.rot90(2).toArray(), [5, 4, 3, 2, 1, 0])
    XCTAssertEqual(try m.rot90(-1).toArray(), [3, 0, 4, 1, 5, 2])
    XCTAssertEqual(try m.rot90(4).toArray(), try m.toArray())
    XCTAssertEqual(try m.fliplr().toArray(), [2, 1, 0, 5, 4, 3])
    XCTAssertEqual(try m.flipud().toArray(), [3, 4, 5, 0, 1, 2])
    XCTAssertThrowsError(try NDArray([1.0]).rot90()) {
      XCTAssertTrue("\($0)".contains("rot90: needs at least 2 dimensions"), "\($0)")
    }
    // np.geomspace(1, 1000, 4) -> [1, 10, 100, 1000]; (-1, -16, 5); (2, 3, 3) middle 0x1.3988e1409212ep+1
    XCTAssertEqual(try geomspace(1, 1000, 4).toArray(), [1, 10, 100, 1000])
    let negative = try geomspace(-1, -16, 5).toArray()
    for (g, w) in zip(negative, [-1.0, -2, -4, -7.999999999999999, -16]) {
      XCTAssertEqual(g, w, accuracy: 2 * w.ulp)
    }
    XCTAssertEqual(negative.first, -1)
    XCTAssertEqual(negative.last, -16)
    let mid = try geomspace(2, 3, 3).toArray()
    XCTAssertEqual(mid[1], 0x1.3988e1409212ep+1, accuracy: 2 * mid[1].ulp)
    XCTAssertEqual(mid[2], 3)
    XCTAssertThrowsError(try geomspace(0, 10, 3)) {
      XCTAssertTrue("\($0)".contains("geomspace: needs finite, non-zero ends"), "\($0)")
    }
  }
}
