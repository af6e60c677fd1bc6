// How a plan kernel is launched on a device: entry points, work sizes and argument order.
//
// This is the contract between the OpenCL C emitter and the runtime, kept in the plan module so
// that the runtime never needs the compiler. Every entry takes the kernel's arguments in plan
// order (buffers as `__global` pointers, scalars by value), then `const long n` for a kernel
// marked `dynamic` (its varying extent: the points of an elementwise kernel, the inner points of
// a reduction, as the instantiated plan gives them) or the size arguments of a kernel marked
// `symbolic` (`KernelSizes.swift`), and a `partials` reduction's two entries take one scratch
// buffer last.
//
// - Elementwise kernels process `vectorWidth` consecutive outer points per work-item (explicit
//   vectors), so the global size is ceil(points / width); the last work-item finishes the
//   remainder with scalar code, behind one branch per work-item, not per element. A symbolic
//   elementwise kernel of rank 2 or more computes one row of its last axis per work-item (its
//   coordinates divide by argument extents once per row, not per point).
// - `serial` reductions and matrix products compute `lanes` consecutive outer points per
//   work-item (one accumulation per lane, each in the reference's order), so the global size is
//   ceil(points / lanes); the last work-item finishes the remainder one point at a time. A
//   serial reduction with `vectorGroups` G > 1 (`groups`) computes G such vectors of
//   consecutive points per work-item (global size ceil(points / (lanes G))); a last, partial
//   work-item finishes the remaining whole vectors, then the points one at a time. A matrix
//   product in row tiles (`tileRows` R > 1, LaunchGeometry+Tiles.swift) computes R rows of
//   `lanes` columns per work-item, every tile whole (global size points / (lanes R)). A
//   serial reduction along contiguous rows (`rowVector`) instead computes one output point per
//   work-item, `lanes` points of its row per vector step: the global size is the point count.
// - `partials` reductions use `partialGroups` work-items in `<name>_partial`, work-item g reducing
//   the contiguous block of inner points [g*B, (g+1)*B) in order, B = ceil(points / G); then one
//   work-item in `<name>_final` combines the partial results 0..G-1 in order and runs the
//   epilogue. The order is fixed, so results do not
//   depend on the device. A `partials` reduction of P > 1 output points runs P work-items in
//   `_final` (one per output point) and, in `_partial`, G P of them for a few long rows
//   (`splitsRows`; work-item w: output point w / G, block w % G) or G ceil(P / lanes) for a few
//   columns (`splitsColumns`, `columnPartials`; work-item w: block w % G of the lanes output
//   points from (w / G) lanes).
// - `scan` kernels: `serial` runs `lanes` consecutive outer points (lines) per work-item as
//   vector lanes, as a serial reduction does, each scanned in order;
//   `partials` (one line) uses `partialGroups` work-items twice: `<name>_partial` work-item g
//   combines its block [g*B, (g+1)*B) into scratch slot g, then `<name>_final` work-item g
//   combines slots 0..g-1 in order into its carry and scans its block again from it, storing
//   every element. Neither pass depends on timing, so results are deterministic.

import DRCIR

/// One kernel entry point to enqueue.
public struct LaunchEntry: Hashable, Sendable {
  /// The OpenCL kernel function name.
  public var name: String
  /// Global work size (1-D).
  public var global: Int
  /// Whether the entry takes the scratch buffer as its last argument.
  public var usesScratch: Bool
}

/// Launch rules shared by the emitter and the runtime.
public enum LaunchGeometry {
  /// Work-items of a partial-results reduction.
  public static let partialGroups = 256

  /// Outer points each work-item of an elementwise kernel computes: the kernel's own width, or
  /// the portable one.
  public static func vectorWidth(_ kernel: Kernel) -> Int {
    kernel.kind == .elementwise ? lanes(kernel) : 1
  }

  /// The vector lanes of a kernel's generated loop: points per work-item of an elementwise
  /// kernel, the block loop of a `partials` reduction, or output points per work-item of a
  /// serial reduction or matrix product.
  public static func lanes(_ kernel: Kernel) -> Int {
    // A symbolic kernel's code decides nothing from sizes: one point per work-item.
    if kernel.symbolic == true || kernel.kind == .sort || kernel.kind == .scatter
      || kernel.kind == .solve
    {
      return 1
    }
    // argmin/argmax of bools keep a value and a position: scalar code too (a uchar lane's
    // comparison mask cannot select a long position).
    // A blocked scan's blocks are sequential: one block per work-item, scalar code.
    if (kernel.kind == .scan && kernel.strategy == .partials)
      || hasIndexAccumulation(kernel, over: .bool)
    {
      return 1
    }
    if rowVector(kernel) { return portableWidth(kernel) }
    let want = kernel.vectorWidth ?? implicitWidth(kernel)
    if columnPartials(kernel) {
      // Lanes are output points: no more than there are (a power of two, as widths are).
      let points = count(kernel.outer)
      var lanes = 1
      while lanes * 2 <= min(want, points) { lanes *= 2 }
      return lanes
    }
    guard isSerial(kernel) else { return want }
    // Lanes are outer points; fewer points than lanes, or a bool accumulation: one per item.
    let points = kernel.outer.reduce(1, *)
    let boolean = kernel.body.contains {
      if case .accumulate = $0.op { return $0.dtype == .bool }
      return false
    }
    return points < want || boolean ? 1 : want
  }

  /// Whether a serial reduction or matrix product reduces each output point's inner points as
  /// vectors along the row (one output point per work-item, `lanes` consecutive inner points per
  /// vector step, the lanes combined in order, then the rest one at a time) rather than with
  /// consecutive output points as lanes: when every inner load is contiguous along the last
  /// inner axis (a row sum, a softmax's row max and row sum of exponentials), where lanes over
  /// output points would gather one element from each of `lanes` rows. Needs at least two
  /// vectors' worth of inner points and no bool accumulation; fixed-size reductions only.
  /// Matrix products keep lanes over output points: there one load of the vector serves every
  /// lane (PoCL, 2048 x 2048 float64 Jacobi, 25 matrix-vector products: 34.5 ms with lanes over
  /// rows, 41-44 ms along the row).
  public static func rowVector(_ kernel: Kernel) -> Bool {
    guard kernel.kind == .reduction, kernel.strategy == .serial,
      kernel.symbolic != true, kernel.dynamic != true, !kernel.inner.isEmpty,
      !hasIndexAccumulation(kernel, over: .bool)
    else { return false }
    let innerPoints = kernel.inner.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
    guard innerPoints >= 2 * portableWidth(kernel) else { return false }
    let last = kernel.fullSpace.count - 1
    var loads = 0
    for v in kernel.body {
      if case .accumulate = v.op, v.dtype == .bool { return false }
      if case .gather = v.op { return false }
      guard v.inner, case .load(_, let m) = v.op else { continue }
      guard !m.clamp, m.shape.count == m.coefficients.count else { return false }
      // The flat element stride along the last inner axis: 1 (contiguous) or 0 (uniform).
      var stride = 0
      var row = 1
      for j in m.shape.indices.reversed() {
        if last < m.coefficients[j].count { stride += row * m.coefficients[j][last] }
        row = row.multipliedReportingOverflow(by: m.shape[j]).partialValue
      }
      guard stride == 1 || stride == 0 else { return false }
      if stride == 1 { loads += 1 }
    }
    return loads > 0
  }

  /// Whether `kernel` has an argmin/argmax accumulation (of `dtype` values, when given).
  public static func hasIndexAccumulation(_ kernel: Kernel, over dtype: DType? = nil) -> Bool {
    kernel.body.contains {
      guard case .accumulate(let op, let a) = $0.op, op.isIndex else { return false }
      guard let dtype else { return true }
      return a >= 0 && a < kernel.body.count && kernel.body[a].dtype == dtype
    }
  }

  /// Whether `kernel` is a serial reduction or matrix product (its lanes are output points).
  public static func isSerial(_ kernel: Kernel) -> Bool {
    kernel.kind != .elementwise && kernel.strategy == .serial
  }

  /// The width a kernel without `vectorWidth` has: 1 for serial kernels (so plans from before
  /// widths keep their meaning), else the portable width.
  public static func implicitWidth(_ kernel: Kernel) -> Int {
    isSerial(kernel) ? 1 : portableWidth(kernel)
  }

  /// Output points per work-item of a serial reduction or matrix product on CPU-like targets
  /// (recorded in the plan; a plan without a width means 1): 4 independent accumulations hide
  /// the latency of each (measured on PoCL: a 2048x2048 float64 matrix-vector product takes
  /// 1.07 ms with 4 rows per work-item, 2.0 ms with 1, 1.65 ms with 8).
  public static let serialPortableLanes = 4

  /// Output points per work-item of a serial reduction (a column reduction: reductions along
  /// rows use `rowVector`) on CPU-like targets: 8, a cache line of float64 columns per row
  /// step (measured on PoCL, cronbach 2000 x 2000 float64 fused kernels, alternating
  /// binaries: 12.8-16.9 ms with 8, 19.2-24.1 ms with 4).
  public static let serialReductionLanes = 8

  /// Vectors of output points a work-item of a serial column reduction computes on targets with
  /// vector lanes: 4, so a row step reads 4 consecutive vectors (128 or 256 bytes) with 4
  /// independent accumulations (PoCL, 2000 x 2000 float64 column sum at 8 lanes: 1.7-2.5 ms
  /// with 4 vectors, 2.2 ms with 2, 1.6 ms with 8, 4.2-6.9 ms with 1; float32 at 16 lanes:
  /// 0.8 ms with 4 against 1.9 ms with 1).
  public static let columnGroups = 4
  /// The most vector groups a plan may ask for.
  public static let maxGroups = 16

  /// Vectors of `lanes` output points per work-item: the kernel's `vectorGroups` for a serial
  /// reduction whose lanes are output points (not `rowVector`, more than one lane, fixed
  /// sizes) with at least that many vectors of points; for a matrix product, its row tile
  /// (`tileRows`); else 1.
  public static func groups(_ kernel: Kernel) -> Int {
    if kernel.kind == .matmul { return tileRows(kernel) }
    guard let g = kernel.vectorGroups, g > 1, kernel.kind == .reduction,
      kernel.strategy == .serial, kernel.symbolic != true, kernel.dynamic != true,
      !rowVector(kernel), lanes(kernel) > 1
    else { return 1 }
    // Fewer points than one work-item's vectors: one vector per work-item keeps the parallelism.
    let groups = min(g, maxGroups)
    return count(kernel.outer) < lanes(kernel) * groups ? 1 : groups
  }

  /// The width every OpenCL CPU device handles well: 8 lanes when all values are at most 4
  /// bytes, 4 when some value is 8 bytes (one 256-bit register either way).
  public static func portableWidth(_ kernel: Kernel) -> Int {
    hasWideValue(kernel) ? VectorWidths.portable.wide : VectorWidths.portable.narrow
  }

  /// Whether `kernel` holds an 8-byte value where its vector loop runs: any argument or body
  /// value of an elementwise kernel; an inner value or accumulation of a reduction.
  public static func hasWideValue(_ kernel: Kernel) -> Bool {
    if kernel.kind != .elementwise {
      return kernel.body.contains { v in
        guard v.dtype.size >= 8 else { return false }
        if v.inner { return true }
        if case .accumulate = v.op { return true }
        return false
      }
    }
    return kernel.args.contains { $0.dtype.size >= 8 }
      || kernel.body.contains { $0.dtype.size >= 8 }
  }

  /// The entries to enqueue, in order, for one launch of `kernel`.
  public static func entries(_ kernel: Kernel) -> [LaunchEntry] {
    let points = kernel.outer.reduce(1, *)
    switch (kernel.kind, kernel.strategy) {
    case (.elementwise, _) where kernel.symbolic == true && kernel.outer.count >= 2:
      // One row (the last axis) per work-item: no division per point (`symbolicRows`).
      let rows = kernel.outer.dropLast().reduce(1) {
        $0.multipliedReportingOverflow(by: $1).partialValue
      }
      return [LaunchEntry(name: kernel.name, global: rows, usesScratch: false)]
    case (.elementwise, _):
      let width = vectorWidth(kernel)
      return [
        LaunchEntry(name: kernel.name, global: (points + width - 1) / width, usesScratch: false)
      ]
    case (.sort, .partials):
      // One long line: its blocks sorted, then merged level by level (SortEmitter+Blocked).
      let n = kernel.inner.first ?? 0
      let (block, levels) = sortBlocks(n)
      return [
        LaunchEntry(
          name: kernel.name + "_block", global: (n + block - 1) / block, usesScratch: true)
      ]
        + (0..<levels).map {
          let chunk = sortMergeChunk(level: $0)
          return LaunchEntry(
            name: kernel.name + "_merge\($0)", global: (n + chunk - 1) / chunk, usesScratch: true)
        }
    case (.scan, .partials):
      return [
        LaunchEntry(name: kernel.name + "_partial", global: partialGroups, usesScratch: true),
        LaunchEntry(name: kernel.name + "_final", global: partialGroups, usesScratch: true),
      ]
    case (_, .partials):
      let p = max(points, 1)
      let vectors = columnPartials(kernel) ? (p + lanes(kernel) - 1) / lanes(kernel) : p
      return [
        LaunchEntry(
          name: kernel.name + "_partial",
          global: partialGroups.multipliedReportingOverflow(by: vectors).partialValue,
          usesScratch: true),
        LaunchEntry(name: kernel.name + "_final", global: p, usesScratch: true),
      ]
    case (_, .serial):
      let lanes = rowVector(kernel) ? 1 : lanes(kernel) * groups(kernel)
      return [
        LaunchEntry(name: kernel.name, global: (points + lanes - 1) / lanes, usesScratch: false)
      ]
    }
  }

  /// Elements a work-item of a blocked sort heapsorts first (`sortBlock`), and the most
  /// outputs one merge work-item writes (`sortChunk`).
  public static let sortBlock = 64
  public static let sortChunk = 4096

  /// The block length of a blocked sort of `n` elements and the merge levels after the blocks
  /// are sorted (ceil(log2) of the number of blocks).
  public static func sortBlocks(_ n: Int) -> (block: Int, levels: Int) {
    let blocks = (n + sortBlock - 1) / sortBlock
    var levels = 0
    while levels < 62 && (1 << levels) < blocks { levels += 1 }
    return (sortBlock, levels)
  }

  /// The outputs each work-item of merge level `level` writes: a whole pair of runs while pairs
  /// are short, else `sortChunk` of one pair.
  public static func sortMergeChunk(level: Int) -> Int {
    level >= 6 ? sortChunk : min(sortChunk, 2 * sortBlock << level)
  }

  /// Bytes of scratch a `partials` kernel needs: one slot per work-item per accumulation, each
  /// slot 8 bytes (partials are kept in the accumulation dtype, padded to 8 bytes).
  public static func scratchBytes(_ kernel: Kernel) -> Int {
    guard kernel.strategy == .partials else { return 0 }
    if kernel.kind == .scan { return partialGroups * 8 }
    // A blocked sort merges between its output line and a scratch line (8 bytes an element at
    // most).
    if kernel.kind == .sort {
      return (kernel.inner.first ?? 0).multipliedReportingOverflow(by: 8).partialValue
    }
    // One slot per accumulation; argmin/argmax keep a value and a position: two.
    let slots = kernel.body.reduce(0) { total, v in
      if case .accumulate(let op, _) = v.op { return total + (op.isIndex ? 2 : 1) }
      return total
    }
    return (partialGroups * 8 * slots).multipliedReportingOverflow(by: max(count(kernel.outer), 1))
      .partialValue
  }

  /// Output points at most for which a reduction along rows is split into `partials` blocks
  /// (`splitsRows`): with fewer rows than this, one work-item per row leaves cores idle.
  public static let fewRows = 16

  /// The output points for which a column reduction is split into `partials` blocks
  /// (`splitsColumns`). Measured on PoCL, 2 cores, alternating binaries: the float32 column
  /// sums of [4194304, 8] took 9.9-13.4 ms serial, 6.7-7.0 ms split; of [1000000, 20]
  /// 15.5-17.8 against 8.0-8.1 ms; but float64 [2000000, 3] 7.0-7.7 against 9.5-10.0 ms (a
  /// vector of 2 lanes and a point alone) and [524288, 64] no better (serial already has 2
  /// work-items of 4 vectors).
  public static let splitColumns = 8...32

  /// Whether a fixed-size reduction of `splitColumns` output points over at least `from`
  /// inner points each, not along rows and without argmin/argmax, becomes a `partials`
  /// reduction of several points (`columnPartials`): each block of inner points is reduced for
  /// `lanes` consecutive output points at once, as a serial reduction's vector lanes are.
  public static func splitsColumns(_ kernel: Kernel, from: Int) -> Bool {
    kernel.kind == .reduction && splitColumns.contains(count(kernel.outer))
      && count(kernel.inner) >= max(from, 2) && !alongRows(kernel)
      && !hasIndexAccumulation(kernel) && kernel.symbolic != true && kernel.dynamic != true
  }

  /// Whether `kernel` is a `partials` reduction of several output points whose lanes are output
  /// points (a split column reduction) rather than points along a row.
  public static func columnPartials(_ kernel: Kernel) -> Bool {
    kernel.kind == .reduction && kernel.strategy == .partials && count(kernel.outer) > 1
      && !alongRows(kernel)
  }

  /// Whether a reduction of fixed size with 2 to `fewRows` output points reduces each along
  /// contiguous rows of at least `from` points (every per-point load contiguous or uniform along
  /// the last inner axis, no bool accumulation): it then runs as a `partials` reduction of
  /// several output points, each row split into `partialGroups` blocks (PoCL, 2 cores: the 8
  /// row means of a float32 [8, 4194304] array 5.5-6.4 ms split, 6.5-7.1 ms as one work-item per
  /// row; the row sums of a [2, 8388608] one 1.7-2.7 against 2.8-4.5 ms).
  public static func splitsRows(_ kernel: Kernel, from: Int) -> Bool {
    kernel.kind == .reduction && (2...fewRows).contains(count(kernel.outer))
      && count(kernel.inner) >= max(from, 2) && alongRows(kernel) && !hasIndexAccumulation(kernel)
  }

  /// Whether `kernel`'s reduction would run along its rows as a serial one (`rowVector`),
  /// whatever its strategy.
  static func alongRows(_ kernel: Kernel) -> Bool {
    var serial = kernel
    serial.strategy = .serial
    return rowVector(serial)
  }

  /// The product of `extents`, wrapping rather than trapping (plans are verified separately).
  static func count(_ extents: [Int]) -> Int {
    extents.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
  }

  /// The OpenCL C type of a dtype's elements in buffers and scalar arguments.
  public static func clType(_ dtype: DType) -> String {
    switch dtype {
    case .bool: return "uchar"
    case .int32: return "int"
    case .int64: return "long"
    case .float32: return "float"
    case .float64: return "double"
    }
  }
}
