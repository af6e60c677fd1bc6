// Example programs compiled from two recordings run at sizes they were not recorded at, through
// the stub's runtime path (`CompiledProgram`), against the reference interpreter.
//
// For each program: record it at two sizes, compile both into one symbolic plan, load that plan
// as a stub does, then for each unrecorded size record the program there too (its trace is the
// reference program at that size, with its inputs saved), run the symbolic plan on those inputs
// on the OpenCL device and compare every output with the interpreter's run of that trace.

import DRCDriver
import DRCIR
import DRCOpenCL
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class SymbolicSizeTests: XCTestCase {
  /// Records `program` with `arguments` (inputs saved) into `directory` as `name`.
  func record(_ program: String, _ arguments: [String], in directory: URL, as name: String) throws
    -> String
  {
    let path = directory.appendingPathComponent(name).path
    let run = try Repo.run(
      "drc",
      [
        "record", "--save-inputs", "-o", path, "--",
        Repo.products.appendingPathComponent(program).path,
      ]
        + arguments)
    XCTAssertEqual(run.status, 0, run.stderr)
    return path
  }

  /// The symbolic plan of `program` recorded with `first` and `second`, loaded as a stub loads
  /// it, and its runs at each of `sizes` compared with the reference interpreter.
  func check(
    _ program: String, recorded first: [String], _ second: [String], run sizes: [[String]],
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = try record(program, first, in: dir, as: "a.json")
    let b = try record(program, second, in: dir, as: "b.json")
    let c = try DynamicCompilation.make(paths: [a, b], options: CompileOptions())
    XCTAssertNotNil(c.plan.symbol, file: file, line: line)
    let source = try Emission.source(of: c, requireCheck: false)
    let json = String(decoding: try c.plan.jsonData(), as: UTF8.self)
    let stub: CompiledProgram
    do { stub = try CompiledProgram(planJSON: json, source: source, device: "0") } catch let e
      as CLError
    {
      throw XCTSkip("OpenCL unavailable: \(e)")
    }
    for (i, arguments) in sizes.enumerated() {
      let path = try record(program, arguments, in: dir, as: "run\(i).json")
      let loaded = try LoadedTrace(path: path)
      let inputs = try loaded.inputs(seed: 1).values
      let want = try Interpreter(graph: loaded.graph).run(inputs: inputs)
      let got = try stub.call(inputs: inputs, params: [:])
      XCTAssertEqual(Set(got.keys), Set(want.keys), file: file, line: line)
      for (name, reference) in want {
        let value = try XCTUnwrap(got[name], file: file, line: line)
        XCTAssertEqual(
          value.shape, reference.shape, "\(program) \(arguments) \(name)", file: file, line: line)
        let (x, y) = (value.doubles(), reference.doubles())
        XCTAssertEqual(x.count, y.count, file: file, line: line)
        let tolerance = reference.dtype == .float32 ? 1e-4 : 1e-9
        let bad = zip(x, y).enumerated().first { _, pair in
          !(abs(pair.0 - pair.1) <= tolerance * max(1, abs(pair.1)))
        }
        XCTAssertNil(
          bad,
          "\(program) at \(arguments): \(name) differs from the interpreter at \(bad?.offset ?? -1): \(bad.map { "\($0.element.0) vs \($0.element.1)" } ?? "")",
          file: file, line: line)
      }
    }
  }

  func testElementwiseProgramsRunAtUnrecordedSizes() throws {
    try check("blackscholes", recorded: ["256"], ["512"], run: [["97"], ["5003"]])
    try check("sincos", recorded: ["1000"], ["1536"], run: [["1"], ["4099"]])
    try check("contrived", recorded: ["1000"], ["3000"], run: [["333"], ["2049"]])
  }

  func testTwoDimensionalHarrisRunsAtUnrecordedSizes() throws {
    // Its one kernel is 2-D over (n - 1) x (n - 1): every size is a kernel argument.
    try check("harris", recorded: ["24"], ["32"], run: [["5"], ["41"]])
    // Non-square images: rows and columns grow by 8 and 13, two independent symbols.
    try check("harris", recorded: ["24", "28"], ["32", "41"], run: [["5", "9"], ["41", "17"]])
  }

  func testGrayScottStencilRunsAtUnrecordedSizes() throws {
    // Shifted views of an (n + 2) x (n + 2) grid updated in place; its fused kernels take more
    // size arguments than fit by value, in a buffer.
    try check("grayscott", recorded: ["32", "2"], ["48", "2"], run: [["9", "2"], ["61", "2"]])
  }

  func testReductionProgramsRunAtUnrecordedSizes() throws {
    // 1000 and 1536 straddle the 1024 at which a fixed-size plan switches reduction strategy.
    try check("loglikelihood", recorded: ["1000"], ["1536"], run: [["7"], ["5003"]])
    try check("lstsqr", recorded: ["1000"], ["100000"], run: [["3"], ["4097"]])
  }

  func testTwoDimensionalReductionProgramsRunAtUnrecordedSizes() throws {
    // Column variances, row sums, and constants of the size (n - 1, n / (n - 1)) computed as
    // the program computes them.
    try check("cronbach", recorded: ["40"], ["56"], run: [["7"], ["91"]])
    // A matrix-vector product per iteration, and the diagonal's n as a derived parameter.
    try check("jacobi", recorded: ["40", "3"], ["56", "3"], run: [["5", "3"], ["67", "3"]])
  }
}
