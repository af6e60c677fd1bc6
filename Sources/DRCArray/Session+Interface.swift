// The program's interface as the recorder sees it: named inputs, params, outputs, read-backs.

import DRCIR
import DRCRuntime
import DRCTrace

extension Session {
  /// Declares an input named `name` holding `value` and returns its source value.
  func declareInput(_ name: String?, _ value: HostArray, site: CallSite?) throws(ArrayError)
    -> Value
  {
    let chosen = name ?? nextInputName()
    try checkNewName(chosen, op: "input", site: site)
    guard isRecording else { return unrecorded(value, site: site) }
    lock.lock()
    graph.inputs.append(InputDecl(name: chosen, dtype: value.dtype, shape: value.shape))
    inputValues[chosen] = value
    lock.unlock()
    return source(.input(chosen), value: value, site: site)
  }

  /// Declares a runtime scalar parameter and returns its source value.
  func declareParam(_ name: String, _ value: Scalar, dtype: DType, site: CallSite?)
    throws(ArrayError) -> Value
  {
    try checkNewName(name, op: "param", site: site)
    let array = HostArray(scalar: value.converted(to: dtype), dtype: dtype)
    guard isRecording else { return unrecorded(array, site: site) }
    lock.lock()
    graph.params.append(ParamDecl(name: name, dtype: dtype, value: value.converted(to: dtype)))
    lock.unlock()
    return source(.param(name), value: array, site: site)
  }

  /// Names `value` as an output of the compiled program.
  func declareOutput(_ name: String, _ value: Value, site: CallSite?) throws(ArrayError) {
    guard TraceValidator.isIdentifier(name) else {
      throw ArrayError(
        op: "output", "name '\(name)' is not an identifier", location: location(site))
    }
    guard isRecording, let node = value.node else { return }
    lock.lock()
    defer { lock.unlock() }
    if let index = graph.outputs.firstIndex(where: { $0.name == name }) {
      graph.outputs[index].node = node
    } else {
      graph.outputs.append(OutputDecl(name: name, node: node))
    }
  }

  /// Records that the program read `value` back to the host.
  func readback(_ value: Value, kind: String, site: CallSite?) {
    guard isRecording, let node = value.node else { return }
    let loc = location(site)
    lock.lock()
    defer { lock.unlock() }
    graph.readbacks.append(Readback(node: node, position: graph.nodes.count, kind: kind, loc: loc))
  }

  private func checkNewName(_ name: String, op: String, site: CallSite?) throws(ArrayError) {
    guard TraceValidator.isIdentifier(name) else {
      throw ArrayError(op: op, "name '\(name)' is not an identifier", location: location(site))
    }
    lock.lock()
    defer { lock.unlock() }
    if graph.inputs.contains(where: { $0.name == name })
      || graph.params.contains(where: { $0.name == name })
    {
      throw ArrayError(
        op: op, "name '\(name)' is already used by an input or param", location: location(site))
    }
  }
}
