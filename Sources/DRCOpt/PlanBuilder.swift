// From an optimised graph to a plan: partition, form kernels, assemble, order, allocate.
//
// This is fusion's driver. It isolates strided updates, partitions the graph into roots and
// inlined nodes, forms kernels, and materialises costly nodes that several kernels would
// otherwise recompute (then forms kernels again). Kernels are assembled, deduplicated by
// signature (a loop body recorded n times becomes one kernel launched n times), ordered by
// launch level, given buffers by the memory planner, and counted for the plan's totals.

import DRCIR
import DRCPlan

/// Options of plan construction.
public struct FusionOptions: Sendable {
  /// Fuse (default) or run one kernel per op (the `--unfused` baseline).
  public var fuse: Bool
  /// The lanes kernels are generated for (the compile target).
  public var vectorWidths: VectorWidths
  /// The fewest inner points a single-output reduction needs to use the `partials` strategy.
  /// A plan for every size sets 2, so a reduction over a symbolic length has one strategy valid
  /// at every length instead of one that changes at 1024.
  public var partialsFrom: Int
  /// Whether a reduction of a few long rows or a few columns is split into blocks
  /// (`LaunchGeometry.splitsRows`, `splitsColumns`); a plan for every size does not (its kernels
  /// must keep one strategy at every length).
  public var splitReductions: Bool
  /// Creates options.
  public init(
    fuse: Bool = true, vectorWidths: VectorWidths = .portable, partialsFrom: Int = 1024,
    splitReductions: Bool = true
  ) {
    self.fuse = fuse
    self.vectorWidths = vectorWidths
    self.partialsFrom = partialsFrom
    self.splitReductions = splitReductions
  }
}

/// Builds plans.
public enum PlanBuilder {
  /// Compiles an optimised, verified graph into a plan and its fusion report.
  public static func build(
    _ input: Graph, options: FusionOptions = FusionOptions(), context: PassContext = PassContext(),
    traceSHA256: String? = nil
  ) throws -> (Plan, FusionReport) {
    let graph = BoundsChecks.add(to: try UpdateIsolation().run(input, context: context))
    let paramIndex = Dictionary(
      uniqueKeysWithValues: graph.params.enumerated().map { ($1.name, $0) })
    var partition = Partition.make(graph, fuse: options.fuse)
    var formation = try Formation.make(graph, partition, paramIndex: paramIndex, join: options.fuse)
    if options.fuse {
      // Nodes that several kernels would recompute, or that a reduction's inner loop would
      // recompute per output point, are materialised; then kernels are formed again.
      var kernelsInlining: [Int: Int] = [:]
      var loopsInlining: [Int: Int] = [:]
      var repeated = Set<Int>()
      for group in formation.groups {
        var inlined = Set<Int>()
        var inLoops = Set<Int>()
        for root in group.roots {
          guard let alone = formation.alone[root] else { continue }
          inlined.formUnion(alone.inlined)
          inLoops.formUnion(alone.innerInlined)
          repeated.formUnion(alone.repeated)
        }
        for n in inlined { kernelsInlining[n, default: 0] += 1 }
        for n in inLoops { loopsInlining[n, default: 0] += 1 }
      }
      // Costly nodes several kernels would recompute; and any computed node that the inner loops
      // of several reductions would recompute (a loop-invariant matrix read by every iteration's
      // product): materialised once, each loop then reads one buffer instead of its operands.
      let shared = kernelsInlining.filter {
        $0.value > 1
          && (partition.cost[$0.key] > Partition.recomputeLimit
            || worthMaterialising($0.key, loops: loopsInlining[$0.key] ?? 0, graph, partition))
      }
      if !shared.isEmpty || !repeated.isEmpty {
        for (n, count) in shared.sorted(by: { $0.key < $1.key }) {
          let loops = loopsInlining[n] ?? 0
          partition.materialise(
            n,
            loops > 1
              ? "recomputed inside the loops of \(loops) reductions: computed once instead"
              : "used by \(count) kernels; recomputing \(partition.cost[n]) values in each costs more than a buffer"
          )
        }
        for n in repeated.sorted() {
          partition.materialise(
            n, "read in a reduction's inner loop by every output point: computed once instead")
        }
        formation = try Formation.make(graph, partition, paramIndex: paramIndex)
      }
    }
    let builds = try buildAll(graph, partition, formation, paramIndex)
    let (plan, report) = try finish(
      graph, partition, formation, builds, partialsFrom: options.partialsFrom,
      splitReductions: options.splitReductions, context: context,
      traceSHA256: traceSHA256)
    let targeted = plan.targeting(options.vectorWidths)
    if options.vectorWidths != .portable { try PlanVerifier.check(targeted) }
    return (targeted, report)
  }

  /// Whether a node recomputed inside `loops` reductions' inner loops moves fewer bytes when
  /// materialised: inlined, each loop reads its L input buffers (K*L arrays in all); materialised,
  /// the inputs are read once, the node written once and read K times (L + 1 + K). So it pays
  /// when (K-1)(L-1) > 2: a loop-invariant matrix read by every iteration's product, not a
  /// two-pass map-reduce.
  static func worthMaterialising(_ id: Int, loops: Int, _ graph: Graph, _ partition: Partition)
    -> Bool
  {
    guard loops > 1 else { return false }
    var leaves = Set<Int>()
    var seen = Set<Int>()
    var stack = [id]
    while let n = stack.popLast(), leaves.count < 8 {
      for o in graph.nodes[n].operands where seen.insert(o).inserted {
        if partition.isRoot[o] { leaves.insert(o) } else { stack.append(o) }
      }
    }
    return (loops - 1) * (leaves.count - 1) > 2
  }

  /// Builds the body of every kernel group.
  static func buildAll(
    _ graph: Graph, _ partition: Partition, _ formation: Formation, _ paramIndex: [String: Int]
  ) throws -> [KernelBuilder] {
    try formation.groups.map { group in
      if group.roots.count == 1, let alone = formation.alone[group.roots[0]] { return alone }
      var b = KernelBuilder(
        graph: graph, partition: partition, members: Set(group.roots), paramIndex: paramIndex)
      b.begin(outer: group.outer, inner: group.inner)
      for root in group.roots { _ = try b.computeRoot(root) }
      b.compact()
      return b
    }
  }

  /// Orders, assembles, deduplicates and allocates.
  static func finish(
    _ graph: Graph, _ partition: Partition, _ formation: Formation, _ builds: [KernelBuilder],
    partialsFrom: Int, splitReductions: Bool = true, context: PassContext, traceSHA256: String?
  ) throws -> (Plan, FusionReport) {
    var interface = Set(graph.outputs.map(\.node))
    interface.formUnion(graph.readbacks.map(\.node))
    var needed = interface
    for (g, b) in builds.enumerated() {
      for r in b.reads where formation.groupOf[r.node] != g { needed.insert(r.node) }
    }
    for store in partition.regionStore.values { needed.insert(store.base) }
    let order = formation.groups.indices.sorted {
      (formation.groups[$0].level, $0) < (formation.groups[$1].level, $1)
    }
    var assembled: [AssembledKernel] = []
    for g in order {
      let group = formation.groups[g]
      let kind: KernelKind =
        group.isSolve
        ? .solve
        : group.isScatter
          ? .scatter
          : group.isSort
            ? .sort
            : group.isScan
              ? .scan : group.isMatmul ? .matmul : group.inner.isEmpty ? .elementwise : .reduction
      let stored = group.roots.filter { needed.contains($0) }
      // A sort, scatter or solve whose result nothing reads (its readers became empty) has
      // nothing to do: its line kernel would store nothing.
      if stored.isEmpty && (group.isSort || group.isScatter || group.isSolve) { continue }
      var a = builds[g].assemble(group: g, kind: kind, stored: stored, partition: partition)
      let k = a.kernel
      if k.kind == .scatter || k.kind == .solve {
        // One work-item per line, in a fixed order (ScatterEmitter, SolveEmitter).
        a.kernel.strategy = .serial
      } else if k.kind == .sort {
        // One work-item per line; one long line sorted in blocks, then merged (SortEmitter).
        let single = k.outer.allSatisfy { $0 == 1 }
        a.kernel.strategy = single && k.inner.reduce(1, *) >= 4 * partialsFrom ? .partials : .serial
      } else if !k.inner.isEmpty, k.outer.reduce(1, *) == 1, k.inner.reduce(1, *) >= partialsFrom {
        a.kernel.strategy = .partials
      } else if splitReductions,
        LaunchGeometry.splitsRows(k, from: partialsFrom)
          || LaunchGeometry.splitsColumns(k, from: partialsFrom)
      {
        a.kernel.strategy = .partials
      }
      assembled.append(a)
    }
    return try PlanAssembly(
      graph: graph, partition: partition, formation: formation, builds: builds,
      assembled: assembled,
      context: context
    ).plan(traceSHA256: traceSHA256)
  }
}
