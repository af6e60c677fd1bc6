// eye, identity, tri, tril, triu, linspace and arange forms against NumPy's results.

import DRCIR
import XCTest

@testable import DRCArray

final class CreationFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testEyeIdentityTri() throws {
    // np.eye(2, 3, k=1) -> [[0, 1, 0], [0, 0, 1]]
    let e = try eye(2, 3, k: 1)
    XCTAssertEqual(e.shape, [2, 3])
    XCTAssertEqual(try e.toArray(), [0, 1, 0, 0, 0, 1])
    // np.identity(3, dtype=int32)
    let i = try identity(3, dtype: .int32)
    XCTAssertEqual(i.dtype, .int32)
    XCTAssertEqual(try i.toArray(), [1, 0, 0, 0, 1, 0, 0, 0, 1])
    // np.eye(2, k=5) -> zeros; np.eye(2, k=Int.max) must not overflow
    XCTAssertEqual(try eye(2, k: Int.max).toArray(), [0, 0, 0, 0])
    // np.tri(3, 2, k=-1) -> [[0, 0], [1, 0], [1, 1]]
    XCTAssertEqual(try tri(3, 2, k: -1).toArray(), [0, 0, 1, 0, 1, 1])
    XCTAssertThrowsError(try eye(-1)) {
      XCTAssertTrue("\($0)".contains("non-negative"), "\($0)")
    }
  }

  func testTrilTriu() throws {
    let m = try NDArray([1.0, 2, 3, 4, 5, 6, 7, 8, 9], shape: [3, 3])
    // np.tril(m) -> [[1, 0, 0], [4, 5, 0], [7, 8, 9]]
    XCTAssertEqual(try tril(m).toArray(), [1, 0, 0, 4, 5, 0, 7, 8, 9])
    // np.triu(m, k=1) -> [[0, 2, 3], [0, 0, 6], [0, 0, 0]]
    XCTAssertEqual(try triu(m, k: 1).toArray(), [0, 2, 3, 0, 0, 6, 0, 0, 0])
    // np.tril over a stack applies to the last two axes
    let s = try NDArray([1.0, 2, 3, 4, 5, 6, 7, 8], shape: [2, 2, 2])
    XCTAssertEqual(try tril(s).toArray(), [1, 0, 3, 4, 5, 0, 7, 8])
    let k = try NDArray([Int32(1), 2, 3, 4], shape: [2, 2])
    XCTAssertEqual(try triu(k).dtype, .int32)
    XCTAssertThrowsError(try tril(try NDArray([1.0, 2]))) {
      XCTAssertTrue("\($0)".contains("at least 2 dimensions"), "\($0)")
    }
  }

  func testLinspaceAndArange() throws {
    // np.linspace(0, 1, 5) -> [0, .25, .5, .75, 1]; endpoint=False -> [0, .2, .4, .6, .8]
    XCTAssertEqual(try linspace(0, 1, 5).toArray(), [0, 0.25, 0.5, 0.75, 1])
    XCTAssertEqual(
      try linspace(0, 1, 5, endpoint: false).toArray(), [0, 0.2, 0.4, 0.6000000000000001, 0.8])
    XCTAssertEqual(try linspace(0, 1, 3, dtype: .float32).dtype, .float32)
    XCTAssertEqual(try linspace(2, 3, 1).toArray(), [2])
    XCTAssertThrowsError(try linspace(0, 1, -1))
    // np.arange(0.5, 2, 0.5) -> [0.5, 1, 1.5]; np.arange(1, 7, 2, dtype=int32) -> [1, 3, 5]
    XCTAssertEqual(try arange(0.5, 2, step: 0.5).toArray(), [0.5, 1, 1.5])
    XCTAssertEqual(try arange(1, 7, step: 2, dtype: .int32).toArray(), [1, 3, 5])
    XCTAssertEqual(try arange(1, 7, step: 2, dtype: .int32).dtype, .int32)
  }
}
