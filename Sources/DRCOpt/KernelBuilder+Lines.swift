// Kernel bodies of the line kernels: sorts, scatters and solves.
//
// Each is the one root of its kernel, reading its materialised operands as whole lines along
// the kernel's one inner axis (a sort's axis, a scatter's axis 0, a solve's matrix flattened)
// through maps over the full space; its emitter (`SortEmitter`, `ScatterEmitter`,
// `SolveEmitter`) computes the line as a whole.

import DRCIR
import DRCPlan

extension KernelBuilder {
  /// A sort root: its (materialised) operand's line along `axis`, read through a map over the
  /// full space (the sorted axis as the one inner axis) and sorted as a whole by the emitter.
  mutating func sortLine(_ node: Node, op: SortOp, axis: Int) throws -> Int {
    let x = graph.nodes[node.operands[0]]
    guard partition.isRoot[x.id] else {
      throw FusionError(node: node.id, message: "a sort needs a materialised operand")
    }
    let access = Access.selecting(
      scanAxes(rank: x.shape.count, axis: axis), spaceRank: outer.count + inner.count)
    let read = RootRead(node: x.id, access: access, shape: x.shape, inner: true)
    registerRead(read)
    setScan(axis: axis, access: access)
    let map = access.indexMap(shape: x.shape, space: outer + inner)
    return emit(.sortLine(op, arg: -1 - x.id, map: map), node.dtype, inner: true, node: node.id)
  }

  /// A scatter root: its target's line along axis 0 (the one inner axis, as a sort reads it),
  /// and its positions and values read as lines of their own length over the same outer space;
  /// all three materialised, written or added by the emitter in index order.
  mutating func scatterLine(_ node: Node, op: ScatterOp) throws -> Int {
    let (x, indices, values) = (
      graph.nodes[node.operands[0]], graph.nodes[node.operands[1]], graph.nodes[node.operands[2]]
    )
    guard [x.id, indices.id, values.id].allSatisfy({ partition.isRoot[$0] }) else {
      throw FusionError(node: node.id, message: "a scatter needs materialised operands")
    }
    let rank = outer.count + inner.count
    let line = Access.selecting(scanAxes(rank: x.shape.count, axis: 0), spaceRank: rank)
    let positions = Access.selecting([outer.count], spaceRank: rank)
    let m = indices.shape.first ?? 0
    for (n, access) in [(x, line), (indices, positions), (values, line)] {
      registerRead(RootRead(node: n.id, access: access, shape: n.shape, inner: true))
    }
    setScan(axis: 0, access: line)
    let sources = ScatterSources(
      indices: -1 - indices.id,
      indexMap: positions.indexMap(shape: indices.shape, space: outer + [m]),
      values: -1 - values.id, valueMap: line.indexMap(shape: values.shape, space: outer + [m]),
      count: m)
    let map = line.indexMap(shape: x.shape, space: outer + inner)
    return emit(
      .scatterLine(op, arg: -1 - x.id, map: map, sources: sources), node.dtype, inner: true,
      node: node.id)
  }

  /// A `gauss_solve` or `cholesky` root: each matrix of its (materialised) operand read as one line of
  /// `rows * columns` elements (the operand's last two axes flattened, which a materialised
  /// buffer's row-major layout allows), eliminated as a whole by the emitter.
  mutating func solveLine(_ node: Node, op: MatrixOp) throws -> Int {
    let x = graph.nodes[node.operands[0]]
    guard partition.isRoot[x.id], x.shape.count >= 2 else {
      throw FusionError(node: node.id, message: "\(op.rawValue) needs a materialised operand")
    }
    let rows = x.shape[x.shape.count - 2]
    let (length, overflow) = rows.multipliedReportingOverflow(by: x.shape[x.shape.count - 1])
    guard !overflow else {
      throw FusionError(node: node.id, message: "\(op.rawValue) is too large")
    }
    let lines = Array(x.shape.dropLast(2)) + [length]
    let rank = outer.count + inner.count
    let access = Access.selecting(
      scanAxes(rank: lines.count, axis: lines.count - 1), spaceRank: rank)
    registerRead(RootRead(node: x.id, access: access, shape: lines, inner: true))
    setScan(axis: lines.count - 1, access: access)
    let map = access.indexMap(shape: lines, space: outer + inner)
    return emit(
      .solveLine(op, rows: rows, arg: -1 - x.id, map: map), node.dtype, inner: true, node: node.id)
  }
}
