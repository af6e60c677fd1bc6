// linalg.solve, inv, det, slogdet, cholesky and matrix_power against NumPy 2.4's printed
// results (LAPACK), within a bound from the matrices' conditioning: these are well conditioned
// (condition numbers under 10), and Gaussian elimination with partial pivoting and Cholesky's
// method are backward stable, so the results agree to a few units of the dtype's roundoff (64
// allowed, of the largest magnitude). A pivoting system (a zero in the first pivot position), a
// batch with a broadcast right-hand side, integers (float64), float32, a 24 x 24 system checked
// by its residual, determinants (a row swap's sign, a singular matrix's 0 and -inf), a Cholesky
// factor reading only the lower triangle, and NumPy's errors (solving a singular system, a
// matrix that is not positive definite, non-square or mismatched shapes). The same tests run in
// device mode.

import DRCIR
import XCTest

@testable import DRCArray

final class LinalgFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  private let a: [Double] = [4, -2, 1, 3, 6, -4, 2, 1, 8]

  private func near(
    _ got: [Double], _ want: [Double], float32: Bool = false, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    XCTAssertEqual(got.count, want.count, file: file, line: line)
    let scale = want.map(Swift.abs).max() ?? 1
    let unit = float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
    for (g, w) in zip(got, want) {
      XCTAssertLessThanOrEqual(
        Swift.abs(g - w), 64 * unit * Swift.max(scale, 1), "\(got) against \(want)", file: file,
        line: line)
    }
  }

  func testSolveVectorsAndMatrices() throws {
    let m = try NDArray(a, shape: [3, 3])
    let x = try solve(m, try NDArray([12, -25, 32.0]))
    XCTAssertEqual(x.shape, [3])
    near(try x.toArray(), [1, -2, 4])
    let b = try NDArray([1, 0, 2, 1, 3, 5.0], shape: [3, 2])
    near(
      try solve(m, b).toArray(),
      [
        0.34980988593155893, 0.1026615969581749, 0.32319391634980993, 0.4752851711026616,
        0.24714828897338406, 0.5399239543726236,
      ])
    // A zero where the first pivot would be: rows must be swapped.
    near(
      try solve(try NDArray([0, 1, 1, 0.0], shape: [2, 2]), try NDArray([2, 3.0])).toArray(),
      [3, 2])
  }

  func testBatchesIntegersAndFloat32() throws {
    let transposed: [Double] = [4, 3, 2, -2, 6, 1, 1, -4, 8]
    let twice: [Double] = [2, 0, 0, 0, 2, 0, 0, 0, 2]
    let stack = try NDArray(a + transposed + twice, shape: [3, 3, 3])
    let b = try NDArray([1, 0, 2, 1, 3, 5.0], shape: [3, 2])
    let x = try solve(stack, b)
    XCTAssertEqual(x.shape, [3, 3, 2])
    near(
      try x.toArray(),
      [
        0.34980988593155893, 0.1026615969581749, 0.32319391634980993, 0.4752851711026616,
        0.24714828897338406, 0.5399239543726236, -0.14828897338403044, -0.29277566539923955,
        0.20152091254752852, -0.03802281368821294, 0.4942965779467681, 0.6425855513307985, 0.5, 0,
        1, 0.5, 1.5, 2.5,
      ])
    let ints = try solve(
      try NDArray([Int64(2), 1, 1, 3], shape: [2, 2]), try NDArray([Int64(3), 5]))
    XCTAssertEqual(ints.dtype, .float64)
    near(try ints.toArray(), [0.8, 1.4])
    let f = try solve(
      try NDArray(a.map { Float($0) }, shape: [3, 3]), try NDArray([Float(12), -25, 32]))
    XCTAssertEqual(f.dtype, .float32)
    near(try f.toArray(), [1, -2, 4], float32: true)
  }

  func testInverseAndResidual() throws {
    let m = try NDArray(a, shape: [3, 3])
    near(
      try inv(m).toArray(),
      [
        0.19771863117870722, 0.06463878326996197, 0.007604562737642592, -0.12167300380228137,
        0.11406844106463877, 0.07224334600760458, -0.034220532319391636, -0.030418250950570346,
        0.1140684410646388,
      ])
    // 24 x 24, diagonally dominant: A @ solve(A, b) is b to a few ulp.
    let n = 24
    let values = (0..<(n * n)).map { k -> Double in
      let (i, j) = (k / n, k % n)
      return i == j ? Double(n) + 1 : Double((i * 7 + j * 3) % 11) / 11 - 0.5
    }
    let big = try NDArray(values, shape: [n, n])
    let rhs = try NDArray((0..<n).map { Double($0 % 5) - 2 })
    let residual = try matmul(big, try solve(big, rhs)) - rhs
    XCTAssertLessThanOrEqual(try residual.toArray().map(Swift.abs).max() ?? 1, 1e-13)
  }

  func testMatrixPower() throws {
    let f = try NDArray([Int64(1), 1, 1, 0], shape: [2, 2])
    let p = try matrixPower(f, 10)
    XCTAssertEqual(p.dtype, .int64)
    XCTAssertEqual(try p.toArray(), [89, 55, 55, 34])
    XCTAssertEqual(try matrixPower(f, 0).toArray(), [1, 0, 0, 1])
    let b = try NDArray([2, 1, 0.5, 3.0], shape: [2, 2])
    XCTAssertEqual(try matrixPower(b, 5).toArray(), [100.5, 242.75, 121.375, 343.25])
    XCTAssertEqual(try matrixPower(b, 3).toArray(), [11.5, 19.5, 9.75, 31])
    near(
      try matrixPower(b, -2).toArray(),
      [0.31404958677685946, -0.1652892561983471, -0.08264462809917356, 0.1487603305785124])
  }

  /// det is sign * exp(log|det|), as NumPy computes it: exp and the log sum add a few ulp of
  /// the determinant (relative), which `near` allows at this scale.
  func testDeterminants() throws {
    let m = try NDArray(a, shape: [3, 3])
    let (sign, logabsdet) = try slogdet(m)
    XCTAssertEqual(try sign.toArray(), [1])
    near(try logabsdet.toArray(), [5.572154032177764])
    near(try det(m).toArray(), [262.99999999999983])
    // One row swap: sign -1; a singular matrix: 0 and -inf, no error (NumPy's slogdet).
    XCTAssertEqual(try det(try NDArray([0, 1, 1, 0.0], shape: [2, 2])).toArray(), [-1])
    let singular = try NDArray([1, 2, 3, 2, 4, 6, 1, 0, 1.0], shape: [3, 3])
    let s = try slogdet(singular)
    XCTAssertEqual(try s.sign.toArray(), [0])
    XCTAssertEqual(try s.logabsdet.toArray(), [-.infinity])
    XCTAssertEqual(try det(singular).toArray(), [0])
    let ints = try det(try NDArray([Int64(2), 1, 1, 3], shape: [2, 2]))
    XCTAssertEqual(ints.dtype, .float64)
    near(try ints.toArray(), [5.000000000000001])
    let f = try slogdet(try NDArray([Float(-2), 1, 1, 3], shape: [2, 2]))
    XCTAssertEqual(f.sign.dtype, .float32)
    XCTAssertEqual(try f.sign.toArray(), [-1])
    near(try f.logabsdet.toArray(), [1.9459101], float32: true)
    let transposedNegated: [Double] = [-4, -3, -2, 2, -6, -1, -1, 4, -8]
    let stack = try NDArray(a + transposedNegated + [2, 0, 0, 0, 2, 0, 0, 0, 2], shape: [3, 3, 3])
    let d = try det(stack)
    XCTAssertEqual(d.shape, [3])
    let got = try d.toArray()
    for (g, w) in zip(got, [262.99999999999983, -262.99999999999983, 7.999999999999998]) {
      XCTAssertLessThanOrEqual(Swift.abs(g - w), 64 * Double.ulpOfOne * Swift.abs(w))
    }
    XCTAssertEqual(try det(try zeros([0, 0])).toArray(), [1])
  }

  func testCholesky() throws {
    let spd: [Double] = [4, 2, -2, 2, 10, 4, -2, 4, 9]
    let want = [2, 0, 0, 1, 3, 0, -1, 1.6666666666666665, 2.2852182001336816]
    near(try cholesky(try NDArray(spd, shape: [3, 3])).toArray(), want)
    // Only the lower triangle is read, as NumPy's LAPACK reads it.
    var upper = spd
    upper[2] = 99
    near(try cholesky(try NDArray(upper, shape: [3, 3])).toArray(), want)
    let f = try cholesky(try NDArray(spd.map { Float($0) }, shape: [3, 3]))
    XCTAssertEqual(f.dtype, .float32)
    near(try f.toArray(), want, float32: true)
    let ints = try cholesky(try NDArray([Int64(4), 2, 2, 5], shape: [2, 2]))
    XCTAssertEqual(ints.dtype, .float64)
    XCTAssertEqual(try ints.toArray(), [2, 0, 1, 2])
    // L L^T gives the matrix back.
    let l = try cholesky(try NDArray(spd, shape: [3, 3]))
    near(try matmul(l, l.transpose()).toArray(), spd)
    func factorAndRead(_ m: NDArray) throws {
      let x = try cholesky(m)
      try DRC.check()
      _ = try x.toArray()
    }
    XCTAssertThrowsError(try factorAndRead(try NDArray([1, 2, 2, 3.0], shape: [2, 2]))) {
      XCTAssertTrue("\($0)".contains("Matrix is not positive definite"), "\($0)")
    }
  }

  func testErrors() throws {
    func solveAndRead(_ m: NDArray, _ b: NDArray) throws {
      let x = try solve(m, b)
      try DRC.check()
      _ = try x.toArray()
    }
    XCTAssertThrowsError(
      try solveAndRead(try NDArray([1, 2, 2, 4.0], shape: [2, 2]), try NDArray([1, 1.0]))
    ) { XCTAssertTrue("\($0)".contains("Singular matrix"), "\($0)") }
    XCTAssertThrowsError(
      try solve(try NDArray([1, 2, 3, 4, 5, 6.0], shape: [2, 3]), try NDArray([1, 1.0]))
    ) { XCTAssertTrue("\($0)".contains("must be square"), "\($0)") }
    XCTAssertThrowsError(try solve(try NDArray(a, shape: [3, 3]), try NDArray([1, 1.0]))) {
      XCTAssertTrue("\($0)".contains("does not match"), "\($0)")
    }
    XCTAssertThrowsError(try inv(try NDArray([1.0, 2, 3]))) {
      XCTAssertTrue("\($0)".contains("must be square"), "\($0)")
    }
  }
}
