// `drc compile a.json b.json [c.json]`: one plan for every size, from one program recorded at
// two (or three) sizes.
//
// All recordings are compiled, with every single-output reduction using the `partials` strategy
// (valid at every length, so the strategy does not change with the size). Their inputs' varying
// axes give the symbols (`DynamicCompilation+Lengths.swift`: `n`, and `m`, ... for axes that do
// not follow an affine relation to an earlier one). Constants of the size become derived
// parameters (`DynamicCompilation+Constants.swift`). The plans must then be the same plan except
// for integers that are `factor * s + offset` or `factor * s * t + offset` in every recording
// (`integerForms`), and only in places where a size may live (shapes, iteration extents, map
// extents, totals; in kernels that take every size as an argument also map offsets and
// coefficients, index terms and range bounds); each becomes a symbol site. Buffer sizes are
// derived from what they hold. Kernels whose sizes vary take them as arguments (`dynamic`: the
// one extent of a 1-D kernel or of a reduction to one value; `symbolic`: every size of any other
// kernel), and
// their generated OpenCL C must be identical at every recorded size, which proves nothing else
// in the code depends on the size. Anything else is refused naming the program's nodes and
// source lines on each side (`DynamicCompilation+Places.swift`), never compiled into a plan
// that would be wrong at another size.

import DRCCodegen
import DRCPlan
import DRCTrace
import Foundation

/// Compiles programs recorded at two or three sizes into a plan with symbolic lengths.
public enum DynamicCompilation {
  /// Where a size may vary: path patterns with `*` for any key or index.
  static let allowed: [[String]] =
    [
      ["inputs", "*", "shape", "*"], ["outputs", "*", "shape", "*"], ["values", "*", "shape", "*"],
      ["steps", "*", "shape", "*"], ["buffers", "*", "bytes"], ["kernels", "*", "outer", "*"],
      ["kernels", "*", "inner", "*"], ["kernels", "*", "body", "*", "map", "shape", "*"],
      ["kernels", "*", "stores", "*", "map", "shape", "*"], ["stats", "*"],
    ] + symbolicOnly

  /// Kernel fields that may vary only in a kernel that takes every size as an argument
  /// (`Kernel.symbolic`): map offsets and coefficients, index and range-test terms and bounds.
  static let symbolicOnly: [[String]] = [
    ["kernels", "*", "body", "*", "map", "offsets", "*"],
    ["kernels", "*", "body", "*", "map", "coefficients", "*", "*"],
    ["kernels", "*", "stores", "*", "map", "offsets", "*"],
    ["kernels", "*", "stores", "*", "map", "coefficients", "*", "*"],
    ["kernels", "*", "body", "*", "offset"], ["kernels", "*", "body", "*", "coefficients", "*"],
    ["kernels", "*", "body", "*", "lo"], ["kernels", "*", "body", "*", "hi"],
  ]

  /// The compilation of the first trace, its plan made symbolic in the lengths its inputs vary
  /// with (two recordings, or three to separate lengths two cannot, such as the sides of a
  /// square recorded square).
  public static func make(paths: [String], options: CompileOptions) throws -> Compilation {
    guard paths.count == 2 || paths.count == 3 else {
      throw TraceError("give one trace, or the same program recorded at two (or three) sizes")
    }
    var symbolic = options
    symbolic.partialsFrom = 2
    symbolic.splitReductions = false
    var traces = try paths.map { try LoadedTrace(path: $0) }
    for t in traces.dropFirst() where t.graph.name != traces[0].graph.name {
      throw TraceError(
        "the traces record different programs: '\(traces[0].graph.name)' and '\(t.graph.name)'")
    }
    for t in traces {
      let unsupported = t.graph.nodes.first {
        switch $0.op {
        case .take, .sort, .scatter, .matrix: return true
        default: return false
        }
      }
      if let node = unsupported {
        throw TraceError(
          "node \(node.id) (\(node.op.name))\(node.loc.map { " at \($0)" } ?? ""): gathers, "
            + "scatters, sorts and solves are not supported in a plan for every size yet; compile one "
            + "trace per size"
        )
      }
    }
    let lengths = try Lengths.infer(traces.map { Interface($0.graph) })
    // Constants of the size: scalars become parameters before optimisation, others after.
    let formulas = parameteriseScalars(&traces, lengths: lengths)
    var all = try traces.map { try Compilation(loaded: $0, options: symbolic) }
    for r in all.indices {
      for p in all[r].plan.params.indices {
        all[r].plan.params[p].derived = formulas[all[r].plan.params[p].name]
      }
    }
    deriveConstants(&all, lengths: lengths)
    // Totals are fitted only when every varying input is 1-D (N-D totals are products).
    let flat =
      lengths.count == 1
      && all[0].plan.inputs.indices.allSatisfy { i in
        all.allSatisfy {
          $0.plan.inputs[i].shape.count <= 1
            || $0.plan.inputs[i].shape == all[0].plan.inputs[i].shape
        }
      }
      && all[0].plan.outputs.indices.allSatisfy { o in
        all.allSatisfy {
          $0.plan.outputs[o].shape.count <= 1
            || $0.plan.outputs[o].shape == all[0].plan.outputs[o].shape
        }
      }
    for c in all {
      var derived = c.plan
      try derived.deriveBufferSizes()
      guard derived.buffers == c.plan.buffers, derived.stats == c.plan.stats else {
        throw TraceError(
          "the buffer sizes planned for \(c.loaded.path) are not those of the arrays they hold; a size-generic plan cannot be made"
        )
      }
    }
    var sites = [[PlanSymbol.Site]](repeating: [], count: lengths.count)
    let places = Places(all: all, lengths: lengths, fitStats: flat)
    try places.diff(
      try all.map { try JSONSerialization.jsonObject(with: try $0.plan.jsonData()) }, path: [],
      into: &sites)
    var varying: [Int: [[String]]] = [:]
    for site in sites.joined() where site.path.count >= 3 && site.path[0] == "kernels" {
      if let k = Int(site.path[1]) { varying[k, default: []].append(site.path) }
    }
    for (k, paths) in varying.sorted(by: { $0.key < $1.key }) {
      let mode = mode(all[0].plan.kernels[k], paths)
      for r in all.indices {
        if mode == .dynamic { all[r].plan.kernels[k].dynamic = true }
        if mode == .symbolic { all[r].plan.kernels[k].symbolic = true }
      }
    }
    try checkSameCode(all)
    var result = all[0]
    result.plan.symbols = lengths.indices.map {
      PlanSymbol(
        name: lengths[$0].name, recorded: lengths[$0].values, sites: sites[$0],
        given: lengths[$0].given ? true : nil)
    }
    for r in all.indices.dropFirst() {
      var check = try result.plan.instantiated(lengths.map { $0.values[r] })
      check.symbols = []
      check.traceSHA256 = all[r].plan.traceSHA256
      if !flat { check.stats = all[r].plan.stats }
      guard check == all[r].plan else {
        throw TraceError(
          "internal error: the symbolic plan does not reproduce \(all[r].loaded.path)")
      }
    }
    return result
  }

  /// Refuses recordings whose OpenCL C differs (comments aside): the code would then depend on
  /// a size it does not take as an argument.
  static func checkSameCode(_ all: [Compilation]) throws {
    let sources = try all.map { c in
      try Emission.source(of: c, requireCheck: false).split(separator: "\n").filter {
        !$0.hasPrefix("// ")
      }
    }
    for (r, body) in sources.enumerated().dropFirst() {
      let base = sources[0]
      if let i = Array(zip(base, body)).firstIndex(where: { $0 != $1 })
        ?? (base.count == body.count ? nil : min(base.count, body.count))
      {
        let line = i < base.count ? String(base[i]).trimmingCharacters(in: .whitespaces) : "(end)"
        throw TraceError(
          "the generated code depends on the size beyond its arguments (\(all[r].loaded.path)), at: \(line)"
        )
      }
    }
  }

  /// `(factor, offset)` with `u[r] = factor * n[r] + offset` for every recording r, factor an
  /// integer >= 1 (or <= -1 with `negative`); nil when there is none (or `n` never changes).
  static func affine(_ u: [Int], _ n: [Int], negative: Bool = false) -> (factor: Int, offset: Int)?
  {
    guard u.count == n.count, let j = n.indices.first(where: { n[$0] != n[0] }) else { return nil }
    let (rise, o1) = u[j].subtractingReportingOverflow(u[0])
    let (run, o2) = n[j].subtractingReportingOverflow(n[0])
    guard !o1, !o2, run != 0 else { return nil }
    let (remainder, o7) = rise.remainderReportingOverflow(dividingBy: run)
    guard !o7, remainder == 0 else { return nil }
    let factor = rise / run
    let (scaled, o3) = factor.multipliedReportingOverflow(by: n[0])
    let (offset, o4) = u[0].subtractingReportingOverflow(scaled)
    guard factor >= 1 || (negative && factor <= -1), !o3, !o4 else { return nil }
    for r in u.indices {
      let (x, o5) = factor.multipliedReportingOverflow(by: n[r])
      let (y, o6) = x.addingReportingOverflow(offset)
      if o5 || o6 || y != u[r] { return nil }
    }
    return (factor, offset)
  }

  /// An integer form through one value per recording: `factor * s + offset` for the symbol
  /// `owner`, times the symbol `times` when it is a product.
  struct IntegerForm {
    var owner: Int
    var times: String?
    var factor: Int
    var offset: Int
  }

  /// Every form through `u` (one value per recording): `factor * s + offset` for each symbol s
  /// and, with `products`, `factor * s * t + offset` for each pair (the element count of a
  /// flattened array); `negative` allows factors below zero. Ordered by |offset|, a symbol's own
  /// form before a product on a tie: both can fit two recordings (`n * n` is `96n - 2240` at 40
  /// and 56), and the smaller constant wins, so an exact product is never taken for a line.
  static func integerForms(
    _ u: [Int], lengths: [Length], products: Bool, negative: Bool = false
  ) -> [IntegerForm] {
    var forms: [IntegerForm] = []
    for (i, length) in lengths.enumerated() {
      if let (factor, offset) = affine(u, length.values, negative: negative) {
        forms.append(IntegerForm(owner: i, times: nil, factor: factor, offset: offset))
      }
    }
    if products {
      for (i, s) in lengths.enumerated() {
        for t in lengths[i...] {
          let x = zip(s.values, t.values).map { $0.multipliedReportingOverflow(by: $1) }
          guard !x.contains(where: \.overflow),
            let (factor, offset) = affine(u, x.map(\.partialValue), negative: negative)
          else { continue }
          forms.append(IntegerForm(owner: i, times: t.name, factor: factor, offset: offset))
        }
      }
    }
    // A stable sort: on a tie, the order above.
    return forms.enumerated().sorted {
      ($0.element.offset.magnitude, $0.offset) < ($1.element.offset.magnitude, $1.offset)
    }.map(\.element)
  }

  /// The site for plan integer `u` (one value per recording) at `path`, with the index of the
  /// symbol that owns it (`integerForms`; never a product on an input's axis).
  static func site(_ u: [Int], path: [String], lengths: [Length]) -> (Int, PlanSymbol.Site)? {
    guard
      let f = integerForms(u, lengths: lengths, products: path.first != "inputs").first
    else { return nil }
    return (
      f.owner, PlanSymbol.Site(path: path, factor: f.factor, offset: f.offset, times: f.times)
    )
  }

  static func matches(_ pattern: [String], _ path: [String]) -> Bool {
    pattern.count == path.count && zip(pattern, path).allSatisfy { $0 == "*" || $0 == $1 }
  }

  /// How a kernel takes the symbol.
  enum Mode { case fixed, dynamic, symbolic }

  /// How kernel `k`, whose plan fields at `paths` vary, takes the symbol: `dynamic` (its one
  /// extent as the argument `n`, keeping vector code) for a 1-D elementwise kernel or a partials
  /// reduction of one axis whose only varying fields are extents and map extents; `symbolic`
  /// (every size an argument, one point per work-item or line) for any other kernel; `fixed`
  /// when only map extents vary and the extents do not.
  static func mode(_ k: Kernel, _ paths: [[String]]) -> Mode {
    let clamped = k.body.contains {
      if case .load(_, let m) = $0.op { return m.clamp } else { return false }
    }
    let plain = !clamped && !paths.contains { p in symbolicOnly.contains { matches($0, p) } }
    let extents = paths.contains { $0.count > 2 && ($0[2] == "outer" || $0[2] == "inner") }
    let elementwise = k.kind == .elementwise && k.outer.count == 1
    let reduction =
      k.kind == .reduction && k.strategy == .partials && k.inner.count == 1
      && k.outer.allSatisfy { $0 == 1 }
    if plain && !extents { return .fixed }
    if plain && (elementwise || reduction) { return .dynamic }
    return .symbolic
  }
}
