// Bool vectors are stored through an aligned vector pointer where the start is provably a
// multiple of W, since PoCL turns `vstoreN` of uchar into N byte stores (and, after a comparison,
// into a masked load that ran 4-6x slower when every lane was false: `x < 0.0` on positive data);
// anywhere alignment is not proven the store stays a `vstoreN`.

import DRCIR
import DRCPlan
import Foundation
import XCTest

@testable import DRCCodegen

final class BoolStoreTests: XCTestCase {
  func testOnlyProvablyAlignedStartsCount() {
    let flat = Addressing(space: [64])
    func map(offset: Int, stride: Int = 1) -> IndexMap {
      IndexMap(shape: [200], coefficients: [[stride]], offsets: [offset])
    }
    XCTAssertTrue(flat.startsAligned(map(offset: 0), width: 8))
    XCTAssertTrue(flat.startsAligned(map(offset: 16), width: 8))
    XCTAssertFalse(flat.startsAligned(map(offset: 3), width: 8), "offset 3 is not 8-aligned")
    XCTAssertFalse(flat.startsAligned(map(offset: 4), width: 8))
    XCTAssertTrue(flat.startsAligned(map(offset: 4), width: 4))
    XCTAssertFalse(flat.startsAligned(map(offset: 0, stride: 2), width: 8), "strided")
    XCTAssertFalse(flat.startsAligned(map(offset: 0), width: 1), "scalar code")
    var reduction = Addressing(space: [64])
    reduction.alignedStart = false
    XCTAssertFalse(reduction.startsAligned(map(offset: 0), width: 8), "a partials block")
    var lanes = Addressing(space: [64, 8])
    lanes.laneAxes = 1
    XCTAssertFalse(
      lanes.startsAligned(IndexMap.identity([64, 8]), width: 8), "reduction lane mode")
  }

  func testAComparisonOutputIsOneVectorStore() throws {
    let n = 1024
    let trace: [String: Any] = [
      "format": "drc-trace", "version": 1, "producer": "test", "program": "cmp",
      "inputs": [["name": "x", "dtype": "float64", "shape": [n]]], "params": [],
      "nodes": [
        [
          "id": 0, "op": "input", "args": [], "dtype": "float64", "shape": [n],
          "attrs": ["name": "x"], "loc": "t.py:1",
        ],
        [
          "id": 1, "op": "full", "args": [], "dtype": "float64", "shape": [],
          "attrs": ["value": "0x0p+0"], "loc": "t.py:2",
        ],
        ["id": 2, "op": "lt", "args": [0, 1], "dtype": "bool", "shape": [n], "loc": "t.py:3"],
      ],
      "outputs": [["name": "y", "node": 2]], "readbacks": [],
    ]
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "boolstore-\(UUID().uuidString).json")
    try JSONSerialization.data(withJSONObject: trace).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let vector = try compileTrace(url, widths: VectorWidths(narrow: 8, wide: 8)).source
    XCTAssertTrue(vector.contains("*(__global uchar8*)(a1 + p0) = "), vector)
    XCTAssertFalse(vector.contains("vstore8("), vector)
    let scalar = try compileTrace(url, widths: VectorWidths(narrow: 1, wide: 1)).source
    XCTAssertFalse(scalar.contains("(__global uchar"), scalar)
  }
}
