// `drc compile a.json b.json`: one plan for every size, from one program recorded at two sizes.
//
// Both recordings are compiled. Their inputs must differ in one length only (n at the first size,
// n' at the second: every input axis that differs is tied to the same n). The two plans must then
// be the same plan except for integers that scale with n, and only in places where a size may
// live (shapes, buffer bytes, iteration extents, map extents, totals); each becomes a symbol site.
// Kernels whose extent is n take `n` as an argument; they must be 1-D elementwise kernels or
// partial-result reductions over n, and their generated OpenCL C must be identical at both sizes,
// which proves nothing else in the code depends on n. Anything else is refused with the place
// that varies, never compiled into a plan that would be wrong at a third size.

import DRCCodegen
import DRCPlan
import DRCTrace
import Foundation

/// Compiles programs recorded at two sizes into a plan with a symbolic length.
public enum DynamicCompilation {
  /// Where a size may vary: path patterns with `*` for any key or index.
  static let allowed: [[String]] = [
    ["inputs", "*", "shape", "*"], ["outputs", "*", "shape", "*"], ["values", "*", "shape", "*"],
    ["steps", "*", "shape", "*"], ["buffers", "*", "bytes"], ["kernels", "*", "outer", "*"],
    ["kernels", "*", "inner", "*"], ["kernels", "*", "body", "*", "map", "shape", "*"],
    ["kernels", "*", "stores", "*", "map", "shape", "*"], ["stats", "*"],
  ]

  /// The compilation of the first trace, its plan made symbolic in `n`.
  public static func make(paths: [String], options: CompileOptions) throws -> Compilation {
    guard paths.count == 2 else {
      throw TraceError("give one trace, or the same program recorded at two sizes")
    }
    var a = try Compilation(path: paths[0], options: options)
    var b = try Compilation(path: paths[1], options: options)
    guard a.plan.program == b.plan.program else {
      throw TraceError(
        "the traces record different programs: '\(a.plan.program)' and '\(b.plan.program)'")
    }
    let (na, nb) = try lengths(a.plan, b.plan)
    var sites: [PlanSymbol.Site] = []
    let left = try JSONSerialization.jsonObject(with: try a.plan.jsonData())
    let right = try JSONSerialization.jsonObject(with: try b.plan.jsonData())
    try diff(left, right, path: [], na: na, nb: nb, into: &sites)
    var dynamic = Set<Int>()
    for site in sites where site.path.count >= 3 && site.path[0] == "kernels" {
      if let k = Int(site.path[1]), site.path[2] == "outer" || site.path[2] == "inner" {
        dynamic.insert(k)
      }
    }
    for k in dynamic.sorted() {
      try checkEligible(a.plan.kernels[k])
      a.plan.kernels[k].dynamic = true
      b.plan.kernels[k].dynamic = true
    }
    let symbol = PlanSymbol(name: "n", recorded: [na, nb], sites: sites)
    for (i, axis) in symbol.inputAxes where a.plan.inputs[i].shape.count != 1 {
      throw TraceError(
        "input '\(a.plan.inputs[i].name)' varies along axis \(axis) of a \(a.plan.inputs[i].shape.count)-D shape; only 1-D inputs may vary"
      )
    }
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
    guard check == b.plan else {
      throw TraceError("internal error: the symbolic plan does not reproduce the second size")
    }
    return a
  }

  /// The one length (n, n') in which the two plans' inputs differ.
  static func lengths(_ a: Plan, _ b: Plan) throws -> (Int, Int) {
    guard a.inputs.count == b.inputs.count else {
      throw TraceError("the traces have different inputs")
    }
    var pair: (Int, Int)?
    for (x, y) in zip(a.inputs, b.inputs) {
      guard x.name == y.name, x.dtype == y.dtype, x.shape.count == y.shape.count else {
        throw TraceError("input '\(x.name)' differs in name, dtype or rank between the traces")
      }
      for (p, q) in zip(x.shape, y.shape) where p != q {
        if let pair, pair != (p, q) {
          throw TraceError(
            "input lengths vary in two ways (\(pair.0) -> \(pair.1) and \(p) -> \(q)); one symbolic length is supported"
          )
        }
        pair = (p, q)
      }
    }
    guard let pair, pair.0 >= 1, pair.1 >= 1 else {
      throw TraceError("the two traces have the same input shapes: record the program at two sizes")
    }
    return pair
  }

  /// Collects the sites where two plan trees differ; throws where they may not.
  static func diff(
    _ x: Any, _ y: Any, path: [String], na: Int, nb: Int, into sites: inout [PlanSymbol.Site]
  ) throws {
    let place = path.joined(separator: "/")
    if let p = x as? [String: Any], let q = y as? [String: Any] {
      guard Set(p.keys) == Set(q.keys) else {
        throw TraceError("the plans differ in structure at \(place)")
      }
      for key in p.keys.sorted() where key != "trace_sha256" {
        guard let u = p[key], let v = q[key] else { continue }
        try diff(u, v, path: path + [key], na: na, nb: nb, into: &sites)
      }
    } else if let p = x as? [Any], let q = y as? [Any] {
      guard p.count == q.count else {
        throw TraceError(
          "the plans differ in structure at \(place): the program does not compile to the same kernels at both sizes"
        )
      }
      for (i, (u, v)) in zip(p, q).enumerated() {
        try diff(u, v, path: path + [String(i)], na: na, nb: nb, into: &sites)
      }
    } else if let p = x as? NSNumber, let q = y as? NSNumber, !(x is String) {
      guard p != q else { return }
      let (u, v) = (p.intValue, q.intValue)
      guard u % na == 0, v % nb == 0, u / na == v / nb, u / na >= 1,
        allowed.contains(where: { matches($0, path) })
      else {
        throw TraceError(
          "at \(place) the plans have \(u) and \(v), which is not a size proportional to the inputs' length (\(na) and \(nb))"
        )
      }
      sites.append(PlanSymbol.Site(path: path, factor: u / na))
    } else if "\(x)" != "\(y)" {
      throw TraceError("the plans differ at \(place)")
    }
  }

  static func matches(_ pattern: [String], _ path: [String]) -> Bool {
    pattern.count == path.count && zip(pattern, path).allSatisfy { $0 == "*" || $0 == $1 }
  }

  /// A kernel whose extent is `n` must be 1-D elementwise or a partials reduction over n.
  static func checkEligible(_ k: Kernel) throws {
    let clamped = k.body.contains {
      if case .load(_, let m) = $0.op { return m.clamp } else { return false }
    }
    let elementwise = k.kind == .elementwise && k.outer.count == 1
    let reduction =
      k.kind == .reduction && k.strategy == .partials && k.inner.count == 1
      && k.outer.allSatisfy { $0 == 1 }
    guard (elementwise || reduction) && !clamped else {
      throw TraceError(
        "kernel \(k.name) (\(k.kind.rawValue) over \(k.outer) x \(k.inner)) cannot take a symbolic length yet: only 1-D elementwise kernels and reductions of one n-long axis can"
      )
    }
  }
}
