// Compiling segments once: the standard passes, fusion, OpenCL C, and a runner kept per key.
//
// A segment goes through exactly what `drc compile` runs on a trace (PassManager.standard, then
// PlanBuilder with fusion at the device's vector widths, then OpenCLEmitter) and its program is
// built through the on-disk program cache, so a later process running the same loop body loads
// the binary instead of compiling. The compiled segment (plan and prepared runner) is kept in
// memory under the segment's location-free graph, so every later iteration of a loop is a hit.

import DRCCodegen
import DRCIR
import DRCOpenCL
import DRCOpt
import DRCPlan
import DRCReplay
import DRCTrace
import Foundation

/// A segment compiled for the engine's device.
final class CompiledSegment {
  /// The fused plan.
  let plan: Plan
  /// The runner holding the built kernels and the plan's temporaries.
  let runner: OpenCLPlanRunner
  /// Seconds spent compiling (passes, fusion, emission, program build or cache load).
  let seconds: Double

  init(plan: Plan, runner: OpenCLPlanRunner, seconds: Double) {
    self.plan = plan
    self.runner = runner
    self.seconds = seconds
  }
}

/// The compiled forms of one segment structure: code specialised to the constants first seen,
/// and, once another set of constants came, generic code taking them as kernel arguments.
final class CacheEntry {
  let values: [String: Scalar]
  let specialised: CompiledSegment
  var generic: CompiledSegment?

  init(values: [String: Scalar], specialised: CompiledSegment) {
    self.values = values
    self.specialised = specialised
  }
}

/// Compiled segments by structure.
///
/// The first segment of a structure compiles with its constants in the code (so constant
/// folding and the algebraic rewrites see them); a later segment of the same structure with
/// other constants compiles once more, generically, and every later one runs that code with its
/// constants as parameters. A loop whose constants never change never pays for the generic code.
final class SegmentCache {
  private var entries: [Graph: CacheEntry] = [:]
  private let context: CLContext
  private let programs: ProgramCache?
  private let widths: VectorWidths
  /// Entries kept at most; the cache is emptied when full (a program whose shapes change every
  /// call must not hold a runner per shape forever).
  let capacity: Int

  init(context: CLContext, programs: ProgramCache?, capacity: Int = 256) {
    self.context = context
    self.programs = programs
    self.capacity = capacity
    widths = VectorWidths(
      preferredFloat: context.device.preferredVectorWidthFloat,
      preferredDouble: context.device.preferredVectorWidthDouble)
  }

  /// The compiled code for `segment`, the parameters to run it with, and whether it was
  /// already compiled.
  func compiled(_ segment: Segment) throws -> (
    code: CompiledSegment, params: [String: Scalar], hit: Bool
  ) {
    if let entry = entries[segment.key] {
      if entry.values == segment.values { return (entry.specialised, [:], true) }
      if let generic = entry.generic { return (generic, segment.values, true) }
      let generic = try compile(segment.generic)
      entry.generic = generic
      return (generic, segment.values, false)
    }
    let code = try compile(segment.graph)
    if entries.count >= capacity { entries = [:] }
    entries[segment.key] = CacheEntry(values: segment.values, specialised: code)
    return (code, [:], false)
  }

  /// Runs the standard pipeline on `graph` and builds its program.
  private func compile(_ graph: Graph) throws -> CompiledSegment {
    let start = DispatchTime.now().uptimeNanoseconds
    let context = PassContext(options: OptimiserOptions(fastMath: false))
    let (optimised, _) = try PassManager.standard().run(graph, context: context)
    let (plan, report) = try PlanBuilder.build(
      optimised, options: FusionOptions(fuse: true, vectorWidths: widths), context: context)
    var locations: [Int: String] = [:]
    for node in report.graph.nodes { if let loc = node.loc { locations[node.id] = loc } }
    let source = try OpenCLEmitter.emit(
      plan: plan, locations: locations, traceName: "lazy segment",
      drcVersion: TraceFormat.drcVersion)
    let runner = try OpenCLPlanRunner(
      plan: plan, source: source, context: self.context, cache: programs, transfers: .copying)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return CompiledSegment(plan: plan, runner: runner, seconds: seconds)
  }

  /// Forgets every compiled segment.
  func clear() { entries = [:] }
}
