// Error bounds of argmin/argmax and cumsum/cumprod (docs/numerics.md): a position must match
// exactly unless rounding can move the extreme, and a scan's bound grows with the prefix length
// so that a device's blocked two-pass order passes while a wrong value still fails.

import DRCDriver
import DRCIR
import DRCRuntime
import XCTest

final class IndexScanBoundsTests: XCTestCase {
  /// A graph of inputs x, y (`count` elements of `dtype`) and output `out` = `body(x, y)`.
  func graph(_ count: Int, _ dtype: DType, _ body: (inout Graph, Int, Int) -> Int) -> Graph {
    var g = Graph(name: "t")
    g.inputs = [
      InputDecl(name: "x", dtype: dtype, shape: [count]),
      InputDecl(name: "y", dtype: dtype, shape: [count]),
    ]
    let x = g.add(.input("x"), dtype: dtype, shape: [count])
    let y = g.add(.input("y"), dtype: dtype, shape: [count])
    g.outputs = [OutputDecl(name: "out", node: body(&g, x, y))]
    return g
  }

  func verdict(_ g: Graph, _ inputs: [String: HostArray], device: HostArray) throws
    -> OutputVerdict
  {
    try XCTUnwrap(try OutputCheck.check(graph: g, inputs: inputs, device: ["out": device]).first)
  }

  func testPositionsOfExactValuesMustMatchExactly() throws {
    let g = graph(4, .float64) { g, x, _ in
      g.add(.reduce(.argmax, axes: [0], keepdims: false), [x], dtype: .int64, shape: [])
    }
    let inputs = [
      "x": try HostArray([1.0, 3, 3, -2], shape: [4]),
      "y": try HostArray([0.0, 0, 0, 0], shape: [4]),
    ]
    XCTAssertTrue(try verdict(g, inputs, device: try HostArray([Int64(1)], shape: [])).passes)
    // The tie's second position is wrong: inputs are exact, so the first index is certain.
    XCTAssertFalse(try verdict(g, inputs, device: try HostArray([Int64(2)], shape: [])).passes)
  }

  func testRoundingThatCanTieTwoValuesAllowsEitherPosition() throws {
    // In float64 x*y is [0.5, 1+2e, 1+2e+e^2] (argmax 2); in float32 the last two round to the
    // same value, so a device's first-index rule gives 1. Position 0 is never the maximum, and
    // it is farther from 2 than the uncertain position 1 (the bound is that distance).
    let e = Float(0x1p-23)
    let g = graph(3, .float32) { g, x, y in
      let p = g.add(.binary(.mul), [x, y], dtype: .float32, shape: [3])
      return g.add(.reduce(.argmax, axes: [0], keepdims: false), [p], dtype: .int64, shape: [])
    }
    let inputs = [
      "x": try HostArray([0.5, 1 + 2 * e, 1 + e], shape: [3]),
      "y": try HostArray([1, 1, 1 + e], shape: [3]),
    ]
    XCTAssertTrue(try verdict(g, inputs, device: try HostArray([Int64(2)], shape: [])).passes)
    XCTAssertTrue(try verdict(g, inputs, device: try HostArray([Int64(1)], shape: [])).passes)
    XCTAssertFalse(try verdict(g, inputs, device: try HostArray([Int64(0)], shape: [])).passes)
  }

  func testBlockedCumsumPassesAndAWrongElementFails() throws {
    let n = 3000
    let g = graph(n, .float32) { g, x, _ in
      g.add(.scan(.cumsum, axis: 0), [x], dtype: .float32, shape: [n])
    }
    var rng = SplitMix64(seed: 11)
    let xs = (0..<n).map { _ in Float(rng.nextUnit() * 2 - 1) }
    let inputs = ["x": try HostArray(xs, shape: [n]), "y": try HostArray(xs, shape: [n])]
    // The device's blocked order: 256 block totals, a carry per block, each block rescanned.
    let chunk = (n + 255) / 256
    var totals = [Float](repeating: 0, count: 256)
    for g in 0..<256 {
      for i in stride(from: g * chunk, to: min((g + 1) * chunk, n), by: 1) { totals[g] += xs[i] }
    }
    var device = [Float](repeating: 0, count: n)
    for g in 0..<256 {
      var acc: Float = -0.0
      for h in 0..<g { acc += totals[h] }
      for i in stride(from: g * chunk, to: min((g + 1) * chunk, n), by: 1) {
        acc += xs[i]
        device[i] = acc
      }
    }
    let v = try verdict(g, inputs, device: try HostArray(device, shape: [n]))
    XCTAssertTrue(v.passes, "\(v)")
    // Early elements have tight bounds, late ones looser (worst case gamma_k over 3000 terms).
    var early = device
    early[10] += 1e-3
    XCTAssertFalse(try verdict(g, inputs, device: try HostArray(early, shape: [n])).passes)
    device[n - 1] += 1
    XCTAssertFalse(try verdict(g, inputs, device: try HostArray(device, shape: [n])).passes)
    // The bound grows with the prefix length.
    let bounds = try XCTUnwrap(try ErrorBounds.run(graph: g, inputs: inputs)[2]).bound
    XCTAssertLessThan(bounds[10], bounds[n - 1])
    XCTAssertEqual(bounds[0], 0, "element 0 is x0 itself")
  }

  func testIntegerScansAreExact() throws {
    let g = graph(4, .int32) { g, x, _ in
      g.add(.scan(.cumprod, axis: 0), [x], dtype: .int64, shape: [4])
    }
    let inputs = [
      "x": try HostArray([Int32(2), -3, 4, 5], shape: [4]),
      "y": try HostArray([Int32(0), 0, 0, 0], shape: [4]),
    ]
    XCTAssertTrue(
      try verdict(g, inputs, device: try HostArray([Int64(2), -6, -24, -120], shape: [4])).passes)
    XCTAssertFalse(
      try verdict(g, inputs, device: try HostArray([Int64(2), -6, -24, -119], shape: [4])).passes)
  }
}
