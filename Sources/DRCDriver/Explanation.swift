// `drc explain`: the plan as a table, as JSON, or as a Graphviz graph.
//
// For each launch: the kernel, its iteration space, the trace nodes it computes with their source
// lines, what it reads and writes with byte counts, and for every value that went through memory
// the reason fusion could not avoid it. The totals compare the bytes the plan moves with the
// minimum (every input element some launch reads, read once; every output written once).

import DRCIR
import DRCOpt
import DRCPlan
import DRCRuntime
import Foundation

/// A printable explanation of a compilation.
public struct Explanation {
  let c: Compilation

  /// Explains `compilation`.
  public init(_ compilation: Compilation) { c = compilation }

  var graph: Graph { c.report.graph }

  /// A short name for node `id`: its interface name, or `n<id> <op>`.
  func label(_ id: Int) -> String {
    let node = graph.nodes[id]
    if case .input(let name) = node.op { return "input '\(name)'" }
    if let o = graph.outputs.first(where: { $0.node == id }) {
      return "output '\(o.name)' (n\(id) \(node.op.name))"
    }
    return "n\(id) \(node.op.name)"
  }

  /// `1.5 KiB`-style sizes (`MemoryBudget.text`).
  static func bytes(_ n: Int) -> String { MemoryBudget.text(n) }

  /// Distinct source lines of `nodes`, grouped by file: `main.swift:12,14-16`.
  func lines(_ nodes: [Int]) -> String {
    var byFile: [String: Set<Int>] = [:]
    var order: [String] = []
    for id in nodes {
      guard let loc = graph.nodes[id].loc, let colon = loc.lastIndex(of: ":"),
        let line = Int(loc[loc.index(after: colon)...])
      else { continue }
      let file = String(loc[..<colon])
      if byFile[file] == nil { order.append(file) }
      byFile[file, default: []].insert(line)
    }
    return order.map { file in
      var runs: [String] = []
      for line in (byFile[file] ?? []).sorted() {
        if let last = runs.last, let end = Int(last.split(separator: "-").last ?? ""),
          end == line - 1
        {
          let start = last.split(separator: "-").first ?? ""
          runs[runs.count - 1] = "\(start)-\(line)"
        } else {
          runs.append("\(line)")
        }
      }
      return file + ":" + runs.joined(separator: ",")
    }.joined(separator: " ")
  }

  /// Op counts of `nodes`: `mul x9, add x6`.
  func ops(_ nodes: [Int]) -> String {
    var counts: [String: Int] = [:]
    var order: [String] = []
    for id in nodes {
      let name = graph.nodes[id].op.name
      if counts[name] == nil { order.append(name) }
      counts[name, default: 0] += 1
    }
    return order.map { counts[$0] == 1 ? $0 : "\($0) x\(counts[$0] ?? 0)" }.joined(separator: ", ")
  }

  /// The human-readable table.
  public func table() -> String {
    let checkNodes = graph.nodes.count - (graph.checks.first?.first ?? graph.nodes.count)
    var out =
      "\(c.plan.program): \(c.loaded.graph.nodes.count) trace nodes, "
      + "\(graph.nodes.count - checkNodes) after optimisation\n"
    if !graph.checks.isEmpty {
      out +=
        "bounds checks: \(graph.checks.count) (\(checkNodes) nodes counting each gather's and "
        + "scatter's out-of-range indices and each solve's zero pivots, read after the run)\n"
    }
    out += symbolText()
    for launch in c.report.launches {
      let k = c.plan.kernels[launch.kernel]
      let space =
        k.inner.isEmpty
        ? "\(k.outer)"
        : "\(k.outer) x \(k.kind == .scan ? "scan" : [.sort, .scatter, .solve].contains(k.kind) ? "line" : "reduce") \(k.inner)"
      let strategy =
        k.strategy != .partials
        ? ""
        : k.kind == .sort
          ? ", \(k.launchCount) launches (blocks, then \(k.launchCount - 1) merge levels)"
          : ", 2 launches (partials + final)"
      out += "\nstep \(launch.step)  \(k.name)  \(k.kind.rawValue) over \(space)\(strategy)\n"
      out += "  ops:    \(launch.nodes.count) nodes: \(ops(launch.nodes))\n"
      out += "  source: \(lines(launch.nodes))\n"
      for r in launch.reads {
        out += "  reads   \(label(r.node)): \(Explanation.bytes(r.bytes))  [\(r.reason)]\n"
      }
      for w in launch.writes {
        out += "  writes  \(label(w.node)): \(Explanation.bytes(w.bytes))  [\(w.reason)]\n"
      }
    }
    let s = c.plan.stats
    let ratio = s.minimumBytes > 0 ? Double(s.bytesMoved) / Double(s.minimumBytes) : 1
    out +=
      "\ntotals: \(s.kernels) kernels, \(s.launches) launches, \(Explanation.bytes(s.bytesMoved)) moved"
    out += " (minimum \(Explanation.bytes(s.minimumBytes)), ratio \(String(format: "%.2f", ratio)))"
    out +=
      ", reduction scratch \(Explanation.bytes(s.scratchBytes)), device memory \(Explanation.bytes(s.peakBytes))\n"
    return out
  }
}
