// Constants of a program that depend on its size (`n - 1`, `n * n`, `n / (n - 1)`) compiled from
// two recordings into derived parameters: the stub never takes them, each call computes them
// from the sizes, and the results match the interpreter's run of the program recorded at that
// size. A constant no formula reproduces is refused, and so is a formula a third recording
// contradicts.

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

@testable import DRCDriver

final class SizeConstantTests: XCTestCase {
  /// `z = x * c1 + c2 * c3` with x float64[n] (or float32) and the three constants of n given.
  func trace(_ n: Int, dtype: String = "float64", _ c: [(Int) -> Double]) -> String {
    """
    {"format": "drc-trace", "version": 1, "producer": "drc 0.1.0", "program": "consts",
     "inputs": [{"name": "x", "dtype": "\(dtype)", "shape": [\(n)]}],
     "params": [],
     "nodes": [
      {"id": 0, "op": "input", "args": [], "dtype": "\(dtype)", "shape": [\(n)], "attrs": {"name": "x"}, "loc": "c.swift:2"},
      {"id": 1, "op": "full", "args": [], "dtype": "\(dtype)", "shape": [], "attrs": {"value": "\(String(format: "%a", c[0](n)))"}, "loc": "c.swift:3"},
      {"id": 2, "op": "full", "args": [], "dtype": "\(dtype)", "shape": [], "attrs": {"value": "\(String(format: "%a", c[1](n)))"}, "loc": "c.swift:4"},
      {"id": 3, "op": "full", "args": [], "dtype": "\(dtype)", "shape": [\(n)], "attrs": {"value": "\(String(format: "%a", c[2](n)))"}, "loc": "c.swift:5"},
      {"id": 4, "op": "mul", "args": [0, 1], "dtype": "\(dtype)", "shape": [\(n)], "loc": "c.swift:6"},
      {"id": 5, "op": "mul", "args": [2, 3], "dtype": "\(dtype)", "shape": [\(n)], "loc": "c.swift:6"},
      {"id": 6, "op": "add", "args": [4, 5], "dtype": "\(dtype)", "shape": [\(n)], "loc": "c.swift:6"}
     ],
     "outputs": [{"name": "z", "node": 6}],
     "readbacks": []}
    """
  }

  let forms: [(Int) -> Double] = [
    { Double($0) - 1 }, { Double($0) / Double($0 - 1) }, { Double($0 * $0) },
  ]

  func testSizeConstantsBecomeDerivedParametersAndRunAtOtherSizes() throws {
    for dtype in ["float64", "float32"] {
      let dir = try Repo.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: dir) }
      // float32 constants as the program makes them: computed in double, rounded once.
      let rounded = forms.map { f in { (n: Int) in dtype == "float32" ? Double(Float(f(n))) : f(n) }
      }
      let a = try Repo.write(trace(40, dtype: dtype, rounded), "a.json", in: dir)
      let b = try Repo.write(trace(56, dtype: dtype, rounded), "b.json", in: dir)
      let c = try DynamicCompilation.make(paths: [a, b], options: CompileOptions())
      XCTAssertEqual(
        c.plan.params.compactMap { $0.derived?.text }.sorted(), ["n - 1", "n / (n - 1)", "n*n"])
      let source = try Emission.source(of: c, requireCheck: false)
      let json = String(decoding: try c.plan.jsonData(), as: UTF8.self)
      let swift = try SwiftStubEmitter.emit(
        plan: c.plan, source: source, planJSON: json, traceName: "a.json", drcVersion: "test")
      XCTAssertTrue(swift.contains("public func callAsFunction(x: ["), swift)
      XCTAssertFalse(swift.contains("size0:"), "a derived parameter is no stub argument")
      let stub: CompiledProgram
      do { stub = try CompiledProgram(planJSON: json, source: source, device: "0") } catch let e
        as CLError
      {
        throw XCTSkip("OpenCL unavailable: \(e)")
      }
      for n in [2, 7, 1001] {
        let loaded = try LoadedTrace(
          path: try Repo.write(trace(n, dtype: dtype, rounded), "run\(n).json", in: dir))
        let inputs = try loaded.inputs(seed: UInt64(n)).values
        let want = try XCTUnwrap(try Interpreter(graph: loaded.graph).run(inputs: inputs)["z"])
        let got = try XCTUnwrap(try stub.call(inputs: inputs, params: [:])["z"])
        // One multiply and one add per element, as the interpreter does them: exact.
        XCTAssertEqual(got.doubles(), want.doubles(), "\(dtype) n = \(n)")
      }
      let name = try XCTUnwrap(c.plan.params.first?.name)
      XCTAssertThrowsError(
        try stub.call(
          inputs: try LoadedTrace(path: a).inputs(seed: 1).values, params: [name: .float(3)])
      ) {
        XCTAssertTrue("\($0)".contains("is computed from the sizes"), "\($0)")
      }
    }
  }

  func testConstantsNoFormulaReproducesAreRefused() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // log(n) is no formula drc infers.
    let log: [(Int) -> Double] = [{ Foundation.log(Double($0)) }, { _ in 2 }, { _ in 3 }]
    let a = try Repo.write(trace(40, log), "a.json", in: dir)
    let b = try Repo.write(trace(56, log), "b.json", in: dir)
    XCTAssertThrowsError(try DynamicCompilation.make(paths: [a, b], options: CompileOptions())) {
      XCTAssertTrue("\($0)".contains("c.swift:3"), "\($0)")
    }
    // 2n + 3 at 40 and 56 is a line, but the third recording says the constant is not.
    let odd: [(Int) -> Double] = [{ $0 == 100 ? 7 : Double(2 * $0 + 3) }, { _ in 2 }, { _ in 3 }]
    let c = try Repo.write(trace(100, odd), "c.json", in: dir)
    let two = try DynamicCompilation.make(
      paths: [
        try Repo.write(trace(40, odd), "p.json", in: dir),
        try Repo.write(trace(56, odd), "q.json", in: dir),
      ],
      options: CompileOptions())
    XCTAssertEqual(two.plan.params.compactMap { $0.derived?.text }, ["2*n + 3"])
    XCTAssertThrowsError(
      try DynamicCompilation.make(
        paths: [
          dir.appendingPathComponent("p.json").path, dir.appendingPathComponent("q.json").path, c,
        ],
        options: CompileOptions()))
  }

  func testFitsPreferTheSimplestExactForm() {
    let n = DynamicCompilation.Length(name: "n", values: [40, 56])
    func fit(_ f: (Int) -> Double, _ dtype: DType = .float64) -> String? {
      DynamicCompilation.fit(
        [Scalar.float(f(40)).converted(to: dtype), Scalar.float(f(56)).converted(to: dtype)],
        dtype: dtype, lengths: [n])?.text
    }
    XCTAssertEqual(fit { Double($0) }, "n")
    XCTAssertEqual(fit { Double(2 * $0 - 3) }, "2*n - 3")
    XCTAssertEqual(fit { Double($0 * $0) }, "n*n")
    XCTAssertEqual(fit { 1 / Double($0) }, "1 / n")
    XCTAssertEqual(fit({ Double($0) / Double($0 - 1) }, .float32), "n / (n - 1)")
    XCTAssertNil(fit { Double($0).squareRoot() })
    // A product of two symbols: a count of elements of an n x m array.
    let m = DynamicCompilation.Length(name: "m", values: [17, 23])
    XCTAssertEqual(
      DynamicCompilation.fit(
        [.float(40 * 17), .float(56 * 23)], dtype: .float64, lengths: [n, m])?
        .text, "n*m")
  }
}
