// `drc explain` of a plan compiled from several recordings: its symbols, their relations, and
// where each appears.
//
// A plan with symbolic lengths lists each length's name and recorded values, then every place
// it appears, each with its relation (`n`, `n - 1`, `8n + 8`): the inputs' axes (whose
// relations the stub and the runner check at every call), the outputs' shapes, the kernels'
// extents, and the plan's totals when they are affine in the length. Kernels whose sizes vary
// take them as arguments, so their OpenCL C is the same at every size. Buffer sizes are products
// of extents, derived from the arrays each buffer holds. Everything else in the table is at the
// first recorded size.

import DRCPlan

extension Explanation {
  /// The symbol section of the table ("" for a fixed-size plan).
  func symbolText() -> String {
    let plan = c.plan
    guard !plan.symbols.isEmpty else { return "" }
    /// The relation at `path`, from whichever symbol has a site there.
    func relation(_ path: [String]) -> String? {
      for symbol in plan.symbols {
        if let site = symbol.sites.first(where: { $0.path == path }) {
          return site.relation(symbol.name)
        }
      }
      return nil
    }
    /// `[n, 3]`-style text of a shape at `prefix`.
    func shape(_ shape: [Int], _ prefix: [String]) -> String {
      "["
        + shape.indices.map { relation(prefix + [String($0)]) ?? String(shape[$0]) }.joined(
          separator: ", ") + "]"
    }
    let inputs = plan.inputs.indices.filter { i in
      plan.symbols.contains { s in s.inputRelations.contains { $0.input == i } }
    }.map {
      "\(plan.inputs[$0].name)\(shape(plan.inputs[$0].shape, ["inputs", String($0), "shape"]))"
    }
    let lengths = plan.symbols.map { s in
      "\(s.name) (recorded \(s.recorded.map(String.init).joined(separator: " and "))"
        + (s.given == true ? "; a size from a parameter, given by each call" : "") + ")"
    }
    var out =
      plan.symbols.count == 1
      ? "symbolic length \(lengths[0])" : "symbolic lengths \(lengths.joined(separator: ", "))"
    if !inputs.isEmpty { out += ": input \(inputs.joined(separator: ", "))" }
    let dynamic = plan.kernels.filter { $0.dynamic == true }.map(\.name)
    if !dynamic.isEmpty {
      out += "; kernels taking their extent: \(dynamic.joined(separator: ", "))"
    }
    let symbolic = plan.kernels.filter { $0.symbolic == true }.map(\.name)
    if !symbolic.isEmpty {
      out += "; kernels taking every size as an argument: \(symbolic.joined(separator: ", "))"
    }
    let at = plan.symbols.map { "\($0.name) = \($0.recorded.first ?? 0)" }.joined(separator: ", ")
    out += "; sizes below are at \(at)\n"
    var checks = plan.symbols.map { "\($0.name) >= 1" }
    for symbol in plan.symbols {
      for r in symbol.inputRelations where r.input >= 0 && r.input < plan.inputs.count {
        checks.append(
          "\(plan.inputs[r.input].name) axis \(r.axis) = \(r.site.relation(symbol.name))")
      }
    }
    out += "  relations checked at every call: \(checks.joined(separator: ", "))\n"
    let outputs = plan.outputs.indices.filter { o in
      plan.outputs[o].shape.indices.contains {
        relation(["outputs", String(o), "shape", String($0)]) != nil
      }
    }.map {
      "\(plan.outputs[$0].name)\(shape(plan.outputs[$0].shape, ["outputs", String($0), "shape"]))"
    }
    if !outputs.isEmpty { out += "  outputs: \(outputs.joined(separator: ", "))\n" }
    var extents: [String] = []
    for (k, kernel) in plan.kernels.enumerated() {
      for space in ["outer", "inner"] {
        let axes = space == "outer" ? kernel.outer.count : kernel.inner.count
        for axis in 0..<axes {
          if let r = relation(["kernels", String(k), space, String(axis)]) {
            extents.append("\(kernel.name) \(space) axis \(axis) = \(r)")
          }
        }
      }
    }
    if !extents.isEmpty { out += "  kernel extents: \(extents.joined(separator: ", "))\n" }
    let derived = plan.params.compactMap { p in p.derived.map { "\(p.name) = \($0.text)" } }
    if !derived.isEmpty {
      // Constants of the program that depend on its size: parameters computed at each call.
      let users = plan.kernels.enumerated().filter { k, kernel in
        plan.steps.contains { step in
          step.kernel == k
            && zip(kernel.args, step.bindings).contains {
              $0.access == .scalar && $1 >= 0 && $1 < plan.params.count
                && plan.params[$1].derived != nil
            }
        }
      }.map(\.element.name)
      out +=
        "  constants of the size, computed at each call: \(derived.joined(separator: ", "))"
        + " (read by \(users.joined(separator: ", ")))\n"
    }
    out += "  buffers: sized from the arrays they hold (products of extents)\n"
    let totals = plan.symbols.flatMap { s in
      s.sites.filter { $0.path.first == "stats" }.map {
        "\($0.path.last ?? "?") = \($0.relation(s.name))"
      }
    }
    out +=
      totals.isEmpty
      ? "  totals: at the first recorded size\n" : "  totals: \(totals.joined(separator: ", "))\n"
    return out
  }
}
