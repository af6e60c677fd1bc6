// Every example program, unchanged, in device mode on PoCL: each flushed segment is checked
// against the reference interpreter with the documented error bounds (DRC_VERIFY=1), and the
// printed checksums agree with a reference-mode run of the same program.

import DRCProcess
import Foundation
import XCTest

final class ExampleProgramsTests: XCTestCase {
  /// Program, small-size arguments, and the relative agreement of its checksums: the
  /// per-element bounds are checked by DRC_VERIFY; a checksum sums many elements, so it is
  /// held to float32's or float64's rounding of a sum (1e-5, 1e-12 relative) with a margin.
  static let programs: [(name: String, arguments: [String], relative: Double)] = [
    ("sincos", ["1000"], 1e-5), ("contrived", ["1000"], 1e-12),
    ("blackscholes", ["256"], 1e-5), ("grayscott", ["16", "3"], 1e-12),
    ("harris", ["24"], 1e-5), ("loglikelihood", ["1000"], 1e-12),
    ("lstsqr", ["1000"], 1e-12), ("cronbach", ["12"], 1e-12), ("jacobi", ["16", "4"], 1e-12),
    ("jacobiconverge", ["32", "1e-12", "200"], 1e-12),
  ]

  func testEveryExampleRunsInDeviceModeAndAgreesWithTheReference() throws {
    for p in Self.programs {
      let reference = try run(p.name, p.arguments, ["DRC_MODE": "reference"])
      XCTAssertEqual(reference.status, 0, "\(p.name): \(reference.stdout)\(reference.stderr)")
      let device = try run(
        p.name, p.arguments, ["DRC_MODE": "device", "DRC_VERIFY": "1", "DRC_LAZY_STATS": "1"])
      XCTAssertEqual(device.status, 0, "\(p.name): \(device.stdout)\(device.stderr)")
      XCTAssertTrue(device.stderr.contains("drc device mode:"), "\(p.name): \(device.stderr)")
      let want = checksums(reference.stdout)
      let got = checksums(device.stdout)
      XCTAssertFalse(want.isEmpty, "\(p.name) printed no checksum")
      XCTAssertEqual(Set(got.keys), Set(want.keys), p.name)
      for (name, w) in want {
        guard let g = got[name] else { continue }
        XCTAssertEqual(g, w, accuracy: p.relative * max(abs(w), 1), "\(p.name) \(name)")
      }
    }
  }

  /// The corpus of public NumPy programs (Examples/corpus), unchanged, in device mode: every
  /// segment each flushes is checked against the reference (DRC_VERIFY=1), and the checksums
  /// agree with reference mode's.
  func testEveryCorpusProgramRunsInDeviceMode() throws {
    let listing = try run("corpus", [], [:])
    guard let names = listing.stdout.components(separatedBy: "programs: ").last else {
      return XCTFail("corpus lists no programs: \(listing.stdout)")
    }
    let programs = names.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" })
      .map(String.init)
    XCTAssertGreaterThanOrEqual(programs.count, 12, listing.stdout)
    for name in programs {
      let reference = try run("corpus", [name], ["DRC_MODE": "reference"])
      let device = try run("corpus", [name], ["DRC_MODE": "device", "DRC_VERIFY": "1"])
      XCTAssertEqual(device.status, 0, "\(name): \(device.stdout)\(device.stderr)")
      let want = checksums(reference.stdout)
      let got = checksums(device.stdout)
      XCTAssertFalse(want.isEmpty, "\(name) printed no checksum: \(reference.stdout)")
      for (key, w) in want {
        guard let g = got[key] else {
          XCTFail("\(name): no \(key) in device mode")
          continue
        }
        // A checksum sums many elements; some programs are float32: float32's rounding of a
        // sum, with a margin (the per-element bounds are what DRC_VERIFY checked).
        XCTAssertEqual(g, w, accuracy: 1e-5 * max(abs(w), 1), "\(name) \(key)")
      }
    }
  }

  func testAConvergenceLoopCompilesItsStepOnce() throws {
    let device = try run(
      "jacobiconverge", ["32", "1e-12", "200"], ["DRC_MODE": "device", "DRC_LAZY_STATS": "1"])
    XCTAssertEqual(device.status, 0, device.stdout + device.stderr)
    let steps = device.stdout.split(separator: "\n").first { $0.hasPrefix("steps ") }
      .flatMap { Int($0.dropFirst(6)) }
    let stats = device.stderr
    guard let steps,
      let match = stats.firstMatch(
        of: /(\d+) segment flush(?:es)? \((\d+) cache hits?, (\d+) compiled\)/)
    else { return XCTFail("no steps or stats: \(device.stdout)\(stats)") }
    XCTAssertGreaterThan(steps, 5)
    let flushes = Int(match.1) ?? 0
    let compiled = Int(match.3) ?? 0
    XCTAssertGreaterThanOrEqual(flushes, steps, "one flush per host read at least")
    // The first step reads host data and `zeros`, the second the first step's device result;
    // from then on every step is the same segment, plus the final checksum's.
    XCTAssertLessThanOrEqual(compiled, 4, stats)
  }

  /// `name checksum value` lines, by name.
  private func checksums(_ text: String) -> [String: Double] {
    var out: [String: Double] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ")
      if parts.count == 3, parts[1] == "checksum", let v = Double(parts[2]) {
        out[String(parts[0])] = v
      }
    }
    return out
  }

  /// Runs a built example with `environment` added.
  private func run(_ name: String, _ arguments: [String], _ environment: [String: String]) throws
    -> (status: Int32, stdout: String, stderr: String)
  {
    var products = Bundle.main.bundleURL
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      products = bundle.bundleURL.deletingLastPathComponent()
    }
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "DRC_RECORD")
    for (k, v) in environment { env[k] = v }
    let child = try ChildProcess.run(
      products.appendingPathComponent(name).path, arguments, environment: env)
    return (child.signalled ? 128 + child.status : child.status, child.stdout, child.stderr)
  }
}
