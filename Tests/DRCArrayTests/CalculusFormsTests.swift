// gradient, trapezoid, ediff1d, polyval, vander, cov, corrcoef and sinc against NumPy 2.4's
// printed results. Exact where the ops are correctly rounded (differences, float64 division by
// the spacing, Horner's rule on these values, running products); within a bound derived from
// the ops' documented accuracy elsewhere: `mean` and `matmul` sums in another order (a few ulp
// of the largest term: 16 ulp allowed) and `sin` (4 ulp, docs/numerics.md). The same tests run
// in device mode.

import DRCIR
import XCTest

@testable import DRCArray

final class CalculusFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  /// Each value within `ulps` units of `scale` (the largest magnitude expected) of NumPy's.
  private func near(
    _ got: [Double], _ want: [Double], ulps: Double, float32: Bool = false,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(got.count, want.count, file: file, line: line)
    let scale = want.filter(\.isFinite).map(Swift.abs).max() ?? 1
    let unit = float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
    for (g, w) in zip(got, want) where !(g.isNaN && w.isNaN) {
      XCTAssertLessThanOrEqual(
        Swift.abs(g - w), ulps * unit * Swift.max(scale, 1), "\(got) against \(want)",
        file: file, line: line)
    }
  }

  func testGradient() throws {
    let f = try NDArray([1, 2, 4, 7, 11, 2, 3, 5, 9, 14, 0, 1, 1, 2, 3.0], shape: [3, 5])
    let along = try gradient(f, spacing: 0.5, axis: 1)
    XCTAssertEqual(along.shape, [3, 5])
    XCTAssertEqual(try along.toArray(), [2, 3, 5, 7, 8, 2, 3, 6, 9, 10, 2, 1, 1, 2, 2])
    let both = try gradient(f)
    XCTAssertEqual(both.count, 2)
    XCTAssertEqual(
      try both[0].toArray(), [1, 1, 1, 2, 3, -0.5, -0.5, -1.5, -2.5, -4, -2, -2, -4, -7, -11])
    XCTAssertEqual(
      try gradient(f, spacing: 0.5, axis: 1, edgeOrder: 2).toArray(),
      [1, 3, 5, 7, 9, 1, 3, 6, 9, 11, 3, 1, 1, 2, 2])
    let ints = try gradient(try NDArray([Int32(1), 4, 9, 16]), axis: 0)
    XCTAssertEqual(ints.dtype, .float64)
    XCTAssertEqual(try ints.toArray(), [3, 4, 6, 7])
    // float32 with float64 stencil coefficients rounded to float32 (weak scalars)
    let f32 = try gradient(
      try NDArray([Float(1), 4, 9, 16.5]), spacing: 0.3, axis: 0, edgeOrder: 2)
    XCTAssertEqual(f32.dtype, .float32)
    near(
      try f32.toArray(),
      [6.666666030883789, 13.333333015441895, 20.833332061767578, 29.166667938232422],
      ulps: 8, float32: true)
    XCTAssertThrowsError(try gradient(try NDArray([1.0, 2]), axis: 0, edgeOrder: 2)) {
      XCTAssertTrue("\($0)".contains("at least (edge_order + 1) elements"), "\($0)")
    }
  }

  /// Uneven coordinates: NumPy's coefficients (computed in float64, so float32 data is computed
  /// in float64 and rounded once); even ones take the uniform path.
  func testGradientWithCoordinates() throws {
    let f = try NDArray([1, 2, 4, 7, 11, 2, 3, 5, 9, 14.0], shape: [2, 5])
    let x = try NDArray([0, 1, 1.5, 3, 4])
    near(
      try gradient(f, coordinates: x, axis: 1).toArray(),
      [
        1, 2.9999999999999996, 3.4999999999999996, 3.2, 4, 1, 2.9999999999999996,
        3.666666666666666, 4.066666666666667, 5,
      ], ulps: 4)
    near(
      try gradient(f, coordinates: x, axis: 1, edgeOrder: 2).toArray(),
      [
        -1, 2.9999999999999996, 3.4999999999999996, 3.2, 4.799999999999997, -1,
        2.9999999999999996, 3.666666666666666, 4.066666666666667, 5.933333333333332,
      ], ulps: 16)
    let g = try gradient(
      try NDArray([Float(1), 4, 9, 16, 25]), coordinates: try NDArray([Int64(0), 1, 3, 4, 6]),
      axis: 0)
    XCTAssertEqual(g.dtype, .float32)
    near(
      try g.toArray(), [3, 2.8333332538604736, 5.5, 6.166666507720947, 4.5], ulps: 2,
      float32: true)
    XCTAssertEqual(
      try gradient(try NDArray([1, 4, 9.0]), coordinates: try NDArray([Int64(0), 2, 4]), axis: 0)
        .toArray(), [1.5, 2, 2.5])
    XCTAssertThrowsError(try gradient(f, coordinates: try NDArray([0, 1.0]), axis: 1)) {
      XCTAssertTrue("\($0)".contains("must match the length"), "\($0)")
    }
  }

  func testTrapezoidAndDifferences() throws {
    XCTAssertEqual(try trapezoid(try NDArray([1, 2, 3.5, 4])).toArray(), [8])
    XCTAssertEqual(try trapezoid(try NDArray([1, 2, 3, 4.0]), dx: 0.5).toArray(), [3.75])
    let y = try NDArray([Int64(1), 2, 3, 4, 5, 7], shape: [2, 3])
    XCTAssertEqual(try trapezoid(y, x: try NDArray([Int64(0), 1, 3])).toArray(), [6.5, 16.5])
    XCTAssertEqual(try trapezoid(y, axis: 0).toArray(), [2.5, 3.5, 5])
    let x2 = try NDArray([0, 1, 3, 0, 2, 3.0], shape: [2, 3])
    XCTAssertEqual(try trapezoid(try y.astype(.float64), x: x2).toArray(), [6.5, 15])
    XCTAssertEqual(try trapezoid(try NDArray([Int32(1), 2, 3])).dtype, .float64)
    let d = try ediff1d(try NDArray([Int64(1), 4, 9, 16], shape: [2, 2]))
    XCTAssertEqual(d.dtype, .int64)
    XCTAssertEqual(try d.toArray(), [3, 5, 7])
  }

  func testPolynomials() throws {
    let r = try polyval(try NDArray([3.0, -2, 0.5]), try NDArray([Float(0), 1, 2.5, -3]))
    XCTAssertEqual(r.dtype, .float64)
    XCTAssertEqual(try r.toArray(), [0.5, 1.5, 14.25, 33.5])
    let i = try polyval(try NDArray([Int64(2), 0, -1]), try NDArray([Int32(1), 2, 3]))
    XCTAssertEqual(i.dtype, .int64)
    XCTAssertEqual(try i.toArray(), [1, 7, 17])
    let m = try polyval(try NDArray([Int32(2), 0, -1]), try NDArray([Float(1.5), 2]))
    XCTAssertEqual(m.dtype, .float64)
    XCTAssertEqual(try m.toArray(), [3.5, 7])
    let v = try vander(try NDArray([Int64(1), 2, 3]))
    XCTAssertEqual(v.shape, [3, 3])
    XCTAssertEqual(try v.toArray(), [1, 1, 1, 4, 2, 1, 9, 3, 1])
    let w = try vander(try NDArray([1.5, 2]), 4, increasing: true)
    XCTAssertEqual(try w.toArray(), [1, 1.5, 2.25, 3.375, 1, 2, 4, 8])
    XCTAssertEqual(try vander(try NDArray([Int32(2), 3]), 1).toArray(), [1, 1])
    XCTAssertEqual(try vander(try NDArray([Float(2), 3])).dtype, .float64)
    XCTAssertEqual(try vander(try NDArray([2.0, 3]), 0).shape, [2, 0])
  }

  func testCovarianceAndCorrelation() throws {
    let values: [Double] = [1, 2, 3, 4.5, 2, 1, 0, -1, 0.5, 0.25, 4, 1]
    let m = try NDArray(values, shape: [3, 4])
    let c = try cov(m)
    XCTAssertEqual(c.shape, [3, 3])
    near(
      try c.toArray(),
      [
        2.2291666666666665, -1.9166666666666665, 0.8020833333333333, -1.9166666666666665,
        1.6666666666666665, -0.875, 0.8020833333333333, -0.875, 3.015625,
      ], ulps: 16)
    let t = try cov(m.transpose(), rowvar: false, bias: true)
    near(
      try t.toArray(),
      [1.671875, -1.4375, 0.6015625, -1.4375, 1.25, -0.65625, 0.6015625, -0.65625, 2.26171875],
      ulps: 16)
    let single = try cov(try NDArray([1, 2, 4.0]))
    XCTAssertEqual(single.shape, [])
    near(try single.toArray(), [2.333333333333333], ulps: 16)
    near(
      try cov(try NDArray([1, 2, 4.0]), try NDArray([3, 1, 0.5])).toArray(),
      [2.3333333333333335, -1.75, -1.75, 1.75], ulps: 16)
    near(try cov(try NDArray([Int32(1), 2, 4]), ddof: 0).toArray(), [1.5555555555555554], ulps: 16)
    let r = try corrcoef(m)
    near(
      try r.toArray(),
      [
        1, -0.9943767126843689, 0.3093567200339674, -0.994376712684369, 1, -0.3902968180982476,
        0.3093567200339674, -0.3902968180982477, 1,
      ], ulps: 16)
    XCTAssertEqual(try corrcoef(try NDArray([1, 2, 4.0])).toArray(), [1])
  }

  func testSinc() throws {
    let s = try sinc(try NDArray([0, 0.5, 1, -1.5, 1e-9, .nan]))
    let got = try s.toArray()
    XCTAssertTrue(got[5].isNaN)
    near(
      Array(got.prefix(5)),
      [1, 0.6366197723675814, 3.8981718325193755e-17, -0.2122065907891938, 1],
      ulps: 4)
    let i = try sinc(try NDArray([Int32(0), 1, 2]))
    XCTAssertEqual(i.dtype, .float64)
    near(try i.toArray(), [1, 3.8981718325193755e-17, -3.8981718325193755e-17], ulps: 4)
    let f = try sinc(try NDArray([Float(0), 0.5, 0.25]))
    XCTAssertEqual(f.dtype, .float32)
    near(try f.toArray(), [1, 0.6366197466850281, 0.9003162980079651], ulps: 4, float32: true)
  }
}
