// A plan with a symbolic length at run time: the length from the inputs, checked relations, and
// the extent each dynamic kernel is told.
//
// The inputs give n: each input axis that depends on n has a relation `factor * n + offset`
// (`n`, `n + 2`, `2n`) in the plan's symbol. The axes whose extent is exactly n are read first;
// every other axis must then agree, else the call throws naming the input, the axis, the
// relation and where n came from. Nothing is trapped or clamped: the plan is re-instantiated at
// the new n (overflow-checked) and verified, so a length the program cannot take (too short for
// a stencil, too large for a size) is refused before anything runs. A dynamic kernel's extent
// argument is its own iteration extent in the instantiated plan, which the verifier has checked
// against every buffer it touches.

import DRCPlan
import DRCRuntime

extension OpenCLPlanRunner {
  /// For a plan with symbolic lengths: the values the inputs give (every relation must hold),
  /// with the plan re-instantiated and buffers reallocated when they changed.
  func adapt(to inputs: [String: HostArray], sizes: [String: Int] = [:]) throws {
    guard !template.symbols.isEmpty else { return }
    let values = try template.symbols.map { symbol -> Int in
      guard symbol.given == true else {
        return try OpenCLPlanRunner.symbolValue(symbol, template, inputs)
      }
      // A size the program took from a parameter: the caller gives it.
      guard let n = sizes[symbol.name] else {
        throw ReplayError(
          "the program's size \(symbol.name) is not given (it came from a parameter of the program, not an input)"
        )
      }
      guard n >= 1 else { throw ReplayError("size \(symbol.name) = \(n) must be at least 1") }
      return n
    }
    if values != lengths {
      plan = try template.instantiated(values)
      lengths = values
      try allocate()
    }
  }

  /// The value of `symbol` the inputs give, every relation checked.
  static func symbolValue(_ symbol: PlanSymbol, _ plan: Plan, _ inputs: [String: HostArray])
    throws -> Int
  {
    // Axes of length exactly n first, so n comes from the plainest relation.
    let relations = symbol.inputRelations.sorted {
      ($0.site.factor, ($0.site.offset ?? 0).magnitude)
        < ($1.site.factor, ($1.site.offset ?? 0).magnitude)
    }
    var n: Int?
    var source = ""
    for (i, axis, site) in relations {
      guard i >= 0, i < plan.inputs.count else {
        throw ReplayError("symbol \(symbol.name) names input \(i), which the plan lacks")
      }
      let decl = plan.inputs[i]
      guard let value = inputs[decl.name] else {
        throw ReplayError("no value for input '\(decl.name)'")
      }
      guard value.shape.count == decl.shape.count, axis >= 0, axis < value.shape.count else {
        throw ReplayError(
          "input '\(decl.name)' must have rank \(decl.shape.count), not \(value.shape.count)")
      }
      let extent = value.shape[axis]
      let relation = site.relation(symbol.name)
      let where_ = decl.shape.count == 1 ? "" : " along axis \(axis)"
      if let n {
        let want: Int
        do { want = try site.value(n, symbol: symbol.name) } catch {
          throw ReplayError("\(symbol.name) = \(n) overflows input '\(decl.name)' (\(relation))")
        }
        guard extent == want else {
          if relation == symbol.name, source.hasPrefix("'") {
            throw ReplayError(
              "input '\(decl.name)' has length \(extent) but \(source) has \(n): both are \(symbol.name) and must agree"
            )
          }
          throw ReplayError(
            "input '\(decl.name)' has length \(extent)\(where_), but it must be \(relation) = \(want) (\(symbol.name) = \(n) from \(source))"
          )
        }
        continue
      }
      let (rest, overflow) = extent.subtractingReportingOverflow(site.offset ?? 0)
      guard !overflow, site.factor >= 1, rest % site.factor == 0, rest / site.factor >= 1 else {
        throw ReplayError(
          "input '\(decl.name)' has length \(extent)\(where_), which is not \(relation) for any \(symbol.name) >= 1"
        )
      }
      n = rest / site.factor
      source =
        relation == symbol.name
        ? "'\(decl.name)'\(where_)" : "input '\(decl.name)'\(where_) = \(relation)"
    }
    guard let n else { throw ReplayError("no input has the symbolic length \(symbol.name)") }
    return n
  }

  /// The extent a dynamic kernel receives: its points (elementwise) or its inner points
  /// (a reduction), from the instantiated plan.
  static func varyingExtent(_ kernel: Kernel) -> Int {
    let space = kernel.kind == .elementwise ? kernel.outer : kernel.inner
    var count = 1
    for extent in space {
      // The verifier bounds every extent; saturate rather than trap on a hostile plan.
      let (product, overflow) = count.multipliedReportingOverflow(by: extent)
      count = overflow ? Int.max : product
    }
    return count
  }
}
