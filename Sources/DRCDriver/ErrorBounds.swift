// The forward error-bound pass: the float64 oracle's value of every node plus, per element, a
// bound on how far a device value of that node may be from it.
//
// The pass runs the reference interpreter in float64-oracle mode node by node and, beside each
// value, an array of absolute bounds. A node's bound is what its operands' bounds can become
// through the op at the oracle's own operand values (`ErrorBounds+Elementwise`, exact bounds of
// the function over the operands' error intervals where that is cheap, mean-value bounds
// otherwise), plus the rounding its own result commits: the device's ulps in the dtype the node
// is computed in, relative to the magnitude it may have, plus the subnormal floor, plus the
// oracle's own rounding in float64. Sums use gamma bounds over the device's summation depth,
// views and data movement move bounds with the data. A value that may round past the dtype's
// largest finite number gets an infinite bound, and so does one the model cannot bound (a
// division by an interval containing zero). Bounds are absolute, so cancellation, long
// recurrences and conditioning all show up in them; they ignore correlation between operands
// (x - x is bounded by twice x's bound), so they are sound but not always tight.

import DRCIR
import DRCRuntime

/// One node's oracle value and the bound on a device value's distance from it.
public struct BoundedValue: Sendable {
  /// The oracle's value (float64 for float nodes, the node's dtype otherwise).
  public var value: HostArray
  /// Per element in row-major order: the largest |device - oracle| the model allows.
  public var bound: [Double]
}

/// The forward error-bound pass.
public enum ErrorBounds {
  private static let oracle = InterpreterOptions(float64Oracle: true)

  /// Runs the oracle over `graph` and bounds every node; keeps the nodes in `keep` (nil: all).
  public static func run(graph: Graph, inputs: [String: HostArray], keep: Set<Int>? = nil)
    throws -> [Int: BoundedValue]
  {
    try checkMemory(graph: graph, inputs: inputs)
    var params = [String: Scalar]()
    for decl in graph.params { params[decl.name] = decl.value }
    var lastUse = [Int](repeating: -1, count: graph.nodes.count)
    for node in graph.nodes {
      for operand in node.operands where operand >= 0 && operand < node.id {
        lastUse[operand] = max(lastUse[operand], node.id)
      }
    }
    var live = [Int: BoundedValue]()
    var kept = [Int: BoundedValue]()
    for (i, node) in graph.nodes.enumerated() {
      var operands: [BoundedValue] = []
      for operand in node.operands {
        guard let value = live[operand] else {
          throw InterpreterError(node: node, "operand \(operand) has no value")
        }
        operands.append(value)
      }
      let value = try Reference.evaluate(
        node, operands: operands.map(\.value), params: params, inputs: inputs, options: oracle)
      let bound = try bounds(node, operands, value)
      let result = BoundedValue(value: value, bound: finish(node, bound, value.doubles()))
      if keep?.contains(i) ?? true { kept[i] = result }
      live[i] = result
      for operand in node.operands where lastUse[operand] == i { live[operand] = nil }
      if lastUse[i] < 0 { live[i] = nil }
    }
    return kept
  }

  /// Overflow and unboundable elements become infinite bounds.
  static func finish(_ node: Node, _ bound: [Double], _ value: [Double]) -> [Double] {
    let limit = Tolerance.overflowThreshold(node.dtype)
    var out = bound
    for i in out.indices {
      if out[i].isNaN { out[i] = .infinity }
      if i < value.count, value[i].isFinite, abs(value[i]) + out[i] >= limit { out[i] = .infinity }
    }
    return out
  }

  /// The rounding one result of `op` commits on the device and in the oracle, at magnitude `m`
  /// (the oracle's value plus the propagated bound), computed in `dtype`.
  static func rounding(_ op: Op, _ dtype: DType, magnitude m: Double, oracle v: Double) -> Double {
    let k = Tolerance.ulps(op, dtype: dtype)
    let device =
      k == 0 ? 0 : k * (2 * Tolerance.unitRoundoff(dtype) * m + Tolerance.subnormalFloor(dtype))
    let r = Tolerance.oracleUlps(op)
    let reference = r == 0 || !v.isFinite ? 0 : r * 0x1p-52 * abs(v)
    return device + reference
  }

  private static func bounds(_ node: Node, _ operands: [BoundedValue], _ value: HostArray)
    throws -> [Double]
  {
    switch node.op {
    case .input, .param, .full, .iota:
      return Array(repeating: 0, count: value.count)
    case .arange(let start, _):
      let s = abs(start.doubleValue)
      return value.doubles().map {
        let m = abs($0) + s
        return rounding(node.op, node.dtype, magnitude: 2 * m, oracle: m)
      }
    case .unary, .binary, .select, .cast:
      return try elementwise(node, operands, value.doubles())
    case .reduce(let r, let axes, _) where r.isIndex:
      return try index(r, axes: axes, operands[0], value.doubles())
    case .reduce(let r, let axes, _):
      return try reduction(node, r, axes: axes, operands[0], value.doubles())
    case .scan(let op, let axis):
      return try scan(node, op, axis: axis, operands[0], value.doubles())
    case .matmul:
      return try matmul(node, operands[0], operands[1], value.doubles())
    case .update:
      var incoming = operands[1]
      if incoming.value.dtype != node.dtype && node.dtype.isFloat {
        let cast = Node(
          id: 0, op: .cast, operands: [0], dtype: node.dtype, shape: incoming.value.shape)
        let v = incoming.value.doubles()
        incoming.bound = zip(v, incoming.bound).map {
          $1 + rounding(cast.op, cast.dtype, magnitude: abs($0) + $1, oracle: $0)
        }
      }
      return try moved(node, [operands[0].bound, incoming.bound], [operands[0], incoming])
    case .slice, .reshape, .transpose, .broadcast, .expandDims, .squeeze, .concatenate:
      return try moved(node, operands.map(\.bound), operands)
    case .sort(let op, let axis):
      // A sorted line's k-th element moves by at most the line's largest bound (order
      // statistics are 1-Lipschitz in the largest difference); positions are exact only when
      // every value of the line is.
      let shape = node.shape
      let n = shape[axis]
      let inner = shape[(axis + 1)...].reduce(1, *)
      var largest = operands[0].bound
      for o in 0..<shape[..<axis].reduce(1, *) {
        for i in 0..<inner {
          let line = (0..<n).map { (o * n + $0) * inner + i }
          let m = line.map { operands[0].bound[$0] }.max() ?? 0
          for e in line { largest[e] = op == .sort ? m : (m == 0 ? 0 : .infinity) }
        }
      }
      return largest
    case .scatter(let op):
      return try scatter(node, op, operands)
    case .matrix:
      // The elimination of exact operands is the oracle's own arithmetic, roundings included,
      // bit for bit (`Reference+GaussSolve.swift`, `SolveEmitter`); inexact operands move the
      // result with the matrices' condition, which this model does not bound.
      let exact = operands.allSatisfy { $0.bound.allSatisfy { $0 == 0 } }
      return Array(repeating: exact ? 0 : .infinity, count: value.count)
    case .take:
      // The data's bounds move with its elements; the indices are exact integers.
      let bounds = try HostArray(operands[0].bound, shape: operands[0].value.shape)
      return try apply(node, [bounds, operands[1].value])
    }
  }

  /// A scatter's bounds: written values keep theirs; a sum in index order adds its terms'
  /// bounds plus, per addition, the dtype's rounding of a partial sum, which is at most the sum
  /// of the terms' magnitudes (the oracle's own float64 rounding likewise).
  static func scatter(_ node: Node, _ op: ScatterOp, _ operands: [BoundedValue]) throws -> [Double]
  {
    func array(_ values: [Double], _ like: BoundedValue) throws -> HostArray {
      try HostArray(values, shape: like.value.shape)
    }
    let (x, indices, v) = (operands[0], operands[1].value, operands[2])
    let moved = try apply(node, [try array(x.bound, x), indices, try array(v.bound, v)])
    guard op == .scatterAdd, node.dtype.isFloat else { return moved }
    let magnitude = try apply(
      node,
      [try array(x.value.doubles().map(abs), x), indices, try array(v.value.doubles().map(abs), v)])
    let additions = try apply(
      node,
      [
        try array([Double](repeating: 0, count: x.bound.count), x), indices,
        try array([Double](repeating: 1, count: v.bound.count), v),
      ])
    let unit = node.dtype == .float32 ? 0x1p-24 : 0x1p-53
    return (0..<moved.count).map { e in
      moved[e] + additions[e] * (unit + 0x1p-53) * (magnitude[e] + moved[e])
    }
  }

  /// Applies a data-movement op to bound arrays (as float64 values).
  static func moved(_ node: Node, _ bounds: [[Double]], _ like: [BoundedValue]) throws -> [Double] {
    let arrays = try zip(bounds, like).map { try HostArray($0, shape: $1.value.shape) }
    return try apply(node, arrays)
  }

  /// `node`'s op evaluated on float64 arrays.
  static func apply(_ node: Node, _ arrays: [HostArray], op: Op? = nil) throws -> [Double] {
    var n = node
    n.dtype = .float64
    n.op = op ?? node.op
    n.operands = Array(arrays.indices)
    return try Reference.evaluate(n, operands: arrays, params: [:], inputs: [:]).doubles()
  }

  /// An operand's values and bounds broadcast to `shape`.
  static func broadcast(_ x: BoundedValue, to shape: [Int]) throws -> (v: [Double], e: [Double]) {
    let v = x.value.doubles()
    guard x.value.shape != shape else { return (v, x.bound) }
    let node = Node(id: 1, op: .broadcast, operands: [0], dtype: .float64, shape: shape)
    return (
      try apply(node, [try HostArray(v, shape: x.value.shape)]),
      try apply(node, [try HostArray(x.bound, shape: x.value.shape)])
    )
  }

  /// Bytes the oracle holds per element of a live value: the float64 value, its bound and the
  /// doubles the bound is computed from.
  static let bytesPerElement = 24

  /// Refuses an oracle run whose inputs and live values would exceed the memory budget.
  static func checkMemory(graph: Graph, inputs: [String: HostArray]) throws {
    let limit = InterpreterOptions.defaultMemoryLimit
    var held = 0
    for value in inputs.values {
      held = MemoryBudget.add(held, MemoryBudget.bytes(value.shape, size: value.dtype.size))
    }
    let peak = MemoryBudget.peak(graph) { _ in bytesPerElement }
    let total = MemoryBudget.add(held, peak.bytes)
    guard total > limit else { return }
    let message =
      "checking against the float64 oracle needs \(MemoryBudget.text(total)) at once, over the "
      + "memory limit of \(MemoryBudget.text(limit)) (set \(MemoryBudget.environmentVariable))"
    if let id = peak.node, id < graph.nodes.count {
      throw InterpreterError(node: graph.nodes[id], message)
    }
    throw InterpreterError(message)
  }
}
