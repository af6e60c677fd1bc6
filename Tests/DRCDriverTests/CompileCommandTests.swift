// `drc compile --emit plan` and `drc explain` end to end: files, tables, JSON, Graphviz, errors.

import Foundation
import XCTest

final class CompileCommandTests: XCTestCase {
  func testCompileWritesAPlanAndTimesPasses() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = try Repo.run(
      "drc",
      [
        "compile", Repo.path("traces/blackscholes.json"), "--output-dir", dir.path, "--emit",
        "plan", "--time-passes",
      ])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(run.stdout.contains("cse "), run.stdout)
    let plan = dir.appendingPathComponent("blackscholes.plan.json")
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: plan)) as? [String: Any]
    XCTAssertEqual(object?["format"] as? String, "drc-plan")
    XCTAssertEqual((object?["kernels"] as? [Any])?.count, 1)
  }

  func testDumpAfterPrintsIRAndRejectsUnknownPasses() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let ok = try Repo.run(
      "drc",
      ["compile", Repo.path("traces/sincos.json"), "--output-dir", dir.path, "--dump-after", "dce"])
    XCTAssertEqual(ok.status, 0, ok.stderr)
    XCTAssertTrue(ok.stderr.contains("// after dce: "), ok.stderr)
    let bad = try Repo.run(
      "drc",
      [
        "compile", Repo.path("traces/sincos.json"), "--output-dir", dir.path, "--dump-after",
        "nope",
      ])
    XCTAssertEqual(bad.status, 1)
    XCTAssertTrue(bad.stderr.contains("unknown pass 'nope'"), bad.stderr)
    let emit = try Repo.run(
      "drc",
      ["compile", Repo.path("traces/sincos.json"), "--output-dir", dir.path, "--emit", "exe"])
    XCTAssertEqual(emit.status, 1)
    XCTAssertTrue(emit.stderr.contains("--emit exe is not supported"), emit.stderr)
  }

  func testVectorWidthChoosesLanesAndRejectsOthers() throws {
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    func program(_ width: String) throws -> String {
      let run = try Repo.run(
        "drc",
        [
          "compile", Repo.path("traces/blackscholes.json"), "--output-dir", dir.path, "--emit",
          "cl,plan", "--vector-width", width,
        ])
      XCTAssertEqual(run.status, 0, run.stderr)
      return try String(
        contentsOf: dir.appendingPathComponent("blackscholes.cl"), encoding: .utf8)
    }
    XCTAssertTrue(try program("portable").contains("vload8("))
    let sixteen = try program("16,8")
    XCTAssertTrue(sixteen.contains("vload16(") && !sixteen.contains("vload8("), sixteen)
    let plan = try String(
      contentsOf: dir.appendingPathComponent("blackscholes.plan.json"), encoding: .utf8)
    XCTAssertTrue(plan.contains("\"vectorWidth\" : 16"), plan)
    let scalar = try program("1")
    XCTAssertTrue(scalar.contains("if (p < 256L)") && !scalar.contains("vload"), scalar)
    for bad in ["3", "wide"] {
      let run = try Repo.run(
        "drc",
        [
          "compile", Repo.path("traces/blackscholes.json"), "--output-dir", dir.path,
          "--vector-width", bad,
        ])
      XCTAssertEqual(run.status, 1)
      XCTAssertTrue(run.stderr.contains("--vector-width \(bad) is not valid"), run.stderr)
    }
  }

  func testExplainTableJSONAndDot() throws {
    let table = try Repo.run("drc", ["explain", Repo.path("traces/grayscott.json")])
    XCTAssertEqual(table.status, 0, table.stderr)
    XCTAssertTrue(table.stdout.contains("Examples/grayscott/main.swift:"), table.stdout)
    XCTAssertTrue(
      table.stdout.contains("read at 6 different positions"), "fusion stop reason: \(table.stdout)")
    XCTAssertTrue(table.stdout.contains("totals: "), table.stdout)
    let json = try Repo.run("drc", ["explain", "--json", Repo.path("traces/lstsqr.json")])
    XCTAssertEqual(json.status, 0, json.stderr)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    let totals = object?["totals"] as? [String: Any]
    XCTAssertEqual(totals?["kernels"] as? Int, 2)
    XCTAssertEqual((object?["launches"] as? [Any])?.count, 2)
    let dir = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let dot = dir.appendingPathComponent("g.dot").path
    let drawn = try Repo.run("drc", ["explain", Repo.path("traces/harris.json"), "--dot", dot])
    XCTAssertEqual(drawn.status, 0, drawn.stderr)
    let text = try String(contentsOfFile: dot, encoding: .utf8)
    XCTAssertTrue(text.hasPrefix("digraph \"harris\""), text)
    XCTAssertEqual(
      text.components(separatedBy: "subgraph cluster_").count - 1, 1, "harris is one kernel")
  }

  func testExplainUnfusedIsTheOneKernelPerOpBaseline() throws {
    let run = try Repo.run(
      "drc", ["explain", "--json", "--unfused", Repo.path("traces/sincos.json")])
    XCTAssertEqual(run.status, 0, run.stderr)
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let totals = object?["totals"] as? [String: Any]
    XCTAssertGreaterThan(totals?["launches"] as? Int ?? 0, 3)
  }

  func testCompileRejectsABadTrace() throws {
    let run = try Repo.run(
      "drc", ["explain", Repo.path("Tests/DRCDriverTests/Fixtures/malformed/35-unknown-op.json")])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(run.stderr.contains("unknown op"), run.stderr)
  }
}
