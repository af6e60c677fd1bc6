// Every trace in Tests/Regressions runs through every executor and agrees with the reference.
//
// Each file there is a program that once crashed the compiler, was refused, or computed a wrong
// answer (issue reports and minimised `drc fuzz` failures). `Differential` runs it on the
// reference interpreter, the host plan interpreter and OpenCL (fused at 1, 2, 4 and the device's
// widths, unfused at the device's), with poisoned buffers; any finding fails the test.

import DRCDriver
import DRCOpenCL
import DRCPlan
import Foundation
import XCTest

final class RegressionTraceTests: XCTestCase {
  /// The regression traces, sorted.
  static func traces() throws -> [String] {
    let dir = Repo.path("Tests/Regressions")
    return try FileManager.default.contentsOfDirectory(atPath: dir)
      .filter { $0.hasSuffix(".json") }.sorted().map { dir + "/" + $0 }
  }

  func testEveryRegressionTraceAgreesEverywhere() throws {
    let context: CLContext?
    do { context = try CLContext(selecting: "0") } catch { context = nil }
    let device =
      context.map {
        VectorWidths(
          preferredFloat: $0.device.preferredVectorWidthFloat,
          preferredDouble: $0.device.preferredVectorWidthDouble)
      } ?? .portable
    var configurations = DifferentialConfiguration.standard(device: device)
    configurations.append(
      DifferentialConfiguration(fuse: true, widths: VectorWidths(narrow: 4, wide: 4)))
    let files = try RegressionTraceTests.traces()
    XCTAssertGreaterThanOrEqual(files.count, 8)
    var failures: [String] = []
    for path in files {
      do {
        let loaded = try LoadedTrace(path: path)
        let inputs = try loaded.inputs(seed: 1).values
        let findings = Differential(graph: loaded.graph, inputs: inputs, context: context)
          .run(configurations)
        failures += findings.map { "\(URL(fileURLWithPath: path).lastPathComponent): \($0)" }
      } catch {
        failures.append("\(path): \(error)")
      }
    }
    XCTAssertEqual(failures, [], failures.joined(separator: "\n"))
    if context == nil { throw XCTSkip("OpenCL unavailable: host executors only") }
  }
}
