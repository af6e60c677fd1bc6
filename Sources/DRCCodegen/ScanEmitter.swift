// Scan kernels (cumsum, cumprod, cummax, cummin): a running combination along the one inner axis, every point
// stored.
//
// The body holds outer values (computed once per line, before the loop), inner values (the fused
// elementwise prologue before the scan and any fused elementwise epilogue after it, computed per
// point) and exactly one `scan` value, whose running
// accumulator `acc` is combined with its operand point by point in order and stored at every
// point. `serial`: a work-item scans `LaunchGeometry.lanes` consecutive lines (outer points) as
// vector lanes, or one line with scalar code (the last work-item finishes a remainder one line
// at a time), so each element is exactly the reference's left-to-right prefix. `partials` (one long line): `_partial` work-item
// g combines its block [g*B, (g+1)*B) (B = ceil(n/G)) into scratch slot g; `_final` work-item g
// combines slots 0..g-1 in order into its carry and scans its block again from it, storing
// every element. Both passes are fixed functions of the data, so results never depend on thread
// timing; their rounding differs from a serial scan by the bound in docs/numerics.md.

import DRCIR
import DRCPlan

/// Emits the function(s) of a scan kernel.
struct ScanEmitter {
  let kernel: Kernel
  let locations: [Int: String]

  /// The kernel function(s): one for `serial`, `_partial` and `_final` for `partials`.
  func emit(signature: (String, Bool) -> String, helpers: inout Set<CLHelper>) throws
    -> [CodePrinter]
  {
    guard kernel.inner.count == 1 else {
      throw CodegenError(kernel: kernel.name, "a scan kernel needs exactly one inner axis")
    }
    if kernel.dynamic == true {
      throw CodegenError(kernel: kernel.name, "a scan cannot take a symbolic length yet")
    }
    let scans = kernel.body.indices.filter {
      if case .scan = kernel.body[$0].op { return true } else { return false }
    }
    guard scans.count == 1, let s = scans.first, case .scan(let op, let x) = kernel.body[s].op
    else {
      throw CodegenError(kernel: kernel.name, "a scan kernel needs exactly one scan value")
    }
    let d = kernel.body[s].dtype
    guard kernel.body[x].dtype == d, kernel.body[x].inner, d != .bool || op.isExtremum else {
      throw CodegenError(
        kernel: kernel.name, node: kernel.body[s].node,
        "\(op.rawValue) of \(kernel.body[x].dtype) into \(d) is not supported")
    }
    let combine: ReduceOp
    switch op {
    case .cumsum: combine = .sum
    case .cumprod: combine = .prod
    case .cummax: combine = .max
    case .cummin: combine = .min
    }
    // -0 for float sums: -0 + x is x for every x (also -0), so element 0 keeps its sign as the
    // reference's `x0` does; +0 would turn a leading -0 into +0.
    let identity =
      combine == .sum && d.isFloat
      ? CLSyntax.literal(.float(-0.0), d) : ReductionEmitter.identity(combine, d)
    let outerRank = kernel.outer.count
    let points = kernel.outer.reduce(1, *)
    let type = CLSyntax.scalarType(d)
    let coordinate = "i\(outerRank)"
    // A symbolic kernel reads its line length `zE<outer rank>` and line count `zN` from its
    // size arguments.
    let symbolic = kernel.symbolic == true ? SymbolicAddressing(kernel) : nil
    let n = symbolic == nil ? "\(kernel.inner[0])L" : "zE\(outerRank)"
    let lineCount = symbolic == nil ? "\(points)L" : "zN"

    /// The prologue and the statements for one point of the line at `width` lanes (lanes are
    /// consecutive lines); without `storing`, only what the scan needs.
    func statements(width: Int, storing: Bool) throws -> (pre: BodyEmitter, point: BodyEmitter) {
      var pre = BodyEmitter(
        kernel: kernel, locations: locations, width: width, space: kernel.fullSpace)
      if width > 1 { pre.addressing.laneAxes = outerRank }
      for i in kernel.body.indices where !kernel.body[i].inner { try pre.emit(i) }
      var loop = pre
      loop.out = CodePrinter()
      for i in kernel.body.indices where kernel.body[i].inner && (storing || i <= s) {
        guard i == s else {
          try loop.emit(i)
          continue
        }
        guard let ref = loop.refs[x] else {
          throw CodegenError(kernel: kernel.name, "scanned value v\(x) missing")
        }
        let value = loop.widened(ref, uniform: false)
        loop.out.line(try ReductionEmitter.update(combine, "acc", value, d, ops: &loop.ops))
        loop.define(s, "acc", uniform: false)
      }
      if storing { for store in kernel.stores { try loop.store(store) } }
      helpers.formUnion(pre.ops.helpers)
      helpers.formUnion(loop.ops.helpers)
      return (pre, loop)
    }
    let (pre, storing) = try statements(width: 1, storing: true)
    let storingPoint = storing.out
    let loopHeader = "for (long \(coordinate) = 0; \(coordinate) < \(n); ++\(coordinate))"

    if kernel.strategy == .serial {
      /// Line `gid` with scalar code.
      func line(_ p: inout CodePrinter) {
        p.lines(
          symbolic?.coordinates(of: "gid")
            ?? Addressing(space: kernel.outer).coordinates(of: "gid", prefix: "i", type: "long"))
        p.append(pre.out)
        p.line("\(type) acc = \(identity);")
        p.block(loopHeader) { $0.append(storingPoint) }
      }
      let lanes = LaunchGeometry.lanes(kernel)
      var p = CodePrinter()
      if lanes == 1 {
        p.block(signature("", false)) { p in
          p.line("const long gid = (long)get_global_id(0);")
          p.line("if (gid >= \(lineCount)) return;")
          line(&p)
        }
        return [p]
      }
      // `lanes` consecutive lines per work-item as vector lanes, each scanned in order.
      let (vpre, vpoint) = try statements(width: lanes, storing: true)
      let vtype = CLSyntax.type(d, width: lanes)
      p.block(signature("", false)) { p in
        p.line("const long p0 = (long)get_global_id(0) * \(lanes)L;")
        func vector(_ p: inout CodePrinter) {
          p.line("// \(lanes) lines per work-item, as vector lanes.")
          p.lines(
            Addressing(space: kernel.outer).vectorCoordinates(
              width: lanes, needsBase: vpoint.needsBase, needsLanes: vpoint.needsLanes))
          p.append(vpre.out)
          p.line("\(vtype) acc = (\(vtype))(\(identity));")
          p.block(loopHeader) { $0.append(vpoint.out) }
        }
        guard points % lanes != 0 else { return vector(&p) }
        p.block("if (p0 + \(lanes)L <= \(points)L)", vector)
        p.block("else") { p in
          p.line("// The last work-item: the remaining lines, one at a time.")
          p.block("for (long gid = p0; gid < \(points)L; ++gid)", line)
        }
      }
      return [p]
    }
    guard points == 1 else {
      throw CodegenError(
        kernel: kernel.name, "a blocked scan needs a single line, not \(points) lines")
    }
    let totalsPoint = try statements(width: 1, storing: false).point.out
    let groups = LaunchGeometry.partialGroups
    let chunk =
      symbolic == nil
      ? "\((kernel.inner[0] + groups - 1) / groups)L"
      : "((zE\(outerRank) + \(groups - 1)L) / \(groups)L)"
    func slot(_ g: String) -> String { "((__global \(type)*)(scratch + 8L * \(g)))[0]" }
    /// The start of both functions: work-item g, outer coordinates 0, prologue, block bounds.
    func head(_ p: inout CodePrinter) {
      p.line("const long g = (long)get_global_id(0);")
      p.line("if (g >= \(groups)L) return;")
      p.lines((0..<outerRank).map { "const long i\($0) = 0;" })
      p.append(pre.out)
      p.line("const long chunk = \(chunk);")
      p.line("const long rEnd = min((g + 1L) * chunk, \(n));")
    }
    let blockHeader =
      "for (long \(coordinate) = g * chunk; \(coordinate) < rEnd; ++\(coordinate))"
    var partial = CodePrinter()
    partial.block(signature("_partial", true)) { p in
      head(&p)
      p.line("// The total of block g, in order.")
      p.line("\(type) acc = \(identity);")
      p.block(blockHeader) { $0.append(totalsPoint) }
      p.line("\(slot("g")) = acc;")
    }
    var final = CodePrinter()
    var carryOps = CLOps(width: 1)
    let carry = try ReductionEmitter.update(combine, "acc", slot("h"), d, ops: &carryOps)
    helpers.formUnion(carryOps.helpers)
    final.block(signature("_final", true)) { p in
      head(&p)
      p.line("// The carry: totals of blocks 0..g-1 in order; then block g scanned from it.")
      p.line("\(type) acc = \(identity);")
      p.block("for (long h = 0; h < g; ++h)") { $0.line(carry) }
      p.block(blockHeader) { $0.append(storingPoint) }
    }
    return [partial, final]
  }
}
