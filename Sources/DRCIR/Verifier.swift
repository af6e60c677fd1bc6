// The IR verifier: every rule a graph must obey, checked node by node.
//
// Operands exist and come earlier; each node's recorded dtype and shape equal what the op's rules
// infer from its operands (TypeInference); inputs and params name declarations of the right type;
// outputs and read-backs name existing nodes. The pass manager runs this after every pass, so a
// pass that breaks a rule is caught at once, with the node that broke it.

import DRCTrace

/// Checks graphs.
public enum Verifier {
  /// Every problem in `graph` (capped), in node order.
  public static func diagnose(_ graph: Graph, limit: Int = 50) -> [Diagnostic] {
    var sink = DiagnosticSink(limit: limit)
    var inputs: [String: InputDecl] = [:]
    for input in graph.inputs { inputs[input.name] = input }
    var params: [String: ParamDecl] = [:]
    for param in graph.params { params[param.name] = param }
    for (index, node) in graph.nodes.enumerated() {
      func fail(_ message: String) {
        sink.add(Diagnostic(node: node.id, op: node.op.name, loc: node.loc, message))
      }
      if node.id != index {
        fail("node id \(node.id) at position \(index)")
        continue
      }
      if let bad = node.operands.first(where: { $0 < 0 || $0 >= node.id }) {
        fail("operand \(bad) is not an earlier node")
        continue
      }
      if let problem = TraceValidator.shapeProblem(node.shape) {
        fail(problem)
        continue
      }
      let declared = ValueType(node.dtype, node.shape)
      switch node.op {
      case .input(let name):
        guard let decl = inputs[name] else {
          fail("no input named '\(Diagnostic.clean(name))' is declared")
          continue
        }
        if decl.dtype != node.dtype || decl.shape != node.shape {
          fail(
            "input '\(name)' is declared \(ValueType(decl.dtype, decl.shape)) but the node is \(declared)"
          )
        }
      case .param(let name):
        guard let decl = params[name] else {
          fail("no param named '\(Diagnostic.clean(name))' is declared")
          continue
        }
        if decl.dtype != node.dtype || !node.shape.isEmpty {
          fail("param '\(name)' is declared \(decl.dtype)[] but the node is \(declared)")
        }
      default: break
      }
      let operandTypes = node.operands.map {
        ValueType(graph.nodes[$0].dtype, graph.nodes[$0].shape)
      }
      do {
        let inferred = try TypeInference.infer(node.op, operandTypes, declared: declared)
        if inferred.shape != node.shape {
          fail("recorded shape \(node.shape) differs from inferred \(inferred.shape)")
        } else if inferred.dtype != node.dtype {
          fail("recorded dtype \(node.dtype) differs from inferred \(inferred.dtype)")
        }
      } catch {
        fail(error.message)
      }
    }
    var outputNames = Set<String>()
    for output in graph.outputs {
      if output.node < 0 || output.node >= graph.nodes.count {
        sink.add(Diagnostic("output '\(output.name)' refers to missing node \(output.node)"))
      }
      if !outputNames.insert(output.name).inserted {
        sink.add(Diagnostic("output name '\(output.name)' is used twice"))
      }
    }
    for r in graph.readbacks
    where r.node < 0 || r.node >= r.position || r.position > graph.nodes.count {
      sink.add(
        Diagnostic(
          node: r.node, loc: r.loc, "read-back at position \(r.position) is not after its node"))
    }
    var all = sink.diagnostics
    if sink.dropped > 0 { all.append(Diagnostic("... and \(sink.dropped) more problems")) }
    return all
  }

  /// Throws a `TraceError` when `graph` breaks any rule.
  public static func check(_ graph: Graph) throws {
    let problems = diagnose(graph)
    if !problems.isEmpty { throw TraceError(problems) }
  }
}
