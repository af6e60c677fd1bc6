// Shared helpers for the optimiser tests: running passes, comparing results bit for bit.

import DRCIR
import DRCRuntime
import DRCTrace
import Foundation
import XCTest

@testable import DRCOpt

enum OptRepo {
  /// The package root (this file is Tests/DRCOptTests/OptTestSupport.swift).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Every trace under traces/ and traces/ops/, expected-output files excluded.
  static func traces() throws -> [String] {
    var paths: [String] = []
    for folder in ["traces", "traces/ops"] {
      let dir = root.appendingPathComponent(folder)
      let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
      for name in names.sorted() where name.hasSuffix(".json") && !name.hasSuffix(".expected.json")
      {
        paths.append(dir.appendingPathComponent(name).path)
      }
    }
    return paths
  }
}

/// Runs one pass (verifying before and after) and returns the result and the remarks.
func runPass(_ pass: any Pass, _ graph: Graph, fastMath: Bool = false) throws -> (Graph, [Remark]) {
  let context = PassContext(options: OptimiserOptions(fastMath: fastMath))
  let (result, _) = try PassManager(passes: [pass]).run(graph, context: context)
  return (result, context.remarks)
}

/// `name(operands)` for every node, e.g. `["input", "neg(0)", "add(0,1)"]`.
func shapeOf(_ graph: Graph) -> [String] {
  graph.nodes.map { node in
    node.operands.isEmpty
      ? node.op.name : "\(node.op.name)(\(node.operands.map(String.init).joined(separator: ",")))"
  }
}

/// How far apart two values of one dtype are: 0 when identical (any two NaNs are identical),
/// the distance in ulps for finite floats, `Int.max` otherwise.
func ulps(_ a: Scalar, _ b: Scalar, _ dtype: DType) -> Int {
  switch (a, b) {
  case (.float(let x), .float(let y)):
    if x.isNaN && y.isNaN { return 0 }
    if x.bitPattern == y.bitPattern { return 0 }
    if x == 0 && y == 0 { return 1 }  // -0.0 and +0.0
    if x.isNaN || y.isNaN || x.isInfinite || y.isInfinite { return .max }
    func ordinal(_ d: Double) -> Int64 {
      if dtype == .float32 {
        let bits = Int64(Float(d).bitPattern)
        return bits & 0x8000_0000 != 0 ? -(bits & 0x7FFF_FFFF) : bits
      }
      let bits = Int64(bitPattern: d.bitPattern)
      return bits < 0 ? -(bits & Int64.max) : bits
    }
    let distance = ordinal(x).subtractingReportingOverflow(ordinal(y))
    return distance.overflow ? .max : Int(distance.partialValue.magnitude)
  default:
    return a == b ? 0 : .max
  }
}

/// The largest ulp distance between two arrays of equal dtype and shape (`Int.max` if they differ).
func maxUlps(_ a: HostArray, _ b: HostArray) -> Int {
  guard a.dtype == b.dtype, a.shape == b.shape else { return .max }
  return zip(a.scalars(), b.scalars()).map { ulps($0, $1, a.dtype) }.max() ?? 0
}
