// Shrinking a failing fuzzed program to a small one that fails the same way.
//
// Greedy and deterministic: first keep a single output (the first that still fails), then try,
// from the last node to the first, to cut each node loose by turning it into an input that holds
// the value the reference computed for it; every accepted change drops what no output needs
// any more. A change is kept when the program still has a finding of the same kind at the same
// stage family (reference, optimise, plan interpreter, opencl). Attempts are capped.

import DRCIR
import DRCRuntime

/// Greedy minimisation of failing programs.
struct FuzzMinimizer {
  /// Runs the differential check on a candidate.
  let check: (Graph, [String: HostArray]) -> [DifferentialFinding]
  /// The most candidates tried.
  var budget = 60

  /// The stage family of a finding: its first word.
  static func family(_ f: DifferentialFinding) -> String {
    "\(f.kind.rawValue) \(f.stage.split(separator: " ").first ?? "")"
  }

  /// A smaller program with a finding like `findings`' first (or the program itself).
  mutating func minimize(
    _ graph: Graph, _ inputs: [String: HostArray], _ findings: [DifferentialFinding]
  ) -> (Graph, [String: HostArray], [DifferentialFinding]) {
    guard let target = findings.first.map(FuzzMinimizer.family) else {
      return (graph, inputs, findings)
    }
    var best = (graph, inputs, findings)
    func attempt(_ g: Graph, _ i: [String: HostArray]) -> Bool {
      guard budget > 0 else { return false }
      budget -= 1
      let found = check(g, i)
      guard found.contains(where: { FuzzMinimizer.family($0) == target }) else { return false }
      best = (g, i, found)
      return true
    }
    if best.0.outputs.count > 1 {
      for output in best.0.outputs {
        var g = best.0
        g.outputs = [output]
        let (pruned, used) = FuzzMinimizer.prune(g, best.1)
        if attempt(pruned, used) { break }
      }
    }
    guard let values = try? Interpreter(graph: best.0).runAll(inputs: best.1),
      values.count == best.0.nodes.count
    else { return best }
    var computed = Dictionary(uniqueKeysWithValues: best.0.nodes.map { ($0.id, values[$0.id]) })
    var id = best.0.nodes.count - 1
    while id >= 0 && budget > 0 {
      defer { id -= 1 }
      guard id < best.0.nodes.count else { continue }
      let node = best.0.nodes[id]
      guard !node.operands.isEmpty, let value = computed[id] else { continue }
      var g = best.0
      let name = "m\(id)"
      guard g.input(named: name) == nil else { continue }
      g.inputs.append(InputDecl(name: name, dtype: node.dtype, shape: node.shape))
      g.nodes[id] = Node(
        id: id, op: .input(name), operands: [], dtype: node.dtype, shape: node.shape,
        loc: node.loc)
      var i = best.1
      i[name] = value
      let (pruned, used) = FuzzMinimizer.prune(g, i)
      if attempt(pruned, used) {
        // Ids moved: recompute the reference values of the smaller program and restart.
        guard let again = try? Interpreter(graph: best.0).runAll(inputs: best.1),
          again.count == best.0.nodes.count
        else { return best }
        computed = Dictionary(uniqueKeysWithValues: best.0.nodes.map { ($0.id, again[$0.id]) })
        id = min(id, best.0.nodes.count)
      }
    }
    return best
  }

  /// The nodes the outputs need, renumbered in order, and only the inputs and params they use.
  static func prune(_ graph: Graph, _ inputs: [String: HostArray]) -> (Graph, [String: HostArray]) {
    var live = Array(repeating: false, count: graph.nodes.count)
    for o in graph.outputs where o.node >= 0 && o.node < live.count { live[o.node] = true }
    for node in graph.nodes.reversed() where live[node.id] {
      for operand in node.operands where operand >= 0 && operand < live.count {
        live[operand] = true
      }
    }
    var newID = Array(repeating: -1, count: graph.nodes.count)
    var g = Graph(name: graph.name)
    var used: [String: HostArray] = [:]
    for node in graph.nodes where live[node.id] {
      newID[node.id] = g.nodes.count
      if case .input(let name) = node.op, let decl = graph.input(named: name) {
        g.inputs.append(decl)
        used[name] = inputs[name]
      }
      if case .param(let name) = node.op, let decl = graph.params.first(where: { $0.name == name })
      {
        g.params.append(decl)
      }
      _ = g.add(
        node.op, node.operands.map { newID[$0] }, dtype: node.dtype, shape: node.shape,
        loc: node.loc)
    }
    g.outputs = graph.outputs.map { OutputDecl(name: $0.name, node: newID[$0.node]) }
    return (g, used)
  }
}
