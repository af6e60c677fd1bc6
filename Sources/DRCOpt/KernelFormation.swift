// Grouping roots into kernels: multi-output, map-reduce epilogues, and launch levels.
//
// Roots are visited in node order. Each one joins an existing kernel with the same iteration
// space when that cannot create a cycle or a race: everything it reads from other kernels must
// come from strictly lower launch levels than the kernel it joins, and it may read that kernel's
// own roots only at the same point (elementwise epilogues of a reduction, or a second output
// computed from the first). Otherwise it opens a new kernel one level above its inputs. A scan
// opens its own kernel; the one thing that joins it is an elementwise root of the scan's shape
// that reads the scan only at the same element (a simple epilogue such as `cumsum(x) / k`),
// computed per point of the scan's line after the scan. Sorting kernels by level then gives a
// launch order that respects every dependency. A reduction joins a reduction kernel only when
// both read in the same direction (`readsAlongRows`): a row reduction merged into a column
// reduction would gather one element from each row per vector lane (PoCL, cronbach 2000 x 2000
// float64: the column sum of squares and the row sums in one kernel took 4.0-9.6 ms, apart
// ~1.7 and ~1 ms).

import DRCIR

/// A kernel being formed.
struct KernelGroup {
  /// Roots computed, in node order.
  var roots: [Int]
  /// Outer space.
  var outer: [Int]
  /// Inner (reduction) space.
  var inner: [Int]
  /// Whether the kernel holds a matrix product.
  var isMatmul: Bool
  /// Launch level: 1 + the highest level it reads from (inputs are level 0).
  var level: Int
  /// In-place region updates run alone.
  var exclusive: Bool
  /// Whether the kernel is a scan (its one root alone: nothing joins it, it joins nothing).
  var isScan: Bool = false
  /// Whether the kernel is a sort (alone too: nothing joins it, it joins nothing).
  var isSort: Bool = false
  /// Whether the kernel is a scatter (alone too).
  var isScatter: Bool = false
  /// Whether the kernel is a `gauss_solve` or `cholesky` (alone too).
  var isSolve: Bool = false
  /// For a reduction: whether its first root reads along its rows (`readsAlongRows`).
  var alongRows: Bool = false
}

/// The kernels of a partitioned graph.
struct Formation {
  /// Kernels in creation order.
  var groups: [KernelGroup] = []
  /// The kernel computing each root (-1 for inputs and non-roots).
  var groupOf: [Int]
  /// Each root's body built alone (the kernel body when the root's kernel has no other root).
  var alone: [Int: KernelBuilder] = [:]

  /// Forms kernels for every root of `partition`; `join: false` gives each root its own kernel.
  static func make(
    _ graph: Graph, _ partition: Partition, paramIndex: [String: Int], join: Bool = true
  ) throws
    -> Formation
  {
    var f = Formation(groupOf: Array(repeating: -1, count: graph.nodes.count))
    var bySpace: [[[Int]]: [Int]] = [:]
    var byOuter: [[Int]: [Int]] = [:]
    var byScanShape: [[Int]: [Int]] = [:]
    for node in graph.nodes where partition.isRoot[node.id] {
      if case .input = node.op { continue }
      var dry = KernelBuilder(
        graph: graph, partition: partition, members: [node.id], paramIndex: paramIndex)
      let (outer, inner) = spaces(node, graph, partition)
      dry.begin(outer: outer, inner: inner)
      _ = try dry.computeRoot(node.id)
      let reads = dry.reads
      dry.compact()
      f.alone[node.id] = dry
      var depLevel = 0
      for r in reads where f.groupOf[r.node] >= 0 {
        depLevel = max(depLevel, f.groups[f.groupOf[r.node]].level)
      }
      if let base = partition.regionStore[node.id]?.base, f.groupOf[base] >= 0 {
        // An in-place update writes over its base: it runs after the kernel that computed it.
        depLevel = max(depLevel, f.groups[f.groupOf[base]].level)
      }
      let isMatmul: Bool
      if case .matmul = node.op { isMatmul = true } else { isMatmul = false }
      let isScan: Bool
      if case .scan = node.op { isScan = true } else { isScan = false }
      let isSort: Bool
      if case .sort = node.op { isSort = true } else { isSort = false }
      let isScatter: Bool
      if case .scatter = node.op { isScatter = true } else { isScatter = false }
      let isSolve: Bool
      if case .matrix = node.op { isSolve = true } else { isSolve = false }
      let exclusive =
        partition.regionStore[node.id] != nil || isScan || isSort || isScatter || isSolve
      let key = [outer, inner, [isMatmul ? 1 : 0]]
      let alongRows =
        !inner.isEmpty && Formation.readsAlongRows(reads, rank: outer.count + inner.count)
      // Elementwise roots may join any kernel over the same outer space (as an epilogue).
      let candidates = inner.isEmpty ? byOuter[outer] ?? [] : bySpace[key] ?? []
      var chosen: Int?
      if !exclusive && join {
        for g in candidates.suffix(4)
        where f.canJoin(node, reads, g, inner: !inner.isEmpty)
          && (inner.isEmpty || f.groups[g].alongRows == alongRows)
        {
          if chosen.map({ f.groups[g].level < f.groups[$0].level }) ?? true { chosen = g }
        }
        if chosen == nil && inner.isEmpty && outer == node.shape {
          chosen = (byScanShape[node.shape] ?? []).suffix(4).last {
            f.canJoinScan(node, reads, $0)
          }
        }
      }
      if let g = chosen {
        f.groups[g].roots.append(node.id)
        f.groupOf[node.id] = g
      } else {
        f.groups.append(
          KernelGroup(
            roots: [node.id], outer: outer, inner: inner, isMatmul: isMatmul, level: depLevel + 1,
            exclusive: exclusive, isScan: isScan, isSort: isSort, isScatter: isScatter,
            isSolve: isSolve,
            alongRows: alongRows))
        f.groupOf[node.id] = f.groups.count - 1
        if !exclusive {
          bySpace[key, default: []].append(f.groups.count - 1)
          byOuter[outer, default: []].append(f.groups.count - 1)
        }
        if isScan { byScanShape[node.shape, default: []].append(f.groups.count - 1) }
      }
    }
    return f
  }

  /// Whether root `node`, reading `reads`, may join kernel `g`.
  private func canJoin(_ node: Node, _ reads: [RootRead], _ g: Int, inner: Bool) -> Bool {
    let group = groups[g]
    if group.exclusive { return false }
    for r in reads {
      let other = groupOf[r.node]
      if other < 0 { continue }
      if other == g {
        if inner || r.inner || !r.access.isIdentity || r.access.rows.count != group.outer.count {
          return false
        }
      } else if groups[other].level >= group.level {
        return false
      }
    }
    return true
  }

  /// Whether elementwise root `node`, reading `reads`, may join scan kernel `g` as an epilogue:
  /// it reads that kernel's roots only at its own element (so per point of the line, after the
  /// scan), and everything else from strictly lower launch levels.
  private func canJoinScan(_ node: Node, _ reads: [RootRead], _ g: Int) -> Bool {
    let group = groups[g]
    guard group.isScan else { return false }
    for r in reads {
      let other = groupOf[r.node]
      if other < 0 { continue }
      if other == g {
        let identity = r.access.isIdentity && r.access.rows.count == node.shape.count
        if r.inner || !identity || r.shape != node.shape { return false }
      } else if groups[other].level >= group.level {
        return false
      }
    }
    return true
  }

  /// Whether a reduction root's per-point reads all run along the last axis of its iteration
  /// space (flat stride 0 or 1 there, at least one 1): it reduces contiguous rows, which the
  /// emitter vectorises along the row; otherwise its lanes are consecutive output points.
  static func readsAlongRows(_ reads: [RootRead], rank: Int) -> Bool {
    let last = rank - 1
    var contiguous = false
    for r in reads where r.inner {
      var stride = 0
      var row = 1
      for j in r.shape.indices.reversed() {
        if j < r.access.rows.count, last >= 0, last < r.access.rows[j].count {
          stride = stride &+ row &* r.access.rows[j][last]
        }
        row = row.multipliedReportingOverflow(by: r.shape[j]).partialValue
      }
      if stride == 1 { contiguous = true } else if stride != 0 { return false }
    }
    return contiguous
  }

  /// The outer and inner iteration spaces of root `node`.
  static func spaces(_ node: Node, _ graph: Graph, _ partition: Partition) -> ([Int], [Int]) {
    switch node.op {
    case .reduce(_, let axes, _):
      let x = graph.nodes[node.operands[0]]
      return (node.shape, axes.map { x.shape[$0] })
    case .matmul:
      let a = graph.nodes[node.operands[0]]
      return (node.shape, [a.shape[a.shape.count - 1]])
    case .scan(_, let axis), .sort(_, let axis):
      var outer = node.shape
      let n = outer.remove(at: axis)
      return (outer, [n])
    case .scatter:
      return (Array(node.shape.dropFirst()), [node.shape.first ?? 0])
    case .matrix where node.shape.count >= 2:
      // Each matrix is one line of rows * columns elements (`KernelBuilder.solveLine`).
      let (n, m) = (node.shape[node.shape.count - 2], node.shape[node.shape.count - 1])
      return (Array(node.shape.dropLast(2)), [n.multipliedReportingOverflow(by: m).partialValue])
    default:
      return (partition.regionStore[node.id]?.regionShape ?? node.shape, [])
    }
  }
}
