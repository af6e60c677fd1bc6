// Convenience constructors for plan steps: a launch or a host read-back.

import DRCIR

extension PlanStep {
  /// A kernel launch.
  public static func launch(kernel: Int, bindings: [Int], nodes: [Int]) -> PlanStep {
    PlanStep(
      kind: .launch, kernel: kernel, bindings: bindings, nodes: nodes, node: nil, buffer: nil,
      dtype: nil, shape: nil,
      loc: nil)
  }

  /// A host read-back of `node` from `buffer`.
  public static func readback(node: Int, buffer: Int, dtype: DType, shape: [Int], loc: String?)
    -> PlanStep
  {
    PlanStep(
      kind: .readback, kernel: nil, bindings: [], nodes: [], node: node, buffer: buffer,
      dtype: dtype, shape: shape,
      loc: loc)
  }
}
