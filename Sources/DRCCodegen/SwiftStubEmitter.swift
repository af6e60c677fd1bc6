// The generated Swift stub: a typed, callable class per compiled program.
//
// The stub embeds the plan (JSON) and the OpenCL C program as raw string literals and imports
// only the runtime library. Its class is named after the program; its initialiser loads the
// program on a device; `callAsFunction` takes the trace's inputs (flat row-major arrays of the
// recorded element type) and scalar parameters (defaulting to the recorded values, printed
// exactly) and returns a struct of named outputs. Every name from the trace is checked to be an
// identifier and escaped when it is a Swift keyword; nothing else from the trace reaches the file.

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

  static let keywords: Set<String> = [
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
    "init", "inout",
    "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
    "rethrows", "static",
    "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
    "defer", "do", "else",
    "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
    "while", "Any", "as",
    "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "_",
  ]

  /// `name` as a Swift identifier (backquoted when a keyword); throws when it is not an identifier.
  static func identifier(_ name: String) throws -> String {
    guard let first = name.unicodeScalars.first,
      first == "_" || (first.isASCII && first.properties.isAlphabetic),
      name.unicodeScalars.allSatisfy({
        $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
      })
    else { throw CodegenError(kernel: "stub", "'\(name)' is not a valid Swift identifier") }
    return keywords.contains(name) ? "`\(name)`" : name
  }

  /// Whether input `input` varies in length with the plan's symbol (1-D inputs only).
  static func isSymbolic(_ input: PlanInput, _ plan: Plan) -> Bool {
    guard let symbol = plan.symbol, let i = plan.inputs.firstIndex(of: input) else { return false }
    return symbol.inputAxes.contains { $0.input == i }
  }

  /// The shape argument a stub passes for `input`: the recorded shape, or `[x.count]` when the
  /// input's length is the symbol.
  static func shapeCode(_ input: PlanInput, _ plan: Plan) throws -> String {
    isSymbolic(input, plan) ? "[\(try identifier(input.name)).count]" : "\(input.shape)"
  }

  /// `float32[256]`, or `float32[n]` for a symbolic input.
  static func shapeText(_ input: PlanInput, _ plan: Plan) -> String {
    isSymbolic(input, plan)
      ? "\(input.dtype)[\(plan.symbol?.name ?? "n")]" : "\(input.dtype)\(input.shape)"
  }

  /// The type name for program `name`: `grayscott` becomes `Grayscott`, `my_prog` `MyProg`, a
  /// keyword such as `self` `SelfProgram` (so the file name needs no backquotes).
  public static func typeName(_ name: String) throws -> String {
    let parts = name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }
    let joined = parts.joined()
    var candidate = joined.first?.isNumber == true ? "Program" + joined : joined
    if candidate.isEmpty || keywords.contains(candidate) { candidate += "Program" }
    return try identifier(candidate)
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
    for o in plan.outputs {
      p.line("/// Output `\(o.name)`: \(o.dtype)\(o.shape), row-major.")
      p.line("public var \(try identifier(o.name)): [\(swiftType(o.dtype))]")
    }
    p.dedent()
    p.line("}")
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
    var params: [String] = []
    for input in plan.inputs {
      params.append("\(try identifier(input.name)): [\(swiftType(input.dtype))]")
    }
    for param in plan.params {
      params.append(
        "\(try identifier(param.name)): \(swiftType(param.dtype)) = \(try literal(param.recorded, param.dtype))"
      )
    }
    p.line(
      plan.symbol == nil
        ? "/// Runs the program. Inputs are row-major arrays of exactly the recorded shapes:"
        : "/// Runs the program. Inputs of length n may have any length n >= 1, the same for all of them:"
    )
    for input in plan.inputs {
      p.line("/// - `\(input.name)`: \(shapeText(input, plan))")
    }
    for param in plan.params {
      p.line("/// - `\(param.name)`: scalar \(param.dtype), recorded as \(param.recorded)")
    }
    p.line("public func callAsFunction(\(params.joined(separator: ", "))) throws -> Outputs {")
    p.indent()
    p.line("let outputs = try program.call(")
    p.indent()
    p.line("inputs: [")
    p.indent()
    for input in plan.inputs {
      p.line(
        "\"\(input.name)\": try program.input(\"\(input.name)\", \(try identifier(input.name)), shape: \(try shapeCode(input, plan))),"
      )
    }
    p.dedent()
    p.line(plan.inputs.isEmpty ? "  :]," : "],")
    p.line("params: [")
    p.indent()
    for param in plan.params {
      p.line("\"\(param.name)\": CompiledProgram.scalar(\(try identifier(param.name))),")
    }
    p.dedent()
    p.line(plan.params.isEmpty ? "  :])" : "])")
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
