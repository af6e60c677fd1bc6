// Reductions, scans and matrix products of N-D arrays compiled from two recordings into one
// symbolic plan: row sums, column means, a row argmax, a whole-array maximum (a `partials`
// reduction of two axes), a matrix-vector product with an epilogue, a sum over a shifted slice,
// a scan along rows and a blocked scan of one line,
// run at unrecorded, non-square, odd and tiny sizes through the stub's runtime path against the
// interpreter.

import DRCDriver
import DRCIR
import DRCOpenCL
import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class SymbolicReductionTests: XCTestCase {
  /// A float64[n, m], v float64[m]: rows = A.sum(1), cols = A.mean(0), top = A.argmax(1),
  /// big = A.max(), mv = A @ v * 2, inner = A[1:, 1:].sum(0), rowscan = A.cumsum(1) (serial
  /// lines), vscan = v.cumprod() (one blocked line).
  func trace(_ n: Int, _ m: Int) -> String {
    """
    {"format": "drc-trace", "version": 1, "minor": 2, "producer": "drc 0.1.0", "program": "reduce",
     "inputs": [{"name": "A", "dtype": "float64", "shape": [\(n), \(m)]},
                {"name": "v", "dtype": "float64", "shape": [\(m)]}],
     "params": [],
     "nodes": [
      {"id": 0, "op": "input", "args": [], "dtype": "float64", "shape": [\(n), \(m)], "attrs": {"name": "A"}, "loc": "r.swift:2"},
      {"id": 1, "op": "input", "args": [], "dtype": "float64", "shape": [\(m)], "attrs": {"name": "v"}, "loc": "r.swift:3"},
      {"id": 2, "op": "sum", "args": [0], "dtype": "float64", "shape": [\(n)], "attrs": {"axes": [1], "keepdims": false}, "loc": "r.swift:4"},
      {"id": 3, "op": "mean", "args": [0], "dtype": "float64", "shape": [\(m)], "attrs": {"axes": [0], "keepdims": false}, "loc": "r.swift:5"},
      {"id": 4, "op": "argmax", "args": [0], "dtype": "int64", "shape": [\(n)], "attrs": {"axes": [1], "keepdims": false}, "loc": "r.swift:6"},
      {"id": 5, "op": "max", "args": [0], "dtype": "float64", "shape": [], "attrs": {"axes": [0, 1], "keepdims": false}, "loc": "r.swift:7"},
      {"id": 6, "op": "matmul", "args": [0, 1], "dtype": "float64", "shape": [\(n)], "loc": "r.swift:8"},
      {"id": 7, "op": "full", "args": [], "dtype": "float64", "shape": [], "attrs": {"value": "0x1p+1"}, "loc": "r.swift:8"},
      {"id": 8, "op": "mul", "args": [6, 7], "dtype": "float64", "shape": [\(n)], "loc": "r.swift:8"},
      {"id": 9, "op": "slice", "args": [0], "dtype": "float64", "shape": [\(n - 1), \(m - 1)], "attrs": {"slice": [{"start": 1, "stop": \(n), "step": 1}, {"start": 1, "stop": \(m), "step": 1}]}, "loc": "r.swift:9"},
      {"id": 10, "op": "sum", "args": [9], "dtype": "float64", "shape": [\(m - 1)], "attrs": {"axes": [0], "keepdims": false}, "loc": "r.swift:9"},
      {"id": 11, "op": "cumsum", "args": [0], "dtype": "float64", "shape": [\(n), \(m)], "attrs": {"axis": 1}, "loc": "r.swift:10"},
      {"id": 12, "op": "cumprod", "args": [1], "dtype": "float64", "shape": [\(m)], "attrs": {"axis": 0}, "loc": "r.swift:11"}
     ],
     "outputs": [{"name": "rows", "node": 2}, {"name": "cols", "node": 3}, {"name": "top", "node": 4},
                 {"name": "big", "node": 5}, {"name": "mv", "node": 8}, {"name": "inner", "node": 10},
                 {"name": "rowscan", "node": 11}, {"name": "vscan", "node": 12}],
     "readbacks": []}
    """
  }

  func testReductionsAndMatrixProductsRunAtUnrecordedSizes() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    // n grows by 8 and m by 6: two independent symbols from two recordings.
    let a = try Repo.write(trace(12, 17), "a.json", in: dir)
    let b = try Repo.write(trace(20, 23), "b.json", in: dir)
    let c = try DynamicCompilation.make(paths: [a, b], options: CompileOptions())
    XCTAssertEqual(c.plan.symbols.map(\.name), ["n", "m"])
    XCTAssertTrue(
      c.plan.kernels.contains { $0.kind != .elementwise && $0.symbolic == true },
      "\(c.plan.kernels.map { ($0.name, $0.symbolic) })")
    let source = try Emission.source(of: c, requireCheck: false)
    // The OpenCL C spells no recorded size.
    for size in ["11L", "12L", "16L", "17L", "204L"] {
      XCTAssertFalse(source.contains(size), "\(size) in\n\(source)")
    }
    let json = String(decoding: try c.plan.jsonData(), as: UTF8.self)
    let stub: CompiledProgram
    do { stub = try CompiledProgram(planJSON: json, source: source, device: "0") } catch let e
      as CLError
    {
      throw XCTSkip("OpenCL unavailable: \(e)")
    }
    for (n, m) in [(5, 3), (31, 40), (2, 2), (1, 9), (64, 1), (300, 257)] {
      let loaded = try LoadedTrace(path: try Repo.write(trace(n, m), "run\(n)x\(m).json", in: dir))
      let inputs = try loaded.inputs(seed: UInt64(n * 1000 + m)).values
      let want = try Interpreter(graph: loaded.graph).run(inputs: inputs)
      let got = try stub.call(inputs: inputs, params: [:])
      XCTAssertEqual(Set(got.keys), Set(want.keys))
      for (name, reference) in want {
        let value = try XCTUnwrap(got[name])
        XCTAssertEqual(value.shape, reference.shape, "\(name) at \(n) x \(m)")
        if reference.dtype == .int64 {
          XCTAssertEqual(value.doubles(), reference.doubles(), "\(name) at \(n) x \(m)")
          continue
        }
        // Sums of at most 300 positive terms in another order than the interpreter's: within
        // 300 ulp relative (docs/numerics.md); a wrong element, row or size is far outside.
        let (x, y) = (value.doubles(), reference.doubles())
        let bad = zip(x, y).enumerated().first { !(abs($1.0 - $1.1) <= 1e-13 * max(1, abs($1.1))) }
        XCTAssertNil(bad, "\(name) at \(n) x \(m): \(String(describing: bad))")
      }
    }
  }
}
