// Ufuncs built from existing ops (sign, isnan, isinf, isfinite, square, reciprocal, trunc, clip,
// hypot) and the logical reductions (any, all, count_nonzero), against NumPy's results.

import DRCIR
import Foundation
import XCTest

@testable import DRCArray

final class UfuncFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testSignAndClassification() throws {
    let x = try NDArray([-2.5, -0.0, 0, 3, .nan, .infinity, -.infinity])
    // np.sign(x) -> [-1, 0, 0, 1, nan, 1, -1]; np.sign(-0.0) is 0.0
    let s = try sign(x).toArray()
    XCTAssertEqual(Array(s[0..<4]), [-1, 0, 0, 1])
    XCTAssertEqual(s[1].sign, .plus)
    XCTAssertTrue(s[4].isNaN)
    XCTAssertEqual(Array(s[5...]), [1, -1])
    // np.isnan / isinf / isfinite
    XCTAssertEqual(try isnan(x).toArray(), [0, 0, 0, 0, 1, 0, 0])
    XCTAssertEqual(try isinf(x).toArray(), [0, 0, 0, 0, 0, 1, 1])
    XCTAssertEqual(try isfinite(x).toArray(), [1, 1, 1, 1, 0, 0, 0])
    let k = try NDArray([Int32(-3), 0, 4])
    XCTAssertEqual(try sign(k).toArray(), [-1, 0, 1])
    XCTAssertEqual(try sign(k).dtype, .int32)
    XCTAssertEqual(try isnan(k).toArray(), [0, 0, 0])
    XCTAssertEqual(try isfinite(k).toArray(), [1, 1, 1])
    XCTAssertEqual(try isfinite(k).dtype, .bool)
    XCTAssertThrowsError(try sign(try NDArray([true]))) {
      XCTAssertTrue("\($0)".contains("UfuncFormsTests.swift:\(#line - 1)"), "\($0)")
    }
  }

  func testSquareReciprocalTruncClip() throws {
    let x = try NDArray([Float(-2.5), -0.5, 0.5, 2.5])
    // np.square(x) -> [6.25, 0.25, 0.25, 6.25] (float32)
    XCTAssertEqual(try square(x).toArray(), [6.25, 0.25, 0.25, 6.25])
    XCTAssertEqual(try square(x).dtype, .float32)
    // np.reciprocal(x) -> [-0.4, -2, 2, 0.4] (float32)
    XCTAssertEqual(try reciprocal(x).toArray(), [Double(Float(-0.4)), -2, 2, Double(Float(0.4))])
    XCTAssertThrowsError(try reciprocal(try NDArray([Int32(2)])))
    // np.trunc(x) -> [-2, -0, 0, 2]
    let t = try trunc(x).toArray()
    XCTAssertEqual(t, [-2, 0, 0, 2])
    XCTAssertEqual(t[1].sign, .minus, "trunc(-0.5) is -0.0")
    // np.clip(x, -1, 1) -> [-1, -0.5, 0.5, 1] (float32: the bounds are weak)
    XCTAssertEqual(try clip(x, min: -1, max: 1).toArray(), [-1, -0.5, 0.5, 1])
    XCTAssertEqual(try x.clip(min: -1, max: 1).dtype, .float32)
    let k = try NDArray([Int32(-5), 3, 9])
    // np.clip(k, 0, 4) -> int32 [0, 3, 4]
    XCTAssertEqual(try clip(k, min: 0, max: 4).toArray(), [0, 3, 4])
    // np.clip([nan], 0, 1) -> [nan]
    XCTAssertTrue(try clip(try NDArray([Double.nan]), min: 0, max: 1).item().isNaN)
  }

  func testHypotDoesNotOverflowAndHandlesSpecials() throws {
    // np.hypot(3e200, 4e200) -> 5e200 (the naive sqrt(x*x + y*y) overflows to inf)
    let big = try hypot(
      try NDArray([3e200, 0, .infinity, .nan, 1e-200]),
      try NDArray([4e200, 0, .nan, 1, 1e-200]))
    let v = try big.toArray()
    XCTAssertEqual(v[0], 5e200, accuracy: 5e200 * 1e-15)
    XCTAssertEqual(v[1], 0)
    XCTAssertEqual(v[2], .infinity, "hypot(inf, nan) is inf, as C's hypot")
    XCTAssertTrue(v[3].isNaN)
    XCTAssertEqual(v[4], Foundation.hypot(1e-200, 1e-200), accuracy: 1e-215)
    // float32: np.hypot(float32(3e30), float32(4e30)) -> 5e30
    let f = try hypot(try NDArray([Float(3e30)]), 4e30)
    XCTAssertEqual(f.dtype, .float32)
    XCTAssertEqual(try f.item(), Double(Float(5e30)), accuracy: 5e30 * 1e-6)
  }

  func testHypotIsWithinTwoUlpOfC() throws {
    // A fixed linear congruential sequence: mantissas in [1, 2), exponents over +-600 octaves.
    var state: UInt64 = 12345
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 11
    }
    func sample() -> Double {
      let mantissa = 1 + Double(next()) / Double(1 << 53)
      let exponent = Double(Int(next() % 1201) - 600)
      return mantissa * Foundation.pow(2, exponent) * (next() % 2 == 0 ? 1 : -1)
    }
    let xs = (0..<4000).map { _ in sample() }
    let ys = (0..<4000).map { i in i % 2 == 0 ? sample() : xs[i] * (1 + Double(next() % 8)) }
    let got = try hypot(try NDArray(xs), try NDArray(ys)).toArray()
    for (i, g) in got.enumerated() {
      let want = Foundation.hypot(xs[i], ys[i])
      XCTAssertLessThanOrEqual(Swift.abs(g - want), 2 * want.ulp, "hypot(\(xs[i]), \(ys[i]))")
    }
  }

  func testAnyAllCountNonzero() throws {
    let x = try NDArray([0.0, 1, 0, 0, .nan, 0], shape: [2, 3])
    // np.any(x) -> True; np.all(x) -> False; np.any(x, axis=0) -> [False, True, False]
    XCTAssertEqual(try x.anyTrue().item(), 1)
    XCTAssertEqual(try x.all().item(), 0)
    XCTAssertEqual(try x.anyTrue(axis: 0).toArray(), [0, 1, 0])
    XCTAssertEqual(try x.anyTrue(axis: 0).dtype, .bool)
    // np.all(x != 0, axis=1) -> [False, False]; NaN counts as true: np.any(x, axis=1) -> [True, True]
    XCTAssertEqual(try all(try x != 0, axis: 1).toArray(), [0, 0])
    XCTAssertEqual(try anyTrue(x, axis: 1).toArray(), [1, 1])
    // np.count_nonzero(x) -> 2; axis=1 -> [1, 1] (int64)
    XCTAssertEqual(try countNonzero(x).item(), 2)
    XCTAssertEqual(try x.countNonzero(axis: 1).toArray(), [1, 1])
    XCTAssertEqual(try x.countNonzero().dtype, .int64)
    // np.any(np.zeros((0, 2)), axis=0) -> [False, False]; np.all(...) -> [True, True]
    let empty = try zeros([0, 2])
    XCTAssertEqual(try empty.anyTrue(axis: 0).toArray(), [0, 0])
    XCTAssertEqual(try empty.all(axis: 0).toArray(), [1, 1])
    XCTAssertThrowsError(try x.all(axis: 2)) {
      XCTAssertTrue("\($0)".contains("axis 2 is out of range"), "\($0)")
    }
  }
}
