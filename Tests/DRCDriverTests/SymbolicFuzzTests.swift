// Random size-generic programs (`SymbolicFuzz`): each recorded at two sizes, compiled into one
// symbolic plan and run on OpenCL at three sizes it was not recorded at, against the float64
// oracle. A fixed range of seeds, so a failure reproduces; `SYMFUZZ_SEEDS=N` runs more.

import DRCDriver
import DRCOpenCL
import Foundation
import XCTest

final class SymbolicFuzzTests: XCTestCase {
  func testRandomSizeGenericProgramsRunAtUnrecordedSizes() throws {
    do { _ = try CLContext(selecting: "0") } catch { throw XCTSkip("OpenCL unavailable: \(error)") }
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let count = Int(ProcessInfo.processInfo.environment["SYMFUZZ_SEEDS"] ?? "") ?? 40
    var failures: [String] = []
    for seed in 0..<UInt64(count) {
      failures += SymbolicFuzz.check(seed: seed, directory: dir, device: "0")
    }
    XCTAssertEqual(failures, [], failures.prefix(5).joined(separator: "\n"))
  }

  func testTheStructureDoesNotDependOnTheSizes() {
    for seed in UInt64(0)..<50 {
      let a = SymbolicFuzz.program(seed: seed, n: 10, m: 13)
      let b = SymbolicFuzz.program(seed: seed, n: 31, m: 7)
      XCTAssertEqual(a.nodes.map(\.op.name), b.nodes.map(\.op.name), "seed \(seed)")
      XCTAssertEqual(a.nodes.map(\.operands), b.nodes.map(\.operands), "seed \(seed)")
      XCTAssertEqual(a.nodes.map { $0.shape.count }, b.nodes.map { $0.shape.count })
    }
  }
}
