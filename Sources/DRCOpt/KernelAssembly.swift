// Turning a built kernel group into a plan kernel: arguments, stores, kind and strategy.
//
// Loads in a freshly built body name the materialised node they read (`-1 - node`) and
// parameters their plan index (`-1 - index`); assembly numbers the kernel's arguments (buffers
// read, then buffers written, then scalars) and rewrites those placeholders, so that the kernel
// depends only on argument positions and identical segments produce identical kernels.

import DRCIR
import DRCPlan

/// A kernel with the nodes its arguments are bound to, before deduplication.
struct AssembledKernel {
  /// The kernel (named later).
  var kernel: Kernel
  /// Per argument: the node whose buffer it binds (buffers) or the parameter index (scalars).
  var bindings: [Int]
  /// The group it came from.
  var group: Int
}

extension KernelBuilder {
  /// Numbers the arguments of the built body and adds stores for `stored` roots.
  func assemble(group: Int, kind: KernelKind, stored: [Int], partition: Partition)
    -> AssembledKernel
  {
    var args: [KernelArg] = []
    var bindings: [Int] = []
    var bufferArg: [Int: Int] = [:]
    var paramArg: [Int: Int] = [:]
    for r in reads where bufferArg[r.node] == nil {
      bufferArg[r.node] = args.count
      args.append(
        KernelArg(name: "a\(args.count)", dtype: graph.nodes[r.node].dtype, access: .read))
      bindings.append(r.node)
    }
    var stores: [KernelStore] = []
    for root in stored {
      guard let value = rootValues[root] else { continue }
      let node = graph.nodes[root]
      let arg: Int
      if let existing = bufferArg[root] {
        arg = existing
        args[arg].access = .readWrite
      } else {
        arg = args.count
        bufferArg[root] = arg
        args.append(KernelArg(name: "a\(args.count)", dtype: node.dtype, access: .write))
        bindings.append(root)
      }
      var map = IndexMap.identity(node.shape)
      if case .matrix = node.op, node.shape.count >= 2 {
        // Each matrix is one line of the full space (`solveLine`): the buffer is viewed with its
        // last two axes flattened, which its row-major layout allows.
        map = IndexMap.identity(outer + inner)
      } else if let axis = scanAxis {
        // A scan kernel's roots (the scan and its epilogues, all of the scan's shape) store
        // over the full space: node axis j is full-space axis `scanAxes[j]`.
        let rank = outer.count + inner.count
        map = IndexMap(
          shape: node.shape,
          coefficients: scanAxes(rank: node.shape.count, axis: axis).map { a in
            (0..<rank).map { $0 == a ? 1 : 0 }
          },
          offsets: Array(repeating: 0, count: node.shape.count))
      }
      if let region = partition.regionStore[root] {
        let rank = region.ranges.count
        map = IndexMap(
          shape: node.shape,
          coefficients: (0..<rank).map { j in (0..<rank).map { $0 == j ? region.ranges[j].step : 0 }
          },
          offsets: region.ranges.map(\.start))
      }
      stores.append(KernelStore(arg: arg, value: value, map: map))
    }
    var body = self.body
    for i in body.indices {
      switch body[i].op {
      case .load(let placeholder, let map):
        body[i].op = .load(arg: bufferArg[-1 - placeholder] ?? -1, map: map)
      case .sortLine(let f, let placeholder, let map):
        body[i].op = .sortLine(f, arg: bufferArg[-1 - placeholder] ?? -1, map: map)
      case .solveLine(let f, let rows, let placeholder, let map):
        body[i].op = .solveLine(f, rows: rows, arg: bufferArg[-1 - placeholder] ?? -1, map: map)
      case .scatterLine(let f, let placeholder, let map, var sources):
        sources.indices = bufferArg[-1 - sources.indices] ?? -1
        sources.values = bufferArg[-1 - sources.values] ?? -1
        body[i].op = .scatterLine(
          f, arg: bufferArg[-1 - placeholder] ?? -1, map: map, sources: sources)
      case .gather(let placeholder, let map, let index, let extent):
        body[i].op = .gather(
          arg: bufferArg[-1 - placeholder] ?? -1, map: map, index: index, extent: extent)
      case .param(let placeholder):
        let index = -1 - placeholder
        if paramArg[index] == nil {
          paramArg[index] = args.count
          args.append(KernelArg(name: "a\(args.count)", dtype: body[i].dtype, access: .scalar))
          bindings.append(index)
        }
        body[i].op = .param(arg: paramArg[index] ?? -1)
      default: break
      }
    }
    let strategy: ReductionStrategy =
      !inner.isEmpty && outer.reduce(1, *) == 1 && inner.reduce(1, *) >= 1024 ? .partials : .serial
    let kernel = Kernel(
      name: "", kind: kind, outer: outer, inner: inner, strategy: strategy, args: args, body: body,
      stores: stores)
    return AssembledKernel(kernel: kernel, bindings: bindings, group: group)
  }
}
