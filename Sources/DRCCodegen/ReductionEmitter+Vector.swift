// The vectorised inner loop of a partial-result reduction, and of a reduction along rows.
//
// Work-item g of `_partial` reduces a contiguous block of inner points: W points at a time into
// vector accumulators (W = `LaunchGeometry.lanes`: the plan's width, else 8 for 4-byte values
// and 4 for 8-byte ones), then the vector lanes are
// combined in lane order, then the rest of the block one point at a time. The order is fixed, so
// results do not depend on the device; bool accumulations keep the scalar loop. argmin/argmax
// lanes keep a value and a position each (ReductionEmitter+Index.swift) and are combined in lane
// order by the position rule, so the first index still wins exactly.

import DRCIR
import DRCPlan

extension ReductionEmitter {
  /// The vectorised part of a `_partial` loop, or of a row-vector serial reduction's loop over
  /// its row (nil when an accumulation is bool): inner values at W lanes over consecutive points
  /// from `r` (full-space point `base`), vector accumulators, lanes combined in order.
  func vectorLoop(
    pre: BodyEmitter, inner: [Int], accumulations: [Int], helpers: inout Set<CLHelper>,
    base: String = "r", aligned: Bool = false
  ) throws
    -> CodePrinter?
  {
    let dtypes = accumulations.map { kernel.body[$0].dtype }
    if dtypes.contains(.bool) || LaunchGeometry.hasIndexAccumulation(kernel, over: .bool) {
      return nil
    }
    let width = LaunchGeometry.lanes(kernel)
    if width == 1 { return nil }
    let full = kernel.fullSpace
    var vloop = BodyEmitter(kernel: kernel, locations: locations, width: width, space: full)
    // A block starts at any point: W points from it may cross a row, unless the caller knows
    // that every vector's first point is a multiple of W (`aligned`: the row or block lengths
    // are multiples of W). Then a value broadcast along the row (softmax's row maximum) is one
    // load per vector, not a gather through per-lane coordinates (PoCL, softmax over
    // [4, 8, 256, 256] float32: the row-sum kernel's gather made the fused plan 2x slower than
    // the unfused one).
    vloop.addressing.alignedStart = aligned
    for (i, ref) in pre.refs {
      vloop.refs[i] = ValueRef(name: ref.name, dtype: ref.dtype, uniform: true)
    }
    for i in inner { try vloop.emit(i) }
    var updates: [String] = []
    var p = CodePrinter()
    for a in accumulations {
      guard case .accumulate(let op, let x) = kernel.body[a].op, let ref = vloop.refs[x] else {
        return nil
      }
      if op.isIndex {
        // A value and a position per lane; lane l of the vector at r holds point r + l.
        let d = ref.dtype
        let t = CLSyntax.type(d, width: width)
        p.line("\(t) accv\(a) = (\(t))(\(ReductionEmitter.identity(op, d)));")
        p.line("long\(width) idxv\(a) = (long\(width))(-1L);")
        let lanes = (0..<width).map { "\($0)L" }.joined(separator: ", ")
        updates.append(
          ReductionEmitter.vectorIndexUpdate(
            op, acc: "accv\(a)", idx: "idxv\(a)", x: vloop.widened(ref, uniform: false),
            j: "((long\(width))(r) + (long\(width))(\(lanes)))", d, width: width))
        continue
      }
      let d = kernel.body[a].dtype
      let t = CLSyntax.type(d, width: width)
      p.line("\(t) accv\(a) = (\(t))(\(ReductionEmitter.identity(op, d)));")
      let value = vloop.ops.cast(vloop.widened(ref, uniform: false), from: ref.dtype, to: d)
      updates.append(try ReductionEmitter.update(op, "accv\(a)", value, d, ops: &vloop.ops))
    }
    helpers.formUnion(vloop.ops.helpers)
    let addressing = Addressing(space: full)
    p.block("for (; r + \(width)L <= rEnd; r += \(width)L)") { p in
      p.line("const long p0 = \(base);")
      p.lines(
        addressing.vectorCoordinates(
          width: width, needsBase: vloop.needsBase, needsLanes: vloop.needsLanes))
      p.append(vloop.out)
      p.lines(updates)
    }
    var combine = CLOps(width: 1)
    for a in accumulations {
      guard case .accumulate(let op, let x) = kernel.body[a].op else { continue }
      if op.isIndex {
        for lane in 0..<width {
          let l = CLSyntax.lane(lane)
          p.line(
            ReductionEmitter.indexUpdate(
              op, acc: "acc\(a)", idx: "idx\(a)", x: "accv\(a).\(l)", j: "idxv\(a).\(l)",
              kernel.body[x].dtype))
        }
        continue
      }
      let d = kernel.body[a].dtype
      for lane in 0..<width {
        p.line(
          try ReductionEmitter.update(
            op, "acc\(a)", "accv\(a).\(CLSyntax.lane(lane))", d, ops: &combine))
      }
    }
    helpers.formUnion(combine.helpers)
    return p
  }

  /// The function of a serial reduction along contiguous rows (`LaunchGeometry.rowVector`):
  /// `head` (the output point, its prologue and accumulators), then its row W points at a time
  /// (`vectorLoop`, lanes combined in order), then the rest of the row in order, then `post`.
  func rowFunction(
    signature: String, head: CodePrinter, pre: BodyEmitter, loop: BodyEmitter, post: BodyEmitter,
    inner: [Int], accumulations: [Int], innerCoordinates: (String) -> [String],
    helpers: inout Set<CLHelper>
  ) throws -> CodePrinter {
    let innerCount = kernel.inner.reduce(1, *)
    let vector = try vectorLoop(
      pre: pre, inner: inner, accumulations: accumulations, helpers: &helpers,
      base: "gid * \(innerCount)L + r", aligned: innerCount % LaunchGeometry.lanes(kernel) == 0)
    var p = CodePrinter()
    p.block(signature) { p in
      p.line("// One output point per work-item, its row reduced along the row.")
      p.append(head)
      p.line("long r = 0;")
      p.line("const long rEnd = \(innerCount)L;")
      if let vector { p.append(vector) }
      p.block("for (; r < rEnd; ++r)") { p in
        p.lines(innerCoordinates("r"))
        p.append(loop.out)
      }
      p.append(post.out)
    }
    return p
  }
}
