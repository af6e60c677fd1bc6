// Why code generation refused a plan, naming the kernel and trace node involved.
//
// The emitter never prints code it cannot prove correct: an op, dtype combination or access it
// does not support becomes a `CodegenError`, and `drc compile` reports it instead of writing a
// program. The offline syntax check reports clang's diagnostics the same way.

/// A refusal or failure of OpenCL code generation.
public struct CodegenError: Error, CustomStringConvertible, Sendable {
  /// The kernel involved, when known.
  public var kernel: String?
  /// The trace node involved, when known.
  public var node: Int?
  /// What went wrong.
  public var message: String

  /// Creates an error.
  public init(kernel: String? = nil, node: Int? = nil, _ message: String) {
    self.kernel = kernel
    self.node = node
    self.message = message
  }

  /// `kernel k3_add, node n12: message`.
  public var description: String {
    var parts: [String] = []
    if let kernel { parts.append("kernel \(kernel)") }
    if let node { parts.append("node n\(node)") }
    return parts.isEmpty ? message : parts.joined(separator: ", ") + ": " + message
  }
}
