// Forms found by porting public NumPy programs (npbench's vadv and compute, a ReLU backward
// pass, a time-stepping copy): a selection read where Swift wants a number fails loudly instead of
// giving NaN; a bad view fails the program even when unused; bool arrays promote in arithmetic;
// integer bounds keep an integer dtype; `copy()`.
// Every expected value is NumPy 2's, written beside it.

import DRCIR
import XCTest

@testable import DRCArray

final class PortingFormsTests: XCTestCase {
  override func setUp() { Session.shared.restart(recordingTo: nil) }

  func testASelectionReadAsASwiftNumberFailsNamingTheLine() throws {
    let a = try NDArray([1.0, 2, 3, 4, 5, 6]).reshape([2, 3])
    let s = 3.0
    // With a Double variable Swift picks Double - Double, so the subscript reads a number:
    // NumPy would give the array [2, -1].
    let b = s - a[.all, 0]
    let line = #line - 1
    XCTAssertTrue(b.isNaN)
    XCTAssertThrowsError(try DRC.check()) {
      XCTAssertTrue("\($0)".contains("of shape [2] (2 elements) was read as one scalar"), "\($0)")
      XCTAssertTrue("\($0)".contains("PortingFormsTests.swift:\(line)"), "\($0)")
    }
    // The next operation throws the pending error too.
    let k: Int = a[0..<2, 1]
    XCTAssertEqual(k, 0)
    XCTAssertThrowsError(try a + 1.0) {
      XCTAssertTrue("\($0)".contains("was read as one scalar"), "\($0)")
    }
    // One element is a number, as before, and leaves nothing pending.
    let one: Double = a[1, 2]
    let index: Int = a[0, 1]
    XCTAssertEqual(one, 6)
    XCTAssertEqual(index, 2)
    XCTAssertNoThrow(try DRC.check())
    // The array form with a Double operand: s - a[:, 0] -> [2, -1]
    let column: NDArray = a[.all, 0]
    XCTAssertEqual(try (s - column).toArray(), [2, -1])
  }

  func testAnElementReadAsAnIntIsExactOrFails() throws {
    // int(k[0]) of an int64 beyond 2^53 keeps every digit (a Double would round it).
    let big = Int64(1) << 53 + 1
    let k = try NDArray([big, -7])
    let first: Int = k[0]
    XCTAssertEqual(first, Int(big))
    // int(x[i]) truncates toward zero: 2.7 -> 2, -2.7 -> -2
    let x = try NDArray([2.7, -2.7, .nan, -.infinity])
    let up: Int = x[0]
    let down: Int = x[1]
    XCTAssertEqual([up, down], [2, -2])
    XCTAssertNoThrow(try DRC.check())
    // int(nan) raises ValueError in NumPy; here 0 and a pending error naming the line.
    let nan: Int = x[2]
    let line = #line - 1
    XCTAssertEqual(nan, 0)
    XCTAssertThrowsError(try DRC.check()) {
      XCTAssertTrue("\($0)".contains("was read as an Int"), "\($0)")
      XCTAssertTrue("\($0)".contains("PortingFormsTests.swift:\(line)"), "\($0)")
    }
    let infinite: Int = x[3]
    XCTAssertEqual(infinite, 0)
    XCTAssertThrowsError(try DRC.check())
  }

  func testAHostReadAfterAFailedAssignmentThrowsInsteadOfReturningOldValues() throws {
    let u = try NDArray([0.0, 1, 4, 9, 16])
    let r = 0.4
    // The textbook stencil with a Double `r`: Swift reads the slices as numbers, so the
    // assignment fails (NumPy would update u[1:-1]); u keeps its old values.
    u[.s(1, -1)] = u[.s(1, -1)] + r * (u[2...] - 2 * u[.s(1, -1)] + u[.s(nil, -2)])
    XCTAssertThrowsError(try u.toArray()) {
      XCTAssertTrue("\($0)".contains("was read as one scalar"), "\($0)")
    }
    // Thrown once: the next reads see u as it is.
    XCTAssertEqual(try u.toArray(), [0, 1, 4, 9, 16])
    // The same for item, checksum and printing (which shows the error and keeps it pending).
    u[.s(1, -1)] = u[.s(1, -1)] + r * (u[2...] - 2 * u[.s(1, -1)] + u[.s(nil, -2)])
    XCTAssertThrowsError(try u.item(2))
    u[.s(1, -1)] = u[.s(1, -1)] + r * (u[2...] - 2 * u[.s(1, -1)] + u[.s(nil, -2)])
    XCTAssertThrowsError(try DRC.checksum(u))
    u[.s(1, -1)] = u[.s(1, -1)] + r * (u[2...] - 2 * u[.s(1, -1)] + u[.s(nil, -2)])
    XCTAssertTrue("\(u)".contains("NDArray(error:"), "\(u)")
    XCTAssertThrowsError(try DRC.check())
  }

  func testABadViewFailsTheNextOperationEvenIfUnused() throws {
    let a = try zeros([4, 3])
    _ = a.reshape([5, 2])  // NumPy: ValueError at the call
    let line = #line - 1
    XCTAssertThrowsError(try a + 1.0) {
      XCTAssertTrue("\($0)".contains("PortingFormsTests.swift:\(line): reshape"), "\($0)")
    }
    XCTAssertNoThrow(try a + 1.0, "thrown once")
    // A bad view that is used throws there, and is not thrown again by the next operation.
    let c = a.transpose([0, 0])
    XCTAssertThrowsError(try c + 1.0) {
      XCTAssertTrue("\($0)".contains("transpose"), "\($0)")
    }
    XCTAssertNoThrow(try a + 1.0)
    XCTAssertNoThrow(try DRC.check())
    // Printing a bad view cannot throw; its error stays pending.
    XCTAssertTrue("\(a.reshape([7]))".contains("NDArray(error:"))
    XCTAssertThrowsError(try DRC.check())
    // So does a bad subscript that is never used (index 5 of 4 rows).
    _ = a[5]
    XCTAssertThrowsError(try DRC.check()) {
      XCTAssertTrue("\($0)".contains("out of bounds"), "\($0)")
    }
  }

  func testBoolArraysPromoteInArithmetic() throws {
    let x = try NDArray([Float(-1.5), 2, 0, 4])
    let mask = try x > 0  // [False, True, False, True]
    // mask * x -> float32 [-0., 2., 0., 4.]; x * mask the same
    XCTAssertEqual(try (mask * x).dtype, .float32)
    XCTAssertEqual(try (mask * x).toArray(), [0, 2, 0, 4])
    XCTAssertEqual(try (x * mask).toArray(), [0, 2, 0, 4])
    // x - mask -> [-1.5, 1., 0., 3.]
    XCTAssertEqual(try (x - mask).toArray(), [-1.5, 1, 0, 3])
    let other = try x < 3  // [True, True, True, False]
    // mask + other -> bool [True, True, True, True] (logical or); mask * other -> [F, T, F, F]
    XCTAssertEqual(try (mask + other).dtype, .bool)
    XCTAssertEqual(try (mask + other).toArray(), [1, 1, 1, 1])
    XCTAssertEqual(try (mask * other).toArray(), [0, 1, 0, 0])
    // np.maximum(mask, other) -> or; np.minimum -> and
    XCTAssertEqual(try maximum(mask, other).toArray(), [1, 1, 1, 1])
    XCTAssertEqual(try minimum(mask, other).toArray(), [0, 1, 0, 0])
    // mask / other -> float64 [0., 1., 0., inf]
    XCTAssertEqual(try (mask / other).dtype, .float64)
    XCTAssertEqual(try (mask / other).toArray(), [0, 1, 0, .infinity])
    // mask + 1 -> int64 [1, 2, 1, 2]; mask * 2.5 -> float64 [0., 2.5, 0., 2.5]
    XCTAssertEqual(try (mask + 1).dtype, .int64)
    XCTAssertEqual(try (mask + 1).toArray(), [1, 2, 1, 2])
    XCTAssertEqual(try (mask * 2.5).dtype, .float64)
    XCTAssertEqual(try (mask * 2.5).toArray(), [0, 2.5, 0, 2.5])
    // mask - other: NumPy raises TypeError (boolean subtract is not supported)
    XCTAssertThrowsError(try mask - other) {
      XCTAssertTrue("\($0)".contains("does not take bool operands"), "\($0)")
    }
  }

  func testBoolOperandsOfFloorDivisionRemainderAndPowerPromote() throws {
    let mask = try NDArray([Float(-1.5), 2, 0, 4]) > 0  // [False, True, False, True]
    let y = try NDArray([2.5, -2, 3, 0.75])
    // y // mask -> float64 [inf, -2., inf, 0.]; mask // y -> [0., -1., 0., 1.]
    XCTAssertEqual(try floorDivide(y, mask).dtype, .float64)
    XCTAssertEqual(try floorDivide(y, mask).toArray(), [.infinity, -2, .infinity, 0])
    XCTAssertEqual(try floorDivide(mask, y).toArray(), [0, -1, 0, 1])
    // mask % y -> [0., -1., 0., 0.25]; np.fmod(mask, y) -> [0., 1., 0., 0.25]
    XCTAssertEqual(try (mask % y).toArray(), [0, -1, 0, 0.25])
    XCTAssertEqual(try fmod(mask, y).toArray(), [0, 1, 0, 0.25])
    // mask // 2 -> int64 [0, 0, 0, 0]; mask % 2 -> int64 [0, 1, 0, 1]; y ** mask -> [1, -2, 1, 0.75]
    XCTAssertEqual(try floorDivide(mask, 2).dtype, .int64)
    XCTAssertEqual(try (mask % 2).toArray(), [0, 1, 0, 1])
    XCTAssertEqual(try (y ** mask).toArray(), [1, -2, 1, 0.75])
    // Two bools: NumPy's int8, a dtype drc does not have, so refused with a way out.
    XCTAssertThrowsError(try floorDivide(mask, mask)) {
      XCTAssertTrue("\($0)".contains("two bool operands"), "\($0)")
    }
    XCTAssertThrowsError(try fmod(mask, mask)) {
      XCTAssertTrue("\($0)".contains("astype"), "\($0)")
    }
  }

  func testIntegerBoundsKeepIntegerDtypes() throws {
    let k = try NDArray([Int64(-3), 5, 12])
    // np.clip(k, 2, 10) -> int64 [2, 5, 10]
    XCTAssertEqual(try clip(k, min: 2, max: 10).dtype, .int64)
    XCTAssertEqual(try k.clip(min: 2, max: 10).toArray(), [2, 5, 10])
    // np.maximum(k, 0) -> int64 [0, 5, 12]; np.minimum(int32 array, 0) -> int32 [-3, 0, 0]
    XCTAssertEqual(try maximum(k, 0).dtype, .int64)
    XCTAssertEqual(try maximum(k, 0).toArray(), [0, 5, 12])
    let j = try k.astype(.int32)
    XCTAssertEqual(try minimum(j, 0).dtype, .int32)
    XCTAssertEqual(try minimum(j, 0).toArray(), [-3, 0, 0])
    // With a float array an integer bound is weak too: np.maximum(f32, 0) stays float32.
    let f = try NDArray([Float(-1), 2])
    XCTAssertEqual(try maximum(f, 0).dtype, .float32)
    XCTAssertEqual(try f.clip(min: 0, max: 1).toArray(), [0, 1])
  }

  func testIntegerScalarsOutOfAnInt32RangeAreRefused() throws {
    let k = try NDArray([Int32(1), 2])
    // NumPy 2: OverflowError: Python integer 3000000000 out of bounds for int32
    XCTAssertThrowsError(try k + 3_000_000_000) {
      XCTAssertTrue("\($0)".contains("3000000000 out of bounds for int32"), "\($0)")
    }
    XCTAssertThrowsError(try clip(k, min: 0, max: 3_000_000_000))
    XCTAssertEqual(try (k + 2_000_000_000).toArray(), [2_000_000_001, 2_000_000_002])
    // np.square of a bool array is int8, which drc lacks: refused, not a logical and.
    XCTAssertThrowsError(try square(k > 1))
  }

  func testCopyIsIndependentBothWays() throws {
    let u = try NDArray([1.0, 2, 3])
    let un = try u.copy()
    XCTAssertEqual(un.dtype, .float64)
    un[0] = 10.0
    u[1] = 20.0
    // un = u.copy(); un[0] = 10; u[1] = 20 -> u [1, 20, 3], un [10, 2, 3]
    XCTAssertEqual(try u.toArray(), [1, 20, 3])
    XCTAssertEqual(try un.toArray(), [10, 2, 3])
  }
}
