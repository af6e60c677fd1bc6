// Matrix products read their left operand once per vector, and compute row tiles, on PoCL.
//
// A product's kernel gives each work-item W consecutive output points of a row as vector lanes
// and loops over k; A[i, k] is the same for every lane of a row. When W divides the row length
// every vector lies in one row and reads A[i, k] with one scalar load; when it does not (but the
// row holds at least W points) a vector that lies in one row still does, behind a row test, and
// only vectors crossing rows gather. Where W divides the row length and 8, 4 or 2 the row count,
// a work-item computes a tile of 8 (or 4, or 2) rows (`LaunchGeometry.tileRows`). Each form must
// compute what the reference computes; the aligned ones must not gather A.

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCRuntime
import XCTest

extension ReductionDeviceTests {
  /// relu(A @ B) for A [m, k] and B [k, n] float64: the generated source, the device result and
  /// the reference's.
  func product(m: Int, k: Int, n: Int, widths: VectorWidths) throws -> (
    String, HostArray, HostArray
  ) {
    let ctx: CLContext
    do { ctx = try CLContext(selecting: "0") } catch {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    var g = Graph(
      name: "p",
      inputs: [
        InputDecl(name: "a", dtype: .float64, shape: [m, k]),
        InputDecl(name: "b", dtype: .float64, shape: [k, n]),
      ])
    let a = g.add(.input("a"), dtype: .float64, shape: [m, k])
    let b = g.add(.input("b"), dtype: .float64, shape: [k, n])
    let c = g.add(.matmul, [a, b], dtype: .float64, shape: [m, n])
    let zero = g.add(.full(.float(0)), dtype: .float64, shape: [])
    let out = g.add(.binary(.maximum), [c, zero], dtype: .float64, shape: [m, n])
    g.outputs = [OutputDecl(name: "out", node: out)]
    let plan = try PlanBuilder.build(g, options: FusionOptions(vectorWidths: widths)).0
    let source = try OpenCLEmitter.emit(plan: plan, locations: [:], traceName: "p", drcVersion: "t")
    let av = (0..<(m * k)).map { Double(($0 * 7919) % 1013) * 0.01 - 5 }
    let bv = (0..<(k * n)).map { Double(($0 * 104_729) % 997) * 0.01 - 4.9 }
    let inputs = ["a": try HostArray(av, shape: [m, k]), "b": try HostArray(bv, shape: [k, n])]
    let runner = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: nil)
    let device = try XCTUnwrap(try runner.run(inputs: inputs).outputs["out"])
    let reference = try XCTUnwrap(try Interpreter(graph: g).run(inputs: inputs)["out"])
    return (source, device, reference)
  }

  func testMatrixProductsReadTheLeftOperandOncePerVector() throws {
    let k = 37
    // (rows, columns, widths, rows per work-item)
    for (m, n, widths, tile) in [
      (29, 64, VectorWidths(narrow: 16, wide: 8), 1), (29, 64, .portable, 1),
      (29, 67, .portable, 1), (29, 3, .portable, 1), (32, 64, .portable, 8),
      (36, 64, .portable, 4), (30, 64, .portable, 2), (32, 8, .portable, 1),
    ] {
      let (source, device, reference) = try product(m: m, k: k, n: n, widths: widths)
      // Each output is a sum of k products of values below 5.1 in magnitude, summed in the
      // reference's order but possibly contracted: k + 2 roundings of terms up to 26.01 each.
      let bound = Double(k + 2) * 26.01 * Double(k) * 0x1p-53
      within(device, reference, Array(repeating: bound, count: m * n))
      // A tile needs W | n, tile | m and at least 64 tiles (32 x 8 has 16: one row each).
      XCTAssertEqual(
        source.contains("\(tile) rows of 4 output points per work-item"), tile > 1,
        "\(m) x \(n): tiles of \(tile) rows")
      XCTAssertTrue(
        source.contains("output points per work-item, as vector lanes")
          || source.contains("output points per work-item, each point a lane"),
        "\(n) columns: the product is vectorised over lanes")
      // A gather of A indexes it with a lane of a long vector: `a0[e0.s0]`.
      let gathersA = source.contains("a0[e0.s0]")
      XCTAssertEqual(gathersA, n % 4 != 0, "\(n) columns: A gathered only when W does not divide")
      if n % 4 != 0, n >= 4 {
        // Vectors within one row read A's element once, behind the row test.
        XCTAssertTrue(source.contains("+ 4L <= \(n)L)"), source)
      }
    }
  }
}
