// `drc run` and `drc verify` end to end on PoCL: reports, JSON, exit codes, a missing device, and
// verify pointing at the kernel (and source lines) of a deliberately broken program.

import DRCDriver
import Foundation
import XCTest

final class DeviceCommandTests: XCTestCase {
  func testRunChecksEveryOutputAndReportsTimes() throws {
    let run = try Repo.run("drc", ["run", Repo.path("traces/harris.json"), "--repeat", "2"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(run.stdout.contains("harris on "), run.stdout)
    XCTAssertTrue(run.stdout.contains("response float64[23, 23]: max abs error"), run.stdout)
    XCTAssertTrue(run.stdout.contains(" ok"), run.stdout)
    let json = try Repo.run("drc", ["run", "--json", "--unfused", Repo.path("traces/lstsqr.json")])
    XCTAssertEqual(json.status, 0, json.stderr)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    XCTAssertEqual(object?["passed"] as? Bool, true)
    XCTAssertEqual(object?["fused"] as? Bool, false)
    XCTAssertGreaterThan(object?["launches"] as? Int ?? 0, 2)
  }

  func testEveryBenchmarkPassesItsOutputCheckOnTheDevice() throws {
    for name in OutputCheckTests.benchmarks {
      let report = try DeviceRun.run(
        path: Repo.path("traces/\(name).json"), options: DeviceRunOptions())
      XCTAssertTrue(report.passed, "\(name): \(report.outputs)")
      for output in report.outputs {
        XCTAssertTrue(output.bound.isFinite && output.unbounded == 0, "\(name): \(output)")
        XCTAssertLessThanOrEqual(output.maxAbsoluteError, output.bound, "\(name): \(output)")
      }
    }
  }

  func testVerifyAgreesOnEveryBenchmark() throws {
    for name in ["grayscott", "jacobi", "cronbach"] {
      let run = try Repo.run("drc", ["verify", Repo.path("traces/\(name).json")])
      XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)")
      XCTAssertTrue(run.stdout.hasPrefix("all "), run.stdout)
    }
  }

  func testMissingDeviceIsAClearError() throws {
    let run = try Repo.run(
      "drc", ["run", Repo.path("traces/sincos.json"), "--device", "no-such-device"])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("no-such-device"), run.stderr)
  }

  func testVerifyNamesTheKernelOfABrokenProgram() throws {
    let c = try Compilation(path: Repo.path("traces/lstsqr.json"), options: CompileOptions())
    let source = try Emission.source(of: c, requireCheck: false)
    // Break the second kernel: every accumulation adds twice its operand.
    guard let start = source.range(of: "__kernel void k1_") else {
      return XCTFail("no second kernel")
    }
    var broken = source
    let tail = String(source[start.lowerBound...]).replacingOccurrences(
      of: " = (acc", with: " = 2.0 * (acc")
    broken.replaceSubrange(start.lowerBound..., with: tail)
    XCTAssertNotEqual(broken, source)
    let report: VerifyReport
    do {
      report = try DeviceVerify.run(c, source: broken, options: DeviceRunOptions())
    } catch let error where "\(error)".contains("no OpenCL platform") {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    let divergence = try XCTUnwrap(report.divergence)
    XCTAssertTrue(divergence.contains("kernel k1_"), divergence)
    XCTAssertTrue(divergence.contains("Examples/lstsqr/main.swift:"), divergence)
  }
}
