// How each op expands inside a kernel body (the per-op half of KernelBuilder).
//
// Elementwise ops convert their operands to the computation dtype that docs/ops.md gives
// (promotion; float64 for division, atan2 and copysign of integers; bool for logic) and emit one
// value. Views only change the access. A masked update is a select between its value and its base
// on an index-range test; a concatenation is a chain of such selects. Sources become constants,
// parameters or index arithmetic.

import DRCIR
import DRCPlan

extension KernelBuilder {
  /// Expands a non-materialised node at `access`.
  mutating func compute(_ node: Node, _ access: Access, inner: Bool) throws -> Int {
    let id = node.id
    func operand(_ i: Int) throws -> Int {
      let o = graph.nodes[node.operands[i]]
      return try expand(o.id, access.broadcastOperand(o.shape, into: node.shape), inner: inner)
    }
    switch node.op {
    case .full(let value):
      return emit(.constant(value.converted(to: node.dtype)), node.dtype, inner: inner, node: id)
    case .param(let name):
      guard let index = paramIndex[name] else {
        throw FusionError(node: id, message: "unknown param \(name)")
      }
      return emit(.param(arg: -1 - index), node.dtype, inner: inner, node: id)
    case .iota(let axis):
      let i = emit(
        .index(coefficients: access.rows[axis], offset: access.offsets[axis]), .int64, inner: inner,
        node: id)
      return convert(i, to: node.dtype, node: id)
    case .arange(let start, let step):
      let i = emit(
        .index(coefficients: access.rows[0], offset: access.offsets[0]), .int64, inner: inner,
        node: id)
      let wide: DType = node.dtype.isFloat ? .float64 : .int64
      let s = emit(.constant(start.converted(to: wide)), wide, inner: inner, node: id)
      let d = emit(.constant(step.converted(to: wide)), wide, inner: inner, node: id)
      let scaled = emit(
        .binary(.mul, convert(i, to: wide, node: id), d), wide, inner: inner, node: id)
      return convert(
        emit(.binary(.add, s, scaled), wide, inner: inner, node: id), to: node.dtype, node: id)
    case .unary(let op):
      let a = try operand(0)
      let dtype: DType = op == .logicalNot ? .bool : node.dtype
      return emit(.unary(op, convert(a, to: dtype, node: id)), node.dtype, inner: inner, node: id)
    case .binary(let op):
      let a = try operand(0)
      let b = try operand(1)
      let common = DType.promote(body[a].dtype, body[b].dtype)
      let compute: DType =
        op.isLogical
        ? .bool
        : op.isComparison ? common : op.computesInFloat ? common.floatResult : common
      let x = convert(a, to: compute, node: id)
      let y = convert(b, to: compute, node: id)
      let r = emit(
        .binary(op, x, y), op.isLogical || op.isComparison ? .bool : compute, inner: inner, node: id
      )
      return convert(r, to: node.dtype, node: id)
    case .select:
      let c = convert(try operand(0), to: .bool, node: id)
      let a = convert(try operand(1), to: node.dtype, node: id)
      let b = convert(try operand(2), to: node.dtype, node: id)
      return emit(.select(c, a, b), node.dtype, inner: inner, node: id)
    case .cast:
      return convert(try operand(0), to: node.dtype, node: id)
    case .slice, .transpose, .broadcast, .expandDims, .squeeze, .reshape:
      let o = graph.nodes[node.operands[0]]
      if let through = access.through(node, operandShape: o.shape) {
        return try expand(o.id, through, inner: inner)
      }
      guard case .reshape = node.op, partition.isRoot[o.id] else {
        throw FusionError(
          node: id, message: "view is not affine and its operand is not materialised")
      }
      return load(
        RootRead(node: o.id, access: access, shape: node.shape, inner: inner), dtype: node.dtype)
    case .update(let ranges):
      return try maskedUpdate(node, ranges, access, inner: inner)
    case .concatenate(let axis):
      return try concatenation(node, axis: axis, access, inner: inner)
    case .take(let axis):
      return try gather(node, axis: axis, access, inner: inner)
    case .input, .reduce, .matmul, .scan, .sort, .scatter, .matrix:
      throw FusionError(node: id, message: "\(node.op.name) must be materialised")
    }
  }

  /// `in_region ? value : base` for an update with unit steps, read at `access`.
  private mutating func maskedUpdate(
    _ node: Node, _ ranges: [SliceRange], _ access: Access, inner: Bool
  ) throws
    -> Int
  {
    let id = node.id
    let base = try expand(node.operands[0], access, inner: inner)
    let regionShape = ranges.map(\.count)
    if regionShape.contains(0) { return base }
    var valueAccess = access
    var test: Int?
    for (j, r) in ranges.enumerated() {
      guard r.step == 1 || r.step == -1 else {
        throw FusionError(node: id, message: "masked update needs unit steps")
      }
      valueAccess.rows[j] = access.rows[j].map { $0 * r.step }
      valueAccess.offsets[j] = r.step * (access.offsets[j] - r.start)
      let (lo, hi) = r.step == 1 ? (r.start, r.stop) : (r.stop + 1, r.start + 1)
      if lo == 0 && hi == node.shape[j] { continue }
      let t = emit(
        .inRange(coefficients: access.rows[j], offset: access.offsets[j], lo: lo, hi: hi), .bool,
        inner: inner, node: id)
      test = test.map { emit(.binary(.logicalAnd, $0, t), .bool, inner: inner, node: id) } ?? t
    }
    let valueNode = graph.nodes[node.operands[1]]
    let v = try expand(
      valueNode.id, valueAccess.broadcastOperand(valueNode.shape, into: regionShape), inner: inner)
    let value = convert(v, to: node.dtype, node: id)
    guard let test else { return value }
    return emit(.select(test, value, base), node.dtype, inner: inner, node: id)
  }

  /// A `take` read at `access`: its indices expanded at the index axes of the access, and a
  /// gather from its (materialised) data operand whose map has one extra iteration axis, the
  /// gathered position, standing where the data's `axis` was.
  private mutating func gather(_ node: Node, axis: Int, _ access: Access, inner: Bool) throws
    -> Int
  {
    let data = graph.nodes[node.operands[0]]
    let indices = graph.nodes[node.operands[1]]
    let m = indices.shape.count
    guard partition.isRoot[data.id], axis >= 0, axis < data.shape.count,
      access.rows.count == data.shape.count - 1 + m
    else { throw FusionError(node: node.id, message: "take needs a materialised operand") }
    let indexAccess = Access(
      rows: Array(access.rows[axis..<axis + m]), offsets: Array(access.offsets[axis..<axis + m]),
      spaceRank: access.spaceRank)
    let index = convert(
      try expand(indices.id, indexAccess, inner: inner), to: .int64, node: node.id)
    let zero = Array(repeating: 0, count: access.spaceRank)
    var rows: [[Int]] = []
    var offsets: [Int] = []
    for j in data.shape.indices {
      if j == axis {
        rows.append(zero + [1])
        offsets.append(0)
      } else {
        let r = j < axis ? j : j + m - 1
        rows.append(access.rows[r] + [0])
        offsets.append(access.offsets[r])
      }
    }
    let read = RootRead(
      node: data.id, access: Access(rows: rows, offsets: offsets, spaceRank: access.spaceRank + 1),
      shape: data.shape, inner: inner)
    let extent = data.shape[axis]
    let space = (inner ? outer + self.inner : outer) + [max(extent, 1)]
    let map = read.access.indexMap(shape: data.shape, space: space)
    registerRead(read)
    return emit(
      .gather(arg: -1 - data.id, map: map, index: index, extent: extent), node.dtype,
      inner: inner, node: node.id)
  }

  /// A chain of selects picking the operand whose range along `axis` holds the index.
  private mutating func concatenation(_ node: Node, axis: Int, _ access: Access, inner: Bool) throws
    -> Int
  {
    var starts: [Int] = []
    var total = 0
    for o in node.operands {
      starts.append(total)
      total += graph.nodes[o].shape[axis]
    }
    var result: Int?
    for (p, o) in node.operands.enumerated().reversed() where graph.nodes[o].shape[axis] > 0 {
      var shifted = access
      shifted.offsets[axis] -= starts[p]
      let v = convert(try expand(o, shifted, inner: inner), to: node.dtype, node: node.id)
      guard let later = result else {
        result = v
        continue
      }
      let length = graph.nodes[o].shape[axis]
      let t = emit(
        .inRange(
          coefficients: access.rows[axis], offset: access.offsets[axis], lo: starts[p],
          hi: starts[p] + length),
        .bool, inner: inner, node: node.id)
      result = emit(.select(t, v, later), node.dtype, inner: inner, node: node.id)
    }
    guard let result else {
      return emit(
        .constant(Scalar.bool(false).converted(to: node.dtype)), node.dtype, inner: inner,
        node: node.id)
    }
    return result
  }

  /// A reduction root: its operand expanded per inner point, then accumulated.
  mutating func reduction(_ node: Node, op: ReduceOp, axes: [Int], keepdims: Bool) throws -> Int {
    let x = graph.nodes[node.operands[0]]
    let kept = x.shape.indices.filter { !axes.contains($0) }
    var select: [Int] = []
    for j in x.shape.indices {
      if let r = axes.firstIndex(of: j) {
        select.append(outer.count + r)
      } else {
        select.append(keepdims ? j : kept.firstIndex(of: j) ?? 0)
      }
    }
    let access = Access.selecting(select, spaceRank: outer.count + inner.count)
    let x0 = try expand(x.id, access, inner: true)
    // argmin/argmax compare the operand's own values; their result (int64) is a position.
    let v = op.isIndex ? x0 : convert(x0, to: node.dtype, node: node.id)
    return emit(.accumulate(op, v), node.dtype, inner: false, node: node.id)
  }

  /// The full-space axis each axis of a scan node along `axis` reads: kept axes in order, then
  /// the scanned axis as the one inner axis (`outer.count`).
  func scanAxes(rank: Int, axis: Int) -> [Int] {
    (0..<rank).map { $0 == axis ? outer.count : ($0 < axis ? $0 : $0 - 1) }
  }

  /// A scan root: its operand expanded per point of the full space, then scanned (an inner value).
  mutating func scan(_ node: Node, op: ScanOp, axis: Int) throws -> Int {
    let x = graph.nodes[node.operands[0]]
    let access = Access.selecting(
      scanAxes(rank: x.shape.count, axis: axis), spaceRank: outer.count + inner.count)
    let v = convert(try expand(x.id, access, inner: true), to: node.dtype, node: node.id)
    setScan(axis: axis, access: access)
    return emit(.scan(op, v), node.dtype, inner: true, node: node.id)
  }

  /// A matrix product root: `sum_k a[i, k] * b[k, j]` with promotion.
  mutating func matmul(_ node: Node) throws -> Int {
    let a = graph.nodes[node.operands[0]]
    let b = graph.nodes[node.operands[1]]
    let k = outer.count
    let rank = outer.count + 1
    let aAccess = Access.selecting(a.shape.count == 2 ? [0, k] : [k], spaceRank: rank)
    let bAccess = Access.selecting(
      b.shape.count == 2 ? [k, outer.count - 1] : [k], spaceRank: rank)
    let x = convert(try expand(a.id, aAccess, inner: true), to: node.dtype, node: node.id)
    let y = convert(try expand(b.id, bAccess, inner: true), to: node.dtype, node: node.id)
    let p = emit(.binary(.mul, x, y), node.dtype, inner: true, node: node.id)
    return emit(.accumulate(.sum, p), node.dtype, inner: false, node: node.id)
  }
}
