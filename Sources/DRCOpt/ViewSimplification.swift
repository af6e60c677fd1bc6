// View simplification: identity views disappear and chains of views collapse into one.
//
// Identity views: a slice that takes every axis whole in order, a transpose by the identity
// permutation, and a reshape, broadcast, expand_dims or squeeze whose result shape equals its
// operand's. Chains: slice of slice composes into one slice (starts, stops and steps exactly,
// negative steps included); transpose of transpose into one transpose; broadcast of broadcast
// into one broadcast; and any chain of reshape, expand_dims and squeeze into one reshape (all
// three keep row-major element order). Operands are looked up in the graph being built, so a
// long chain collapses in one sweep; the inner views stay for other users until `dce`. Turning
// view chains into affine index maps is a later stage's job.

import DRCIR

/// Removes identity views and merges chains of views.
public struct ViewSimplification: Pass {
  /// Creates the pass.
  public init() {}
  /// `views`.
  public var name: String { "views" }

  /// Returns `graph` with identity views removed and view chains merged.
  public func run(_ graph: Graph, context: PassContext) throws -> Graph {
    var rewriter = GraphRewriter(graph)
    for node in graph.nodes {
      rewriter.begin(node.id)
      guard node.op.isView, let source = rewriter.operands(of: node).first else {
        rewriter.keep(node)
        continue
      }
      let inner = rewriter.new.nodes[source]
      if Self.isIdentity(node.op, from: inner.shape, to: node.shape) {
        rewriter.replace(node.id, with: source)
      } else if let (op, base) = Self.merged(node, inner: inner) {
        let baseShape = rewriter.new.nodes[base].shape
        if Self.isIdentity(op, from: baseShape, to: node.shape) {
          rewriter.replace(node.id, with: base)
        } else {
          let id = rewriter.emit(op, [base], dtype: node.dtype, shape: node.shape, loc: node.loc)
          rewriter.replace(node.id, with: id)
        }
      } else {
        rewriter.keep(node)
      }
    }
    return rewriter.finish()
  }

  /// Whether view `op` taking `from` to `to` returns its operand unchanged.
  static func isIdentity(_ op: Op, from: [Int], to: [Int]) -> Bool {
    guard from == to else { return false }
    switch op {
    case .slice(let ranges):
      // Equal shapes: each axis of length >= 2 must also start at 0 going forward.
      return zip(ranges, from).allSatisfy { range, dim in
        dim < 2 || (range.start == 0 && range.step == 1)
      }
    case .transpose(let perm):
      return perm.enumerated().allSatisfy { $0.offset == $0.element }
    case .reshape, .broadcast, .expandDims, .squeeze:
      return true
    default:
      return false
    }
  }

  /// One view equivalent to `node` applied to the view `inner`, and the operand it applies to.
  static func merged(_ node: Node, inner: Node) -> (Op, Int)? {
    guard inner.op.isView, let base = inner.operands.first else { return nil }
    switch (node.op, inner.op) {
    case (.slice(let outer), .slice(let first)):
      return (.slice(zip(first, outer).map(compose)), base)
    case (.transpose(let outer), .transpose(let first)):
      return (.transpose(outer.map { first[$0] }), base)
    case (.broadcast, .broadcast):
      return (.broadcast, base)
    case (.reshape, _), (.expandDims, _), (.squeeze, _):
      switch inner.op {
      case .reshape, .expandDims, .squeeze: return (.reshape, base)
      default: return nil
      }
    default:
      return nil
    }
  }

  /// The single range selecting what `outer` selects from the indices `inner` selects.
  ///
  /// `inner` visits `s1 + i*t1` for `i` in `0..<n1`; `outer` picks `i = s2 + j*t2`, so the
  /// composite visits `s1 + s2*t1 + j*(t1*t2)` for `j` in `0..<n2`. The stop is one step's sign
  /// past the last index, which keeps it within `-1...dim`.
  static func compose(_ inner: SliceRange, _ outer: SliceRange) -> SliceRange {
    let count = outer.count
    guard count > 0 else { return SliceRange(start: 0, stop: 0, step: 1) }
    let start = inner.start + outer.start * inner.step
    let step = inner.step * outer.step
    let last = start + (count - 1) * step
    return SliceRange(start: start, stop: step > 0 ? last + 1 : last - 1, step: step)
  }
}
