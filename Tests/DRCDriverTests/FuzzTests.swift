// The differential fuzzer in CI: a fixed-seed run of 300 random programs must find nothing.
//
// Each program runs on the reference, the host plan interpreter and OpenCL (fused at 1, 2 and
// the device's widths, unfused at the device's) with poisoned buffers (`drc fuzz`,
// Sources/DRCDriver/FuzzCommand.swift). A failure prints its minimised findings and is saved
// under .build/fuzz-failures for inspection; fixed ones belong in Tests/Regressions.
// `tools/fuzz.sh N` runs longer campaigns with other seeds.

import DRCDriver
import DRCIR
import DRCTrace
import Foundation
import XCTest

final class FuzzTests: XCTestCase {
  func testGeneratedProgramsAreValidAndDeterministic() throws {
    for seed in UInt64(1)...40 {
      var a = FuzzGenerator(seed: seed)
      var b = FuzzGenerator(seed: seed)
      let (ga, ia) = a.generate()
      let (gb, ib) = b.generate()
      // Compared as trace text: a NaN constant is not == to itself.
      XCTAssertEqual(
        TraceWriter.string(ga.toTrace()), TraceWriter.string(gb.toTrace()),
        "seed \(seed) is deterministic")
      XCTAssertEqual(ia.keys.sorted(), ib.keys.sorted())
      XCTAssertEqual(Set(ia.keys), Set(ga.inputs.map(\.name)), "every input has values")
      XCTAssertNoThrow(try Verifier.check(ga), "seed \(seed) is a valid program")
    }
  }

  func testOpsAndDtypesAreAllCovered() throws {
    var ops: Set<String> = []
    var dtypes: Set<DType> = []
    for seed in UInt64(1)...300 {
      var g = FuzzGenerator(seed: seed)
      let (graph, _) = g.generate()
      for node in graph.nodes {
        ops.insert(node.op.name)
        dtypes.insert(node.dtype)
      }
    }
    let all: Set<String> = Set(
      [
        "input", "param", "full", "arange", "iota", "where", "cast", "slice", "reshape",
        "transpose",
        "broadcast", "expand_dims", "squeeze", "concatenate", "matmul", "update", "take",
      ]
        + UnaryOp.allCases.map(\.rawValue) + BinaryOp.allCases.map(\.rawValue)
        + ReduceOp.allCases.map(\.rawValue) + ScanOp.allCases.map(\.rawValue)
        + SortOp.allCases.map(\.rawValue) + ScatterOp.allCases.map(\.rawValue)
        + MatrixOp.allCases.map(\.rawValue))
    XCTAssertEqual(all.subtracting(ops), [], "ops the generator never made")
    XCTAssertEqual(dtypes.count, 5)
  }

  /// A program that outlives the timeout is reported as a hang, saved, and ends the run with 3.
  func testHangsAreReportedAndSaved() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "drc-fuzz-hang-\(UUID().uuidString)")
    let run = try Repo.run(
      "drc",
      ["fuzz", "--count", "100000", "--device", "host", "--timeout", "0.001", "--save", dir.path])
    XCTAssertEqual(run.status, 3, run.stderr)
    XCTAssertTrue(run.stderr.contains("(a hang); saved as"), run.stderr)
    let saved = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    XCTAssertEqual(saved.filter { $0.hasPrefix("hang_") }.count, 1, "\(saved)")
  }

  func testThreeHundredProgramsFindNothing() throws {
    let device = ProcessInfo.processInfo.environment["DRC_FUZZ_DEVICE"]
    let options = FuzzOptions(
      count: 300, seed: 20_261_130, saveDirectory: Repo.path(".build/fuzz-failures"),
      device: device)
    let report: FuzzReport
    do { report = try Fuzz.run(options: options) { print($0) } } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    print(Fuzz.text(report))
    XCTAssertEqual(report.programs, 300)
    XCTAssertEqual(
      report.failures.map { "seed \($0.seed): \($0.findings.first.map { "\($0)" } ?? "")" }, [])
  }
}
