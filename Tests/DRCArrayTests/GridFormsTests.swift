// indices, fromfunction, logspace, radians and degrees against NumPy 2.4's results (float.hex
// values in the comments), float32 included.

import DRCIR
import XCTest

@testable import DRCArray

final class GridFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testIndicesAndFromfunction() throws {
    // np.indices((2, 3)): shape (2, 2, 3)
    let grid = try indices([2, 3])
    XCTAssertEqual(grid.shape, [2, 2, 3])
    XCTAssertEqual(grid.dtype, .int64)
    XCTAssertEqual(try grid.toArray(), [0, 0, 0, 1, 1, 1, 0, 1, 2, 0, 1, 2])
    // np.fromfunction(lambda i, j: i * 10 + j, (2, 3))
    let f = try fromfunction([2, 3]) { (ij: [NDArray]) throws(ArrayError) -> NDArray in
      try ij[0] * 10 + ij[1]
    }
    XCTAssertEqual(f.dtype, .float64)
    XCTAssertEqual(try f.toArray(), [0, 1, 2, 10, 11, 12])
    XCTAssertThrowsError(try indices([2, -1])) {
      XCTAssertTrue("\($0)".contains("indices: shape [2, -1]"), "\($0)")
    }
  }

  func testLogspace() throws {
    // np.logspace(0, 3, 4) -> [1, 10, 100, 1000]; np.logspace(0, 1, 3, base=2.0)
    XCTAssertEqual(try logspace(0, 3, 4).toArray(), [1, 10, 100, 1000])
    let two = try logspace(0, 1, 3, base: 2).toArray()
    XCTAssertEqual(two[0], 1)
    XCTAssertEqual(two[1], 0x1.6a09e667f3bcdp+0, accuracy: 0x1p-52)
    XCTAssertEqual(two[2], 2)
  }

  func testAngles() throws {
    // np.radians([180, 45, 1]); np.degrees([pi, 1])
    XCTAssertEqual(
      try radians(try NDArray([180.0, 45, 1])).toArray(),
      [0x1.921fb54442d18p+1, 0x1.921fb54442d18p-1, 0x1.1df46a2529d39p-6])
    XCTAssertEqual(
      try degrees(try NDArray([Double.pi, 1])).toArray(), [0x1.68p+7, 0x1.ca5dc1a63c1f8p+5])
    // float32: np.radians(np.float32([180, 45, 1])); np.degrees(np.float32([3.1415927, 1]))
    let r32 = try radians(try NDArray([Float(180), 45, 1]))
    XCTAssertEqual(r32.dtype, .float32)
    XCTAssertEqual(try r32.toArray(), [0x1.921fb6p+1, 0x1.921fb6p-1, 0x1.1df46ap-6])
    XCTAssertEqual(
      try degrees(try NDArray([Float(3.1415927), 1])).toArray(), [0x1.68p+7, 0x1.ca5dcp+5])
    XCTAssertEqual(try radians(try NDArray([Int32(90)])).dtype, .float64)
  }
}
