// `drc explain --json` and `--dot`: the same facts as the table, for tools.
//
// The JSON carries every launch with its nodes (op and source location), reads and writes with
// bytes and reasons, and the plan's totals. The Graphviz output draws the optimised graph with
// each launch's nodes in a cluster; labels are escaped, so hostile names cannot break the file.

import DRCIR
import DRCOpt
import DRCPlan
import Foundation

extension Explanation {
  struct NodeJSON: Encodable {
    var id: Int
    var op: String
    var loc: String?
  }
  struct TransferJSON: Encodable {
    var node: Int
    var label: String
    var bytes: Int
    var reason: String
  }
  struct LaunchJSON: Encodable {
    var step: Int
    var kernel: String
    var kind: String
    var outer: [Int]
    var inner: [Int]
    var launches: Int
    var nodes: [NodeJSON]
    var reads: [TransferJSON]
    var writes: [TransferJSON]
    var readBytes: Int
    var writeBytes: Int
  }
  struct ReportJSON: Encodable {
    var program: String
    var traceNodes: Int
    var optimisedNodes: Int
    var launches: [LaunchJSON]
    var totals: PlanStats
    var ratio: Double
    /// A plan for every size: its symbols with their sites (absent for fixed-size plans).
    var symbols: [PlanSymbol]?
  }

  /// The explanation as JSON text.
  public func json() throws -> String {
    let launches = c.report.launches.map { l -> LaunchJSON in
      let k = c.plan.kernels[l.kernel]
      func transfer(_ m: Materialised) -> TransferJSON {
        TransferJSON(node: m.node, label: label(m.node), bytes: m.bytes, reason: m.reason)
      }
      return LaunchJSON(
        step: l.step, kernel: k.name, kind: k.kind.rawValue, outer: k.outer, inner: k.inner,
        launches: k.launchCount,
        nodes: l.nodes.map {
          NodeJSON(id: $0, op: graph.nodes[$0].op.name, loc: graph.nodes[$0].loc)
        },
        reads: l.reads.map(transfer), writes: l.writes.map(transfer), readBytes: l.readBytes,
        writeBytes: l.writeBytes)
    }
    let s = c.plan.stats
    let report = ReportJSON(
      program: c.plan.program, traceNodes: c.loaded.graph.nodes.count,
      optimisedNodes: graph.nodes.count,
      launches: launches, totals: s,
      ratio: s.minimumBytes > 0 ? Double(s.bytesMoved) / Double(s.minimumBytes) : 1,
      symbols: c.plan.symbols.isEmpty ? nil : c.plan.symbols)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
  }

  /// A DOT string literal.
  static func quoted(_ text: String) -> String {
    var out = "\""
    for ch in text.unicodeScalars {
      switch ch {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default: out += ch.value < 0x20 ? " " : String(ch)
      }
    }
    return out + "\""
  }

  /// The optimised graph in Graphviz form, one cluster per launch.
  public func dot() -> String {
    var out = "digraph \(Explanation.quoted(c.plan.program)) {\n  node [shape=box, fontsize=10];\n"
    var placed = Set<Int>()
    for l in c.report.launches {
      let k = c.plan.kernels[l.kernel]
      out +=
        "  subgraph cluster_\(l.step) {\n    label=\(Explanation.quoted("step \(l.step): \(k.name)"));\n"
      for id in l.nodes where placed.insert(id).inserted { out += "    " + dotNode(id) }
      out += "  }\n"
    }
    for node in graph.nodes where !placed.contains(node.id) { out += "  " + dotNode(node.id) }
    for node in graph.nodes {
      for o in node.operands { out += "  n\(o) -> n\(node.id);\n" }
    }
    return out + "}\n"
  }

  private func dotNode(_ id: Int) -> String {
    let node = graph.nodes[id]
    let text = "\(label(id))\n\(node.dtype)\(node.shape)" + (node.loc.map { "\n\($0)" } ?? "")
    return "n\(id) [label=\(Explanation.quoted(text))];\n"
  }
}
