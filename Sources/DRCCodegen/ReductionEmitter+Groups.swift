// A serial column reduction's work-item computing several vectors of output points.
//
// With `LaunchGeometry.groups` G > 1, work-item w owns the G vectors of `lanes` consecutive
// output points from pw = w G lanes. Each step of the inner loop runs the one-vector loop body
// once per vector, in a block of its own: the block names its first point p0, recomputes its
// coordinates and prologue (loop-invariant: the device compiler hoists them), copies the
// vector's accumulators in from `acc<a>_<g>` and back out. One row step then reads G
// consecutive vectors (128 or 256 bytes) and keeps G independent accumulations in flight,
// which a column reduction needs on a CPU (LaunchGeometry.columnGroups). Each lane still
// accumulates its own output point in the reference's order, so results are unchanged. A
// work-item whose G vectors do not all exist (the last) computes its whole vectors one at a
// time, then its remaining points one at a time. A matrix product in row tiles
// (`LaunchGeometry.tileRows`) uses the same blocks for G rows of the same W columns: work-item w
// takes column block w % (n / W) of rows from (w / (n / W)) G, every tile whole, and each block
// names the tile's column `tc` itself (Addressing+Tiles.swift), so the values the rows share
// are one load for all.

import DRCIR
import DRCPlan

extension ReductionEmitter {
  /// The body of a grouped serial reduction: `coordinates`, `pre`, `loop` and `post` are the
  /// one-vector statements (first point `p0`); `loops` nests the inner loops around a body;
  /// `vector` and `point` emit one whole vector and one scalar point (from `p0`, `gid`).
  func grouped(
    _ p: inout CodePrinter, lanes: Int, groups: Int, accumulations: [Int], coordinates: [String],
    tile: (String) -> [String], pre: CodePrinter, loop: CodePrinter, post: CodePrinter,
    loops: (inout CodePrinter, CodePrinter) -> Void,
    vector: (inout CodePrinter) throws -> Void, point: (inout CodePrinter) throws -> Void
  ) throws {
    let points = kernel.outer.reduce(1, *)
    let span = lanes * groups
    // A matrix product's tile: `groups` rows of the same `lanes` columns (Addressing+Tiles).
    let rowLength = LaunchGeometry.rowTiled(kernel) ? kernel.outer.last ?? 0 : 0
    if rowLength > 0 {
      p.line("const long w = (long)get_global_id(0);")
      p.line("if (w >= \(points / span)L) return;")
      p.line("const long tc = (w % \(rowLength / lanes)L) * \(lanes)L;")
      p.line("const long tr = (w / \(rowLength / lanes)L) * \(groups)L;")
    } else {
      p.line("const long pw = (long)get_global_id(0) * \(span)L;")
    }
    /// Lines naming each accumulator of vector `g` by its plain name (`into`: false) or storing
    /// the plain name back into it (`into`: true).
    func carry(_ g: Int, into: Bool) throws -> [String] {
      var lines: [String] = []
      for a in accumulations {
        let (op, _, d) = try accumulation(a)
        var names = [("acc\(a)", CLSyntax.type(d, width: lanes))]
        if op.isIndex { names.append(("idx\(a)", "long\(lanes)")) }
        for (name, type) in names {
          lines.append(into ? "\(name)_\(g) = \(name);" : "\(type) \(name) = \(name)_\(g);")
        }
      }
      return lines
    }
    /// Vector g's block: its first point, coordinates, prologue and accumulators, then
    /// `statements` (and, where `carried`, the accumulators stored back).
    func block(_ g: Int, _ statements: CodePrinter, into p: inout CodePrinter, carried: Bool)
      throws
    {
      try p.block("") { b in
        if rowLength > 0 {
          b.line("const long p0 = (tr + \(g)L) * \(rowLength)L + tc;")
          b.lines(tile("(tr + \(g)L)"))
        } else {
          b.line("const long p0 = pw + \(g * lanes)L;")
          b.lines(coordinates)
        }
        b.append(pre)
        b.lines(try carry(g, into: false))
        b.append(statements)
        if carried { b.lines(try carry(g, into: true)) }
      }
    }
    /// Every vector's accumulation, one inner loop for all, then each vector's epilogue.
    func whole(_ p: inout CodePrinter) throws {
      for g in 0..<groups {
        try declareAccumulators(accumulations, into: &p, width: lanes, suffix: "_\(g)")
      }
      var body = CodePrinter()
      for g in 0..<groups { try block(g, loop, into: &body, carried: true) }
      loops(&p, body)
      for g in 0..<groups { try block(g, post, into: &p, carried: false) }
    }
    if rowLength > 0 {
      // Every tile is whole (`LaunchGeometry.tileRows`).
      p.line("// \(groups) rows of \(lanes) output points per work-item, each point a lane.")
      return try whole(&p)
    }
    try p.block("if (pw + \(span)L <= \(points)L)") { p in
      p.line("// \(groups) vectors of \(lanes) output points per work-item, each point a lane.")
      try whole(&p)
    }
    try p.block("else") { p in
      p.line("// The last work-item: its whole vectors, then its remaining points, one at a time.")
      try p.block("for (long p0 = pw; p0 + \(lanes)L <= \(points)L; p0 += \(lanes)L)", vector)
      if points % lanes != 0 {
        try p.block("for (long gid = \(points - points % lanes)L; gid < \(points)L; ++gid)", point)
      }
    }
  }
}
