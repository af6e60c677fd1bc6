// How trace names become Swift names in a generated stub, so that every legal name compiles.
//
// Trace names are identifiers (`[A-Za-z_][A-Za-z0-9_]*`, TraceValidator), and any of them may
// be a Swift keyword or collide with something the stub itself spells. One rule (also in
// docs/workflow.md and every stub's header comment):
//
// 1. An input, parameter or output name that is a Swift keyword, or `Type` or `Protocol` (which
//    cannot name a member), is written in backticks wherever it is a label or a member:
//    `` `in` ``, `` `Type` ``. Nothing else is renamed in the API: callers use the trace's names.
// 2. Inside `callAsFunction` and `onDevice`, inputs and parameters are in scope, so one named
//    like something the stub's code spells there (`bodyNames`: `program`, `outputs`, `Outputs`, `CompiledProgram`,
//    `DeviceOutputs`, `DeviceInput`, `DeviceArray`, the element types `Float`, `Double`, `Int32`,
//    `Int64`, `Bool`, the modules `Swift` and `DRCReplay`, `self`, `Self`, `_`, and the `into:`
//    call's closure parameters `drcOut0`, `drcOut1`, ...) keeps its name as the argument label but
//    gets an internal parameter name with `_` appended (repeated until it is unused):
//    `callAsFunction(program program_: [Float])`.
// 3. The stub's type is the program name in UpperCamelCase; when that is a keyword or a type or
//    module name the stub's code or its module relies on (`reservedTypeNames`: `Float`,
//    `String`, `CompiledProgram`, `DRCReplay`, ...), `Program` is appended: `FloatProgram`.
//    `Plugins/DRCStubPlugin` predicts file names with the same rule.

/// The naming rule of generated Swift stubs.
enum SwiftStubNames {
  /// Swift's reserved words, which need backticks to be used as names.
  static let keywords: Set<String> = [
    "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
    "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
    "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
    "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for",
    "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "Any", "as",
    "await", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "_",
  ]

  /// Names written in backticks: keywords, and `Type` and `Protocol`, which no member may have.
  static let escaped: Set<String> = keywords.union(["Type", "Protocol"])

  /// Names the body of `callAsFunction` spells unqualified; a parameter named so is renamed
  /// inside the function.
  static let bodyNames: Set<String> = [
    "program", "outputs", "Outputs", "CompiledProgram", "Float", "Double", "Int32", "Int64",
    "Bool", "Swift", "DRCReplay", "self", "Self", "_", "DeviceOutputs", "DeviceInput",
    "DeviceArray",
  ]

  /// Type names a stub's type may not take: the standard types and modules stubs spell or
  /// import, and the stub's own helper types.
  static let reservedTypeNames: Set<String> = [
    "Float", "Double", "Int32", "Int64", "Bool", "String", "Array", "Optional", "Dictionary",
    "Error", "Swift", "Foundation", "DRCReplay", "CompiledProgram", "Outputs", "RequiredRuntime",
    "Type", "Protocol", "DeviceOutputs", "DeviceInput", "DeviceArray", "ProgramArgument",
  ]

  /// Whether the stub's code spells `name` inside `callAsFunction`: `bodyNames`, and the
  /// closure parameters `drcOut0`, `drcOut1`, ... of the `into:` call.
  static func isBodyName(_ name: String) -> Bool {
    if bodyNames.contains(name) { return true }
    guard name.hasPrefix("drcOut") else { return false }
    let digits = name.dropFirst("drcOut".count)
    return !digits.isEmpty && digits.allSatisfy { ("0"..."9").contains($0) }
  }

  /// Whether `name` is an identifier (`[A-Za-z_][A-Za-z0-9_]*`, the trace's rule).
  static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first,
      first == "_" || (first.isASCII && first.properties.isAlphabetic)
    else { return false }
    return name.unicodeScalars.allSatisfy {
      $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
    }
  }

  /// `name` as a label or member name: backquoted when rule 1 says so.
  static func identifier(_ name: String) throws -> String {
    guard isIdentifier(name) else {
      throw CodegenError(kernel: "stub", "'\(name)' is not a valid Swift identifier")
    }
    return escaped.contains(name) ? "`\(name)`" : name
  }

  /// The name each of `names` (the inputs, then the parameters) has inside `callAsFunction`:
  /// itself (escaped), or for a name in `bodyNames` the name with `_` appended until it differs
  /// from every other name there (rule 2).
  static func internalNames(_ names: [String]) throws -> [String] {
    var taken = Set(names).union(bodyNames)
    return try names.map { name in
      guard isBodyName(name) else { return try identifier(name) }
      var candidate = name + "_"
      while taken.contains(candidate) { candidate += "_" }
      taken.insert(candidate)
      return candidate
    }
  }

  /// The type name for program `name` (rule 3): `grayscott` becomes `Grayscott`, `my_prog`
  /// `MyProg`, `3d` `Program3d`, `self` `SelfProgram`, `float` `FloatProgram`.
  static func typeName(_ name: String) throws -> String {
    let parts = name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }
    let joined = parts.joined()
    var candidate = joined.first?.isNumber == true ? "Program" + joined : joined
    if candidate.isEmpty || escaped.contains(candidate) || reservedTypeNames.contains(candidate) {
      candidate += "Program"
    }
    return try identifier(candidate)
  }
}
