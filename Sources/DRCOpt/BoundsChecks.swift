// Run-time bounds checks for gathers and scatters: one count per `take`, `scatter` or
// `scatter_add`, which the runtime requires to be 0; and for each `gauss_solve`, the count of
// its zero pivots (NumPy's "Singular matrix"), and for each `cholesky` its failed pivots.
//
// Their indices are values the program computes, so no compile-time rule can keep them in
// range; NumPy raises IndexError. Plan construction therefore adds, after the passes, for every
// such node a count of its indices outside `-n..<n` (int64, shape []), materialised as an output
// of its own and listed in `Graph.checks`. Kernels clamp every gathered position into the axis
// and skip every scattered position outside it, so an out-of-range index never touches memory
// outside a buffer; the runtime reads each count after the run and fails with the node and
// source line when one is not zero, so those values never reach the caller as a result.

import DRCIR

/// Adds the bounds checks of a graph's gathers.
enum BoundsChecks {
  /// `graph` with a count node, an output and a `BoundsCheck` for every `take` and scatter.
  static func add(to input: Graph) -> Graph {
    var graph = input
    for node in input.nodes {
      if case .matrix(let m) = node.op {
        addSingularCheck(node, m, to: &graph)
        continue
      }
      let axis: Int
      switch node.op {
      case .take(let a) where node.operands.count == 2: axis = a
      case .scatter where node.operands.count == 3: axis = 0
      default: continue
      }
      let data = input.nodes[node.operands[0]]
      let indices = input.nodes[node.operands[1]]
      guard axis >= 0, axis < data.shape.count else { continue }
      let n = data.shape[axis]
      let shape = indices.shape
      let loc = node.loc
      let first = graph.nodes.count
      let wide = graph.add(.cast, [indices.id], dtype: .int64, shape: shape, loc: loc)
      let low = graph.add(.full(.int(Int64(-n))), dtype: .int64, shape: [], loc: loc)
      let high = graph.add(.full(.int(Int64(n))), dtype: .int64, shape: [], loc: loc)
      let below = graph.add(.binary(.lt), [wide, low], dtype: .bool, shape: shape, loc: loc)
      let above = graph.add(.binary(.ge), [wide, high], dtype: .bool, shape: shape, loc: loc)
      let bad = graph.add(
        .binary(.logicalOr), [below, above], dtype: .bool, shape: shape, loc: loc)
      let count: Int
      if shape.isEmpty {
        count = graph.add(.cast, [bad], dtype: .int64, shape: [], loc: loc)
      } else {
        count = graph.add(
          .reduce(.sum, axes: Array(shape.indices), keepdims: false), [bad], dtype: .int64,
          shape: [], loc: loc)
      }
      register(
        count, of: node, "an index is out of bounds for axis \(axis) with size \(n)", first: first,
        in: &graph)
    }
    return graph
  }

  /// A count of the failed pivots of a factorisation (the zeros on the diagonal of a
  /// `gauss_solve`'s `U` or a `cholesky`'s `L`), which the runtime requires to be 0: NumPy's
  /// "Singular matrix" or "Matrix is not positive definite".
  private static func addSingularCheck(_ node: Node, _ op: MatrixOp, to graph: inout Graph) {
    let shape = node.shape
    guard shape.count >= 2 else { return }
    let (n, m) = (shape[shape.count - 2], shape[shape.count - 1])
    // Without right-hand sides (a factorisation, for `det`) a zero pivot is a result.
    guard n > 0, op == .cholesky || m > n else { return }
    let (size, overflow) = n.multipliedReportingOverflow(by: m)
    guard !overflow else { return }
    let batch = Array(shape.dropLast(2))
    let loc = node.loc
    let first = graph.nodes.count
    let lines = graph.add(.reshape, [node.id], dtype: node.dtype, shape: batch + [size], loc: loc)
    let ranges =
      batch.map { SliceRange(start: 0, stop: $0, step: 1) }
      + [SliceRange(start: 0, stop: (n - 1) * (m + 1) + 1, step: m + 1)]
    let diagonal = graph.add(
      .slice(ranges), [lines], dtype: node.dtype, shape: batch + [n], loc: loc)
    let zero = graph.add(.full(.float(0)), dtype: node.dtype, shape: [], loc: loc)
    let pivots = batch + [n]
    let bad = graph.add(.binary(.eq), [diagonal, zero], dtype: .bool, shape: pivots, loc: loc)
    let count = graph.add(
      .reduce(.sum, axes: Array(pivots.indices), keepdims: false), [bad], dtype: .int64,
      shape: [], loc: loc)
    let problem = op == .cholesky ? "Matrix is not positive definite" : "Singular matrix"
    register(count, of: node, problem, first: first, in: &graph)
  }

  /// Lists node `count` (computed by the nodes from `first` on) as an output and as the check of
  /// `node`, failing with `problem` after the node and its source line.
  private static func register(
    _ count: Int, of node: Node, _ problem: String, first: Int, in graph: inout Graph
  ) {
    let name = "check\(graph.checks.count)_node\(node.id)"
    graph.outputs.append(OutputDecl(name: name, node: count))
    let place = node.loc.map { " at \($0)" } ?? ""
    graph.checks.append(
      BoundsCheck(
        node: count, subject: node.id,
        message: "node \(node.id) (\(node.op.name))\(place): \(problem)", first: first))
  }
}
