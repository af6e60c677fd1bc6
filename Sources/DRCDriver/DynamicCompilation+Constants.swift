// Constants of a program that depend on its size: fitted to a formula of the symbols and made
// plan parameters, so the kernels' code is the same at every size.
//
// Before the recordings' plans are compared, every kernel constant that differs between them
// (at the same kernel and body position) is fitted to a `SizeFormula` of the symbols, trying in
// order: `a*s + b` for each symbol (integers; the constant must be integer-valued), `a*s*t + b`
// for each pair of symbols (a square's or rectangle's element count), then `(a*s + b) / (c*s + d)`
// with |a| <= 4, |b| <= 16, 1 <= c <= 4, |d| <= 16 (floating point only). A form is accepted
// only if it reproduces the constant bit for bit, in its dtype, at every recording; the first
// such form is used. Each fitted constant becomes a derived plan parameter (one per formula and
// dtype) and each kernel reads it as a scalar argument. A constant that fits no form is left as
// it is, and the comparison then refuses the recordings naming the node and source line.
//
// Two recordings can be fitted by a form the program does not follow (any two points lie on a
// line); bit-exact agreement with small coefficients makes that unlikely for the programs'
// usual `n`, `n - 1`, `n*n`, `n / (n - 1)`, and a third recording at another size confirms it.

import DRCIR
import DRCPlan

extension Node {
  /// The value of a `full` node, else nil.
  var splatValue: Scalar? {
    if case .full(let v) = op { return v }
    return nil
  }
}

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

  /// The form that reproduces `values` (one per recording) exactly in `dtype`: among `a*s + b`
  /// and `a*s*t + b` the one with the smallest |b| (the affine one on a tie: at two recordings
  /// `n*n` is also `96n - 2240`), else the first ratio, or nil.
  static func fit(_ values: [Scalar], dtype: DType, lengths: [Length]) -> SizeFormula? {
    func reproduces(_ f: SizeFormula) -> Bool {
      values.indices.allSatisfy { r in
        let sizes = Dictionary(
          lengths.map { ($0.name, $0.values[r]) }, uniquingKeysWith: { a, _ in a })
        guard let s = try? f.scalar(sizes, as: dtype) else { return false }
        return s == values[r]
      }
    }
    /// `a*x + b` through the first two recordings whose x differ (integers), or nil.
    func line(_ x: [Int]) -> (Int, Int)? {
      let ys = values.map { v -> Double? in
        switch v {
        case .int(let i): return Double(i)
        case .float(let d): return d.rounded() == d && abs(d) < 0x1p52 ? d : nil
        case .bool: return nil
        }
      }
      guard let j = x.indices.first(where: { x[$0] != x[0] }), let y0 = ys[0], let yj = ys[j]
      else { return nil }
      let slope = (yj - y0) / Double(x[j] - x[0])
      guard slope.rounded() == slope, abs(slope) < 0x1p31 else { return nil }
      let a = Int(slope)
      let b = y0 - Double(a) * Double(x[0])
      guard a != 0, abs(b) < 0x1p52 else { return nil }
      return (a, Int(b))
    }
    var best: SizeFormula?
    func consider(_ f: SizeFormula) {
      guard reproduces(f) else { return }
      if let b = best, b.numerator[1].magnitude <= f.numerator[1].magnitude { return }
      best = f
    }
    for s in lengths {
      if let (a, b) = line(s.values) {
        consider(SizeFormula(symbols: [s.name], numerator: [a, b]))
      }
    }
    for (i, s) in lengths.enumerated() {
      for t in lengths[i...] {
        let x = zip(s.values, t.values).map { $0.multipliedReportingOverflow(by: $1) }
        guard !x.contains(where: \.overflow), let (a, b) = line(x.map(\.partialValue)) else {
          continue
        }
        consider(SizeFormula(symbols: [s.name, t.name], numerator: [a, b]))
      }
    }
    if best != nil || !(dtype == .float32 || dtype == .float64) { return best }
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
      let values = nodes.map { $0.splatValue }
      let dtype = nodes[0].dtype
      guard nodes.allSatisfy({ $0.shape.isEmpty && $0.dtype == dtype }),
        let scalars = values as? [Scalar], scalars.contains(where: { $0 != scalars[0] }),
        let formula = fit(scalars, dtype: dtype, lengths: lengths)
      else { continue }
      let key = "\(dtype.rawValue) \(formula.text)"
      let name =
        names[key]
        ?? {
          var n = 0
          while taken.contains("size\(n)") { n += 1 }
          taken.insert("size\(n)")
          return "size\(n)"
        }()
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
    var n = 0
    while taken.contains("size\(n)") { n += 1 }
    var param = PlanParam(name: "size\(n)", dtype: dtype, recorded: recorded.description)
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
