// The `_partial` function of a split column reduction (`LaunchGeometry.columnPartials`).
//
// A reduction of a few output points whose lanes are output points (column sums of a tall,
// narrow array) is split like a single sum: work-item w reduces inner block g = w % G for the
// W consecutive output points from p0 = (w / G) W, as vector lanes (W = `LaunchGeometry.lanes`,
// at most the point count), in order, and stores lane l into the slot of point p0 + l, block g.
// The work-item of the last, partial vector (and every work-item at one lane) reduces its block
// for its points one at a time.
// `_final` (shared with split rows) then combines each point's G blocks in order. Each lane
// sees its point's inner points in the same order as a scalar work-item would.

import DRCIR
import DRCPlan

extension ReductionEmitter {
  /// The statements of a split column reduction's `_partial`: `vector*` are the width-W
  /// statements (lanes over outer points) and `scalar*` the one-point ones; `rangeLines` set
  /// `r` and `rEnd` for block g; `slot(a-ordinal, dtype, index)` names a scratch slot.
  func columnPartial(
    _ p: inout CodePrinter, accumulations: [Int], vectorCoordinates: [String],
    vectorPre: CodePrinter, vectorLoop: CodePrinter, scalarPre: CodePrinter,
    scalarLoop: CodePrinter, innerCoordinates: [String], rangeLines: [String],
    slot: (Int, DType, String) -> String
  ) throws {
    let groups = LaunchGeometry.partialGroups
    let points = kernel.outer.reduce(1, *)
    let lanes = LaunchGeometry.lanes(kernel)
    let vectors = (points + lanes - 1) / lanes
    let outerAxes = Addressing(space: kernel.outer)
    let ordinals = slotOrdinals(accumulations)
    p.line("const long w = (long)get_global_id(0);")
    p.line("if (w >= \(groups * vectors)L) return;")
    p.line("const long g = w % \(groups)L;")
    p.line("const long pv = (w / \(groups)L) * \(lanes)L;")
    /// Block g of the points from `p0` (`op` at one lane): the loop, then each point's slot.
    func block(_ p: inout CodePrinter, width: Int, loop: CodePrinter) throws {
      p.lines(rangeLines)
      p.block("for (; r < rEnd; ++r)") { p in
        p.lines(innerCoordinates)
        p.append(loop)
      }
      for a in accumulations {
        let (_, _, d) = try accumulation(a)
        let ordinal = ordinals[a] ?? 0
        if width == 1 {
          p.line("\(slot(ordinal, d, "op * \(groups)L + g")) = acc\(a);")
          continue
        }
        for l in 0..<width {
          p.line(
            "\(slot(ordinal, d, "(p0 + \(l)L) * \(groups)L + g")) = acc\(a).\(CLSyntax.lane(l));")
        }
      }
    }
    func vector(_ p: inout CodePrinter) throws {
      p.line("const long p0 = pv;")
      p.lines(vectorCoordinates)
      p.append(vectorPre)
      try declareAccumulators(accumulations, into: &p, width: lanes)
      try block(&p, width: lanes, loop: vectorLoop)
    }
    func scalar(_ p: inout CodePrinter) throws {
      try p.block("for (long op = pv; op < min(pv + \(lanes)L, \(points)L); ++op)") { p in
        p.lines(outerAxes.coordinates(of: "op", prefix: "i", type: "long"))
        p.append(scalarPre)
        try declareAccumulators(accumulations, into: &p)
        try block(&p, width: 1, loop: scalarLoop)
      }
    }
    if lanes == 1 { return try scalar(&p) }
    if points % lanes == 0 { return try p.block("", vector) }
    try p.block("if (pv + \(lanes)L <= \(points)L)", vector)
    try p.block("else", scalar)
  }
}
