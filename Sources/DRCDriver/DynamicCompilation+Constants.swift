// Constants of a program that depend on its size: fitted to a formula of the symbols and made
// plan parameters, so the kernels' code is the same at every size.
//
// A constant that differs between the recordings (a scalar `full` node of the traces, before
// optimisation, so no folding merges it with other constants; else a kernel constant of the
// plans, at the same kernel and body position) is fitted to a `SizeFormula` of the symbols: an
// integer-valued constant to `a*s + b` or `a*s*t + b` (`DynamicCompilation.integerForms`, the
// smallest |b| first), else a float to `(a*s + b) / (c*s + d)` with |a| <= 4, |b| <= 16,
// 1 <= c <= 4, |d| <= 16. A form is accepted only if it reproduces the constant bit for bit, in
// its dtype, at every recording. Each fitted constant becomes a derived plan parameter (one per
// formula and dtype) that kernels read as a scalar argument. A constant that fits no form is
// left as it is, and the comparison then refuses the recordings naming the node and source line.
//
// Two recordings can be fitted by a form the program does not follow (any two points lie on a
// line); bit-exact agreement with small coefficients makes that unlikely for the programs'
// usual `n`, `n - 1`, `n*n`, `n / (n - 1)`, and a third recording at another size confirms it.

import DRCIR
import DRCOpt
import DRCPlan

extension DynamicCompilation {
  /// Rewrites the plans' size-dependent kernel constants (those `parameteriseScalars` did not
  /// turn into parameters, such as a `full` of the array's shape) into derived parameters.
  static func deriveConstants(_ all: inout [Compilation], lengths: [Length]) {
    guard let first = all.first,
      all.allSatisfy({ c in
        c.plan.kernels.count == first.plan.kernels.count
          && zip(c.plan.kernels, first.plan.kernels).allSatisfy { $0.body.count == $1.body.count }
      })
    else { return }
    for k in first.plan.kernels.indices {
      for i in first.plan.kernels[k].body.indices {
        let values = all.map { c -> Scalar? in
          if case .constant(let s) = c.plan.kernels[k].body[i].op { return s }
          return nil
        }
        let dtype = first.plan.kernels[k].body[i].dtype
        guard let scalars = values as? [Scalar], scalars.contains(where: { $0 != scalars[0] }),
          all.allSatisfy({ $0.plan.kernels[k].body[i].dtype == dtype }),
          let formula = fit(scalars, dtype: dtype, lengths: lengths)
        else { continue }
        for r in all.indices {
          let p = parameter(formula, dtype, recorded: scalars[r], in: &all[r].plan)
          let arg = argument(p, dtype, kernel: k, in: &all[r].plan)
          all[r].plan.kernels[k].body[i].op = .param(arg: arg)
        }
      }
    }
  }

  /// The form that reproduces `values` (one per recording) exactly in `dtype`: the first of
  /// `integerForms` (an integer-valued constant), else the first ratio (floats), or nil.
  static func fit(_ values: [Scalar], dtype: DType, lengths: [Length]) -> SizeFormula? {
    let sizes = values.indices.map { r in
      Dictionary(lengths.map { ($0.name, $0.values[r]) }, uniquingKeysWith: { a, _ in a })
    }
    func reproduces(_ f: SizeFormula) -> Bool {
      values.indices.allSatisfy { r in (try? f.scalar(sizes[r], as: dtype)) == values[r] }
    }
    let integers = values.map { v -> Int? in
      switch v {
      case .int(let i): return Int(i)
      case .float(let d): return d.rounded() == d && abs(d) < 0x1p52 ? Int(d) : nil
      case .bool: return nil
      }
    }
    if let u = integers as? [Int] {
      for f in integerForms(u, lengths: lengths, products: true, negative: true) {
        let formula = SizeFormula(
          symbols: [lengths[f.owner].name] + (f.times.map { [$0] } ?? []),
          numerator: [f.factor, f.offset])
        if reproduces(formula) { return formula }
      }
    }
    guard dtype == .float32 || dtype == .float64 else { return nil }
    for s in lengths {
      for c in 1...4 {
        for a in -4...4 {
          for d in -16...16 {
            for b in -16...16 where a != 0 || b != 0 {
              let f = SizeFormula(symbols: [s.name], numerator: [a, b], denominator: [c, d])
              if reproduces(f) { return f }
            }
          }
        }
      }
    }
    return nil
  }

  /// Rewrites every scalar `full` node whose value differs between the recordings (same node
  /// count, same place) and fits a formula into a parameter node (`size0`, ...), before the
  /// optimiser runs, so no folding merges it with other constants. Returns each new
  /// parameter's formula by name.
  static func parameteriseScalars(_ traces: inout [LoadedTrace], lengths: [Length])
    -> [String: SizeFormula]
  {
    guard let first = traces.first,
      traces.allSatisfy({ $0.graph.nodes.count == first.graph.nodes.count })
    else { return [:] }
    var formulas: [String: SizeFormula] = [:]
    var names: [String: String] = [:]
    var taken = Set(
      first.graph.params.map(\.name) + first.graph.inputs.map(\.name)
        + first.graph.outputs.map(\.name))
    for i in first.graph.nodes.indices {
      let nodes = traces.map { $0.graph.nodes[i] }
      let values = nodes.map(\.splat)
      let dtype = nodes[0].dtype
      guard nodes.allSatisfy({ $0.shape.isEmpty && $0.dtype == dtype }),
        let scalars = values as? [Scalar], scalars.contains(where: { $0 != scalars[0] }),
        let formula = fit(scalars, dtype: dtype, lengths: lengths)
      else { continue }
      let key = "\(dtype.rawValue) \(formula.text)"
      let name = names[key] ?? freshName(taken)
      taken.insert(name)
      if names[key] == nil {
        names[key] = name
        formulas[name] = formula
        for r in traces.indices {
          traces[r].graph.params.append(ParamDecl(name: name, dtype: dtype, value: scalars[r]))
        }
      }
      for r in traces.indices { traces[r].graph.nodes[i].op = .param(name) }
    }
    return formulas
  }

  /// The first of `size0`, `size1`, ... not in `taken`.
  static func freshName(_ taken: Set<String>) -> String {
    var n = 0
    while taken.contains("size\(n)") { n += 1 }
    return "size\(n)"
  }

  /// The index of the derived parameter for `formula` in `dtype` in `plan`, added (named
  /// `size0`, `size1`, ..., avoiding the program's own names) when it is new.
  static func parameter(
    _ formula: SizeFormula, _ dtype: DType, recorded: Scalar, in plan: inout Plan
  )
    -> Int
  {
    if let p = plan.params.firstIndex(where: { $0.derived == formula && $0.dtype == dtype }) {
      return p
    }
    let taken = Set(plan.params.map(\.name) + plan.inputs.map(\.name) + plan.outputs.map(\.name))
    var param = PlanParam(name: freshName(taken), dtype: dtype, recorded: recorded.description)
    param.derived = formula
    plan.params.append(param)
    return plan.params.count - 1
  }

  /// The index of kernel `k`'s scalar argument bound to parameter `p`, added (and bound in every
  /// step that launches the kernel) when the kernel has none.
  static func argument(_ p: Int, _ dtype: DType, kernel k: Int, in plan: inout Plan) -> Int {
    let launches = plan.steps.indices.filter { plan.steps[$0].kernel == k }
    if let a = plan.kernels[k].args.indices.first(where: { a in
      plan.kernels[k].args[a].access == .scalar
        && launches.allSatisfy {
          plan.steps[$0].bindings.count > a && plan.steps[$0].bindings[a] == p
        }
    }) {
      return a
    }
    let a = plan.kernels[k].args.count
    plan.kernels[k].args.append(KernelArg(name: "a\(a)", dtype: dtype, access: .scalar))
    for s in launches { plan.steps[s].bindings.append(p) }
    return a
  }
}
