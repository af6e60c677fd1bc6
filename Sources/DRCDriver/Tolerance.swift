// How far a device result may be from the float64 oracle, derived from docs/numerics.md.
//
// Each op has an accuracy bound in ulps on an OpenCL 1.2 device (the spec's full-profile
// bounds: 0.5 for + - *, 2.5 for float32 division, 3 for sqrt, exp and log, 4 for sin and cos,
// 5 for tan and tanh, 6 for atan2, 16 for erf and pow), plus half an ulp for rounding its result
// to the output dtype. Bounds propagate to first order through the output's expression (sums
// through products and quotients, maxima through additions), reductions add the rounding of
// their fixed-order partial sums. The comparison is normwise: |device - oracle| must be within
// tolerance × (|oracle| + max |oracle|), which absorbs cancellation near zero. Integers and
// bools must match exactly.

import DRCIR
import DRCRuntime

/// Tolerances of device results against the float64 oracle.
public enum Tolerance {
  /// The ulp bound of one op's result on a device (docs/numerics.md "OpenCL accuracy").
  static func ulps(_ op: Op, dtype: DType) -> Double {
    switch op {
    case .unary(let u):
      switch u {
      case .sqrt: return dtype == .float32 ? 3 : 0.5
      case .exp, .log: return 3
      case .sin, .cos: return 4
      case .tan, .tanh: return 5
      case .erf: return 16
      default: return 0.5
      }
    case .binary(let b):
      switch b {
      case .div: return dtype == .float32 ? 2.5 : 0.5
      case .pow: return 16
      case .atan2: return 6
      default: return 0.5
      }
    default: return 0.5
    }
  }

  /// The relative tolerance of every node of `graph` (0 for integer and bool nodes).
  public static func perNode(_ graph: Graph) -> [Double] {
    var bound = Array(repeating: 0.0, count: graph.nodes.count)
    var result = Array(repeating: 0.0, count: graph.nodes.count)
    for node in graph.nodes {
      let operands = node.operands.map { bound[$0] }
      var value = ulps(node.op, dtype: node.dtype)
      switch node.op {
      case .binary(.mul), .binary(.div), .binary(.pow), .binary(.atan2), .matmul:
        value += operands.reduce(0, +)
      default:
        value += operands.max() ?? 0
      }
      if case .reduce(_, let axes, _) = node.op {
        let n = axes.reduce(1) { $0 * graph.nodes[node.operands[0]].shape[$1] }
        value += Double(n / 256 + 256)
      }
      if case .matmul = node.op, let a = graph.nodes[node.operands[0]].shape.last {
        value += Double(a)
      }
      bound[node.id] = min(value, 1e7)
      let eps: Double
      switch node.dtype {
      case .float32: eps = 0x1p-23
      case .float64: eps = 0x1p-52
      default: eps = 0
      }
      result[node.id] = eps == 0 ? 0 : max(bound[node.id], 4) * eps
    }
    return result
  }

  /// The relative tolerance of each output of `graph`, by output name (0 for exact dtypes).
  public static func relative(_ graph: Graph) -> [String: Double] {
    let bounds = perNode(graph)
    var result: [String: Double] = [:]
    for output in graph.outputs { result[output.name] = bounds[output.node] }
    return result
  }
}

/// How a device result compares with the oracle.
public struct Agreement: Sendable {
  /// Largest |device - oracle|.
  public var maxAbsolute: Double
  /// Largest |device - oracle| / (|oracle| + max|oracle|).
  public var maxNormwise: Double
  /// Flat index of the worst element.
  public var worst: Int
  /// Whether every element is within tolerance.
  public var passes: Bool

  /// Compares `device` with `oracle` at relative tolerance `tolerance` (0: exact).
  public static func compare(_ device: HostArray, _ oracle: HostArray, tolerance: Double)
    -> Agreement
  {
    guard device.shape == oracle.shape else {
      return Agreement(maxAbsolute: .infinity, maxNormwise: .infinity, worst: 0, passes: false)
    }
    let d = device.doubles()
    let o = oracle.doubles()
    let scale = o.reduce(0.0) { $1.isFinite ? max($0, abs($1)) : $0 }
    var result = Agreement(maxAbsolute: 0, maxNormwise: 0, worst: 0, passes: true)
    for i in d.indices {
      if d[i] == o[i] || (d[i].isNaN && o[i].isNaN) { continue }
      let diff = abs(d[i] - o[i])
      let normwise = diff.isNaN ? .infinity : diff / (abs(o[i]) + scale)
      if normwise > result.maxNormwise {
        result.maxNormwise = normwise
        result.worst = i
      }
      result.maxAbsolute = max(result.maxAbsolute, diff.isNaN ? .infinity : diff)
      if tolerance == 0 || normwise > tolerance { result.passes = false }
    }
    return result
  }
}
