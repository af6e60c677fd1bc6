// Commands refuse programs too large for the machine with a clear error, before allocating.
//
// Issue 11: `drc interpret` on a float32[2^40] input with no saved data died allocating 4 TiB,
// and `drc run` on float32[2^30] was killed at 24 GB because the limit was checked per node.

import DRCDriver
import DRCIR
import DRCTrace
import Foundation
import XCTest

final class MemoryLimitCommandTests: XCTestCase {
  /// A trace of `exp` then `sin` over one float32 input of `count` elements, written to a file.
  func hugeTrace(_ count: Int) throws -> String {
    var g = Graph(name: "huge", inputs: [InputDecl(name: "x", dtype: .float32, shape: [count])])
    let x = g.add(.input("x"), dtype: .float32, shape: [count], loc: "huge.swift:1")
    let e = g.add(.unary(.exp), [x], dtype: .float32, shape: [count], loc: "huge.swift:2")
    let s = g.add(.unary(.sin), [e], dtype: .float32, shape: [count], loc: "huge.swift:3")
    g.outputs = [OutputDecl(name: "y", node: s)]
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "drc-huge-\(count)-\(UUID().uuidString).json")
    try Data(TraceWriter.data(g.toTrace())).write(to: url)
    return url.path
  }

  func testInterpretRefusesATeraByteInput() throws {
    let path = try hugeTrace(1 << 40)
    XCTAssertThrowsError(try InterpretCommand.run(path: path)) {
      XCTAssertTrue("\($0)".contains("over the memory limit"), "\($0)")
    }
  }

  func testRunChecksTheTotalNotEachNode() throws {
    // Each node is 4 GiB; inputs, device buffers and the oracle together are far more.
    let path = try hugeTrace(1 << 30)
    for fuse in [true, false] {
      let options = DeviceRunOptions(compile: CompileOptions(fuse: fuse))
      XCTAssertThrowsError(try DeviceRun.run(path: path, options: options)) {
        XCTAssertTrue("\($0)".contains("over the memory limit"), "\($0)")
      }
    }
  }
}
