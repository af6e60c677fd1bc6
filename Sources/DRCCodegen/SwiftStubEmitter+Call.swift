// The call methods of a generated Swift stub: one returning new output arrays, and one writing
// the outputs into arrays the caller keeps across calls.
//
// Both pass the caller's input arrays to the runtime without copying them (a Swift array is
// borrowed, and on a host-unified device the kernels read it in place). `callAsFunction(...)`
// returns an `Outputs` of new arrays; `callAsFunction(..., into: &outputs)` lends each of the
// caller's output arrays' memory to the runtime (`withUnsafeMutableBytes`, nested one per output,
// with closure parameters named `drcOut0`, `drcOut1`, ..., which `SwiftStubNames` reserves), so
// a loop of calls allocates nothing and, on a host-unified device, the kernels write the caller's
// arrays in place.

import DRCPlan

extension SwiftStubEmitter {
  /// `Outputs.init`, so callers can make the arrays the `into:` call writes. The labels are the
  /// outputs' names; the parameters inside are `drcOut0`, `drcOut1`, ... (an output may be
  /// called `self`, which as a parameter name would hide the instance).
  static func emitOutputsInit(_ p: inout CodePrinter, plan: Plan) throws {
    let fields = try plan.outputs.map { (try identifier($0.name), swiftType($0.dtype)) }
    p.line("")
    p.line("/// Outputs holding the given arrays (for `callAsFunction(..., into:)`).")
    let params = fields.enumerated().map { "\($0.element.0) drcOut\($0.offset): [\($0.element.1)]" }
    p.line("public init(\(params.joined(separator: ", "))) {")
    p.indent()
    for (i, field) in fields.enumerated() { p.line("self.\(field.0) = drcOut\(i)") }
    p.dedent()
    p.line("}")
  }

  /// The `inputs:`, `params:` and `sizes:` arguments of `program.call` (or `callOnDevice`),
  /// ending with `last`; each input is checked by `program.<check>` (`input`, `argument`).
  static func callArguments(
    _ p: inout CodePrinter, plan: Plan, locals: [String], callerParams: [PlanParam],
    given: [String], last: String, check: String = "input"
  ) {
    p.line("inputs: [")
    p.indent()
    for (i, input) in plan.inputs.enumerated() {
      p.line(
        "\"\(input.name)\": try program.\(check)(\"\(input.name)\", \(locals[i]), shape: \(shapeCode(input, plan, local: locals[i]))),"
      )
    }
    p.dedent()
    p.line(plan.inputs.isEmpty ? "  :]," : "],")
    p.line("params: [")
    p.indent()
    for (i, param) in callerParams.enumerated() {
      p.line("\"\(param.name)\": CompiledProgram.scalar(\(locals[plan.inputs.count + i])),")
    }
    p.dedent()
    let sizes =
      given.isEmpty
      ? "" : "sizes: [" + given.map { "\"\($0)\": \($0)" }.joined(separator: ", ") + "]"
    let rest = [sizes, last].filter { !$0.isEmpty }
    p.line((callerParams.isEmpty ? "  :]" : "]") + (rest.isEmpty ? ")" : ","))
    for (i, line) in rest.enumerated() { p.line(line + (i == rest.count - 1 ? ")" : ",")) }
  }

  /// Both call methods, taking `params` (the declared arguments).
  static func emitCalls(
    _ p: inout CodePrinter, plan: Plan, params: [String], locals: [String],
    callerParams: [PlanParam], given: [String]
  ) throws {
    p.line("public func callAsFunction(\(params.joined(separator: ", "))) throws -> Outputs {")
    p.indent()
    p.line("let outputs = try program.call(")
    p.indent()
    callArguments(
      &p, plan: plan, locals: locals, callerParams: callerParams, given: given, last: "")
    p.dedent()
    p.line("return Outputs(")
    p.indent()
    for (i, o) in plan.outputs.enumerated() {
      let comma = i == plan.outputs.count - 1 ? "" : ","
      p.line(
        "\(try identifier(o.name)): try CompiledProgram.values(outputs, \"\(o.name)\", as: \(swiftType(o.dtype)).self)\(comma)"
      )
    }
    p.dedent()
    p.line(")")
    p.dedent()
    p.line("}")
    p.line("")
    p.line("/// Runs the program as above, writing every output into `outputs`, whose arrays must")
    p.line(
      "/// already have each output's element count (the call throws naming one that does not):")
    p.line("/// a caller that keeps one `Outputs` across calls allocates nothing per call.")
    let all = params + ["into outputs: inout Outputs"]
    p.line("public func callAsFunction(\(all.joined(separator: ", "))) throws {")
    p.indent()
    for (i, o) in plan.outputs.enumerated() {
      p.line("try outputs.\(try identifier(o.name)).withUnsafeMutableBytes { drcOut\(i) in")
      p.indent()
    }
    p.line("_ = try program.call(")
    p.indent()
    let storage = plan.outputs.enumerated().map { "\"\($0.element.name)\": drcOut\($0.offset)" }
    callArguments(
      &p, plan: plan, locals: locals, callerParams: callerParams, given: given,
      last: "into: [" + (storage.isEmpty ? ":" : storage.joined(separator: ", ")) + "]")
    p.dedent()
    for _ in plan.outputs {
      p.dedent()
      p.line("}")
    }
    p.dedent()
    p.line("}")
    p.line("")
  }
}
