// Shared helpers of the code generator tests: traces in the repository compiled into plans.

import DRCCodegen
import DRCIR
import DRCOpt
import DRCPlan
import DRCTrace
import Foundation

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent()

/// The trace files directly in `traces/` (benchmarks) or `traces/ops/`, sorted.
func traceFiles(_ folder: String) throws -> [URL] {
  let dir = repositoryRoot.appendingPathComponent(folder)
  return try FileManager.default.contentsOfDirectory(atPath: dir.path)
    .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".expected.json") }
    .sorted()
    .map { dir.appendingPathComponent($0) }
}

/// A compiled trace: its graph (for locations), plan and generated program.
struct CompiledTrace {
  var name: String
  var graph: Graph
  var plan: Plan
  var source: String
}

/// Loads, optimises and fuses a trace and emits its program, for `widths` lanes.
func compileTrace(_ url: URL, fuse: Bool = true, widths: VectorWidths = .portable) throws
  -> CompiledTrace
{
  let trace = try TraceReader.read(path: url.path)
  let graph = try TraceLowering.lower(trace)
  let context = PassContext()
  let (optimised, _) = try PassManager.standard().run(graph, context: context)
  let sha = SHA256.hex(try Data(contentsOf: url))
  let (built, report) = try PlanBuilder.build(
    optimised, options: FusionOptions(fuse: fuse), context: context, traceSHA256: sha)
  let plan = built.targeting(widths)
  try PlanVerifier.check(plan)
  // Plan node ids are those of the graph fusion saw, which the report keeps.
  var locations: [Int: String] = [:]
  for node in report.graph.nodes { if let loc = node.loc { locations[node.id] = loc } }
  let name = url.deletingPathExtension().lastPathComponent
  let source = try OpenCLEmitter.emit(
    plan: plan, locations: locations, traceName: name, drcVersion: "test")
  return CompiledTrace(name: name, graph: graph, plan: plan, source: source)
}

/// The distance in ulps of `dtype` (float32 or float64) between two values of that dtype held
/// as doubles: 0 for equal values or two NaNs.
func ulpDistance(_ a: Double, _ b: Double, _ dtype: DType) -> Int {
  if a == b || (a.isNaN && b.isNaN) { return 0 }
  func ordinal(_ x: Double) -> Int64 {
    if dtype == .float32 {
      let bits = Int64(Float(x).bitPattern)
      return bits & 0x8000_0000 != 0 ? -(bits & 0x7FFF_FFFF) : bits
    }
    let bits = Int64(bitPattern: x.bitPattern)
    return bits < 0 ? -(bits & Int64.max) : bits
  }
  let d = ordinal(a).subtractingReportingOverflow(ordinal(b))
  return d.overflow ? Int.max : Int(d.partialValue.magnitude)
}
