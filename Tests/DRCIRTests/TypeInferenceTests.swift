// Tests of the per-op type rules the verifier and the array library share.

import XCTest

@testable import DRCIR

final class TypeInferenceTests: XCTestCase {
  private func infer(_ op: Op, _ operands: [ValueType], declared: ValueType = ValueType(.bool, []))
    throws -> ValueType
  {
    try TypeInference.infer(op, operands, declared: declared)
  }

  private func message(
    _ op: Op, _ operands: [ValueType], declared: ValueType = ValueType(.bool, [])
  )
    -> String
  {
    do {
      _ = try TypeInference.infer(op, operands, declared: declared)
      return "no error"
    } catch {
      return error.message
    }
  }

  func testBroadcastingAndPromotion() throws {
    let r = try infer(.binary(.add), [ValueType(.int32, [3, 1]), ValueType(.float32, [4])])
    XCTAssertEqual(r, ValueType(.float64, [3, 4]))
    XCTAssertEqual(
      try infer(.binary(.div), [ValueType(.int32, [2]), ValueType(.int32, [])]),
      ValueType(.float64, [2]))
    XCTAssertEqual(
      try infer(.binary(.lt), [ValueType(.float32, [2]), ValueType(.int64, [2])]),
      ValueType(.bool, [2]))
    XCTAssertEqual(try infer(.unary(.sqrt), [ValueType(.int32, [2])]), ValueType(.float64, [2]))
    XCTAssertEqual(try infer(.unary(.exp), [ValueType(.float32, [2])]), ValueType(.float32, [2]))
    XCTAssertEqual(try infer(.unary(.floor), [ValueType(.int64, [2])]), ValueType(.int64, [2]))
    XCTAssertTrue(
      message(.binary(.add), [ValueType(.float32, [3]), ValueType(.float32, [4])]).contains(
        "cannot broadcast"))
    XCTAssertTrue(
      message(.binary(.sub), [ValueType(.bool, [3]), ValueType(.bool, [3])]).contains("bool"))
    XCTAssertTrue(message(.binary(.add), [ValueType(.float32, [3])]).contains("expects 2 operands"))
  }

  func testWhereNeedsBoolCondition() throws {
    let r = try infer(
      .select, [ValueType(.bool, [2, 1]), ValueType(.int32, [3]), ValueType(.float32, [])])
    XCTAssertEqual(r, ValueType(.float64, [2, 3]))
    XCTAssertTrue(
      message(.select, [ValueType(.int32, [2]), ValueType(.int32, [2]), ValueType(.int32, [2])])
        .contains("bool condition"))
  }

  func testReductions() throws {
    let a = ValueType(.int32, [2, 3, 4])
    XCTAssertEqual(
      try infer(.reduce(.sum, axes: [0, 2], keepdims: false), [a]), ValueType(.int64, [3]))
    XCTAssertEqual(
      try infer(.reduce(.mean, axes: [1], keepdims: true), [a]), ValueType(.float64, [2, 1, 4]))
    XCTAssertEqual(
      try infer(.reduce(.max, axes: [0, 1, 2], keepdims: false), [a]), ValueType(.int32, []))
    XCTAssertTrue(
      message(.reduce(.sum, axes: [3], keepdims: false), [a]).contains("axis 3 out of range"))
    XCTAssertTrue(message(.reduce(.sum, axes: [1, 0], keepdims: false), [a]).contains("sorted"))
    XCTAssertTrue(
      message(.reduce(.min, axes: [0], keepdims: false), [ValueType(.float32, [0, 2])]).contains(
        "zero elements"))
  }

  func testSliceBoundsAndCounts() throws {
    XCTAssertEqual(SliceRange(start: 1, stop: 8, step: 3).count, 3)
    XCTAssertEqual(SliceRange(start: 4, stop: -1, step: -1).count, 5)
    XCTAssertEqual(SliceRange(start: 4, stop: 0, step: -2).count, 2)
    XCTAssertEqual(SliceRange(start: 2, stop: 2, step: 1).count, 0)
    let a = ValueType(.float32, [5, 4])
    XCTAssertEqual(
      try infer(.slice([SliceRange(start: 4, stop: -1, step: -2), .all(4)]), [a]),
      ValueType(.float32, [3, 4]))
    XCTAssertTrue(
      message(.slice([SliceRange(start: 10, stop: 11, step: 1), .all(4)]), [a]).contains(
        "out of bounds"))
    XCTAssertTrue(
      message(.slice([SliceRange(start: 0, stop: 1, step: 0), .all(4)]), [a]).contains("step"))
    XCTAssertTrue(
      message(.slice([SliceRange(start: Int.min, stop: Int.max, step: 1), .all(4)]), [a]).contains(
        "out of bounds"))
    XCTAssertTrue(message(.slice([.all(5)]), [a]).contains("ranges for rank"))
  }

  func testViewsAndMovement() throws {
    let a = ValueType(.float64, [2, 3, 4])
    XCTAssertEqual(try infer(.transpose([2, 0, 1]), [a]), ValueType(.float64, [4, 2, 3]))
    XCTAssertEqual(
      try infer(.reshape, [a], declared: ValueType(.float64, [6, 4])), ValueType(.float64, [6, 4]))
    XCTAssertTrue(
      message(.reshape, [a], declared: ValueType(.float64, [5, 5])).contains("element count"))
    XCTAssertEqual(
      try infer(.expandDims([0, 3]), [ValueType(.int32, [2, 3])]), ValueType(.int32, [1, 2, 3, 1]))
    XCTAssertEqual(
      try infer(.squeeze([0, 3]), [ValueType(.int32, [1, 2, 3, 1])]), ValueType(.int32, [2, 3]))
    XCTAssertTrue(message(.squeeze([1]), [ValueType(.int32, [1, 2])]).contains("length 2"))
    XCTAssertEqual(
      try infer(.broadcast, [ValueType(.bool, [3, 1])], declared: ValueType(.bool, [2, 3, 5])),
      ValueType(.bool, [2, 3, 5]))
    XCTAssertTrue(
      message(.broadcast, [ValueType(.bool, [3])], declared: ValueType(.bool, [4])).contains(
        "cannot broadcast"))
    let c = try infer(
      .concatenate(axis: 1),
      [ValueType(.int32, [2, 1]), ValueType(.float32, [2, 3]), ValueType(.int64, [2, 2])])
    XCTAssertEqual(c, ValueType(.float64, [2, 6]))
    XCTAssertTrue(
      message(.concatenate(axis: 0), [ValueType(.int32, [2, 1]), ValueType(.int32, [2, 2])])
        .contains("differ off axis"))
  }

  func testMatmulShapes() throws {
    let f = DType.float32
    XCTAssertEqual(try infer(.matmul, [ValueType(f, [3]), ValueType(f, [3])]), ValueType(f, []))
    XCTAssertEqual(
      try infer(.matmul, [ValueType(f, [2, 3]), ValueType(f, [3])]), ValueType(f, [2]))
    XCTAssertEqual(
      try infer(.matmul, [ValueType(f, [3]), ValueType(f, [3, 4])]), ValueType(f, [4]))
    XCTAssertEqual(
      try infer(.matmul, [ValueType(f, [2, 3]), ValueType(.float64, [3, 4])]),
      ValueType(.float64, [2, 4]))
    XCTAssertTrue(
      message(.matmul, [ValueType(f, [2, 3]), ValueType(f, [4, 3])]).contains("inner dimensions"))
    XCTAssertTrue(
      message(.matmul, [ValueType(f, [1, 2, 3]), ValueType(f, [3])]).contains("1-D or 2-D"))
  }

  func testUpdateRegionAndValue() throws {
    let base = ValueType(.float32, [4, 4])
    let region = [SliceRange(start: 1, stop: 3, step: 1), SliceRange(start: 0, stop: 4, step: 2)]
    XCTAssertEqual(try infer(.update(region), [base, ValueType(.int32, [2])]), base)
    XCTAssertTrue(
      message(.update(region), [base, ValueType(.float32, [3])]).contains("region [2, 2]"))
  }

  func testSourcesCheckTheirValues() throws {
    XCTAssertEqual(
      try infer(.full(.float(1.5)), [], declared: ValueType(.float32, [2])),
      ValueType(.float32, [2]))
    XCTAssertTrue(
      message(.full(.int(3)), [], declared: ValueType(.float32, [2])).contains("not a float32"))
    XCTAssertTrue(
      message(.iota(axis: 2), [], declared: ValueType(.int32, [2, 2])).contains(
        "axis 2 out of range"))
    XCTAssertTrue(
      message(.arange(start: .int(0), step: .int(1)), [], declared: ValueType(.int32, [2, 2]))
        .contains("1-D"))
  }
}
