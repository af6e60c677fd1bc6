// np.pad's edge, reflect, symmetric and wrap modes against NumPy 2.4's printed results: both
// axes with unequal widths (the corners come from the first axis's padding, as NumPy's), a
// singleton axis under reflect (repeated, NumPy's legacy rule), zero widths, and NumPy's errors
// (an empty axis) and the repeated padding not built (a reflect wider than n - 1). The same
// tests run in device mode.

import DRCIR
import XCTest

@testable import DRCArray

final class PadModesTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testModes() throws {
    let x = try NDArray([1, 2, 3, 4, 5, 6.0], shape: [2, 3])
    let widths = [(1, 1), (2, 1)]
    let want: [PadMode: [Double]] = [
      .edge: [1, 1, 1, 2, 3, 3, 1, 1, 1, 2, 3, 3, 4, 4, 4, 5, 6, 6, 4, 4, 4, 5, 6, 6],
      .reflect: [6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2, 6, 5, 4, 5, 6, 5, 3, 2, 1, 2, 3, 2],
      .symmetric: [2, 1, 1, 2, 3, 3, 2, 1, 1, 2, 3, 3, 5, 4, 4, 5, 6, 6, 5, 4, 4, 5, 6, 6],
      .wrap: [5, 6, 4, 5, 6, 4, 2, 3, 1, 2, 3, 1, 5, 6, 4, 5, 6, 4, 2, 3, 1, 2, 3, 1],
    ]
    for (mode, values) in want {
      let y = try pad(x, widths, mode: mode)
      XCTAssertEqual(y.shape, [4, 6], "\(mode)")
      XCTAssertEqual(try y.toArray(), values, "\(mode)")
    }
    XCTAssertEqual(try pad(try NDArray([7.0]), [(2, 1)], mode: .reflect).toArray(), [7, 7, 7, 7])
    let v = try NDArray([Int64(1), 2, 3])
    XCTAssertEqual(try pad(v, [(0, 2)], mode: .wrap).toArray(), [1, 2, 3, 1, 2])
    XCTAssertEqual(try pad(v, [(3, 0)], mode: .symmetric).toArray(), [3, 2, 1, 1, 2, 3])
    XCTAssertEqual(try pad(v, [(0, 0)], mode: .edge).toArray(), [1, 2, 3])
  }

  func testErrors() throws {
    XCTAssertThrowsError(try pad(try zeros([0, 2]), [(1, 0), (0, 0)], mode: .edge)) {
      XCTAssertTrue("\($0)".contains("can't extend empty axis 0"), "\($0)")
    }
    XCTAssertThrowsError(try pad(try NDArray([1.0, 2, 3]), [(3, 0)], mode: .reflect)) {
      XCTAssertTrue("\($0)".contains("not supported yet"), "\($0)")
    }
  }
}
