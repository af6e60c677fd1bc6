// Index arithmetic of a symbolic kernel: every size read from its size arguments.
//
// A kernel marked `symbolic` (a plan for every size, `KernelSizes.swift`) is emitted with one
// point per work-item and spells no extent, stride, offset or bound: the coordinates of point
// `p` divide by the extent arguments `zE<k>`, and every load, store, index and range test reads
// its offset, strides and bounds from the arguments `LaunchGeometry.sizeArguments` names. The
// code is therefore the same for every size, and computes exactly what the fixed-size code of
// the instantiated plan would.

import DRCPlan

/// Index expressions of a symbolic kernel over an outer space of `rank` axes.
struct SymbolicAddressing {
  /// The outer rank.
  let rank: Int

  /// Lines defining the coordinates `i0, i1, ...` of flat point `p` from the extents `zE<k>`.
  func coordinates() -> [String] {
    guard rank > 0 else { return [] }
    var lines = ["long r = p;"]
    for k in stride(from: rank - 1, through: 1, by: -1) {
      lines.append("const long i\(k) = r % zE\(k);")
      lines.append("r = r / zE\(k);")
    }
    lines.append("const long i0 = r;")
    return lines
  }

  /// `offset + sum_k stride_k * i_k` with argument names `offset` and `stride_<k>`.
  func affine(offset: String, stride: String) -> String {
    let terms = (0..<rank).map { "\(stride)_\($0) * i\($0)" }
    return "(" + ([offset] + terms).joined(separator: " + ") + ")"
  }

  /// The element index of body value `i`'s load through `map`.
  func load(_ i: Int, _ map: IndexMap) -> String {
    guard map.clamp else { return affine(offset: "zO\(i)", stride: "zS\(i)") }
    let axes = map.shape.indices.map { j -> String in
      let terms = (0..<rank).map { "zC\(i)_\(j)_\($0) * i\($0)" }
      let c = "(" + (["zO\(i)_\(j)"] + terms).joined(separator: " + ") + ")"
      return "zR\(i)_\(j) * clamp(\(c), 0L, zH\(i)_\(j))"
    }
    return axes.isEmpty ? "0L" : "(" + axes.joined(separator: " + ") + ")"
  }

  /// The element index of store `s`.
  func store(_ s: Int) -> String { affine(offset: "zT\(s)", stride: "zT\(s)") }

  /// The value of body value `i`'s index or range test expression.
  func index(_ i: Int) -> String { affine(offset: "zO\(i)", stride: "zS\(i)") }
}
