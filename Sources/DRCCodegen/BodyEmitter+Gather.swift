// Gathers: loads at a position computed at run time (`take`), at any width.
//
// The gathered position is the index value counted from the end when negative (adding the
// axis length only where the index is negative, so no lane can overflow) and then clamped into
// the axis, so the read stays inside the buffer whatever the index; an index out of range is
// counted by the plan's bounds check, which fails the run. The address is the map's element
// without its last axis (the position axis, see `ExprOp.gather`), found with the same forms as
// any load, plus the position times that axis's flat stride: one element when both are the same
// for every lane, else lane by lane.

import DRCIR
import DRCPlan

extension BodyEmitter {
  /// Value `i`: argument `arg` read through `map` at position `index` of an axis of `extent`.
  mutating func gatherLoad(
    _ i: Int, _ arg: Int, _ map: IndexMap, index k: ValueRef, extent: Int
  ) throws {
    let v = kernel.body[i]
    guard arg >= 0, arg < kernel.args.count, kernel.args[arg].access != .scalar,
      kernel.args[arg].dtype == v.dtype
    else { throw error(i, "gather from argument \(arg), which is not a \(v.dtype) buffer") }
    guard k.dtype == .int64, kernel.symbolic != true, map.spaceRank >= 1 else {
      throw error(i, "gather needs an int64 index and a fixed-size kernel")
    }
    var base = map
    base.coefficients = map.coefficients.map { Array($0.dropLast()) }
    let stride = map.linear.strides.last ?? 0
    let top = max(extent - 1, 0)
    let a = "a\(arg)"
    let p = "g\(i)"
    let scalarPosition = width == 1 || k.uniform
    if scalarPosition {
      out.line(
        "const long \(p) = clamp(\(k.name) < 0L ? \(k.name) + \(extent)L : \(k.name), 0L, \(top)L);"
      )
    } else {
      let t = CLSyntax.type(.int64, width: width)
      out.line(
        "const \(t) \(p) = clamp(\(k.name) + ((\(k.name) < 0L) & (\(t))(\(extent)L)), 0L, \(top)L);"
      )
    }
    if width == 1 {
      let e = addressing.element(base, coordinate: { "i\($0)" })
      define(i, "\(a)[\(e) + \(stride)L * \(p)]", uniform: false)
      return
    }
    let access = addressing.vector(
      base, width: width, needsBase: &needsBase, needsLanes: &needsLanes)
    let t = CLSyntax.type(.int64, width: width)
    let lanes = (0..<width).map(String.init).joined(separator: ", ")
    let vectorBase: String
    switch access {
    case .uniform(let e):
      if scalarPosition {
        define(i, "\(a)[\(e) + \(stride)L * \(p)]", uniform: true)
        return
      }
      vectorBase = "(\(t))(\(e))"
    case .contiguous(let e): vectorBase = "((\(t))(\(e)) + (\(t))(\(lanes)))"
    case .gather(let e): vectorBase = e
    case .lanes(let indices): vectorBase = "(\(t))(\(indices.joined(separator: ", ")))"
    case .clampedContiguous(_, let e, _), .rowUniform(_, let e, _): vectorBase = e
    }
    out.line("const \(t) ge\(i) = \(vectorBase) + \(stride)L * \(p);")
    let read = (0..<width).map { "\(a)[ge\(i).\(CLSyntax.lane($0))]" }
    define(
      i, "(\(CLSyntax.type(v.dtype, width: width)))(\(read.joined(separator: ", ")))",
      uniform: false)
  }
}
