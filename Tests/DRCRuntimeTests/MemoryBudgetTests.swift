// The memory budget: sizes parse, peaks follow liveness, and oversized programs are refused
// with a message naming the node before anything is allocated.

import DRCIR
import XCTest

@testable import DRCRuntime

final class MemoryBudgetTests: XCTestCase {
  func testSizesParse() {
    XCTAssertEqual(MemoryBudget.parse("123"), 123)
    XCTAssertEqual(MemoryBudget.parse("2K"), 2048)
    XCTAssertEqual(MemoryBudget.parse("3g"), 3 << 30)
    XCTAssertNil(MemoryBudget.parse("-1"))
    XCTAssertNil(MemoryBudget.parse("lots"))
    XCTAssertNil(MemoryBudget.parse("99999999999T"))
    XCTAssertEqual(MemoryBudget.limit(environment: ["DRC_MEMORY_LIMIT": "1M"]), 1 << 20)
    XCTAssertGreaterThan(MemoryBudget.limit(environment: [:]), 1 << 20)
  }

  func testBytesSaturate() {
    XCTAssertEqual(MemoryBudget.bytes([1 << 40, 1 << 40], size: 4), Int.max)
    XCTAssertEqual(MemoryBudget.bytes([3, 5], size: 8), 120)
    XCTAssertEqual(MemoryBudget.add(Int.max, 1), Int.max)
  }

  /// a -> b -> c: a is freed once b is computed, so the peak is two values, not three.
  func testPeakFollowsLiveness() {
    var g = Graph(name: "chain", inputs: [InputDecl(name: "x", dtype: .float64, shape: [100])])
    let x = g.add(.input("x"), dtype: .float64, shape: [100])
    let a = g.add(.unary(.exp), [x], dtype: .float64, shape: [100])
    let b = g.add(.unary(.log), [a], dtype: .float64, shape: [100])
    let c = g.add(.unary(.sin), [b], dtype: .float64, shape: [100])
    g.outputs = [OutputDecl(name: "c", node: c)]
    let peak = MemoryBudget.peak(g) { $0.dtype.size }
    XCTAssertEqual(peak.bytes, 1600)
    XCTAssertEqual(peak.node, a)
  }

  func testOversizedInputsAreRefusedBeforeAllocation() throws {
    var g = Graph(name: "huge", inputs: [InputDecl(name: "x", dtype: .float32, shape: [1 << 40])])
    let x = g.add(.input("x"), dtype: .float32, shape: [1 << 40])
    g.outputs = [OutputDecl(name: "y", node: x)]
    XCTAssertThrowsError(try Interpreter.randomInputs(graph: g, seed: 1)) { error in
      XCTAssertTrue("\(error)".contains("over the memory limit"), "\(error)")
      XCTAssertTrue("\(error)".contains("input 'x'"), "\(error)")
    }
  }

  /// Each node fits the limit, but together they do not: the run is refused at the peak node.
  func testTotalNotPerNodeIsChecked() throws {
    var g = Graph(name: "sum", inputs: [InputDecl(name: "x", dtype: .float64, shape: [1000])])
    let x = g.add(.input("x"), dtype: .float64, shape: [1000])
    let a = g.add(.unary(.exp), [x], dtype: .float64, shape: [1000])
    let b = g.add(.unary(.sin), [x], dtype: .float64, shape: [1000], loc: "p.swift:9")
    let c = g.add(.binary(.add), [a, b], dtype: .float64, shape: [1000])
    g.outputs = [OutputDecl(name: "c", node: c)]
    let input = try HostArray([Double](repeating: 1, count: 1000), shape: [1000])
    let tight = Interpreter(graph: g, options: InterpreterOptions(memoryLimitBytes: 20_000))
    XCTAssertThrowsError(try tight.run(inputs: ["x": input])) { error in
      XCTAssertTrue("\(error)".contains("over the memory limit"), "\(error)")
    }
    let roomy = Interpreter(graph: g, options: InterpreterOptions(memoryLimitBytes: 64_000))
    XCTAssertEqual(try roomy.run(inputs: ["x": input])["c"]?.count, 1000)
  }

  /// The whole program is checked from the declared input shapes, before any input is made.
  func testProgramIsCheckedBeforeInputsExist() throws {
    var g = Graph(name: "big", inputs: [InputDecl(name: "x", dtype: .float64, shape: [1000])])
    let x = g.add(.input("x"), dtype: .float64, shape: [1000])
    let e = g.add(.unary(.exp), [x], dtype: .float64, shape: [1000], loc: "big.swift:2")
    g.outputs = [OutputDecl(name: "y", node: e)]
    // Input 8000 bytes plus exp's 8000: over 12,000, within 20,000 (the input node is the input).
    let tight = Interpreter(graph: g, options: InterpreterOptions(memoryLimitBytes: 12_000))
    XCTAssertThrowsError(try tight.checkMemory()) { error in
      XCTAssertTrue("\(error)".contains("big.swift:2"), "\(error)")
    }
    let fits = Interpreter(graph: g, options: InterpreterOptions(memoryLimitBytes: 20_000))
    XCTAssertNoThrow(try fits.checkMemory())
  }
}
