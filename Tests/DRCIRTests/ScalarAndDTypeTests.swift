// Tests of dtype promotion and the exact text forms of scalars.

import XCTest

@testable import DRCIR

final class ScalarAndDTypeTests: XCTestCase {
  func testPromotionTableMatchesNumPy2() {
    // Rows and columns: bool, int32, int64, float32, float64 (numpy.result_type on arrays).
    let order: [DType] = [.bool, .int32, .int64, .float32, .float64]
    let expected: [[DType]] = [
      [.bool, .int32, .int64, .float32, .float64],
      [.int32, .int32, .int64, .float64, .float64],
      [.int64, .int64, .int64, .float64, .float64],
      [.float32, .float64, .float64, .float32, .float64],
      [.float64, .float64, .float64, .float64, .float64],
    ]
    for (i, a) in order.enumerated() {
      for (j, b) in order.enumerated() {
        XCTAssertEqual(DType.promote(a, b), expected[i][j], "\(a) with \(b)")
      }
    }
  }

  func testHexFloatPrintsExactly() {
    XCTAssertEqual(Scalar.hexFloat(3.0), "0x1.8p+1")
    XCTAssertEqual(Scalar.hexFloat(1.0), "0x1p+0")
    XCTAssertEqual(Scalar.hexFloat(-0.0), "-0x0p+0")
    XCTAssertEqual(Scalar.hexFloat(0.1), "0x1.999999999999ap-4")
    XCTAssertEqual(Scalar.hexFloat(Double(Float(0.02))), "0x1.47ae14p-6")
    XCTAssertEqual(Scalar.hexFloat(.leastNonzeroMagnitude), "0x1p-1074")
    XCTAssertEqual(Scalar.hexFloat(.greatestFiniteMagnitude), "0x1.fffffffffffffp+1023")
    XCTAssertEqual(Scalar.hexFloat(.infinity), "inf")
    XCTAssertEqual(Scalar.hexFloat(-.infinity), "-inf")
    XCTAssertEqual(Scalar.hexFloat(.nan), "nan")
  }

  func testHexFloatRoundTripsThroughParse() {
    var state: UInt64 = 0x1234_5678
    for _ in 0..<2000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let d = Double(bitPattern: state)
      guard d.isFinite else { continue }
      let text = Scalar.hexFloat(d)
      XCTAssertEqual(Scalar.parse(text, as: .float64), .float(d), text)
    }
  }

  func testParseRejectsInexactAndMalformedValues() {
    XCTAssertNil(
      Scalar.parse("0x1.999999999999ap-4", as: .float32), "0.1 as double is not a float32")
    XCTAssertEqual(Scalar.parse("0x1.47ae14p-6", as: .float32), .float(Double(Float(0.02))))
    XCTAssertNil(Scalar.parse("1.5", as: .int32))
    XCTAssertNil(Scalar.parse("2147483648", as: .int32))
    XCTAssertEqual(Scalar.parse("2147483648", as: .int64), .int(2_147_483_648))
    XCTAssertNil(Scalar.parse("yes", as: .bool))
    XCTAssertNil(Scalar.parse("1e999", as: .float64))
    XCTAssertNil(Scalar.parse("0x1p+0; system()", as: .float64))
    XCTAssertEqual(Scalar.parse("-inf", as: .float32), .float(-.infinity))
    XCTAssertNotNil(Scalar.parse("nan", as: .float64))
  }

  func testCastSemanticsSaturateAndTruncate() {
    XCTAssertEqual(Scalar.float(.nan).converted(to: .int32), .int(0))
    XCTAssertEqual(Scalar.float(1e20).converted(to: .int32), .int(Int64(Int32.max)))
    XCTAssertEqual(Scalar.float(-1e20).converted(to: .int64), .int(.min))
    XCTAssertEqual(Scalar.float(-2.7).converted(to: .int32), .int(-2))
    XCTAssertEqual(Scalar.float(.nan).converted(to: .bool), .bool(true))
    XCTAssertEqual(Scalar.int(4_294_967_297).converted(to: .int32), .int(1))
    XCTAssertEqual(Scalar.float(0.1).converted(to: .float32), .float(Double(Float(0.1))))
  }
}
