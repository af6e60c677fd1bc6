// `drc compile a.json b.json`: one plan for every size, from one program recorded at two sizes.
//
// Both recordings are compiled, with every single-output reduction using the `partials` strategy
// (valid at every length, so the strategy does not change with the size). Their inputs must vary
// with one length n (n at the first size, n' at the second): the shortest varying input axis is
// n, and every other varying axis must be an affine function of it with an integer factor >= 1
// (`n + 2`, `2n`, `n - 1`). The two plans must then be the same plan except for integers that are
// affine in n, and only in places where a size may live (shapes, buffer bytes, iteration
// extents, map extents, totals); each becomes a symbol site `factor * n + offset`. Kernels whose
// extent varies take that extent as an argument; they must be 1-D elementwise kernels or
// partial-result reductions of one axis, and their generated OpenCL C must be identical at both
// sizes, which proves nothing else in the code depends on n. Anything else is refused naming the
// program's nodes and source lines on each side (`DynamicCompilation+Places.swift`), never
// compiled into a plan that would be wrong at a third size.

import DRCCodegen
import DRCPlan
import DRCTrace
import Foundation

/// Compiles programs recorded at two sizes into a plan with a symbolic length.
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

  /// The compilation of the first trace, its plan made symbolic in `n`.
  public static func make(paths: [String], options: CompileOptions) throws -> Compilation {
    guard paths.count == 2 else {
      throw TraceError("give one trace, or the same program recorded at two sizes")
    }
    var symbolic = options
    symbolic.partialsFrom = 2
    var a = try Compilation(path: paths[0], options: symbolic)
    var b = try Compilation(path: paths[1], options: symbolic)
    guard a.plan.program == b.plan.program else {
      throw TraceError(
        "the traces record different programs: '\(a.plan.program)' and '\(b.plan.program)'")
    }
    let (na, nb) = try lengths(a.plan, b.plan)
    var sites: [PlanSymbol.Site] = []
    let left = try JSONSerialization.jsonObject(with: try a.plan.jsonData())
    let right = try JSONSerialization.jsonObject(with: try b.plan.jsonData())
    let flat = zip(a.plan.inputs, b.plan.inputs).allSatisfy {
      $0.shape == $1.shape || $0.shape.count <= 1
    }
    let places = Places(a: a, b: b, na: na, nb: nb, fitStats: flat)
    for (c, n) in [(a, na), (b, nb)] {
      var derived = c.plan
      try derived.deriveBufferSizes()
      guard derived.buffers == c.plan.buffers, derived.stats == c.plan.stats else {
        throw TraceError(
          "the buffer sizes planned at size \(n) are not those of the arrays they hold; a size-generic plan cannot be made"
        )
      }
    }
    try places.diff(left, right, path: [], into: &sites)
    var varying: [Int: [[String]]] = [:]
    for site in sites where site.path.count >= 3 && site.path[0] == "kernels" {
      if let k = Int(site.path[1]) { varying[k, default: []].append(site.path) }
    }
    for (k, paths) in varying.sorted(by: { $0.key < $1.key }) {
      switch try mode(a.plan.kernels[k], paths, place: places.kernel(k)) {
      case .dynamic:
        a.plan.kernels[k].dynamic = true
        b.plan.kernels[k].dynamic = true
      case .symbolic:
        a.plan.kernels[k].symbolic = true
        b.plan.kernels[k].symbolic = true
      case .fixed: break
      }
    }
    let symbol = PlanSymbol(name: "n", recorded: [na, nb], sites: sites)
    let sourceA = try Emission.source(of: a, requireCheck: false)
    let sourceB = try Emission.source(of: b, requireCheck: false)
    let bodyA = sourceA.split(separator: "\n").filter { !$0.hasPrefix("// ") }
    let bodyB = sourceB.split(separator: "\n").filter { !$0.hasPrefix("// ") }
    if let i = Array(zip(bodyA, bodyB)).firstIndex(where: { $0 != $1 })
      ?? (bodyA.count == bodyB.count ? nil : min(bodyA.count, bodyB.count))
    {
      let line = i < bodyA.count ? String(bodyA[i]).trimmingCharacters(in: .whitespaces) : "(end)"
      throw TraceError("the generated code depends on the size beyond n, at: \(line)")
    }
    a.plan.symbol = symbol
    var check = try a.plan.instantiated(nb)
    check.symbol = nil
    check.traceSHA256 = b.plan.traceSHA256
    if !flat { check.stats = b.plan.stats }
    guard check == b.plan else {
      throw TraceError("internal error: the symbolic plan does not reproduce the second size")
    }
    return a
  }

  /// The length (n, n') the inputs vary with: the shortest varying input axis; every other
  /// varying axis must be `factor * n + offset` at both sizes, with an integer factor >= 1.
  static func lengths(_ a: Plan, _ b: Plan) throws -> (Int, Int) {
    guard a.inputs.count == b.inputs.count else {
      throw TraceError("the traces have different inputs")
    }
    var pairs: [(name: String, axis: Int, p: Int, q: Int)] = []
    for (x, y) in zip(a.inputs, b.inputs) {
      guard x.name == y.name, x.dtype == y.dtype, x.shape.count == y.shape.count else {
        throw TraceError("input '\(x.name)' differs in name, dtype or rank between the traces")
      }
      for (axis, (p, q)) in zip(x.shape, y.shape).enumerated() where p != q {
        pairs.append((x.name, axis, p, q))
      }
    }
    guard let base = pairs.min(by: { $0.p < $1.p }) else {
      throw TraceError("the two traces have the same input shapes: record the program at two sizes")
    }
    guard base.p >= 1, base.q >= 1 else {
      throw TraceError("input '\(base.name)' is empty in one recording: record non-empty inputs")
    }
    for pair in pairs {
      guard affine(pair.p, pair.q, na: base.p, nb: base.q) != nil else {
        throw TraceError(
          "input lengths vary in two independent ways: '\(base.name)' axis \(base.axis) is \(base.p) -> \(base.q) and '\(pair.name)' axis \(pair.axis) is \(pair.p) -> \(pair.q); one symbolic length n (with extents such as n + 2 or 2n) is supported"
        )
      }
    }
    return (base.p, base.q)
  }

  /// `(factor, offset)` with `u = factor * na + offset` and `v = factor * nb + offset`, factor an
  /// integer >= 1; nil when there is none.
  static func affine(_ u: Int, _ v: Int, na: Int, nb: Int) -> (factor: Int, offset: Int)? {
    let (rise, o1) = v.subtractingReportingOverflow(u)
    let (run, o2) = nb.subtractingReportingOverflow(na)
    guard !o1, !o2, run != 0, rise % run == 0 else { return nil }
    let factor = rise / run
    let (scaled, o3) = factor.multipliedReportingOverflow(by: na)
    let (offset, o4) = u.subtractingReportingOverflow(scaled)
    guard factor >= 1, !o3, !o4 else { return nil }
    return (factor, offset)
  }

  static func matches(_ pattern: [String], _ path: [String]) -> Bool {
    pattern.count == path.count && zip(pattern, path).allSatisfy { $0 == "*" || $0 == $1 }
  }

  /// How a kernel takes the symbol.
  enum Mode { case fixed, dynamic, symbolic }

  /// How kernel `k`, whose plan fields at `paths` vary, takes the symbol: `dynamic` (its one
  /// extent as the argument `n`, keeping vector code) for a 1-D elementwise kernel or a partials
  /// reduction of one axis whose only varying fields are extents and map extents; `symbolic`
  /// (every size an argument, one point per work-item) for any other elementwise kernel; `fixed`
  /// when only map extents vary and the extents do not. Anything else is refused.
  static func mode(_ k: Kernel, _ paths: [[String]], place: String) throws -> Mode {
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
    if k.kind == .elementwise { return .symbolic }
    throw TraceError(
      "\(place) (\(k.kind.rawValue) over \(k.outer) x \(k.inner), \(k.strategy.rawValue)) cannot take a symbolic size yet: only elementwise kernels of any rank and reductions of one n-long axis to one value can"
    )
  }
}
