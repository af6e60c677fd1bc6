// `drc explain` of a plan compiled from two recordings: the symbol, its relations, where it is.
//
// A plan with a symbolic length lists the length's name and recorded values, then every place
// the length appears, each with its relation (`n`, `n - 1`, `8n + 8`): the inputs' axes (whose
// relations the stub and the runner check at every call), the outputs' shapes, the kernels whose
// extent varies (they take it as an argument, so their OpenCL C is the same at every size),
// the buffers' sizes and the plan's totals. Everything else in the table is at the first size.

import DRCPlan

extension Explanation {
  /// The symbol section of the table ("" for a fixed-size plan).
  func symbolText() -> String {
    guard let symbol = c.plan.symbol else { return "" }
    let plan = c.plan
    let name = symbol.name
    /// `[n, 3]`-style shape text of `shape` whose axes at `prefix/axis` may be sites.
    func shape(_ shape: [Int], _ prefix: [String]) -> String {
      let axes = shape.indices.map { axis in
        symbol.sites.first { $0.path == prefix + [String(axis)] }?.relation(name)
          ?? String(shape[axis])
      }
      return "[" + axes.joined(separator: ", ") + "]"
    }
    func sites(_ first: String) -> [PlanSymbol.Site] {
      symbol.sites.filter { $0.path.first == first }
    }
    let inputs = plan.inputs.indices.filter { i in
      symbol.inputRelations.contains { $0.input == i }
    }.map {
      "\(plan.inputs[$0].name)\(shape(plan.inputs[$0].shape, ["inputs", String($0), "shape"]))"
    }
    let recorded = symbol.recorded.map(String.init).joined(separator: " and ")
    var out =
      "symbolic length \(name) (recorded \(recorded)): input \(inputs.joined(separator: ", "))"
    let kernels = plan.kernels.filter { $0.dynamic == true }.map(\.name)
    if !kernels.isEmpty {
      out += "; kernels taking their extent: \(kernels.joined(separator: ", "))"
    }
    let symbolic = plan.kernels.filter { $0.symbolic == true }.map(\.name)
    if !symbolic.isEmpty {
      out += "; kernels taking every size as an argument: \(symbolic.joined(separator: ", "))"
    }
    out += "; sizes below are at \(symbol.recorded.first ?? 0)\n"
    out += "  relations checked at every call: \(name) >= 1"
    for r in symbol.inputRelations {
      guard r.input >= 0, r.input < plan.inputs.count else { continue }
      out += ", \(plan.inputs[r.input].name) axis \(r.axis) = \(r.site.relation(name))"
    }
    out += "\n"
    let outputs = plan.outputs.indices.filter { o in
      sites("outputs").contains { $0.path.count > 1 && $0.path[1] == String(o) }
    }.map {
      "\(plan.outputs[$0].name)\(shape(plan.outputs[$0].shape, ["outputs", String($0), "shape"]))"
    }
    if !outputs.isEmpty { out += "  outputs: \(outputs.joined(separator: ", "))\n" }
    var extents: [String] = []
    for (k, kernel) in plan.kernels.enumerated() {
      for space in ["outer", "inner"] {
        for site in symbol.sites
        where site.path.count == 4 && site.path[0] == "kernels" && site.path[1] == String(k)
          && site.path[2] == space
        {
          extents.append("\(kernel.name) \(space) axis \(site.path[3]) = \(site.relation(name))")
        }
      }
    }
    if !extents.isEmpty { out += "  kernel extents: \(extents.joined(separator: ", "))\n" }
    let buffers = sites("buffers").map {
      "buffer \($0.path.dropFirst().first ?? "?") = \($0.relation(name)) bytes"
    }
    if !buffers.isEmpty { out += "  buffers: \(buffers.joined(separator: ", "))\n" }
    let totals = sites("stats").map { "\($0.path.last ?? "?") = \($0.relation(name))" }
    if !totals.isEmpty { out += "  totals: \(totals.joined(separator: ", "))\n" }
    return out
  }
}
