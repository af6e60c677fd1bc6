// Selections whose length depends on the data, against NumPy 2.4's printed results: `x[mask]`
// read (whole mask, leading mask, a mask inside a subscript), `nonzero`, `flatnonzero`,
// `argwhere`, `extract`, `compress`, and writes pairing values with the true elements
// (`x[mask] = y[mask]`, `x[mask] += arange(k)`). The same tests run in device mode (the count is
// a host read that runs the pending work).

import DRCIR
import XCTest

@testable import DRCArray

final class CompactionFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  /// x = np.arange(12.0).reshape(3, 4) - 5
  private func grid() throws -> NDArray {
    try NDArray((0..<12).map { Double($0) - 5 }, shape: [3, 4])
  }

  func testMaskedReads() throws {
    let x = try grid()
    // x[x > 0] -> [1. 2. 3. 4. 5. 6.]
    let positive = x[try x > 0.0]
    XCTAssertEqual(positive.shape, [6])
    XCTAssertEqual(try positive.toArray(), [1, 2, 3, 4, 5, 6])
    // x[np.array([True, False, True])]: a leading mask selects rows
    let rows = x[try NDArray([true, false, true])]
    XCTAssertEqual(rows.shape, [2, 4])
    XCTAssertEqual(try rows.toArray(), [-5, -4, -3, -2, 3, 4, 5, 6])
    // x[x > 100]: empty, float64
    let none = x[try x > 100.0]
    XCTAssertEqual(none.shape, [0])
    XCTAssertEqual(none.dtype, .float64)
    XCTAssertEqual(try none.toArray(), [])
    // azimint_naive's form: a mean over a computed band
    let band = try (x >= -1.0) & (x < 3.0)
    XCTAssertEqual(try x[band].mean().item(), 0.5)  // mean of [-1, 0, 1, 2]
  }

  func testMasksInsideSubscripts() throws {
    let x = try NDArray((0..<24).map(Double.init), shape: [2, 3, 4])
    // x[:, np.array([True, False, True])]
    let middle = x[.all, try NDArray([true, false, true])]
    XCTAssertEqual(middle.shape, [2, 2, 4])
    XCTAssertEqual(
      try middle.toArray(), [0, 1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23])
    // x[1, np.array([True, False, True]), 2] -> [14, 22]
    XCTAssertEqual(try x[1, try NDArray([true, false, true]), 2].toArray(), [14, 22])
    // x[..., np.array([False, True, True, False])].shape -> (2, 3, 2)
    XCTAssertEqual(x[.ellipsis, try NDArray([false, true, true, false])].shape, [2, 3, 2])
    // a 2-D mask over the first two axes, then an integer: x[m, 1] -> [1, 9, 21]
    let m = try NDArray([true, false, true, false, false, true], shape: [2, 3])
    XCTAssertEqual(try x[m, 1].toArray(), [1, 9, 21])
    XCTAssertThrowsError(try x[.all, try NDArray([true, false])].toArray()) {
      XCTAssertTrue("\($0)".contains("does not match"), "\($0)")
    }
  }

  func testNonzeroFamily() throws {
    let x = try grid()
    // np.nonzero(x > 2) -> ([2, 2, 2, 2], [0, 1, 2, 3])
    let coordinates = try nonzero(try x > 2.0)
    XCTAssertEqual(coordinates.count, 2)
    XCTAssertEqual(try coordinates[0].toArray(), [2, 2, 2, 2])
    XCTAssertEqual(try coordinates[1].toArray(), [0, 1, 2, 3])
    XCTAssertEqual(coordinates[0].dtype, .int64)
    // np.nonzero(np.arange(6).reshape(2, 3)) -> ([0, 0, 1, 1, 1], [1, 2, 0, 1, 2])
    let z = try nonzero(try arange(6).reshape([2, 3]))
    XCTAssertEqual(try z[0].toArray(), [0, 0, 1, 1, 1])
    XCTAssertEqual(try z[1].toArray(), [1, 2, 0, 1, 2])
    // np.flatnonzero(x) -> every position but 5
    XCTAssertEqual(try flatnonzero(x).toArray(), [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11])
    // np.argwhere(x > 3) -> [[2, 1], [2, 2], [2, 3]]
    let rows = try argwhere(try x > 3.0)
    XCTAssertEqual(rows.shape, [3, 2])
    XCTAssertEqual(try rows.toArray(), [2, 1, 2, 2, 2, 3])
    // np.argwhere(np.array(3.0)).shape -> (1, 0); of 0.0 -> (0, 0)
    XCTAssertEqual(try argwhere(try NDArray([3.0], shape: [])).shape, [1, 0])
    XCTAssertEqual(try argwhere(try NDArray([0.0], shape: [])).shape, [0, 0])
    XCTAssertThrowsError(try nonzero(try NDArray([1.0], shape: []))) {
      XCTAssertTrue("\($0)".contains("0-d"), "\($0)")
    }
  }

  func testExtractAndCompress() throws {
    let x = try grid()
    // np.extract(x.astype(int) % 3 == 0, x) -> [-3, 0, 3, 6]
    let every3 = try (x.astype(.int64) % 3) == 0
    XCTAssertEqual(try extract(every3, x).toArray(), [-3, 0, 3, 6])
    // np.compress([False, True], x, axis=0) -> [[-1, 0, 1, 2]]
    let row = try compress(try NDArray([false, true]), x, axis: 0)
    XCTAssertEqual(row.shape, [1, 4])
    XCTAssertEqual(try row.toArray(), [-1, 0, 1, 2])
    // np.compress([True, False, True, True], x, axis=1)
    let columns = try x.compress(try NDArray([true, false, true, true]), axis: 1)
    XCTAssertEqual(try columns.toArray(), [-5, -3, -2, -1, 1, 2, 3, 5, 6])
    // a true beyond the axis: NumPy's IndexError; falses there are ignored
    XCTAssertThrowsError(try x.compress(try NDArray([false, false, false, true]), axis: 0)) {
      XCTAssertTrue("\($0)".contains("index 3 is out of bounds for axis 0 with size 3"), "\($0)")
    }
    XCTAssertEqual(
      try x.compress(try NDArray([false, true, false, false]), axis: 0).toArray(), [-1, 0, 1, 2])
  }

  func testWritesPairingValuesWithTheTrueElements() throws {
    // y[y > 0] = [10, 20, 30, 40, 50, 60]
    let y = try grid()
    y[try y > 0.0] = try NDArray([10.0, 20, 30, 40, 50, 60])
    XCTAssertEqual(try y.toArray(), [-5, -4, -3, -2, -1, 0, 10, 20, 30, 40, 50, 60])
    // a leading mask with one row per true element
    let r = try grid()
    r[try NDArray([true, false, true])] = try NDArray([1.0, 2, 3, 4, 5, 6, 7, 8], shape: [2, 4])
    XCTAssertEqual(try r.toArray(), [1, 2, 3, 4, -1, 0, 1, 2, 5, 6, 7, 8])
    // y[m] = y[m] * 2 + np.arange(m.sum()): 4 trues, as many as the last axis (broadcasting
    // the values against x's shape would be wrong here)
    let a = try grid()
    let m = try a > 2.0
    a[m] = try a[m] * 2.0 + arange(0, 4)
    XCTAssertEqual(try a.toArray(), [-5, -4, -3, -2, -1, 0, 1, 2, 6, 9, 12, 15])
    // y[m] += np.arange(m.sum())
    let b = try grid()
    try b[try b > 2.0] += try arange(0, 4)
    XCTAssertEqual(try b.toArray(), [-5, -4, -3, -2, -1, 0, 1, 2, 3, 5, 7, 9])
    // a scalar still broadcasts; an array of x's shape is still where(mask, v, x)
    let c = try grid()
    try c[try c < 0.0] *= 2.0
    c[try c > 4.0] = try c * 0.0
    XCTAssertEqual(try c.toArray(), [-10, -8, -6, -4, -2, 0, 1, 2, 3, 4, 0, 0])
    // NumPy's ValueError: 2 values for 6 true elements
    let d = try grid()
    d[try d > 0.0] = try NDArray([1.0, 2])
    XCTAssertThrowsError(try DRC.check()) {
      XCTAssertTrue("\($0)".contains("cannot assign 2 input values to the 6 output"), "\($0)")
    }
  }

  func testAPerturbedSelectionIsCaught() throws {
    // The comparison can fail: a mask one element off selects different values.
    let x = try grid()
    XCTAssertNotEqual(try x[try x > 1.0].toArray(), [1, 2, 3, 4, 5, 6])
  }
}
