// Minor versions of trace format 1: which additive change each one made, and what a trace needs.
//
// Version 1.0 is the original op set. Each later minor version only adds (new op names so far;
// new optional attributes would be listed the same way), so every 1.N trace is also a valid
// 1.M trace for M >= N and means the same to every reader that accepts it. A trace declares its
// minor in the optional top-level `minor` field (absent means 0); a reader refuses a minor newer
// than its own before it decodes any node, and the validator refuses a node whose op is newer
// than the trace's declared minor. Writers declare the smallest minor that covers the ops a trace
// uses, so traces of programs that use only 1.0 ops are written exactly as before the field
// existed. See docs/trace-format.md ("Versioning").

/// The additive minor versions of trace format 1.
public enum TraceMinor {
  /// The newest minor version this build reads and writes.
  public static let current = 7

  /// The op names each minor version added, by minor (1.0 has none: it is the original set).
  ///
  /// - 1.1: the ufuncs `rint`, `expm1`, `log1p`, `log2`, `log10`, `asin`, `acos`, `atan`,
  ///   `sinh`, `cosh` and the binary `copysign` (issue 12, elementwise, no new attribute).
  /// - 1.2: the index reductions `argmin`, `argmax` (attributes `axes`, `keepdims`) and the
  ///   scans `cumsum`, `cumprod` (attribute `axis`) (issue 12, new op classes).
  /// - 1.3: the gather `take` (attribute `axis`; operands: the array, then integer indices), and
  ///   the bitwise ops `bitwise_and`, `bitwise_or`, `bitwise_xor`, `left_shift`, `right_shift`,
  ///   `invert` (elementwise, no new attribute), and the sorts `sort`, `argsort` (attribute
  ///   `axis`).
  /// - 1.4: the scatters `scatter` and `scatter_add` (operands: the array, 1-D integer
  ///   indices, the values; no attribute).
  /// - 1.5: `gauss_solve` (one float operand `[..., n, m]`, `m >= n`; no attribute), `cholesky`
  ///   (one float operand of square matrices; no attribute) and the
  ///   ufuncs `asinh`, `acosh`, `atanh`, `cbrt`, `exp2` (elementwise, no new attribute).
  /// - 1.6: the binary `fmod` of floats (elementwise, no new attribute).
  /// - 1.7: the scans `cummax`, `cummin` (attribute `axis`; the result keeps the operand's dtype).
  public static let opsAdded: [Int: [String]] = [
    1: [
      "rint", "expm1", "log1p", "log2", "log10", "asin", "acos", "atan", "sinh", "cosh",
      "copysign",
    ],
    2: ["argmin", "argmax", "cumsum", "cumprod"],
    3: [
      "take", "bitwise_and", "bitwise_or", "bitwise_xor", "left_shift", "right_shift", "invert",
      "sort", "argsort",
    ],
    4: ["scatter", "scatter_add"],
    5: ["gauss_solve", "cholesky", "asinh", "acosh", "atanh", "cbrt", "exp2"],
    6: ["fmod"],
    7: ["cummax", "cummin"],
  ]

  /// Each op added after 1.0, with the minor version that added it.
  private static let introducedIn: [String: Int] = {
    var table: [String: Int] = [:]
    for (minor, ops) in opsAdded {
      for op in ops { table[op] = minor }
    }
    return table
  }()

  /// The minor version that added `op`: 0 for the original ops and for names drc does not know
  /// (an unknown op is reported by the IR lowering, not as a version problem).
  public static func introduced(_ op: String) -> Int {
    introducedIn[op] ?? 0
  }

  /// The smallest minor version that covers every op in `ops`.
  public static func required<S: Sequence>(ops: S) -> Int where S.Element == String {
    var minor = 0
    for op in ops {
      let added = introduced(op)
      if added > minor {
        minor = added
        if minor == current { break }  // nothing can need more
      }
    }
    return minor
  }

  /// The smallest minor version that covers every node of `nodes`.
  public static func required(nodes: [TraceNode]) -> Int {
    required(ops: nodes.lazy.map(\.op))
  }

  /// `1.N` for minor `N` of format version 1, as messages print it.
  public static func text(_ minor: Int) -> String {
    "\(TraceFormat.version).\(minor)"
  }

  /// The problem with a declared minor version, or nil when this build reads it.
  ///
  /// A negative minor is malformed; one above `current` comes from a newer drc.
  public static func problem(_ minor: Int) -> String? {
    if minor < 0 {
      return "trace minor version \(minor) is negative (it is 0 or more; absent means 0)"
    }
    if minor > current {
      return
        "trace minor version \(text(minor)) is newer than this drc reads (\(text(current)))"
    }
    return nil
  }

  /// The problem with a node whose op is newer than the trace's declared minor, or nil.
  public static func nodeProblem(op: String, declared: Int) -> String? {
    let added = introduced(op)
    guard added > declared else { return nil }
    return
      "op '\(Diagnostic.clean(op))' is new in trace format \(text(added)), but the trace declares \(text(declared))\(declared == 0 ? " (no minor field)" : ""); declare \"minor\": \(added) or more"
  }
}
