// std, norm, trace, the nan-reductions (nanvar and nanstd too), logaddexp, convolve, split, array_split, column_stack, dstack,
// meshgrid and pad against NumPy 2.4's results (the values in the comments), and their errors.

import DRCIR
import XCTest

@testable import DRCArray

final class StatisticsFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testStdNormTrace() throws {
    let x = try NDArray([1.0, 2, 4, 3, 5, 9], shape: [2, 3])
    // np.std(x) -> 2.581988897471611; np.std(x, axis=0, ddof=1)
    XCTAssertEqual(try x.std().item(), 2.581988897471611, accuracy: 1e-15)
    let s = try std(x, axis: 0, ddof: 1).toArray()
    for (g, w) in zip(s, [1.4142135623730951, 2.1213203435596424, 3.5355339059327378]) {
      XCTAssertEqual(g, w, accuracy: 1e-15)
    }
    // np.linalg.norm(x) -> 11.661903789690601; axis=1 -> [4.58257569495584, 10.723805294763608]
    XCTAssertEqual(try norm(x).item(), 11.661903789690601, accuracy: 1e-14)
    let rows = try norm(x, axis: 1).toArray()
    XCTAssertEqual(rows[0], 4.58257569495584, accuracy: 1e-14)
    XCTAssertEqual(rows[1], 10.723805294763608, accuracy: 1e-14)
    XCTAssertEqual(try norm(try NDArray([Int32(3), 4])).item(), 5)
    XCTAssertEqual(try norm(try NDArray([Int32(3), 4])).dtype, .float64)
    // m = np.arange(12.0).reshape(3, 4): trace 15, offset 1 -> 18, -1 -> 13, 5 -> 0
    let m = try NDArray((0..<12).map(Double.init), shape: [3, 4])
    XCTAssertEqual(try trace(m).item(), 15)
    XCTAssertEqual(try trace(m, offset: 1).item(), 18)
    XCTAssertEqual(try trace(m, offset: -1).item(), 13)
    XCTAssertEqual(try trace(m, offset: 5).item(), 0)
    XCTAssertThrowsError(try trace(try NDArray([1.0, 2]))) {
      XCTAssertTrue("\($0)".contains("trace: needs a 2-D array"), "\($0)")
      XCTAssertTrue("\($0)".contains("StatisticsFormsTests.swift:\(#line - 2)"), "\($0)")
    }
  }

  func testNanReductions() throws {
    let n = try NDArray([1.0, .nan, 3, .nan, .nan, .nan], shape: [2, 3])
    // np.nansum(n) -> 4; axis=1 -> [4, 0]; np.nanmean(n, axis=1) -> [2, nan]
    XCTAssertEqual(try nansum(n).item(), 4)
    XCTAssertEqual(try nansum(n, axis: 1).toArray(), [4, 0])
    let means = try nanmean(n, axis: 1).toArray()
    XCTAssertEqual(means[0], 2)
    XCTAssertTrue(means[1].isNaN)
    XCTAssertEqual(try nanmean(n).item(), 2)
    // np.nanmax(n, axis=1) -> [3, nan]; np.nanmin(n, axis=0) -> [1, nan, 3]
    let maxima = try nanmax(n, axis: 1).toArray()
    XCTAssertEqual(maxima[0], 3)
    XCTAssertTrue(maxima[1].isNaN)
    let minima = try nanmin(n, axis: 0).toArray()
    XCTAssertEqual(minima[0], 1)
    XCTAssertTrue(minima[1].isNaN)
    XCTAssertEqual(minima[2], 3)
    // Integers have no NaN: the plain reductions, dtypes kept.
    let k = try NDArray([Int32(4), -2, 7])
    XCTAssertEqual(try nanmax(k).item(), 7)
    XCTAssertEqual(try nansum(k).dtype, try k.sum().dtype)
    // float32 stays float32.
    XCTAssertEqual(try nanmean(try NDArray([Float(1), .nan, 2])).dtype, .float32)
  }

  func testNanVarianceAndStd() throws {
    let n = try NDArray([1.0, .nan, 3, 4, .nan, .nan, .nan, 2], shape: [2, 4])
    // np.nanvar(n, axis=1) -> [1.5555555555555554, 0]; ddof=1 -> [2.333333333333333, nan]
    let v = try nanvar(n, axis: 1).toArray()
    XCTAssertEqual(v[0], 1.5555555555555554, accuracy: 4e-16)
    XCTAssertEqual(v[1], 0)
    let v1 = try nanvar(n, axis: 1, ddof: 1).toArray()
    XCTAssertEqual(v1[0], 2.333333333333333, accuracy: 8e-16)
    XCTAssertTrue(v1[1].isNaN, "one value and ddof 1: NaN")
    // np.nanstd(n) -> 1.118033988749895; np.nanvar(n, axis=0) -> [0, nan, 0, 1]
    XCTAssertEqual(try nanstd(n).item(), 1.118033988749895, accuracy: 4e-16)
    let columns = try nanvar(n, axis: 0).toArray()
    XCTAssertEqual(columns[0], 0)
    XCTAssertTrue(columns[1].isNaN)
    XCTAssertEqual(columns[3], 1)
  }

  func testConvolve() throws {
    // a = [1, 2, 3, 4, 5]; v = [0.5, 1, -1]: np.convolve(a, v, mode) for each mode, either order
    let a = try NDArray([1.0, 2, 3, 4, 5])
    let v = try NDArray([0.5, 1, -1])
    XCTAssertEqual(try convolve(a, v).toArray(), [0.5, 2, 2.5, 3, 3.5, 1, -5])
    XCTAssertEqual(try convolve(v, a).toArray(), [0.5, 2, 2.5, 3, 3.5, 1, -5])
    XCTAssertEqual(try convolve(a, v, mode: .same).toArray(), [2, 2.5, 3, 3.5, 1])
    XCTAssertEqual(try convolve(v, a, mode: .same).toArray(), [2, 2.5, 3, 3.5, 1])
    XCTAssertEqual(try convolve(a, v, mode: .valid).toArray(), [2.5, 3, 3.5])
    // Integers stay integers: np.convolve([1, 2, 3], [1, 1]) -> int64 [1, 3, 5, 3]
    let k = try convolve(try NDArray([Int64(1), 2, 3]), try NDArray([Int64(1), 1]))
    XCTAssertEqual(k.dtype, .int64)
    XCTAssertEqual(try k.toArray(), [1, 3, 5, 3])
    XCTAssertEqual(try convolve(try NDArray([2.0]), try NDArray([3.0]), mode: .same).toArray(), [6])
    XCTAssertThrowsError(try convolve(try zeros([2, 2]), v)) {
      XCTAssertTrue("\($0)".contains("convolve: takes 1-D arrays"), "\($0)")
    }
  }

  func testCorrelate() throws {
    // a = [1, 2, 3, 4, 5]; v = [0.5, 1, -1, 2]: np.correlate in each mode and either order
    let a = try NDArray([1.0, 2, 3, 4, 5])
    let v = try NDArray([0.5, 1, -1, 2])
    XCTAssertEqual(try correlate(a, v, mode: .full).toArray(), [2, 3, 5, 7.5, 10, 0.5, 7, 2.5])
    XCTAssertEqual(try correlate(v, a, mode: .full).toArray(), [2.5, 7, 0.5, 10, 7.5, 5, 3, 2])
    XCTAssertEqual(try correlate(a, v, mode: .same).toArray(), [3, 5, 7.5, 10, 0.5])
    XCTAssertEqual(try correlate(v, a, mode: .same).toArray(), [0.5, 10, 7.5, 5, 3])
    XCTAssertEqual(try correlate(a, v).toArray(), [7.5, 10])
    XCTAssertEqual(try correlate(v, a).toArray(), [10, 7.5])
  }

  func testLogaddexp() throws {
    let a = try NDArray([0.0, 1000, -.infinity, .infinity, 1e-20, -3, .nan])
    let b = try NDArray([0.0, 999, -.infinity, .infinity, 2e-20, 5, 1])
    let got = try logaddexp(a, b).toArray()
    // np.logaddexp(a, b), printed with float.hex
    let want = [
      0x1.62e42fefa39efp-1, 0x1.f42818f57f7d8p+9, -.infinity, .infinity, 0x1.62e42fefa39efp-1,
      0x1.40057ecbd9c1ep+2,
    ]
    for (g, w) in zip(got, want) {
      if w.isInfinite { XCTAssertEqual(g, w) } else { XCTAssertEqual(g, w, accuracy: 2 * w.ulp) }
    }
    XCTAssertTrue(got[6].isNaN)
    // Equal operands take a + ln 2, exactly NumPy's constant.
    XCTAssertEqual(got[0], 0x1.62e42fefa39efp-1)
    XCTAssertEqual(try logaddexp(try NDArray([Int32(1)]), try NDArray([Int32(1)])).dtype, .float64)
  }

  func testSplitting() throws {
    // np.array_split(np.arange(7.0), 3) -> [0, 1, 2], [3, 4], [5, 6]
    let parts = try arraySplit(try NDArray((0..<7).map(Double.init)), 3)
    XCTAssertEqual(try parts.map { try $0.toArray() }, [[0, 1, 2], [3, 4], [5, 6]])
    // np.split(np.arange(6.0), [2, -1, 10]) -> [0, 1], [2, 3, 4], [5], []
    let cut = try split(try NDArray((0..<6).map(Double.init)), indices: [2, -1, 10])
    XCTAssertEqual(try cut.map { try $0.toArray() }, [[0, 1], [2, 3, 4], [5], []])
    let m = try NDArray((0..<6).map(Double.init), shape: [2, 3])
    let halves = try split(m, 3, axis: 1)
    XCTAssertEqual(halves.map(\.shape), [[2, 1], [2, 1], [2, 1]])
    XCTAssertEqual(try halves[1].toArray(), [1, 4])
    // Pieces are views: a write reaches the array.
    halves[2][0, 0] = 50.0
    XCTAssertEqual(try m.toArray(), [0, 1, 50, 3, 4, 5])
    XCTAssertThrowsError(try split(m, 2, axis: 1)) {
      XCTAssertTrue("\($0)".contains("2 sections do not divide axis 1 of length 3"), "\($0)")
      XCTAssertTrue("\($0)".contains("StatisticsFormsTests.swift:\(#line - 2)"), "\($0)")
    }
    XCTAssertThrowsError(try arraySplit(m, 0)) {
      XCTAssertTrue("\($0)".contains("at least one section"), "\($0)")
    }
  }

  func testStackingGridsAndPadding() throws {
    // np.column_stack([[1, 2], [[3, 4], [5, 6]]]) -> [[1, 3, 4], [2, 5, 6]]
    let c = try columnStack([try NDArray([1.0, 2]), try NDArray([3.0, 4, 5, 6], shape: [2, 2])])
    XCTAssertEqual(c.shape, [2, 3])
    XCTAssertEqual(try c.toArray(), [1, 3, 4, 2, 5, 6])
    // np.dstack([[1, 2], [3, 4]]) -> shape (1, 2, 2): [1, 3, 2, 4]
    let d = try dstack([try NDArray([1.0, 2]), try NDArray([3.0, 4])])
    XCTAssertEqual(d.shape, [1, 2, 2])
    XCTAssertEqual(try d.toArray(), [1, 3, 2, 4])
    // X, Y = np.meshgrid([1, 2, 3], [10, 20]): shape (2, 3)
    let xy = try meshgrid([try NDArray([1.0, 2, 3]), try NDArray([10.0, 20])])
    XCTAssertEqual(xy.map(\.shape), [[2, 3], [2, 3]])
    XCTAssertEqual(try xy[0].toArray(), [1, 2, 3, 1, 2, 3])
    XCTAssertEqual(try xy[1].toArray(), [10, 10, 10, 20, 20, 20])
    let ij = try meshgrid([try NDArray([1.0, 2, 3]), try NDArray([10.0, 20])], indexing: .ij)
    XCTAssertEqual(ij.map(\.shape), [[3, 2], [3, 2]])
    XCTAssertEqual(try ij[0].toArray(), [1, 1, 2, 2, 3, 3])
    XCTAssertEqual(try ij[1].toArray(), [10, 20, 10, 20, 10, 20])
    // np.pad([[1, 2], [3, 4]], ((1, 0), (0, 2)), constant_values=-1)
    let p = try pad(try NDArray([1.0, 2, 3, 4], shape: [2, 2]), [(1, 0), (0, 2)], value: -1)
    XCTAssertEqual(p.shape, [3, 4])
    XCTAssertEqual(try p.toArray(), [-1, -1, -1, -1, 1, 2, -1, -1, 3, 4, -1, -1])
    XCTAssertEqual(try pad(try NDArray([Int32(5)]), [(2, 1)]).toArray(), [0, 0, 5, 0])
    XCTAssertThrowsError(try pad(try NDArray([1.0]), [(1, 1), (1, 1)])) {
      XCTAssertTrue("\($0)".contains("pad: needs one non-negative (before, after) pair"), "\($0)")
    }
  }
}
