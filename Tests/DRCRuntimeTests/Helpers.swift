// Shared helpers for the runtime tests: evaluating one node on literal operands.
//
// Expected values in the tests are written out by hand, never computed with the code under test.

import DRCIR
import XCTest

@testable import DRCRuntime

/// Evaluates `op` on `args` (operands 0..<n) with the given result type.
func evalNode(
  _ op: Op, _ args: [HostArray], dtype: DType, shape: [Int],
  options: InterpreterOptions = InterpreterOptions()
) throws -> HostArray {
  let node = Node(
    id: args.count, op: op, operands: Array(0..<args.count), dtype: dtype, shape: shape,
    loc: "test.swift:1")
  return try Reference.evaluate(node, operands: args, params: [:], inputs: [:], options: options)
}

func f32(_ v: [Float], _ shape: [Int]) throws -> HostArray { try HostArray(v, shape: shape) }
func f64(_ v: [Double], _ shape: [Int]) throws -> HostArray { try HostArray(v, shape: shape) }
func i32(_ v: [Int32], _ shape: [Int]) throws -> HostArray { try HostArray(v, shape: shape) }
func i64(_ v: [Int64], _ shape: [Int]) throws -> HostArray { try HostArray(v, shape: shape) }
func bools(_ v: [Bool], _ shape: [Int]) throws -> HostArray { try HostArray(v, shape: shape) }

/// Asserts doubles equal element-wise, treating NaN as equal to NaN.
func assertSame(_ a: [Double], _ b: [Double], file: StaticString = #filePath, line: UInt = #line) {
  XCTAssertEqual(a.count, b.count, "count", file: file, line: line)
  for (x, y) in zip(a, b) where !(x.isNaN && y.isNaN) {
    XCTAssertEqual(x, y, "\(a) vs \(b)", file: file, line: line)
  }
}
