// The runtime half of a generated Swift stub: a compiled program ready to be called.
//
// A stub embeds its plan (JSON) and its OpenCL C program; `CompiledProgram` reads and verifies
// the plan, picks the device, loads the program (from the program cache, so a second launch of
// the application compiles nothing; or from a shipped SPIR binary when the device takes SPIR),
// allocates every buffer once, and then runs calls (returning host arrays, writing into the
// caller's memory, or leaving results on the device: CompiledProgram+Device.swift). A plan that
// fails `PlanVerifier` is refused with its error before any device work. Each call checks every
// input's dtype and shape against the plan and throws an error naming the input otherwise; nothing is silently
// converted or specialised.

import DRCIR
import DRCOpenCL
import DRCPlan
import DRCRuntime
import Foundation

/// The runtime library version a generated stub was made for; stubs name this type, so a stub
/// used with another runtime version fails to compile instead of misbehaving.
public enum DRCRuntimeVersion_0_1_0 {}

/// A call to a compiled program was given the wrong inputs.
public struct CallError: Error, CustomStringConvertible, Equatable {
  /// What is wrong, naming the input.
  public var message: String
  /// Creates an error.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}

/// A plan loaded onto a device, callable many times.
public final class CompiledProgram {
  /// The verified plan.
  public let plan: Plan
  /// The runner holding the device, program and buffers.
  public let runner: OpenCLPlanRunner

  /// Loads `planJSON` with OpenCL C `source` on `device` (index or name substring; nil picks
  /// `DRC_DEVICE`, else the first GPU, else the first device).
  public init(
    planJSON: String, source: String, device: String? = nil, cacheVersion: String = "0.1.0"
  ) throws {
    plan = try Plan.read(Data(planJSON.utf8))
    // A hand-edited plan is refused before any device work (the runner checks it again).
    try PlanVerifier.check(plan)
    // One context per device for every program of the process, so device values can chain.
    let context = try CLContext.shared(selecting: device)
    runner = try OpenCLPlanRunner(
      plan: plan, source: source, context: context, cache: ProgramCache(toolVersion: cacheVersion))
  }

  /// Checks `value` against the plan's input `name` and returns it as a host array.
  public func input<T: HostElement>(_ name: String, _ values: [T], shape: [Int]) throws -> HostArray
  {
    guard let decl = plan.inputs.first(where: { $0.name == name }) else {
      throw CallError("no input named '\(name)'")
    }
    guard T.dtype == decl.dtype else {
      throw CallError("input '\(name)' must be \(decl.dtype), not \(T.dtype)")
    }
    let index = plan.inputs.firstIndex { $0.name == name } ?? -1
    // Axes that depend on the symbol: their relations are checked across inputs when the
    // program runs (`OpenCLPlanRunner.symbolValue`); here only that they are not negative.
    var symbolic: [Int: String] = [:]
    for symbol in plan.symbols {
      for r in symbol.inputRelations where r.input == index {
        symbolic[r.axis] = r.site.relation(symbol.name)
      }
    }
    let matches =
      shape.count == decl.shape.count
      && shape.indices.allSatisfy {
        symbolic[$0] != nil ? shape[$0] >= 0 : shape[$0] == decl.shape[$0]
      }
    guard matches else {
      let expected = decl.shape.indices.map { symbolic[$0] ?? "\(decl.shape[$0])" }
      throw CallError(
        "input '\(name)' must have shape [\(expected.joined(separator: ", "))], not \(shape)")
    }
    // The shape comes from the caller: its product must not trap either.
    var count = 1
    for extent in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: extent)
      guard !overflow else { throw CallError("input '\(name)' has too many elements: \(shape)") }
      count = product
    }
    guard values.count == count else {
      throw CallError("input '\(name)' has \(values.count) values for shape \(shape)")
    }
    return try HostArray(typed: values, shape: shape)
  }

  /// Runs the program once and returns every output by name; `sizes` gives the symbols whose
  /// values no input has (sizes the program took from a parameter).
  public func call(
    inputs: [String: HostArray], params: [String: Scalar], sizes: [String: Int] = [:]
  ) throws -> [String: HostArray] {
    for decl in plan.inputs where inputs[decl.name] == nil {
      throw CallError("input '\(decl.name)' is missing")
    }
    return try runner.run(inputs: inputs, params: params, sizes: sizes, readbacks: false).outputs
  }

  /// Runs the program once, writing each output named in `storage` into that memory (exactly
  /// the output's bytes, row-major: on a host-unified device the kernels write it in place, so
  /// a caller reusing its arrays across calls allocates nothing), and returns the other outputs.
  public func call(
    inputs: [String: HostArray], params: [String: Scalar], sizes: [String: Int] = [:],
    into storage: [String: UnsafeMutableRawBufferPointer]
  ) throws -> [String: HostArray] {
    for decl in plan.inputs where inputs[decl.name] == nil {
      throw CallError("input '\(decl.name)' is missing")
    }
    return try runner.run(
      inputs: inputs, params: params, sizes: sizes, into: storage, readbacks: false
    ).outputs
  }

  /// The values of output `name` as `T`.
  public static func values<T: HostElement>(
    _ outputs: [String: HostArray], _ name: String, as: T.Type
  ) throws -> [T] {
    guard let value = outputs[name] else {
      throw CallError("the program produced no output '\(name)'")
    }
    return value.values(as: T.self)
  }
}

extension CompiledProgram {
  /// A float32 parameter value.
  public static func scalar(_ v: Float) -> Scalar { .float(Double(v)) }
  /// A float64 parameter value.
  public static func scalar(_ v: Double) -> Scalar { .float(v) }
  /// An int32 parameter value.
  public static func scalar(_ v: Int32) -> Scalar { .int(Int64(v)) }
  /// An int64 parameter value.
  public static func scalar(_ v: Int64) -> Scalar { .int(v) }
  /// A bool parameter value.
  public static func scalar(_ v: Bool) -> Scalar { .bool(v) }
}
