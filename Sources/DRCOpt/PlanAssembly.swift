// The last stage of plan construction: steps, buffers, kernel deduplication and totals.
//
// Launches come in level order; each host read-back follows the launch that produced its node,
// so the runtime waits as early as possible and never longer. Kernels with equal signatures are
// stored once. The memory planner assigns buffers from each value's producing step and last
// use; the totals compare the bytes the plan moves with the minimum a program could move.

import DRCIR
import DRCPlan

/// Assembles the plan from formed and built kernels.
struct PlanAssembly {
  let graph: Graph
  let partition: Partition
  let formation: Formation
  let builds: [KernelBuilder]
  let assembled: [AssembledKernel]
  let context: PassContext

  func plan(traceSHA256: String?) throws -> (Plan, FusionReport) {
    var inputNodes: [String: [Int]] = [:]
    for node in graph.nodes {
      if case .input(let name) = node.op { inputNodes[name, default: []].append(node.id) }
    }
    let producer = Dictionary(
      uniqueKeysWithValues: assembled.enumerated().flatMap { i, a in
        formation.groups[a.group].roots.map { ($0, i) }
      })
    // Steps: launches in order, each read-back right after its producer (inputs' at the start).
    var stepKinds: [(launch: Int?, readback: Readback?)] = []
    var after: [Int: [Readback]] = [:]
    for r in graph.readbacks {
      if let p = producer[r.node] {
        after[p, default: []].append(r)
      } else {
        stepKinds.append((nil, r))
      }
    }
    for i in assembled.indices {
      stepKinds.append((i, nil))
      for r in after[i] ?? [] { stepKinds.append((nil, r)) }
    }
    let outputs = Set(graph.outputs.map(\.node))
    var writes: [[Int]] = []
    var lastUse: [Int: Int] = [:]
    for (s, step) in stepKinds.enumerated() {
      if let i = step.launch {
        let a = assembled[i]
        var written: [Int] = []
        for (arg, node) in zip(a.kernel.args, a.bindings) {
          switch arg.access {
          case .read: lastUse[node] = s
          case .write:
            written.append(node)
            if let base = partition.regionStore[node]?.base { lastUse[base] = s }
          case .readWrite:
            lastUse[node] = s
            written.append(node)
          case .scalar: break
          }
        }
        writes.append(written)
      } else if let r = step.readback {
        lastUse[r.node] = max(lastUse[r.node] ?? s, s)
        writes.append([])
      }
    }
    for o in outputs { lastUse[o] = Int.max }
    let inputs = graph.inputs.map { decl in
      (node: inputNodes[decl.name]?.first ?? -1, bytes: decl.shape.reduce(1, *) * decl.dtype.size)
    }
    var memory = MemoryPlan.make(
      graph: graph, inputs: inputs, writes: writes, lastUse: lastUse,
      aliases: partition.regionStore.mapValues(\.base), outputs: outputs)
    for (i, decl) in graph.inputs.enumerated() {
      for node in inputNodes[decl.name] ?? [] { memory.bufferOf[node] = i }
    }
    return try emit(stepKinds, memory, traceSHA256: traceSHA256)
  }

  /// Deduplicates kernels and writes the plan and report.
  private func emit(
    _ stepKinds: [(launch: Int?, readback: Readback?)], _ memory: MemoryPlan, traceSHA256: String?
  )
    throws -> (Plan, FusionReport)
  {
    func buffer(_ node: Int) throws -> Int {
      guard let b = memory.bufferOf[node] else {
        throw FusionError(node: node, message: "no buffer planned")
      }
      return b
    }
    var kernels: [Kernel] = []
    // Kernels bucketed by a cheap key, then compared for equality (cheaper than hashing bodies).
    var bySignature: [SignatureKey: [(Kernel, Int)]] = [:]
    var steps: [PlanStep] = []
    var values: [PlanValue] = []
    var launches: [LaunchReport] = []
    var stats = PlanStats(
      kernels: 0, launches: 0, bytesMoved: 0, scratchBytes: 0, minimumBytes: 0, peakBytes: 0)
    var minimum = MinimumTraffic()
    var outputsWritten: [Int: Int] = [:]
    for step in stepKinds {
      guard let i = step.launch else {
        if let r = step.readback {
          let node = graph.nodes[r.node]
          steps.append(
            .readback(
              node: r.node, buffer: try buffer(r.node), dtype: node.dtype, shape: node.shape,
              loc: r.loc))
        }
        continue
      }
      let a = assembled[i]
      let signature = a.kernel.signature
      let index: Int
      let key = SignatureKey(signature)
      if let found = bySignature[key]?.first(where: { $0.0 == signature }) {
        index = found.1
      } else {
        index = kernels.count
        bySignature[key, default: []].append((signature, index))
        var k = a.kernel
        k.name = kernelName(index, a)
        kernels.append(k)
      }
      var bindings: [Int] = []
      for (arg, bound) in zip(a.kernel.args, a.bindings) {
        bindings.append(arg.access == .scalar ? bound : try buffer(bound))
      }
      let group = formation.groups[a.group]
      let nodes = Set(group.roots).union(builds[a.group].inlined).sorted()
      steps.append(.launch(kernel: index, bindings: bindings, nodes: nodes))
      let traffic = LaunchTraffic(a.kernel)
      var report = LaunchReport(
        step: steps.count - 1, kernel: index, nodes: nodes, writes: [], reads: [],
        readBytes: traffic.readBytes, writeBytes: traffic.writeBytes)
      for (argIndex, (arg, bound)) in zip(a.kernel.args, a.bindings).enumerated()
      where arg.access != .scalar {
        let reason = partition.reasons[bound] ?? "materialised"
        if arg.access != .write {
          report.reads.append(
            Materialised(node: bound, bytes: traffic.reads[argIndex] ?? 0, reason: reason))
          if case .input = graph.nodes[bound].op {
            minimum.read(
              node: bound, bytes: traffic.reads[argIndex] ?? 0,
              through: traffic.readMaps[argIndex] ?? [])
          }
        }
        if arg.access != .read {
          report.writes.append(
            Materialised(node: bound, bytes: traffic.writes[argIndex] ?? 0, reason: reason))
          let node = graph.nodes[bound]
          outputsWritten[bound, default: 0] += traffic.writes[argIndex] ?? 0
          values.append(
            PlanValue(
              node: bound, buffer: try buffer(bound), step: steps.count - 1, dtype: node.dtype,
              shape: node.shape))
        }
      }
      launches.append(report)
      stats.launches += a.kernel.launchCount
      stats.bytesMoved += traffic.readBytes + traffic.writeBytes
      if a.kernel.strategy == .partials {
        stats.scratchBytes += 2 * LaunchGeometry.scratchBytes(a.kernel)
      }
    }
    let checkNodes = Set(graph.checks.map(\.node))
    let outputs = try graph.outputs.filter { !checkNodes.contains($0.node) }.map { o in
      let node = graph.nodes[o.node]
      return PlanOutput(
        name: o.name, node: o.node, buffer: try buffer(o.node), dtype: node.dtype, shape: node.shape
      )
    }
    stats.kernels = kernels.count
    stats.peakBytes = memory.buffers.reduce(0) { $0 + $1.bytes }
    // Inputs: the elements launches read; outputs: once each, where a launch writes them.
    let outputBytes = Set(graph.outputs.map(\.node)).reduce(0) {
      $0 + min(outputsWritten[$1] ?? 0, graph.nodes[$1].count * graph.nodes[$1].dtype.size)
    }
    stats.minimumBytes = minimum.bytes(
      elementSize: { graph.nodes[$0].dtype.size }, outputBytes: outputBytes)
    var plan = Plan(
      program: graph.name, traceSHA256: traceSHA256,
      inputs: graph.inputs.enumerated().map {
        PlanInput(name: $1.name, dtype: $1.dtype, shape: $1.shape, buffer: $0)
      },
      params: graph.params.map {
        PlanParam(name: $0.name, dtype: $0.dtype, recorded: $0.value.description)
      },
      outputs: outputs, buffers: memory.buffers, kernels: kernels, steps: steps, values: values,
      stats: stats)
    plan.checks = try graph.checks.map {
      PlanCheck(node: $0.node, buffer: try buffer($0.node), message: $0.message)
    }
    do {
      try PlanVerifier.check(plan)
    } catch {
      throw FusionError(node: -1, message: "the plan does not verify: \(error)")
    }
    return (plan, FusionReport(graph: graph, launches: launches, remarks: context.remarks))
  }

  /// `k3_sin_add`: the index and the ops of the kernel's roots.
  private func kernelName(_ index: Int, _ a: AssembledKernel) -> String {
    var ops: [String] = []
    for root in formation.groups[a.group].roots {
      let name = graph.nodes[root].op.name
      if !ops.contains(name) { ops.append(name) }
    }
    return "k\(index)_" + ops.prefix(3).joined(separator: "_")
  }
}

/// A cheap hash key for kernel signatures: sizes, spaces and the last value's op.
struct SignatureKey: Hashable {
  var sizes: [Int]
  var outer: [Int]
  var inner: [Int]
  var tail: String

  init(_ k: Kernel) {
    sizes = [k.body.count, k.args.count, k.stores.count]
    outer = k.outer
    inner = k.inner
    tail = k.body.last.map { "\($0.op.operands)\($0.dtype)" } ?? ""
  }
}
