// Building one kernel body: inline every non-materialised node at the access it is read with.
//
// The builder starts from a kernel's roots (in node order) and expands each into SSA values,
// composing view chains into accesses as it descends. Materialised nodes (inputs, other kernels'
// roots) become loads; this kernel's own earlier roots read at the identity reuse their values.
// Promotion becomes explicit casts, masked updates become selects on index ranges, and
// reductions and matrix products split into inner values and an accumulation. Values are
// hash-consed, so a subexpression read twice at the same access is computed once.

import DRCIR
import DRCPlan

/// A load of a materialised node found while building a kernel.
struct RootRead: Hashable {
  /// The materialised node.
  var node: Int
  /// Where the kernel reads it, in the shape `shape`.
  var access: Access
  /// The shape the buffer is viewed as (the node's shape, or a reshape's result shape).
  var shape: [Int]
  /// Whether it is read per inner point.
  var inner: Bool
}

/// An internal inconsistency while building a kernel (a compiler bug, reported with the node).
struct FusionError: Error, CustomStringConvertible {
  var node: Int
  var message: String
  var description: String { "internal error: fusion of node \(node): \(message)" }
}

/// Builds the body of one kernel.
struct KernelBuilder {
  let graph: Graph
  let partition: Partition
  /// The roots this kernel computes.
  let members: Set<Int>
  /// Parameter index by name.
  let paramIndex: [String: Int]

  private(set) var body: [KernelValue] = []
  private(set) var reads: [RootRead] = []
  /// Non-materialised nodes expanded into this kernel.
  private(set) var inlined: Set<Int> = []
  /// Computed nodes inlined into a reduction's inner loop that every output point recomputes.
  private(set) var repeated: Set<Int> = []
  /// Computed nodes inlined into a reduction's inner loop at all.
  private(set) var innerInlined: Set<Int> = []
  /// Body value of each member root.
  private(set) var rootValues: [Int: Int] = [:]
  /// Outer and inner spaces (set by `begin`).
  private(set) var outer: [Int] = []
  private(set) var inner: [Int] = []
  /// In a scan kernel: the scanned axis of the scan node, and the full-space access at which
  /// the scan and its elementwise epilogues are computed (set by the scan root).
  private(set) var scanAxis: Int?
  private(set) var scanAccess: Access?
  private var consed: [KernelValue: Int] = [:]
  private var memo: [Key: Int] = [:]
  private var loadIndex: [RootRead: Int] = [:]

  private struct Key: Hashable {
    var node: Int
    var access: Access
    var inner: Bool
  }

  init(graph: Graph, partition: Partition, members: Set<Int>, paramIndex: [String: Int]) {
    self.graph = graph
    self.partition = partition
    self.members = members
    self.paramIndex = paramIndex
  }

  /// Sets the iteration spaces (all roots of a kernel share them).
  mutating func begin(outer: [Int], inner: [Int]) {
    self.outer = outer
    self.inner = inner
  }

  /// Marks this kernel as the scan along `axis`, computed at full-space `access`.
  mutating func setScan(axis: Int, access: Access) {
    scanAxis = axis
    scanAccess = access
  }

  /// Drops the lookup tables, keeping the body and what was learned (reads, inlined nodes).
  mutating func compact() {
    consed = [:]
    memo = [:]
    loadIndex = [:]
  }

  /// Appends (or finds) a body value.
  mutating func emit(_ op: ExprOp, _ dtype: DType, inner: Bool, node: Int?) -> Int {
    let key = KernelValue(op, dtype: dtype, inner: inner)
    if let found = consed[key] { return found }
    body.append(KernelValue(op, dtype: dtype, inner: inner, node: node))
    consed[key] = body.count - 1
    return body.count - 1
  }

  /// Value `v` converted to `dtype`.
  mutating func convert(_ v: Int, to dtype: DType, node: Int?) -> Int {
    body[v].dtype == dtype ? v : emit(.cast(v), dtype, inner: body[v].inner, node: node)
  }

  /// Computes member root `id` at the identity of the outer space and returns its value.
  mutating func computeRoot(_ id: Int) throws -> Int {
    let node = graph.nodes[id]
    let value: Int
    switch node.op {
    case .reduce(let op, let axes, let keepdims):
      value = try reduction(node, op: op, axes: axes, keepdims: keepdims)
    case .matmul:
      value = try matmul(node)
    case .scan(let op, let axis):
      value = try scan(node, op: op, axis: axis)
    case .sort(let op, let axis):
      value = try sortLine(node, op: op, axis: axis)
    case .scatter(let op):
      value = try scatterLine(node, op: op)
    case .matrix(let op):
      value = try solveLine(node, op: op)
    default:
      let space = partition.regionStore[id].map { $0.regionShape } ?? node.shape
      if let access = scanAccess {
        // An epilogue of this kernel's scan: computed per point of the line, after the scan.
        value = try expand(id, access, inner: true, asRoot: true)
      } else if partition.regionStore[id] != nil {
        let valueNode = graph.nodes[node.operands[1]]
        let access = Access.identity(rank: space.count).broadcastOperand(
          valueNode.shape, into: space)
        value = convert(try expand(valueNode.id, access, inner: false), to: node.dtype, node: id)
      } else {
        value = try expand(id, .identity(rank: space.count), inner: false, asRoot: true)
      }
    }
    rootValues[id] = value
    return value
  }

  /// The value of node `id` read at `access`.
  mutating func expand(_ id: Int, _ access: Access, inner: Bool, asRoot: Bool = false) throws -> Int
  {
    let key = Key(node: id, access: access, inner: inner)
    if let found = memo[key] { return found }
    let node = graph.nodes[id]
    let result: Int
    if !asRoot, let v = rootValues[id], !inner, access.isIdentity, access.rows.count == outer.count
    {
      result = v
    } else if !asRoot, inner, let v = rootValues[id], let s = scanAccess, access == s {
      // This scan kernel's own root (the scan, or an earlier epilogue) at the current point.
      result = v
    } else if !asRoot, partition.isRoot[id] {
      result = load(
        RootRead(node: id, access: access, shape: node.shape, inner: inner), dtype: node.dtype)
    } else {
      if !asRoot {
        inlined.insert(id)
        if inner && !node.op.isView && !node.operands.isEmpty {
          innerInlined.insert(id)
          if repeatsAcrossOuter(access) { repeated.insert(id) }
        }
      }
      result = try compute(node, access, inner: inner)
    }
    memo[key] = result
    return result
  }

  /// Whether an inner-loop access ignores some outer axis longer than 1 (so each output point
  /// along that axis recomputes the same values).
  func repeatsAcrossOuter(_ access: Access) -> Bool {
    outer.indices.contains { k in outer[k] > 1 && access.rows.allSatisfy { $0[k] == 0 } }
  }

  /// Records a read of a materialised node that is not a plain load (a gather's), so the node
  /// becomes a kernel argument and an input of the kernel's launch level.
  mutating func registerRead(_ read: RootRead) {
    if loadIndex[read] == nil && !reads.contains(read) { reads.append(read) }
  }

  /// A load of a materialised node (one per distinct read); `arg` is `-1 - node` until the
  /// kernel's arguments are numbered.
  mutating func load(_ read: RootRead, dtype: DType) -> Int {
    if let found = loadIndex[read] { return found }
    reads.append(read)
    let space = read.inner ? outer + inner : outer
    let map = read.access.indexMap(shape: read.shape, space: space)
    let v = emit(.load(arg: -1 - read.node, map: map), dtype, inner: read.inner, node: read.node)
    loadIndex[read] = v
    return v
  }
}
