// The array library's one link to the reference interpreter: evaluate a node on host arrays.
//
// Keeping this in one place means the eager values a program prints and the values `drc
// interpret` computes from its trace come from the same implementation of every op.

import DRCIR
import DRCRuntime

enum Evaluation {
  /// Evaluates `node` on operand values.
  static func evaluate(_ node: Node, _ operands: [HostArray]) throws -> HostArray {
    try Reference.evaluate(
      node, operands: operands, params: [:], inputs: [:], options: InterpreterOptions())
  }

  /// `host` cast to `dtype`.
  static func convert(_ host: HostArray, to dtype: DType) throws -> HostArray {
    if host.dtype == dtype { return host }
    return try evaluate(
      Node(id: 0, op: .cast, operands: [0], dtype: dtype, shape: host.shape), [host])
  }
}
