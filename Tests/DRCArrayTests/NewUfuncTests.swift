// The ufuncs issue 12 added as trace ops (rint, round, expm1, log1p, log2, log10, arcsin, arccos,
// arctan, sinh, cosh, copysign), against NumPy's results written out by hand.

import DRCIR
import Foundation
import XCTest

@testable import DRCArray

final class NewUfuncTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testRintAndRound() throws {
    let x = try NDArray([Float(0.5), 1.5, 2.5, -0.5, -2.5, 3.7])
    // np.rint(x) -> float32 [0, 2, 2, -0, -2, 4]
    let r = try rint(x)
    XCTAssertEqual(r.dtype, .float32)
    let v = try r.toArray()
    XCTAssertEqual(v, [0, 2, 2, 0, -2, 4])
    XCTAssertEqual(v[3].sign, .minus, "rint(-0.5) is -0.0")
    XCTAssertEqual(try round(x).toArray(), v)
    // np.round(int32 array) -> the same int32 array; np.rint(int32) -> float64
    let k = try NDArray([Int32(-3), 4])
    XCTAssertEqual(try round(k).dtype, .int32)
    XCTAssertEqual(try round(k).toArray(), [-3, 4])
    XCTAssertEqual(try rint(k).dtype, .float64)
    // np.round([2.675, 1.005, -0.125, 1234.5678, 1e300], 2) -> [2.68, 1.0, -0.12, 1234.57, 1e300]
    let d = try NDArray([2.675, 1.005, -0.125, 1234.5678, 1e300])
    XCTAssertEqual(try round(d, decimals: 2).toArray(), [2.68, 1.0, -0.12, 1234.57, 1e300])
    // np.round([1234.5678, -2550.0, 15.0], -2) -> [1200, -2600, 0]; int64 [1234, -2550, 1250]
    // -> [1200, -2600, 1200] (int64); decimals 2 leaves integers as they are.
    XCTAssertEqual(
      try round(try NDArray([1234.5678, -2550.0, 15.0]), decimals: -2).toArray(), [1200, -2600, 0])
    let ints = try round(try NDArray([Int64(1234), -2550, 1250]), decimals: -2)
    XCTAssertEqual(ints.dtype, .int64)
    XCTAssertEqual(try ints.toArray(), [1200, -2600, 1200])
    XCTAssertEqual(try round(k, decimals: 2).toArray(), [-3, 4])
    // float32 scales by 100 as float32: np.round(np.float32([2.675]), 2) -> 2.680000066757202
    XCTAssertEqual(
      try round(try NDArray([Float(2.675)]), decimals: 2).toArray(), [2.680000066757202])
    XCTAssertThrowsError(try round(x, decimals: 400)) {
      XCTAssertTrue("\($0)".contains("NewUfuncTests.swift:\(#line - 1)"), "\($0)")
    }
  }

  func testExpLogForms() throws {
    let x = try NDArray([0, 1e-20, 1, -0.0])
    // np.expm1(x) -> [0, 1e-20, 1.718281828459045, -0]; np.log1p(x) -> [0, 1e-20, log(2), -0]
    XCTAssertEqual(try expm1(x).toArray(), [0, 1e-20, 1.718281828459045, 0])
    XCTAssertEqual(try log1p(x).toArray(), [0, 1e-20, 0.6931471805599453, 0])
    // np.log2([1, 8, 0.5]) -> [0, 3, -1]; np.log10([1, 1000, 0]) -> [0, 3, -inf]
    XCTAssertEqual(try log2(try NDArray([1.0, 8, 0.5])).toArray(), [0, 3, -1])
    XCTAssertEqual(try log10(try NDArray([1.0, 1000, 0])).toArray(), [0, 3, -.infinity])
    XCTAssertEqual(try log2(try NDArray([Int32(4)])).dtype, .float64)
  }

  func testInverseTrigAndHyperbolic() throws {
    let x = try NDArray([0.0, 1, -1])
    // np.arcsin -> [0, pi/2, -pi/2]; np.arccos -> [pi/2, 0, pi]; np.arctan -> [0, pi/4, -pi/4]
    XCTAssertEqual(try arcsin(x).toArray(), [0, Double.pi / 2, -Double.pi / 2])
    XCTAssertEqual(try arccos(x).toArray(), [Double.pi / 2, 0, Double.pi])
    XCTAssertEqual(try arctan(x).toArray(), [0, Double.pi / 4, -Double.pi / 4])
    XCTAssertTrue(try arcsin(try NDArray([2.0])).item().isNaN)
    // np.sinh([0, 1]) -> [0, 1.1752011936438014]; np.cosh([0, 1]) -> [1, 1.5430806348152437]
    let y = try NDArray([0.0, 1])
    XCTAssertEqual(try sinh(y).toArray(), [0, 1.1752011936438014])
    XCTAssertEqual(try cosh(y).toArray(), [1, 1.5430806348152437])
    XCTAssertEqual(try cosh(try NDArray([Float(0)])).dtype, .float32)
  }

  func testCopysign() throws {
    let x = try NDArray([1.0, -2, 3, 0])
    // np.copysign(x, [-0.0, 1, -1, -5]) -> [-1, 2, -3, -0]
    let r = try copysign(x, try NDArray([-0.0, 1, -1, -5])).toArray()
    XCTAssertEqual(r, [-1, 2, -3, 0])
    XCTAssertEqual(r[3].sign, .minus)
    // np.copysign(x, -1) -> [-1, -2, -3, -0]
    XCTAssertEqual(try copysign(x, -1).toArray(), [-1, -2, -3, 0])
    // np.copysign(int32, int32) -> float64
    let k = try copysign(try NDArray([Int32(3)]), try NDArray([Int32(-1)]))
    XCTAssertEqual(k.dtype, .float64)
    XCTAssertEqual(try k.toArray(), [-3])
  }

  /// Trace format 1.5's ufuncs against NumPy 2.4, within their documented bounds
  /// (docs/numerics.md: 4 ulp for the inverse hyperbolics, 2 for cbrt, 3 for exp2): the
  /// reference calls glibc, which is 1 ulp off NumPy's SIMD results on some of these
  /// (cbrt(27) = 3 + 1 ulp), and the device has its own builtins.
  func testInverseHyperbolicCbrtAndExp2() throws {
    func near(_ got: NDArray, _ want: [Double], ulps: Double, line: UInt = #line) throws {
      let g = try got.toArray()
      XCTAssertEqual(g.count, want.count, line: line)
      for (a, b) in zip(g, want) {
        XCTAssertLessThanOrEqual(
          Swift.abs(a - b), ulps * b.magnitude.ulp, "\(g) against \(want)", line: line)
      }
    }
    let x = try NDArray([0, 1, -2.5, 3.7])
    try near(arcsinh(x), [0, 0.881373587019543, -1.6472311463710958, 2.0192606561549606], ulps: 4)
    try near(
      arccosh(try NDArray([1, 2, 10.0])), [0, 1.3169578969248168, 2.993222846126381], ulps: 4)
    try near(
      arctanh(try NDArray([0, 0.5, -0.9])), [0, 0.5493061443340549, -1.4722194895832204], ulps: 5)
    try near(cbrt(try NDArray([27, -8, 2.0])), [3, -2, 1.2599210498948732], ulps: 2)
    try near(exp2(try NDArray([3, -1, 0.5])), [8, 0.5, 1.4142135623730951], ulps: 3)
    let ints = try cbrt(try NDArray([Int32(8), -27]))
    XCTAssertEqual(ints.dtype, .float64)
    try near(ints, [2, -3], ulps: 2)
    XCTAssertEqual(try exp2(try NDArray([Float(1.5)])).dtype, .float32)
  }
}
