// Comparing two recordings' plans, and naming where they differ in the program's own terms.
//
// `DynamicCompilation` walks the two plans (as JSON trees) side by side. An integer that differs
// in a place where a size may live and fits a form of the symbols at every size
// (`DynamicCompilation.integerForms`) becomes a symbol site; a derived parameter's recorded value
// may differ; any other difference is refused. The refusal names the program, not the plan file: the kernel or
// buffer that differs, on each side the trace nodes it computes with their ops and source lines,
// and the two values (the plan path is given last, for whoever reads the plan).

import DRCIR
import DRCPlan
import DRCTrace
import Foundation

extension DynamicCompilation {
  /// The compilations being unified, and the symbols' values in each.
  struct Places {
    let all: [Compilation]
    let lengths: [Length]
    /// Whether the plan's totals are fitted as affine in n (only when every varying array is
    /// 1-D; an N-D array's bytes are products of extents, which recordings cannot fit).
    let fitStats: Bool

    /// Recording r's sizes: `300`, or `n = 16, m = 20` with several symbols.
    func size(_ r: Int) -> String {
      lengths.count == 1
        ? "\(lengths[0].values[r])"
        : lengths.map { "\($0.name) = \($0.values[r])" }.joined(separator: ", ")
    }

    /// Collects, per symbol, the sites where the plan trees differ; throws, naming the program,
    /// where they may not.
    func diff(_ xs: [Any], path: [String], into sites: inout [[PlanSymbol.Site]]) throws {
      if let dicts = xs as? [[String: Any]] {
        let keys = Set(dicts[0].keys)
        if let r = dicts.indices.first(where: { Set(dicts[$0].keys) != keys }) {
          let odd = keys.symmetricDifference(dicts[r].keys).sorted().joined(separator: ", ")
          throw refusal(path, r, "\(odd) is present at one size only")
        }
        for key in keys.sorted() where key != "trace_sha256" {
          try diff(dicts.map { $0[key] ?? NSNull() }, path: path + [key], into: &sites)
        }
      } else if let arrays = xs as? [[Any]] {
        if let r = arrays.indices.first(where: { arrays[$0].count != arrays[0].count }) {
          // Name the first element that differs, so the user sees which part of the program
          // compiles differently.
          let (p, q) = (arrays[0], arrays[r])
          let first =
            zip(p.indices, zip(p, q)).first { Places.form($0.1.0) != Places.form($0.1.1) }?.0
            ?? min(p.count, q.count)
          throw refusal(
            path + [String(first)], r,
            "\(path.last ?? "the plan") has \(p.count) entries at size \(size(0)) and \(q.count) at size \(size(r)): the program does not compile to the same kernels at both sizes"
          )
        }
        for i in arrays[0].indices {
          try diff(arrays.map { $0[i] }, path: path + [String(i)], into: &sites)
        }
      } else if let numbers = xs as? [NSNumber], !(xs[0] is String) {
        guard numbers.contains(where: { $0 != numbers[0] }) else { return }
        // Buffer sizes and their total are derived from the arrays the buffers hold
        // (`Plan.deriveBufferSizes`); other totals of N-D plans stay at the first recording.
        if DynamicCompilation.matches(["buffers", "*", "bytes"], path)
          || path == ["stats", "peakBytes"] || (path.first == "stats" && !fitStats)
        {
          return
        }
        let u = numbers.map(\.intValue)
        if DynamicCompilation.allowed.contains(where: { DynamicCompilation.matches($0, path) }),
          let (i, site) = DynamicCompilation.site(u, path: path, lengths: lengths)
        {
          sites[i].append(site)
          return
        }
        let r = u.indices.first { u[$0] != u[0] } ?? 0
        throw refusal(
          path, r,
          "\(Places.label(path)) is \(u[0]) at size \(size(0)) and \(u[r]) at size \(size(r)), which is not a multiple of \(lengths.map(\.name).joined(separator: " or ")) (or of a product of them) plus a constant: the size is not affine in the inputs' lengths"
        )
      } else {
        // A derived parameter's value is the formula's at each recording (checked when the
        // symbolic plan is instantiated at every recording).
        if DynamicCompilation.matches(["params", "*", "recorded"], path), let p = Int(path[1]),
          p < all[0].plan.params.count, all[0].plan.params[p].derived != nil
        {
          return
        }
        let texts = xs.map { "\($0)" }
        if let r = texts.indices.first(where: { texts[$0] != texts[0] }) {
          throw refusal(
            path, r,
            "\(Places.label(path)) is \(texts[0]) at size \(size(0)) and \(texts[r]) at size \(size(r))"
          )
        }
      }
    }

    /// The error for a difference at `path` between recording 0 and recording `r`: what
    /// differs, and where in the program on each side.
    func refusal(_ path: [String], _ r: Int, _ what: String) -> TraceError {
      let left = place(path, in: all[0]) + value(path, in: all[0])
      let right = place(path, in: all[r]) + value(path, in: all[r])
      let side =
        left == right
        ? "in \(left)"
        : "in \(left) (recorded at \(size(0))) and \(right) (recorded at \(size(r)))"
      return TraceError(
        "the recordings at sizes \(size(0)) and \(size(r)) cannot be unified \(side): \(what) (plan path \(path.joined(separator: "/")))"
      )
    }

    /// For a path into a kernel's body value: `, at its value n<id> <op> at <line>` (the
    /// node the value computes), else nothing.
    func value(_ path: [String], in c: Compilation) -> String {
      guard path.count >= 4, path[0] == "kernels", path[2] == "body", let k = Int(path[1]),
        let i = Int(path[3]), k >= 0, k < c.plan.kernels.count, i >= 0,
        i < c.plan.kernels[k].body.count, let node = c.plan.kernels[k].body[i].node
      else { return "" }
      return ", at its value \(nodeList([node], c))"
    }

    /// The plan field at `path` as a message names it: `hi`, or `offsets[0]` for an array entry.
    static func label(_ path: [String]) -> String {
      guard let last = path.last else { return "a value" }
      guard Int(last) != nil, path.count >= 2 else { return last }
      return "\(path[path.count - 2])[\(last)]"
    }

    /// A plan tree's form: its text with every number replaced by `#`, so two entries that
    /// differ only in sizes have the same form.
    static func form(_ x: Any) -> String {
      if let d = x as? [String: Any] {
        return "{" + d.keys.sorted().map { "\($0):\(form(d[$0] ?? ""))" }.joined(separator: ",")
          + "}"
      }
      if let a = x as? [Any] { return "[" + a.map(form).joined(separator: ",") + "]" }
      if x is NSNumber, !(x is String) { return "#" }
      return "\(x)"
    }

    /// What the plan entry at `path` is in the program: a kernel, buffer, value, input or output
    /// with its trace nodes and source lines.
    func place(_ path: [String], in c: Compilation) -> String {
      guard path.count >= 2, let i = Int(path[1]), i >= 0 else {
        return path.first == "stats" ? "the plan's totals" : "the plan"
      }
      let plan = c.plan
      switch path[0] {
      case "kernels" where i < plan.kernels.count:
        let nodes = plan.steps.filter { $0.kernel == i }.flatMap(\.nodes)
        return "kernel \(plan.kernels[i].name) (\(nodeList(nodes, c)))"
      case "steps" where i < plan.steps.count:
        let step = plan.steps[i]
        return "step \(i) (\(nodeList(step.nodes + (step.node.map { [$0] } ?? []), c)))"
      case "buffers" where i < plan.buffers.count:
        let nodes = plan.values.filter { $0.buffer == i }.map(\.node)
        return "buffer \(i) (holding \(nodeList(nodes, c)))"
      case "values" where i < plan.values.count:
        return "the value of \(nodeList([plan.values[i].node], c))"
      case "inputs" where i < plan.inputs.count:
        return "input '\(plan.inputs[i].name)'"
      case "outputs" where i < plan.outputs.count:
        return "output '\(plan.outputs[i].name)' (\(nodeList([plan.outputs[i].node], c)))"
      default:
        return "the plan's \(path[0])"
      }
    }

    /// Up to three trace nodes as `n12 sum at file:line`, and how many more.
    func nodeList(_ nodes: [Int], _ c: Compilation) -> String {
      let graph = c.report.graph
      var seen = Set<Int>()
      let unique = nodes.filter { seen.insert($0).inserted && $0 >= 0 && $0 < graph.nodes.count }
      guard !unique.isEmpty else { return "no trace node" }
      let shown = unique.suffix(3).map { id -> String in
        let node = graph.nodes[id]
        return "n\(id) \(node.op.name)" + (node.loc.map { " at \($0)" } ?? "")
      }
      let more = unique.count > 3 ? "\(unique.count - 3) more nodes, then " : ""
      return more + shown.joined(separator: ", ")
    }
  }
}
