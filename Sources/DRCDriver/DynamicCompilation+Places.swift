// Comparing two recordings' plans, and naming where they differ in the program's own terms.
//
// `DynamicCompilation` walks the two plans (as JSON trees) side by side. An integer that differs
// in a place where a size may live and is affine in n at both sizes becomes a symbol site; any
// other difference is refused. The refusal names the program, not the plan file: the kernel or
// buffer that differs, on each side the trace nodes it computes with their ops and source lines,
// and the two values (the plan path is given last, for whoever reads the plan).

import DRCIR
import DRCPlan
import DRCTrace
import Foundation

extension DynamicCompilation {
  /// The two compilations being unified, and the lengths they were recorded at.
  struct Places {
    let a: Compilation
    let b: Compilation
    let na: Int
    let nb: Int
    /// Whether the plan's totals are fitted as affine in n (only when every varying array is
    /// 1-D; an N-D array's bytes are products of extents, which two recordings cannot fit).
    let fitStats: Bool

    /// Collects the sites where two plan trees differ; throws, naming the program, where they
    /// may not.
    func diff(_ x: Any, _ y: Any, path: [String], into sites: inout [PlanSymbol.Site]) throws {
      if let p = x as? [String: Any], let q = y as? [String: Any] {
        guard Set(p.keys) == Set(q.keys) else {
          let keys = Set(p.keys).symmetricDifference(q.keys).sorted().joined(separator: ", ")
          throw refusal(path, "\(keys) is present at one size only")
        }
        for key in p.keys.sorted() where key != "trace_sha256" {
          guard let u = p[key], let v = q[key] else { continue }
          try diff(u, v, path: path + [key], into: &sites)
        }
      } else if let p = x as? [Any], let q = y as? [Any] {
        guard p.count == q.count else {
          // Name the first element that differs, so the user sees which part of the program
          // compiles differently.
          let first =
            zip(p.indices, zip(p, q)).first { Places.form($0.1.0) != Places.form($0.1.1) }?.0
            ?? min(p.count, q.count)
          throw refusal(
            path + [String(first)],
            "\(path.last ?? "the plan") has \(p.count) entries at size \(na) and \(q.count) at size \(nb): the program does not compile to the same kernels at both sizes"
          )
        }
        for (i, (u, v)) in zip(p, q).enumerated() {
          try diff(u, v, path: path + [String(i)], into: &sites)
        }
      } else if let p = x as? NSNumber, let q = y as? NSNumber, !(x is String) {
        guard p != q else { return }
        // Buffer sizes and their total are derived from the arrays the buffers hold
        // (`Plan.deriveBufferSizes`); other totals of N-D plans stay at the first recording.
        if DynamicCompilation.matches(["buffers", "*", "bytes"], path)
          || path == ["stats", "peakBytes"] || (path.first == "stats" && !fitStats)
        {
          return
        }
        let (u, v) = (p.intValue, q.intValue)
        guard let (factor, offset) = DynamicCompilation.affine(u, v, na: na, nb: nb),
          DynamicCompilation.allowed.contains(where: { DynamicCompilation.matches($0, path) })
        else {
          throw refusal(
            path,
            "\(path.last ?? "a value") is \(u) at size \(na) and \(v) at size \(nb), which is not a size n, 2n, n + 2, ... of the inputs' length"
          )
        }
        sites.append(PlanSymbol.Site(path: path, factor: factor, offset: offset))
      } else if "\(x)" != "\(y)" {
        throw refusal(
          path, "\(path.last ?? "a value") is \(x) at size \(na) and \(y) at size \(nb)")
      }
    }

    /// The error for a difference at `path`: what differs, where in the program on each side.
    func refusal(_ path: [String], _ what: String) -> TraceError {
      let left = place(path, in: a)
      let right = place(path, in: b)
      let side =
        left == right
        ? "in \(left)" : "in \(left) (recorded at \(na)) and \(right) (recorded at \(nb))"
      return TraceError(
        "the recordings at sizes \(na) and \(nb) cannot be unified \(side): \(what) (plan path \(path.joined(separator: "/")))"
      )
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

    /// Kernel `k` of the first plan, named with its program places.
    func kernel(_ k: Int) -> String { place(["kernels", String(k)], in: a) }

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
