// Every hand-made op trace (traces/ops, made by tools/make-op-traces.py) interpreted and compared
// with the values NumPy computed for it independently (`*.expected.json`).

import DRCDriver
import DRCIR
import DRCRuntime
import DRCTrace
import Foundation
import XCTest

final class OpTraceTests: XCTestCase {
  private func traces() throws -> [String] {
    let dir = Repo.path("traces/ops")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir)
      .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".expected.json") }.sorted()
    return names.map { "\(dir)/\($0)" } + [Repo.path("traces/blackscholes_small.json")]
  }

  func testOpTracesCoverEveryOpAndDType() throws {
    var ops = Set<String>()
    var dtypes = Set<String>()
    for path in try traces() {
      let trace = try TraceReader.read(path: path)
      for node in trace.nodes {
        ops.insert(node.op)
        dtypes.insert(node.dtype)
      }
    }
    XCTAssertEqual(ops.subtracting(Op.allNames).sorted(), [])
    XCTAssertEqual(Set(Op.allNames).subtracting(ops).sorted(), [], "ops no trace exercises")
    XCTAssertEqual(dtypes, Set(DType.allCases.map(\.rawValue)))
  }

  func testOpTracesRoundTripByteForByte() throws {
    for path in try traces() {
      let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
      let trace = try TraceReader.decode(bytes)
      XCTAssertEqual(Data(TraceWriter.data(trace)), bytes, path)
    }
  }

  func testInterpreterMatchesNumPy() throws {
    for path in try traces() {
      let loaded = try LoadedTrace(path: path)
      let inputs = try Interpreter.savedInputs(
        graph: loaded.graph, traceDirectory: loaded.directory)
      let results = try Interpreter(graph: loaded.graph).run(inputs: inputs)
      let expectedPath = path.replacingOccurrences(of: ".json", with: ".expected.json")
      // JSONDecoder parses doubles exactly (JSONSerialization on Linux may not).
      let expected = try JSONDecoder().decode(
        Expected.self, from: Data(contentsOf: URL(fileURLWithPath: expectedPath)))
      XCTAssertEqual(Set(expected.outputs.keys), Set(results.keys), path)
      // Single ops are compared to a few ulp; whole programs (several rounded float32 steps,
      // NumPy's own erf) to a relative tolerance.
      let program = !path.contains("/ops/")
      for (name, want) in expected.outputs {
        guard let got = results[name] else { continue }
        XCTAssertEqual(got.dtype.rawValue, want.dtype, "\(path) \(name)")
        XCTAssertEqual(got.shape, want.shape, "\(path) \(name)")
        let actual = got.doubles()
        XCTAssertEqual(actual.count, want.values.count, "\(path) \(name)")
        for (i, (a, w)) in zip(actual, want.values).enumerated() {
          let e = w.value
          let ok =
            program
            ? Swift.abs(a - e) <= 1e-5 * Swift.max(1, Swift.abs(e))
            : Self.close(a, e, dtype: got.dtype)
          XCTAssertTrue(
            ok,
            "\(URL(fileURLWithPath: path).lastPathComponent) \(name)[\(i)]: got \(a), NumPy \(e)")
        }
      }
    }
  }

  struct Expected: Decodable {
    struct Output: Decodable {
      var dtype: String
      var shape: [Int]
      var values: [Number]
    }
    var outputs: [String: Output]
  }

  /// A JSON number, bool, or one of the strings nan, inf, -inf.
  struct Number: Decodable {
    var value: Double
    init(from decoder: any Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let b = try? c.decode(Bool.self) {
        value = b ? 1 : 0
      } else if let d = try? c.decode(Double.self) {
        value = d
      } else {
        let s = try c.decode(String.self)
        value = s == "inf" ? .infinity : s == "-inf" ? -.infinity : .nan
      }
    }
  }

  /// Integers and bools exactly; floats within a few units in the last place of their dtype
  /// (libm and NumPy's own float32 kernels may differ by an ulp or two; see docs/numerics.md).
  static func close(_ a: Double, _ e: Double, dtype: DType) -> Bool {
    if a.isNaN || e.isNaN { return a.isNaN && e.isNaN }
    if a.isInfinite || e.isInfinite { return a == e }
    switch dtype {
    case .float32: return Swift.abs(a - e) <= 4 * Double(Float(Swift.abs(e)).ulp) + 1e-30
    case .float64: return Swift.abs(a - e) <= 4 * Swift.abs(e).ulp + 1e-300
    default: return a == e
    }
  }
}
