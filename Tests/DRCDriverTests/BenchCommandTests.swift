// `drc bench` end to end on PoCL: it times on the trace's saved inputs when the trace has them,
// on seeded random ones when it does not, says which, and reports wall time beside device time.

import Foundation
import XCTest

@testable import DRCDriver

final class BenchCommandTests: XCTestCase {
  /// `drc bench --json` of `trace`, decoded.
  func bench(_ trace: String) throws -> [String: Any] {
    let path = trace.hasPrefix("/") ? trace : Repo.path(trace)
    let run = try Repo.run("drc", ["bench", "--json", "--repeat", "1", path])
    XCTAssertEqual(run.status, 0, run.stderr)
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    return object as? [String: Any] ?? [:]
  }

  func testSavedInputsAreUsedAndNamed() throws {
    let report = try bench("traces/sincos.json")
    XCTAssertEqual(report["saved_inputs"] as? Int, 1)
    XCTAssertEqual(report["generated_inputs"] as? Int, 0)
    // The third measurement runs the fused plan (same bytes) into memory reused every run.
    let fused = report["fused"] as? [String: Any] ?? [:]
    let reused = report["fused_into_reused_memory"] as? [String: Any] ?? [:]
    XCTAssertEqual(reused["mode"] as? String, "reused")
    XCTAssertEqual(reused["bytes_moved"] as? Int, fused["bytes_moved"] as? Int)
    XCTAssertEqual(reused["launches"] as? Int, fused["launches"] as? Int)
    for mode in ["fused", "unfused", "fused_into_reused_memory"] {
      let row = report[mode] as? [String: Any] ?? [:]
      let device = row["device_milliseconds"] as? Double ?? -1
      let wall = row["wall_milliseconds"] as? Double ?? -1
      XCTAssertGreaterThan(device, 0, mode)
      // The wall time holds the device time and the transfers around it.
      XCTAssertGreaterThanOrEqual(wall, device, mode)
    }
    let text = try Repo.run("drc", ["bench", "--repeat", "1", Repo.path("traces/sincos.json")])
    XCTAssertEqual(text.status, 0, text.stderr)
    XCTAssertTrue(text.stdout.contains("inputs: saved (1 from the trace)"), text.stdout)
    XCTAssertTrue(text.stdout.contains(" wall "), text.stdout)
    XCTAssertTrue(text.stdout.contains("\nreused "), text.stdout)
  }

  func testNoiseIsReported() throws {
    // Three alternating pairs: each configuration's kernel-time range holds its median, and the
    // pairs' speedups are ordered lowest, median, highest.
    let run = try Repo.run(
      "drc", ["bench", "--json", "--repeat", "3", Repo.path("traces/sincos.json")])
    XCTAssertEqual(run.status, 0, run.stderr)
    let report =
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
    func spread(_ object: Any?) -> (Double, Double, Double) {
      let s = object as? [String: Any] ?? [:]
      return (s["min"] as? Double ?? -1, s["median"] as? Double ?? -1, s["max"] as? Double ?? -1)
    }
    for mode in ["fused", "unfused"] {
      let row = report[mode] as? [String: Any] ?? [:]
      let (lo, mid, hi) = spread(row["kernel_spread"])
      XCTAssertGreaterThan(lo, 0, mode)
      XCTAssertLessThanOrEqual(lo, mid, mode)
      XCTAssertLessThanOrEqual(mid, hi, mode)
      XCTAssertEqual(mid, row["kernel_milliseconds"] as? Double ?? -1, mode)
    }
    let (lo, mid, hi) = spread(report["paired_kernel_speedup"])
    XCTAssertGreaterThan(lo, 0)
    XCTAssertLessThanOrEqual(lo, mid)
    XCTAssertLessThanOrEqual(mid, hi)
    // Steal is reported when /proc/stat's counters moved during the runs (10 ms ticks).
    if let steal = report["steal_percent"] as? Double {
      XCTAssertTrue((0...100).contains(steal), "steal \(steal)%")
    }
    let text = try Repo.run("drc", ["bench", "--repeat", "2", Repo.path("traces/sincos.json")])
    XCTAssertEqual(text.status, 0, text.stderr)
    XCTAssertTrue(text.stdout.contains("speedup of the 2 pairs: "), text.stdout)
    XCTAssertTrue(text.stdout.contains("kernel time range: fused "), text.stdout)
  }

  func testStealShareArithmetic() {
    // 20 of 200 ticks stolen between the readings: 10%; no ticks, or a counter going back: none.
    let a = CPUTimes(total: 100, steal: 5)
    XCTAssertEqual(CPUTimes.stealPercent(from: a, to: CPUTimes(total: 300, steal: 25)), 10)
    XCTAssertNil(CPUTimes.stealPercent(from: a, to: a))
    XCTAssertNil(CPUTimes.stealPercent(from: a, to: CPUTimes(total: 200, steal: 4)))
    XCTAssertNil(CPUTimes.stealPercent(from: nil, to: a))
  }

  func testGeneratedInputsAreNamed() throws {
    // An op trace with its saved data removed: drc bench must draw the inputs itself.
    let data = try Data(contentsOf: URL(fileURLWithPath: Repo.path("traces/ops/binary_float.json")))
    guard var trace = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let inputs = trace["inputs"] as? [[String: Any]], !inputs.isEmpty
    else { return XCTFail("traces/ops/binary_float.json has no inputs") }
    trace["inputs"] = inputs.map { $0.filter { $0.key != "data" } }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("unsaved.json").path
    try JSONSerialization.data(withJSONObject: trace).write(to: URL(fileURLWithPath: path))
    let report = try bench(path)
    XCTAssertEqual(report["saved_inputs"] as? Int, 0)
    XCTAssertEqual(report["generated_inputs"] as? Int, inputs.count)
    let text = try Repo.run("drc", ["bench", "--repeat", "1", path])
    XCTAssertEqual(text.status, 0, text.stderr)
    XCTAssertTrue(
      text.stdout.contains("inputs: generated (\(inputs.count) seeded random"), text.stdout)
  }

  func testSizeGenericPlanAgainstTheFixedOne() throws {
    // The program at two sizes: the second configuration is the plan for every size.
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let exe = Repo.products.appendingPathComponent("blackscholes").path
    var paths: [String] = []
    for n in ["3000", "5000"] {
      let path = dir.appendingPathComponent("bs-\(n).json").path
      let run = try Repo.run("drc", ["record", "--save-inputs", "-o", path, "--", exe, n])
      XCTAssertEqual(run.status, 0, run.stderr)
      paths.append(path)
    }
    let run = try Repo.run("drc", ["bench", "--json", "--repeat", "1"] + paths)
    XCTAssertEqual(run.status, 0, run.stderr)
    let report =
      try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
    XCTAssertEqual(report["baseline"] as? String, "size-generic")
    XCTAssertEqual((report["fused"] as? [String: Any])?["mode"] as? String, "fixed")
    XCTAssertEqual((report["unfused"] as? [String: Any])?["mode"] as? String, "generic")
    XCTAssertEqual(report["saved_inputs"] as? Int, 3, "the first trace's inputs")
    let text = try Repo.run("drc", ["bench", "--repeat", "1"] + paths)
    XCTAssertTrue(text.stdout.contains("the size-generic plan takes"), text.stdout)
  }
}
