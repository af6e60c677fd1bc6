// Index arithmetic of a symbolic kernel: every size read from its size arguments.
//
// A kernel marked `symbolic` (a plan for every size, `KernelSizes.swift`) is emitted with one
// point (an elementwise kernel of rank 2 or more: one row of its last axis) per work-item and
// spells no extent, stride, offset or bound: the coordinates of point
// `p` divide by the extent arguments `zE<k>`, and every load, store, index and range test reads
// its offset, strides and bounds from the arguments `LaunchGeometry.sizeArguments` names. The
// code is therefore the same for every size, and computes exactly what the fixed-size code of
// the instantiated plan would.

import DRCPlan

/// Index expressions of a symbolic kernel: loads, indices and range tests over its full space
/// (outer axes, then inner), stores over its outer space.
struct SymbolicAddressing {
  /// The full rank (outer plus inner axes).
  let rank: Int
  /// The outer rank.
  let outerRank: Int
  /// The rank stores run over (the full rank for a scan, else the outer rank).
  let storeRank: Int

  /// The addressing of `kernel`'s spaces.
  init(_ kernel: Kernel) {
    rank = kernel.fullSpace.count
    outerRank = kernel.outer.count
    storeRank = kernel.storeSpace.count
  }

  /// Lines defining the coordinates `i<first>, ...` of flat position `flat` over the axes
  /// `first..<first + count` from their extents `zE<k>` (`r` is the scratch variable).
  func coordinates(of flat: String = "p", first: Int = 0, count: Int? = nil, scratch: String = "r")
    -> [String]
  {
    let n = count ?? outerRank
    guard n > 0 else { return [] }
    var lines = ["long \(scratch) = \(flat);"]
    for k in stride(from: first + n - 1, through: first + 1, by: -1) {
      lines.append("const long i\(k) = \(scratch) % zE\(k);")
      lines.append("\(scratch) = \(scratch) / zE\(k);")
    }
    lines.append("const long i\(first) = \(scratch);")
    return lines
  }

  /// The row-major position of the inner coordinates among the inner points (for argmin and
  /// argmax).
  func innerPosition() -> String {
    var text = "0L"
    for k in outerRank..<rank { text = "(\(text) * zE\(k) + i\(k))" }
    return text
  }

  /// `offset + sum_k stride_k * i_k` (k below `axes`, the full rank unless given) with argument
  /// names `offset` and `stride_<k>`.
  func affine(offset: String, stride: String, axes: Int? = nil) -> String {
    let terms = (0..<(axes ?? rank)).map { "\(stride)_\($0) * i\($0)" }
    return "(" + ([offset] + terms).joined(separator: " + ") + ")"
  }

  /// The element index of body value `i`'s load through `map`; `inner`: the value is computed
  /// per inner point (its strides run over the full space, else over the outer space).
  func load(_ i: Int, _ map: IndexMap, inner: Bool) -> String {
    let axes = inner ? rank : outerRank
    guard map.clamp else { return affine(offset: "zO\(i)", stride: "zS\(i)", axes: axes) }
    let terms = map.shape.indices.map { j -> String in
      let terms = (0..<axes).map { "zC\(i)_\(j)_\($0) * i\($0)" }
      let c = "(" + (["zO\(i)_\(j)"] + terms).joined(separator: " + ") + ")"
      return "zR\(i)_\(j) * clamp(\(c), 0L, zH\(i)_\(j))"
    }
    return terms.isEmpty ? "0L" : "(" + terms.joined(separator: " + ") + ")"
  }

  /// The element index of store `s`.
  func store(_ s: Int) -> String { affine(offset: "zT\(s)", stride: "zT\(s)", axes: storeRank) }

  /// The value of body value `i`'s index or range test expression (`inner` as for `load`).
  func index(_ i: Int, inner: Bool) -> String {
    affine(offset: "zO\(i)", stride: "zS\(i)", axes: inner ? rank : outerRank)
  }
}
