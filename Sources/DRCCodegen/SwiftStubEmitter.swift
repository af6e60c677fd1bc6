// The generated Swift stub: a typed, callable class per compiled program.
//
// The stub embeds the plan (JSON) and the OpenCL C program as raw string literals and imports
// only the runtime library. Its class is named after the program; its initialiser loads the
// program on a device; `callAsFunction` takes the trace's inputs (flat row-major arrays of the
// recorded element type) and scalar parameters (defaulting to the recorded values, printed
// exactly) and returns a struct of named outputs. Every name from the trace is checked to be an
// identifier and follows one rule (`SwiftStubNames`): keywords, `Type` and `Protocol` in
// backticks; an argument named like something the stub's code spells gets an internal name with
// `_` appended; a type name that is a keyword or a standard, module or helper name gets `Program`
// appended. Nothing else from the trace reaches the file.

import DRCIR
import DRCPlan

/// Generates Swift stubs.
public enum SwiftStubEmitter {
  /// The Swift element type of a dtype.
  static func swiftType(_ dtype: DType) -> String {
    switch dtype {
    case .bool: return "Bool"
    case .int32: return "Int32"
    case .int64: return "Int64"
    case .float32: return "Float"
    case .float64: return "Double"
    }
  }

  /// `name` as a Swift label or member name (backquoted when `SwiftStubNames` says so); throws
  /// when it is not an identifier.
  static func identifier(_ name: String) throws -> String { try SwiftStubNames.identifier(name) }

  /// The relation (`n`, `n + 2`) of a 1-D input whose length depends on the plan's symbol.
  static func relation(_ input: PlanInput, _ plan: Plan) -> String? {
    guard let i = plan.inputs.firstIndex(of: input) else { return nil }
    for symbol in plan.symbols {
      if let r = symbol.inputRelations.first(where: { $0.input == i }) {
        return r.site.relation(symbol.name)
      }
    }
    return nil
  }

  /// Whether input `input` varies in length with the plan's symbol (1-D inputs only).
  static func isSymbolic(_ input: PlanInput, _ plan: Plan) -> Bool {
    relation(input, plan) != nil
  }

  /// The relation (`n - 1`) of the plan integer at `path`, when a symbol has a site there.
  static func relation(at path: [String], _ plan: Plan) -> String? {
    for symbol in plan.symbols {
      if let site = symbol.sites.first(where: { $0.path == path }) {
        return site.relation(symbol.name)
      }
    }
    return nil
  }

  /// Whether `input` has more than one axis and some depend on the symbol: the stub then takes
  /// its shape as an argument `<name>Shape` after the values.
  static func takesShape(_ input: PlanInput, _ plan: Plan) -> Bool {
    input.shape.count > 1 && isSymbolic(input, plan)
  }

  /// The shape argument a stub passes for `input`: the recorded shape, `[x.count]` (`local` is
  /// the argument's name inside the function) when a 1-D input's length is the symbol, or the
  /// caller's shape argument for an N-D input with symbolic axes.
  static func shapeCode(_ input: PlanInput, _ plan: Plan, local: String) -> String {
    takesShape(input, plan)
      ? shapeLocal(local) : isSymbolic(input, plan) ? "[\(local).count]" : "\(input.shape)"
  }

  /// The internal name of the shape argument of the input whose internal name is `local`.
  static func shapeLocal(_ local: String) -> String {
    local.replacingOccurrences(of: "`", with: "") + "Shape"
  }

  /// `float32[256]`, or `float32[n]` (`float32[n + 2]`, `float64[n, n]`) for a symbolic input.
  static func shapeText(_ input: PlanInput, _ plan: Plan) -> String {
    guard let i = plan.inputs.firstIndex(of: input), isSymbolic(input, plan) else {
      return "\(input.dtype)\(input.shape)"
    }
    let axes = input.shape.indices.map { axis in
      relation(at: ["inputs", String(i), "shape", String(axis)], plan) ?? String(input.shape[axis])
    }
    return "\(input.dtype)[\(axes.joined(separator: ", "))]"
  }

  /// The type name for program `name`: `grayscott` becomes `Grayscott`, `my_prog` `MyProg`, a
  /// keyword or a name the stub relies on gets `Program` appended (`self` `SelfProgram`, `float`
  /// `FloatProgram`), so the file name needs no backquotes (`SwiftStubNames`, rule 3).
  public static func typeName(_ name: String) throws -> String {
    try SwiftStubNames.typeName(name)
  }

  /// An exact Swift literal of a recorded scalar.
  static func literal(_ text: String, _ dtype: DType) throws -> String {
    guard let s = Scalar.parse(text, as: dtype) else {
      throw CodegenError(kernel: "stub", "bad recorded value \(text)")
    }
    switch s {
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return "\(i)"
    case .float(let d):
      let type = swiftType(dtype)
      if d.isNaN { return "\(type).nan" }
      if d.isInfinite { return d < 0 ? "-\(type).infinity" : "\(type).infinity" }
      return Scalar.hexFloat(d)
    }
  }

  /// `text` as a raw multi-line string literal whose delimiter cannot occur inside it.
  static func rawLiteral(_ text: String) -> String {
    var hashes = 1
    while text.contains("\"" + String(repeating: "#", count: hashes))
      || text.contains("\\" + String(repeating: "#", count: hashes))
    {
      hashes += 1
    }
    let h = String(repeating: "#", count: hashes)
    return h + "\"\"\"\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "\"\"\"" + h
  }

  /// The stub for `plan` and its OpenCL C `source`.
  public static func emit(
    plan: Plan, source: String, planJSON: String, traceName: String, drcVersion: String
  )
    throws -> String
  {
    let name = try typeName(plan.program)
    let versionType =
      "DRCRuntimeVersion_" + drcVersion.map { $0.isNumber ? String($0) : "_" }.joined()
    var p = CodePrinter()
    p.line(
      "// DO NOT EDIT: generated by drc \(CLSyntax.commentSafe(drcVersion)) from trace \(CLSyntax.commentSafe(traceName))"
    )
    if let sha = plan.traceSHA256 { p.line("// trace sha256 \(CLSyntax.commentSafe(sha))") }
    p.line("// Regenerate with `drc compile <trace> --emit swift`.")
    p.line("")
    p.line("import DRCReplay")
    p.line("")
    p.line(
      "/// Fails to compile against a runtime library other than drc \(CLSyntax.commentSafe(drcVersion))'s."
    )
    p.line("private typealias RequiredRuntime = \(versionType)")
    p.line("")
    p.line(
      "/// The compiled program `\(plan.program)`: \(plan.kernels.count) kernels, \(plan.stats.launches) launches per call."
    )
    p.line("public final class \(name) {")
    p.indent()
    p.line("/// What one call returns.")
    p.line("public struct Outputs {")
    p.indent()
    for (i, o) in plan.outputs.enumerated() {
      // A symbolic axis shows its relation (`n - 1`); a fixed-size plan prints as before.
      let axes = o.shape.indices.map { axis in
        relation(at: ["outputs", String(i), "shape", String(axis)], plan) ?? String(o.shape[axis])
      }
      p.line("/// Output `\(o.name)`: \(o.dtype)[\(axes.joined(separator: ", "))], row-major.")
      p.line("public var \(try identifier(o.name)): [\(swiftType(o.dtype))]")
    }
    try emitOutputsInit(&p, plan: plan)
    p.dedent()
    p.line("}")
    try emitDeviceOutputs(&p, plan: plan)
    p.line("")
    p.line("/// The loaded program: device, kernels and buffers.")
    p.line("public let program: CompiledProgram")
    p.line("")
    p.line(
      "/// Loads the program on `device` (index or name substring; nil: `DRC_DEVICE` or the default)."
    )
    p.line("public init(device: String? = nil) throws {")
    p.indent()
    p.line(
      "program = try CompiledProgram(planJSON: Self.planJSON, source: Self.source, device: device)")
    p.dedent()
    p.line("}")
    p.line("")
    // Arguments: the trace's name as the label; inside, a name the body cannot confuse. A
    // parameter derived from the sizes is computed by the runtime, never given.
    let callerParams = plan.params.filter { $0.derived == nil }
    let locals = try SwiftStubNames.internalNames(
      plan.inputs.map(\.name) + callerParams.map(\.name))
    func declared(_ name: String, _ local: String) throws -> String {
      let label = try identifier(name)
      return label == local ? label : "\(label) \(local)"
    }
    var params: [String] = []
    let argumentNames = Set(plan.inputs.map(\.name) + callerParams.map(\.name))
    for (i, input) in plan.inputs.enumerated() {
      params.append("\(try declared(input.name, locals[i])): [\(swiftType(input.dtype))]")
      if takesShape(input, plan) {
        // An N-D input with symbolic axes: its shape is an argument (the label must be free).
        let label = "\(input.name)Shape"
        let local = SwiftStubEmitter.shapeLocal(locals[i])
        guard !argumentNames.contains(label), !locals.contains(local) else {
          throw CodegenError(
            kernel: plan.program,
            "the stub's shape argument '\(label)' would collide with an argument")
        }
        params.append("\(label) \(local): [Int]")
      }
    }
    // Sizes the program took from a parameter of its own: the caller gives them.
    let given = plan.symbols.filter { $0.given == true }.map(\.name)
    for name in given {
      guard !argumentNames.contains(name), !locals.contains(name) else {
        throw CodegenError(
          kernel: plan.program, "the stub's size argument '\(name)' would collide with an argument")
      }
      params.append("\(name): Int")
    }
    for (i, param) in callerParams.enumerated() {
      let local = locals[plan.inputs.count + i]
      params.append(
        "\(try declared(param.name, local)): \(swiftType(param.dtype)) = \(try literal(param.recorded, param.dtype))"
      )
    }
    p.line(
      plan.symbol == nil
        ? "/// Runs the program. Inputs are row-major arrays of exactly the recorded shapes:"
        : "/// Runs the program. Inputs whose shape shows \(plan.symbols.map(\.name).joined(separator: " or ")) take any value >= 1 of it that keeps every relation shown (the call throws naming an input that breaks one):"
    )
    for input in plan.inputs {
      p.line("/// - `\(input.name)`: \(shapeText(input, plan))")
      if takesShape(input, plan) {
        p.line("/// - `\(input.name)Shape`: the shape of `\(input.name)`")
      }
    }
    for name in given {
      p.line(
        "/// - `\(name)`: a size the program took from a parameter (recorded \(plan.symbols.first { $0.name == name }?.recorded.map(String.init).joined(separator: " and ") ?? ""))"
      )
    }
    for param in callerParams {
      p.line("/// - `\(param.name)`: scalar \(param.dtype), recorded as \(param.recorded)")
    }
    let names = plan.inputs.map(\.name) + callerParams.map(\.name)
    let renamed = zip(names, locals).filter { (try? identifier($0.0)) != $0.1 }
    if !renamed.isEmpty {
      let list = renamed.map { "`\($0.0)` is `\($0.1)`" }.joined(separator: ", ")
      p.line("/// Inside, arguments named like what this code spells are renamed: \(list).")
    }
    try emitCalls(
      &p, plan: plan, params: params, locals: locals, callerParams: callerParams, given: given)
    let declarations = try names.enumerated().map { try declared($0.element, locals[$0.offset]) }
    try emitDeviceCall(
      &p, plan: plan, declared: declarations, locals: locals, callerParams: callerParams)
    p.line("/// The plan (drc-plan v1).")
    p.line("static let planJSON = " + rawLiteral(planJSON))
    p.line("")
    p.line("/// The OpenCL C program.")
    p.line("static let source = " + rawLiteral(source))
    p.dedent()
    p.line("}")
    return p.text
  }
}
