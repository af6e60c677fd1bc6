// Structural validation of a decoded trace: everything that can be checked without knowing ops.
//
// Ids are dense and in order (so duplicates, forward references and cycles are impossible once
// this passes), names are identifiers, source locations are plain `file:line`, shapes are bounded
// and their element counts cannot overflow, and so cannot the trace's total: the elements of every
// node's result plus those of its operands, summed over the nodes, are at most
// `maxTotalElements` (2^48), so sums of sizes, traffic and memory over a plan (at most a few
// times that in bytes) stay far below Int64's limit. The one thing it knows about ops is the minor
// version that added each (TraceMinor): the trace's declared minor must be one this build reads,
// and a node whose op is newer than it is refused. Op-level meaning (dtypes, attributes, shape
// rules) is checked by the IR lowering and verifier.

/// Checks the structure of a trace.
public enum TraceValidator {
  /// Throws a `TraceError` listing every structural problem found (up to a cap).
  public static func validate(_ trace: Trace, limits: TraceLimits = .default) throws {
    var sink = DiagnosticSink()
    if trace.format != TraceFormat.tag {
      sink.add(
        Diagnostic("format is '\(Diagnostic.clean(trace.format))', expected '\(TraceFormat.tag)'"))
    }
    if trace.version != TraceFormat.version {
      sink.add(
        Diagnostic("unsupported trace version \(trace.version), expected \(TraceFormat.version)"))
    }
    if let problem = TraceMinor.problem(trace.minor) { sink.add(Diagnostic(problem)) }
    // Nodes are checked against a declared minor only when it is valid and some op could be newer.
    let checkMinor = trace.minor >= 0 && trace.minor < TraceMinor.current
    if !isIdentifier(trace.program) {
      sink.add(Diagnostic("program name '\(Diagnostic.clean(trace.program))' is not an identifier"))
    }
    if trace.nodes.count > limits.maxNodes {
      sink.add(
        Diagnostic("the trace has \(trace.nodes.count) nodes, over the limit of \(limits.maxNodes)")
      )
      try sink.throwIfAny()
    }
    var names = Set<String>()
    for input in trace.inputs {
      checkName(input.name, what: "input", seen: &names, sink: &sink)
      if let problem = shapeProblem(input.shape, limits: limits) {
        sink.add(Diagnostic("input '\(Diagnostic.clean(input.name))': \(problem)"))
      }
    }
    for param in trace.params {
      checkName(param.name, what: "param", seen: &names, sink: &sink)
    }
    var goodLoc: String?  // the last location found valid: most nodes repeat their neighbour's
    // Per node, its element count with zero-length dimensions as 1 (0 when its shape is bad).
    var bounds = [Int](repeating: 0, count: trace.nodes.count)
    var total = 0
    var totalReported = false
    for (index, node) in trace.nodes.enumerated() {
      if node.id != index {
        sink.add(Diagnostic(node, "node ids must be 0, 1, 2, ... in order; expected id \(index)"))
        continue
      }
      if let loc = node.loc, loc != goodLoc {
        if isLocation(loc) {
          goodLoc = loc
        } else {
          sink.add(
            Diagnostic(
              node: node.id, op: node.op,
              "source location '\(Diagnostic.clean(loc))' is not file:line"))
        }
      }
      if !isIdentifier(node.op) {
        sink.add(Diagnostic(node, "op name is not an identifier"))
      } else if checkMinor, let problem = TraceMinor.nodeProblem(op: node.op, declared: trace.minor)
      {
        sink.add(Diagnostic(node, problem))
      }
      for arg in node.args where arg < 0 || arg >= node.id {
        let why =
          arg >= node.id ? "a forward reference (operands must come earlier)" : "not a node id"
        sink.add(Diagnostic(node, "operand \(arg) is \(why)"))
      }
      if let problem = shapeProblem(node.shape, limits: limits) {
        sink.add(Diagnostic(node, problem))
      } else {
        bounds[index] = elementBound(node.shape)
      }
      // Every bound is at most maxElements (2^40) and there are at most maxNodes nodes with
      // few operands each, but a node may have any number of operands: check every addition.
      total = saturatingAdd(total, bounds[index])
      for arg in node.args where arg >= 0 && arg < index {
        total = saturatingAdd(total, bounds[arg])
      }
      if total > limits.maxTotalElements, !totalReported {
        totalReported = true
        sink.add(
          Diagnostic(
            node,
            "the trace's nodes and their operands hold more than \(limits.maxTotalElements) elements in all (counting zero-length dimensions as 1)"
          ))
      }
      if let name = node.attrs?.name, !isIdentifier(name) {
        sink.add(Diagnostic(node, "name '\(Diagnostic.clean(name))' is not an identifier"))
      }
    }
    var outputNames = Set<String>()
    for output in trace.outputs {
      checkName(output.name, what: "output", seen: &outputNames, sink: &sink)
      if output.node < 0 || output.node >= trace.nodes.count {
        sink.add(
          Diagnostic(
            "output '\(Diagnostic.clean(output.name))' refers to missing node \(output.node)"))
      }
    }
    for readback in trace.readbacks {
      if readback.node < 0 || readback.node >= trace.nodes.count {
        sink.add(Diagnostic("read-back refers to missing node \(readback.node)"))
      } else if readback.position <= readback.node || readback.position > trace.nodes.count {
        sink.add(
          Diagnostic(
            "read-back of node \(readback.node) at position \(readback.position): position must be after the node and at most the node count"
          ))
      }
      if !["array", "item", "print"].contains(readback.kind) {
        sink.add(
          Diagnostic(
            "read-back kind '\(Diagnostic.clean(readback.kind))' is not array, item or print"))
      }
      if let loc = readback.loc, !isLocation(loc) {
        sink.add(
          Diagnostic("read-back source location '\(Diagnostic.clean(loc))' is not file:line"))
      }
    }
    try sink.throwIfAny()
  }

  private static func checkName(
    _ name: String, what: String, seen: inout Set<String>, sink: inout DiagnosticSink
  ) {
    if !isIdentifier(name) {
      sink.add(
        Diagnostic(
          "\(what) name '\(Diagnostic.clean(name))' is not an identifier ([A-Za-z_][A-Za-z0-9_]*, at most 64 characters)"
        ))
    } else if !seen.insert(name).inserted {
      sink.add(Diagnostic("\(what) name '\(name)' is used twice"))
    }
  }

  /// A problem with a shape (negative, too many dimensions, too many elements), or nil.
  ///
  /// Zero-length dimensions count as 1 in the element bound, so a zero-element array cannot hide
  /// dimensions whose product (and so whose strides) would overflow `Int`.
  public static func shapeProblem(_ shape: [Int], limits: TraceLimits = .default) -> String? {
    if shape.count > limits.maxRank {
      return "shape has \(shape.count) dimensions, over the limit of \(limits.maxRank)"
    }
    if shape.contains(where: { $0 < 0 }) { return "shape \(shape) has a negative dimension" }
    var count = 1
    for dim in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: Swift.max(dim, 1))
      if overflow || product > limits.maxElements {
        let zeros = shape.contains(0) ? " (counting zero-length dimensions as 1)" : ""
        return "shape \(shape) has more than \(limits.maxElements) elements\(zeros)"
      }
      count = product
    }
    return nil
  }

  /// `a + b`, or `Int.max` when that overflows.
  private static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
  }

  /// The element count of a valid shape with zero-length dimensions counted as 1.
  private static func elementBound(_ shape: [Int]) -> Int {
    shape.reduce(1) { $0 * Swift.max($1, 1) }  // at most maxElements: shapeProblem checked it
  }

  /// Whether `text` is an identifier: `[A-Za-z_][A-Za-z0-9_]*`, 1 to 64 ASCII characters.
  public static func isIdentifier(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard let first = bytes.first, bytes.count <= 64 else { return false }
    func letter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b == 0x5F }
    func digit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    return letter(first) && bytes.allSatisfy { letter($0) || digit($0) }
  }

  /// Whether `text` is `file:line` with a plain path (letters, digits, `_ . / + -`) and a line.
  public static func isLocation(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    guard bytes.count <= 256, let colon = bytes.lastIndex(of: UInt8(ascii: ":")), colon > 0 else {
      return false
    }
    let file = bytes[..<colon]
    let line = bytes[(colon + 1)...]
    guard !line.isEmpty, line.count <= 9, line.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
      return false
    }
    return file.allSatisfy { b in
      (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A || b >= 0x30 && b <= 0x39 || b == 0x5F || b == 0x2E
        || b == 0x2F || b == 0x2B || b == 0x2D
    }
  }
}
