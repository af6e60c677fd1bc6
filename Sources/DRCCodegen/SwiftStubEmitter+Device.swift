// The device form of a generated Swift stub: `onDevice(...)` and its `DeviceOutputs`.
//
// For a fixed-size plan, a stub also has `onDevice`, taking each input as `DeviceInput<T>`
// (`.host([T])`, copied to the device for the call, or `.device(DeviceArray)`, a value already
// there) and the scalar parameters as `callAsFunction` does, and returning a `DeviceOutputs` of
// `DeviceArray`s that stay on the device (`CompiledProgram.callOnDevice`): one call's outputs
// feed the next call, of this stub or another one on the same device, without a round trip. A
// plan with a symbolic size has no device form (resident runs need fixed sizes).

import DRCPlan

extension SwiftStubEmitter {
  /// Whether the stub for `plan` has the device form.
  static func hasDeviceForm(_ plan: Plan) -> Bool { plan.symbols.isEmpty }

  /// The `DeviceOutputs` struct.
  static func emitDeviceOutputs(_ p: inout CodePrinter, plan: Plan) throws {
    guard hasDeviceForm(plan) else { return }
    p.line("")
    p.line("/// What `onDevice` returns: every output, left on the device.")
    p.line("public struct DeviceOutputs {")
    p.indent()
    for o in plan.outputs {
      p.line("/// Output `\(o.name)`: \(o.dtype)\(o.shape), on the device.")
      p.line("public var \(try identifier(o.name)): DeviceArray")
    }
    p.dedent()
    p.line("}")
  }

  /// The `onDevice` method; `declared` are the inputs' and parameters' declarations (label and
  /// internal name), `locals` their internal names.
  static func emitDeviceCall(
    _ p: inout CodePrinter, plan: Plan, declared: [String], locals: [String],
    callerParams: [PlanParam]
  ) throws {
    guard hasDeviceForm(plan) else { return }
    var params: [String] = []
    for (i, input) in plan.inputs.enumerated() {
      params.append("\(declared[i]): DeviceInput<\(swiftType(input.dtype))>")
    }
    for (i, param) in callerParams.enumerated() {
      params.append(
        "\(declared[plan.inputs.count + i]): \(swiftType(param.dtype)) = \(try literal(param.recorded, param.dtype))"
      )
    }
    p.line(
      "/// Runs the program as above on host arrays (`.host(values)`) or values already on the")
    p.line("/// device (`.device(value)`), leaving every output on the device: read one with")
    p.line("/// `values(as:)`, or pass it to the next call without a round trip.")
    p.line("public func onDevice(\(params.joined(separator: ", "))) throws -> DeviceOutputs {")
    p.indent()
    p.line("let outputs = try program.callOnDevice(")
    p.indent()
    callArguments(
      &p, plan: plan, locals: locals, callerParams: callerParams, given: [], last: "",
      check: "argument")
    p.dedent()
    p.line("return DeviceOutputs(")
    p.indent()
    for (i, o) in plan.outputs.enumerated() {
      let comma = i == plan.outputs.count - 1 ? "" : ","
      p.line(
        "\(try identifier(o.name)): try CompiledProgram.device(outputs, \"\(o.name)\")\(comma)")
    }
    p.dedent()
    p.line(")")
    p.dedent()
    p.line("}")
    p.line("")
  }
}
