// The corpus check behind CorpusTests: record a corpus program (Examples/corpus) with
// `drc record --save-inputs`, compile it fused and unfused, run the fused plan on the OpenCL
// device (PoCL here) on the recorded inputs, and compare every output with the NumPy original's
// values in Examples/corpus/expected/<name>.json (tools/make-corpus-expected.py).
//
// The comparison is normwise: max |device - numpy| / max |numpy| over the finite elements must
// stay within 1e-12 for float64 outputs and 1e-5 for float32 ones; integer and bool outputs must
// be exact. These follow docs/numerics.md:
// every op drc emits is within a few ulp (16 at most, pow and erf) and sums and products add
// gamma_n, while NumPy's own libm, SIMD functions and summation order differ from drc's, so
// neither side is exact and the bound is a few thousand ulp of the output's scale, far below
// any real error. Non-finite elements must match exactly (same infinity, or NaN for NaN).
// An iterative solve stopped by a residual test leaves its solution to rounding beyond that
// bound: its NumPy original derives an absolute bound per output (`TOLERANCES`, written to the
// expected file as `absolute_tolerance`), and max |device - numpy| must stay within it.

import DRCDriver
import DRCPlan
import DRCRuntime
import Foundation
import XCTest

/// A NumPy original's outputs, as tools/make-corpus-expected.py wrote them.
struct CorpusExpected {
  /// One output: dtype name, shape and row-major values.
  struct Output {
    var dtype: String
    var shape: [Int]
    var values: [Double]
  }
  /// The program's size arguments (the same for NumPy and the Swift port).
  var args: [String]
  /// Outputs by name.
  var outputs: [String: Output]
  /// Absolute bounds replacing the normwise one, by output (iterative programs only).
  var absoluteTolerance: [String: Double]

  /// Reads Examples/corpus/expected/<name>.json.
  init(name: String) throws {
    let url = URL(fileURLWithPath: Repo.path("Examples/corpus/expected/\(name).json"))
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
    let document = try XCTUnwrap(object, "\(name).json is not an object")
    args = try XCTUnwrap(document["args"] as? [String], "\(name).json: args")
    let outputs = try XCTUnwrap(document["outputs"] as? [String: [String: Any]], "\(name).json")
    let bounds = document["absolute_tolerance"] as? [String: String] ?? [:]
    absoluteTolerance = try bounds.mapValues {
      try XCTUnwrap(Double($0), "\(name).json: bad tolerance \($0)")
    }
    self.outputs = try outputs.mapValues { o in
      let texts = try XCTUnwrap(o["values"] as? [String], "\(name).json: values")
      return Output(
        dtype: try XCTUnwrap(o["dtype"] as? String), shape: try XCTUnwrap(o["shape"] as? [Int]),
        values: try texts.map { try XCTUnwrap(Double($0), "\(name).json: bad value \($0)") })
    }
  }
}

/// How one device output compares with NumPy's.
struct CorpusComparison: CustomStringConvertible {
  var name: String
  var maxAbsoluteError: Double
  /// max |device - numpy| / max |numpy| over the finite elements.
  var normwiseError: Double
  var tolerance: Double
  /// A bound on `maxAbsoluteError` that replaces the normwise one, when the program has one.
  var absoluteTolerance: Double?
  /// Problems that fail the output whatever the error: shape, dtype, non-finite mismatches.
  var mismatches: [String]
  var passes: Bool {
    guard mismatches.isEmpty else { return false }
    if let absoluteTolerance { return maxAbsoluteError <= absoluteTolerance }
    return normwiseError <= tolerance
  }
  var description: String {
    let bound =
      absoluteTolerance.map { String(format: "absolute tolerance %.0e", $0) }
      ?? String(format: "tolerance %.0e", tolerance)
    return String(
      format: "%@: max abs error %.3g, normwise %.3g (%@)%@", name, maxAbsoluteError,
      normwiseError, bound, mismatches.isEmpty ? "" : " " + mismatches.joined(separator: "; "))
  }

  /// Compares `device` with `expected`; `absoluteTolerance`, when given, bounds the absolute
  /// error instead of the normwise one.
  init(
    name: String, device: HostArray, expected: CorpusExpected.Output,
    absoluteTolerance: Double? = nil
  ) {
    self.name = name
    self.absoluteTolerance = absoluteTolerance
    // Integer outputs (argmax positions) must match exactly.
    tolerance =
      expected.dtype == "float32" ? 1e-5 : expected.dtype == "float64" ? 1e-12 : 0
    mismatches = []
    if device.shape != expected.shape { mismatches.append("shape \(device.shape)") }
    if "\(device.dtype)" != expected.dtype { mismatches.append("dtype \(device.dtype)") }
    let values = device.converted(to: .float64).doubles()
    if values.count != expected.values.count { mismatches.append("\(values.count) values") }
    var worst = 0.0
    var scale = 0.0
    for (i, (d, e)) in zip(values, expected.values).enumerated() {
      guard e.isFinite else {
        if !(d == e || (d.isNaN && e.isNaN)) { mismatches.append("[\(i)] \(d), expected \(e)") }
        continue
      }
      worst = Swift.max(worst, d.isFinite ? Swift.abs(d - e) : .infinity)
      scale = Swift.max(scale, Swift.abs(e))
    }
    maxAbsoluteError = worst
    normwiseError = scale > 0 ? worst / scale : worst
  }
}

/// The outcome of one corpus program: the fused and unfused plans' statistics and a
/// comparison per output.
struct CorpusRun {
  var fused: PlanStats
  var unfused: PlanStats
  var device: [String: HostArray]
  var expected: CorpusExpected

  /// Records, compiles and runs the corpus program `name` (the trace is kept in `directory`).
  init(_ name: String, directory: URL) throws {
    expected = try CorpusExpected(name: name)
    let trace = directory.appendingPathComponent("\(name).json").path
    let record = try Repo.run(
      "drc",
      [
        "record", "--save-inputs", "--output", trace, "--",
        Repo.products.appendingPathComponent(
          "corpus"
        ).path, name,
      ] + expected.args)
    XCTAssertEqual(record.status, 0, "\(name): \(record.stdout)\(record.stderr)")
    let fused = try Compilation(path: trace, options: CompileOptions())
    let unfused = try Compilation(path: trace, options: CompileOptions(fuse: false))
    self.fused = fused.plan.stats
    self.unfused = unfused.plan.stats
    let (inputs, saved) = try fused.loaded.inputs(seed: 0)
    XCTAssertEqual(saved, fused.loaded.graph.inputs.count, "\(name): every input saved")
    let runner = try DeviceRun.runner(fused, device: nil)
    device = try runner.run(inputs: inputs, poison: true).outputs
  }

  /// Each expected output compared with the device's (a missing one is a mismatch).
  func comparisons(_ expected: CorpusExpected? = nil) -> [CorpusComparison] {
    let expected = expected ?? self.expected
    return expected.outputs.keys.sorted().map { key in
      guard let array = device[key] else {
        var missing = CorpusComparison(
          name: key, device: HostArray(dtype: .float64, shape: []),
          expected: expected.outputs[key]!)
        missing.mismatches.append("no such device output")
        return missing
      }
      return CorpusComparison(
        name: key, device: array, expected: expected.outputs[key]!,
        absoluteTolerance: expected.absoluteTolerance[key])
    }
  }
}
