// View simplification: identity views vanish, chains merge, and merged slices select exactly the
// elements the chain did (checked against the interpreter over many start/stop/step pairs).

import DRCIR
import DRCRuntime
import XCTest

@testable import DRCOpt

final class ViewSimplificationTests: XCTestCase {
  func graph(_ shape: [Int], _ build: (inout Graph, Int) -> Int) -> Graph {
    var g = Graph(name: "t", inputs: [InputDecl(name: "x", dtype: .int32, shape: shape)])
    let x = g.add(.input("x"), dtype: .int32, shape: shape)
    let y = build(&g, x)
    g.outputs = [OutputDecl(name: "y", node: y)]
    return g
  }

  func views(_ g: Graph) throws -> Graph { try runPass(ViewSimplification(), g).0 }

  func testIdentityViewsAreRemoved() throws {
    let g = graph([2, 1, 3]) { g, x in
      let s = g.add(
        .slice([.all(2), SliceRange(start: 0, stop: 1, step: 4), .all(3)]), [x], dtype: .int32,
        shape: [2, 1, 3])
      let t = g.add(.transpose([0, 1, 2]), [s], dtype: .int32, shape: [2, 1, 3])
      let r = g.add(.reshape, [t], dtype: .int32, shape: [2, 1, 3])
      let b = g.add(.broadcast, [r], dtype: .int32, shape: [2, 1, 3])
      let e = g.add(.expandDims([]), [b], dtype: .int32, shape: [2, 1, 3])
      return g.add(.squeeze([]), [e], dtype: .int32, shape: [2, 1, 3])
    }
    let out = try views(g)
    XCTAssertEqual(out.outputs.map(\.node), [0])
  }

  func testReversingSliceIsNotIdentity() throws {
    let g = graph([3]) { g, x in
      g.add(.slice([SliceRange(start: 2, stop: -1, step: -1)]), [x], dtype: .int32, shape: [3])
    }
    XCTAssertEqual(shapeOf(try views(g)), ["input", "slice(0)"])
  }

  func testChainsMerge() throws {
    let g = graph([4, 6]) { g, x in
      let s1 = g.add(
        .slice([SliceRange(start: 1, stop: 4, step: 1), SliceRange(start: 5, stop: -1, step: -1)]),
        [x], dtype: .int32, shape: [3, 6])
      let s2 = g.add(
        .slice([SliceRange(start: 0, stop: 3, step: 2), SliceRange(start: 1, stop: 6, step: 2)]),
        [s1], dtype: .int32, shape: [2, 3])
      let t1 = g.add(.transpose([1, 0]), [s2], dtype: .int32, shape: [3, 2])
      let e = g.add(.expandDims([0]), [t1], dtype: .int32, shape: [1, 3, 2])
      let r = g.add(.reshape, [e], dtype: .int32, shape: [6])
      let q = g.add(.reshape, [r], dtype: .int32, shape: [2, 3, 1])
      let sq = g.add(.squeeze([2]), [q], dtype: .int32, shape: [2, 3])
      let b1 = g.add(.broadcast, [sq], dtype: .int32, shape: [1, 2, 3])
      return g.add(.broadcast, [b1], dtype: .int32, shape: [4, 2, 3])
    }
    let out = try runPass(DeadCodeElimination(), try views(g)).0
    XCTAssertEqual(
      shapeOf(out), ["input", "slice(0)", "transpose(1)", "reshape(2)", "broadcast(3)"])
    XCTAssertEqual(
      out.nodes[1].op,
      .slice([SliceRange(start: 1, stop: 4, step: 2), SliceRange(start: 4, stop: -1, step: -2)]))
    try assertSameResults(g, out)
  }

  func testTransposeOfTransposeComposes() throws {
    let g = graph([2, 3, 4]) { g, x in
      let t1 = g.add(.transpose([2, 0, 1]), [x], dtype: .int32, shape: [4, 2, 3])
      let t2 = g.add(.transpose([1, 2, 0]), [t1], dtype: .int32, shape: [2, 3, 4])
      let t3 = g.add(.transpose([0, 2, 1]), [t2], dtype: .int32, shape: [2, 4, 3])
      return g.add(.transpose([2, 1, 0]), [t3], dtype: .int32, shape: [3, 4, 2])
    }
    let out = try runPass(DeadCodeElimination(), try views(g)).0
    XCTAssertEqual(shapeOf(out), ["input", "transpose(0)"])
    XCTAssertEqual(out.nodes[1].op, .transpose([1, 2, 0]))
    try assertSameResults(g, out)
  }

  /// Every pair of slices of a length-7 axis composes into one slice selecting the same elements.
  func testSliceCompositionIsExact() throws {
    let n = 7
    func ranges(_ dim: Int) -> [SliceRange] {
      var all: [SliceRange] = []
      for step in [-3, -2, -1, 1, 2, 3] {
        for start in -1...dim {
          for stop in -1...dim {
            let r = SliceRange(start: start, stop: stop, step: step)
            if (try? TypeInference.sliceShape([r], of: [dim])) != nil { all.append(r) }
          }
        }
      }
      return all
    }
    var g = Graph(name: "t", inputs: [InputDecl(name: "x", dtype: .int32, shape: [n])])
    let x = g.add(.input("x"), dtype: .int32, shape: [n])
    for r1 in ranges(n) where r1.count > 0 {
      let s1 = g.add(.slice([r1]), [x], dtype: .int32, shape: [r1.count])
      for r2 in ranges(r1.count) {
        let s2 = g.add(.slice([r2]), [s1], dtype: .int32, shape: [r2.count])
        g.outputs.append(OutputDecl(name: "o\(s2)", node: s2))
      }
    }
    let out = try views(g)
    XCTAssertTrue(out.outputs.allSatisfy { out.nodes[$0.node].operands == [0] || $0.node == 0 })
    try assertSameResults(g, out)
  }

  func assertSameResults(_ a: Graph, _ b: Graph) throws {
    let inputs = try Interpreter.randomInputs(graph: a, seed: 1)
    let x = try Interpreter(graph: a).run(inputs: inputs)
    let y = try Interpreter(graph: b).run(inputs: inputs)
    for (name, value) in x {
      guard let other = y[name] else { return XCTFail("missing \(name)") }
      XCTAssertEqual(value.shape, other.shape, name)
      XCTAssertEqual(value.scalars(), other.scalars(), name)
    }
  }
}
