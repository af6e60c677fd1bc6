// Reductions and matrix products: scalar code per output point with accumulators.
//
// The body splits into prologue values (outer values the loop reads, computed before it; other
// outer values are computed after it), inner values (computed per reduction point) and
// epilogue values (outer values that depend on an accumulation). `serial`: each work-item
// computes `LaunchGeometry.lanes` consecutive outer points (vector lanes, one accumulation each;
// the last work-item finishes a remainder one point at a time) and loops over the inner space
// in row-major order; a reduction along contiguous rows (`LaunchGeometry.rowVector`) instead
// computes one output point per work-item, W points of its row per vector step
// (ReductionEmitter+Vector.swift), then the rest in order. `partials` (single outer point):
// work-item g of `_partial` reduces inner points the contiguous block [g*B, (g+1)*B)
// (B = ceil(points/G)) in order into 8-byte scratch slot `a*G + g` for accumulation a; the one
// work-item of `_final` combines slots 0..G-1 in order, then runs the epilogue and the stores.
// With P > 1 outer points (a few long rows, fixed sizes) work-item w of `_partial` does the same
// for block g = w % G of point op = w / G into slot `a*G*P + op*G + g`, and work-item op of
// `_final` combines its point's slots. A split column reduction's `_partial` has lanes over
// output points instead (ReductionEmitter+Columns.swift).
// Sums start from 0, products from 1, min/max from the identity (±inf, the integer extremes, or
// false/true), so combining an empty slice changes nothing; `mean` divides the sum by the inner
// point count in the accumulation dtype. argmin/argmax keep a value and a position
// (ReductionEmitter+Index.swift) and take two scratch slots. A `symbolic` kernel reads every
// size from its arguments (SymbolicAddressing.swift) and computes one output point per
// work-item.

import DRCIR
import DRCPlan

/// Emits the function(s) of a reduction or matrix product kernel.
struct ReductionEmitter {
  let kernel: Kernel
  let locations: [Int: String]

  /// Which body values are accumulations, and which outer values depend on one.
  private var parts: (accumulations: [Int], epilogue: Set<Int>) {
    var accumulations: [Int] = []
    var epilogue: Set<Int> = []
    for (i, v) in kernel.body.enumerated() {
      if case .accumulate = v.op {
        accumulations.append(i)
        epilogue.insert(i)
      } else if v.op.operands.contains(where: epilogue.contains) {
        epilogue.insert(i)
      }
    }
    return (accumulations, epilogue)
  }

  /// The kernel function(s): one for `serial`, `_partial` and `_final` for `partials`.
  func emit(signature: (String, Bool) -> String, helpers: inout Set<CLHelper>) throws
    -> [CodePrinter]
  {
    let (accumulations, epilogue) = parts
    let full = kernel.fullSpace
    let outerRank = kernel.outer.count
    let innerCount = kernel.inner.reduce(1, *)
    for v in kernel.body where v.inner && v.op.operands.contains(where: epilogue.contains) {
      throw CodegenError(
        kernel: kernel.name, node: v.node, "an inner value depends on a reduction result")
    }
    if let s = kernel.stores.first(where: {
      $0.value >= kernel.body.count || kernel.body[$0.value].inner
    }) {
      throw CodegenError(kernel: kernel.name, "store of v\(s.value), which is not an outer value")
    }
    let points = kernel.outer.reduce(1, *)
    let inner = kernel.body.indices.filter { kernel.body[$0].inner }
    // Outer values the loop reads are computed before it; the others after it, so nothing the
    // loop does not need stays live across it (on PoCL that halved a matrix-vector product's
    // speed: 1.68 against 1.04 ms).
    var early = Set<Int>()
    var pending = inner.flatMap { kernel.body[$0].op.operands }
    while let o = pending.popLast() {
      if o < kernel.body.count, !kernel.body[o].inner, early.insert(o).inserted {
        pending += kernel.body[o].op.operands
      }
    }
    let outerValues = kernel.body.indices.filter {
      !kernel.body[$0].inner && !epilogue.contains($0)
    }
    let prologue = outerValues.filter { early.contains($0) }
    let late = outerValues.filter { !early.contains($0) }
    let innerAxes = Addressing(space: Array(kernel.inner))
    let outerAxes = Addressing(space: kernel.outer)

    /// The statements before, inside and after the inner loop, at `width` lanes (lanes are
    /// consecutive outer points when `width` > 1).
    func statements(width: Int) throws -> (pre: BodyEmitter, loop: BodyEmitter, post: BodyEmitter) {
      var pre = BodyEmitter(kernel: kernel, locations: locations, width: width, space: full)
      if width > 1 { pre.addressing.laneAxes = outerRank }
      for i in prologue { try pre.emit(i) }
      var loop = pre
      loop.out = CodePrinter()
      for i in inner { try loop.emit(i) }
      for a in accumulations {
        let (op, x, d) = try accumulation(a)
        guard let ref = loop.refs[x] else {
          throw CodegenError(kernel: kernel.name, "accumulated value v\(x) missing")
        }
        let value = loop.widened(ref, uniform: false)
        if op.isIndex {
          // Lanes (width > 1) are output points at one shared loop position.
          loop.out.line(
            width == 1
              ? ReductionEmitter.indexUpdate(
                op, acc: "acc\(a)", idx: "idx\(a)", x: value, j: innerPosition(), d)
              : ReductionEmitter.vectorIndexUpdate(
                op, acc: "acc\(a)", idx: "idx\(a)", x: value,
                j: "(long\(width))(\(innerPosition()))", d, width: width))
          continue
        }
        try loop.out.line(
          ReductionEmitter.update(
            op, "acc\(a)", loop.ops.cast(value, from: ref.dtype, to: d), d, ops: &loop.ops))
      }
      var post = loop
      post.out = CodePrinter()
      for i in late { try post.emit(i) }
      for a in accumulations {
        let (op, _, d) = try accumulation(a)
        let value =
          op.isIndex
          ? "idx\(a)"
          : op == .mean
            ? "acc\(a) / "
              + (kernel.symbolic == true
                ? "(\(CLSyntax.scalarType(d)))zI"
                : kernel.dynamic == true
                  ? "(\(CLSyntax.scalarType(d)))n" : CLSyntax.literal(.int(Int64(innerCount)), d))
            : "acc\(a)"
        post.define(a, value, uniform: false)
      }
      for i in kernel.body.indices where epilogue.contains(i) && !accumulations.contains(i) {
        try post.emit(i)
      }
      for s in kernel.stores { try post.store(s) }
      return (pre, loop, post)
    }
    let (pre, loop, post) = try statements(width: 1)
    helpers.formUnion(post.ops.helpers)

    func declare(_ p: inout CodePrinter, width: Int = 1) throws {
      try declareAccumulators(accumulations, into: &p, width: width)
    }
    let symbolic = kernel.symbolic == true ? SymbolicAddressing(kernel) : nil
    func innerCoordinates(of flat: String) -> [String] {
      if let symbolic {
        return symbolic.coordinates(
          of: flat, first: outerRank, count: kernel.inner.count, scratch: "q")
      }
      return innerAxes.coordinates(of: flat, prefix: "j", type: "long").enumerated().map {
        k, line in
        line.replacingFirst("j\(k) ", with: "i\(outerRank + k) ")
      }
    }

    if kernel.dynamic == true && kernel.strategy != .partials {
      throw CodegenError(
        kernel: kernel.name, "a serial reduction cannot take a symbolic length yet")
    }
    if kernel.strategy == .serial {
      func loops(_ p: inout CodePrinter, _ body: CodePrinter) {
        // Nested loops over the inner axes, row-major.
        for (k, n) in kernel.inner.enumerated() {
          let i = "i\(outerRank + k)"
          let bound = symbolic == nil ? "\(n)L" : "zE\(outerRank + k)"
          p.line("for (long \(i) = 0; \(i) < \(bound); ++\(i)) {")
          p.indent()
        }
        p.append(body)
        for _ in kernel.inner {
          p.dedent()
          p.line("}")
        }
      }
      /// Output point `gid` with scalar code.
      func point(_ p: inout CodePrinter) throws {
        p.lines(
          symbolic?.coordinates(of: "gid")
            ?? outerAxes.coordinates(of: "gid", prefix: "i", type: "long"))
        p.append(pre.out)
        try declare(&p)
        loops(&p, loop.out)
        p.append(post.out)
      }
      var p = CodePrinter()
      if LaunchGeometry.rowVector(kernel) {
        var head = CodePrinter()
        head.line("const long gid = (long)get_global_id(0);")
        head.line("if (gid >= \(points)L) return;")
        head.lines(outerAxes.coordinates(of: "gid", prefix: "i", type: "long"))
        head.append(pre.out)
        try declare(&head)
        return [
          try rowFunction(
            signature: signature("", false), head: head, pre: pre, loop: loop, post: post,
            inner: inner, accumulations: accumulations, innerCoordinates: innerCoordinates,
            helpers: &helpers)
        ]
      }
      let lanes = LaunchGeometry.lanes(kernel)
      if lanes == 1 {
        try p.block(signature("", false)) { p in
          p.line("const long gid = (long)get_global_id(0);")
          p.line("if (gid >= \(symbolic == nil ? "\(points)L" : "zN")) return;")
          try point(&p)
        }
        return [p]
      }
      // `lanes` consecutive outer points per work-item, one accumulation per lane: each lane sums
      // in the reference's order, and the lanes' independent chains hide each other's latency.
      // The emitter after the loop carries the coordinate needs of those before it.
      let (vpre, vloop, vpost) = try statements(width: lanes)
      helpers.formUnion(vpost.ops.helpers)
      try p.block(signature("", false)) { p in
        if LaunchGeometry.groups(kernel) == 1 {
          p.line("const long p0 = (long)get_global_id(0) * \(lanes)L;")
        }
        func vector(_ p: inout CodePrinter) throws {
          p.line("// \(lanes) output points per work-item, as vector lanes.")
          p.lines(
            outerAxes.vectorCoordinates(
              width: lanes, needsBase: vpost.needsBase, needsLanes: vpost.needsLanes))
          p.append(vpre.out)
          try declare(&p, width: lanes)
          loops(&p, vloop.out)
          p.append(vpost.out)
        }
        let groups = LaunchGeometry.groups(kernel)
        if groups > 1 {
          try grouped(
            &p, lanes: lanes, groups: groups, accumulations: accumulations,
            coordinates: outerAxes.vectorCoordinates(
              width: lanes, needsBase: vpost.needsBase, needsLanes: vpost.needsLanes),
            tile: {
              outerAxes.tileCoordinates(
                row: $0, column: "tc", width: lanes, needsBase: vpost.needsBase,
                needsLanes: vpost.needsLanes)
            }, pre: vpre.out, loop: vloop.out, post: vpost.out, loops: loops, vector: vector,
            point: point)
          return
        }
        guard points % lanes != 0 else { return try vector(&p) }
        try p.block("if (p0 + \(lanes)L <= \(points)L)", vector)
        try p.block("else") { p in
          p.line("// The last work-item: the remaining points, one at a time.")
          try p.block("for (long gid = p0; gid < \(points)L; ++gid)", point)
        }
      }
      return [p]
    }

    // Sizes known when the code is generated (not `n` or the extents of a symbolic kernel).
    let fixed = kernel.dynamic != true && symbolic == nil
    guard points == 1 || fixed else {
      throw CodegenError(
        kernel: kernel.name, "a partials reduction of \(points) points needs fixed sizes")
    }
    let groups = LaunchGeometry.partialGroups
    let chunk = (innerCount + groups - 1) / groups
    // One output point: its coordinates are zero. Several (rows split into blocks): work-item w
    // of `_partial` takes block w % G of output point `op` = w / G, which `_final` combines.
    let outerLines =
      points == 1
      ? (0..<outerRank).map { "const long i\($0) = 0;" }
      : outerAxes.coordinates(of: "op", prefix: "i", type: "long")
    let block = points == 1 ? "g" : "op * \(groups)L + g"
    func slot(_ ordinal: Int, _ d: DType, _ g: String) -> String {
      "((__global \(CLSyntax.scalarType(d))*)(scratch + 8L * (\(ordinal * groups * points)L + \(g))))[0]"
    }
    var partial = CodePrinter()
    if LaunchGeometry.columnPartials(kernel), fixed {
      let lanes = LaunchGeometry.lanes(kernel)
      let (vpre, vloop, vpost) = try statements(width: lanes)
      helpers.formUnion(vpost.ops.helpers)
      helpers.formUnion(vloop.ops.helpers)
      try partial.block(signature("_partial", true)) { p in
        try columnPartial(
          &p, accumulations: accumulations,
          vectorCoordinates: outerAxes.vectorCoordinates(
            width: lanes, needsBase: vpost.needsBase, needsLanes: vpost.needsLanes),
          vectorPre: vpre.out, vectorLoop: vloop.out, scalarPre: pre.out, scalarLoop: loop.out,
          innerCoordinates: innerCoordinates(of: "r"),
          rangeLines: [
            "const long rEnd = min((g + 1L) * \(chunk)L, \(innerCount)L);",
            "long r = g * \(chunk)L;",
          ], slot: slot)
      }
    } else {
      try partial.block(signature("_partial", true)) { p in
        if points == 1 {
          p.line("const long g = (long)get_global_id(0);")
          p.line("if (g >= \(groups)L) return;")
        } else {
          p.line("const long w = (long)get_global_id(0);")
          p.line("if (w >= \(groups * points)L) return;")
          p.line("const long g = w % \(groups)L;")
          p.line("const long op = w / \(groups)L;")
        }
        p.lines(outerLines)
        p.append(pre.out)
        try declare(&p)
        // Work-item g reduces one contiguous block of inner points, in order (cache friendly):
        // first W points at a time into vector accumulators whose lanes are then combined in lane
        // order, then the rest one at a time.
        if !fixed {
          // The inner point count is an argument: `n`, or `zI` of a symbolic kernel.
          let n = symbolic == nil ? "n" : "zI"
          p.line("const long chunk = (\(n) + \(groups - 1)L) / \(groups)L;")
          p.line("const long rEnd = min((g + 1L) * chunk, \(n));")
          p.line("long r = g * chunk;")
        } else {
          p.line("const long rEnd = min((g + 1L) * \(chunk)L, \(innerCount)L);")
          p.line("long r = g * \(chunk)L;")
        }
        let lanes = LaunchGeometry.lanes(kernel)
        if let vector = try vectorLoop(
          pre: pre, inner: inner, accumulations: accumulations, helpers: &helpers,
          base: points == 1 ? "r" : "op * \(innerCount)L + r",
          aligned: fixed && chunk % lanes == 0 && innerCount % lanes == 0)
        {
          p.append(vector)
        }
        p.block("for (; r < rEnd; ++r)") { p in
          p.lines(innerCoordinates(of: "r"))
          p.append(loop.out)
        }
        let ordinals = slotOrdinals(accumulations)
        for a in accumulations {
          let (op, _, d) = try accumulation(a)
          let ordinal = ordinals[a] ?? 0
          p.line("\(slot(ordinal, d, block)) = acc\(a);")
          if op.isIndex { p.line("\(slot(ordinal + 1, .int64, block)) = idx\(a);") }
        }
      }
    }
    var final = CodePrinter()
    var combine = CLOps(width: 1)
    try final.block(signature("_final", true)) { p in
      if points == 1 {
        p.line("if (get_global_id(0) != 0) return;")
      } else {
        p.line("const long op = (long)get_global_id(0);")
        p.line("if (op >= \(points)L) return;")
      }
      p.lines(outerLines)
      p.append(pre.out)
      try declare(&p)
      let ordinals = slotOrdinals(accumulations)
      try p.block("for (long g = 0; g < \(groups)L; ++g)") { p in
        for a in accumulations {
          let (op, _, d) = try accumulation(a)
          let ordinal = ordinals[a] ?? 0
          if op.isIndex {
            p.line(
              ReductionEmitter.indexUpdate(
                op, acc: "acc\(a)", idx: "idx\(a)", x: slot(ordinal, d, block),
                j: slot(ordinal + 1, .int64, block), d))
            continue
          }
          p.line(
            try ReductionEmitter.update(op, "acc\(a)", slot(ordinal, d, block), d, ops: &combine))
        }
      }
      p.append(post.out)
    }
    return [partial, final]
  }
}
