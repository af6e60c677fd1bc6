// The vector widths a plan's elementwise kernels are generated for: part of the compile target.
//
// An elementwise kernel computes W consecutive points per work-item as OpenCL vectors
// (`LaunchGeometry`). The best W depends on the device: PoCL on an AVX-512 CPU runs float16
// Black-Scholes about 1.6x faster than float8, while a GPU wants one point per work-item so
// neighbouring work-items touch neighbouring addresses. drc compiles ahead of time, so the width
// is chosen at compile time, like `-march`: `portable` (8 lanes for 4-byte values, 4 for
// 8-byte ones), a device's preferred widths (`CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT` and
// `_DOUBLE`), or given numbers. The widths are recorded in the plan per kernel, so a plan runs
// correctly on any device; only its speed depends on the choice. A `partials` reduction's width
// is the lane count of its block loop, which is part of its fixed summation order
// (docs/numerics.md): the order depends on the plan, never on the device. A serial reduction's
// or matrix product's width is how many output points a work-item computes as vector lanes
// (at most 4), each lane in the reference's order, so it never changes a result.

/// Lanes per work-item for elementwise kernels, by the widest value a kernel holds.
public struct VectorWidths: Hashable, Sendable, CustomStringConvertible {
  /// Lanes for kernels whose values are all at most 4 bytes (float32, int32, bool).
  public var narrow: Int
  /// Lanes for kernels holding an 8-byte value (float64, int64).
  public var wide: Int

  /// The widths OpenCL C vectors come in (3 excluded: it pads to 4 and has its own loads).
  public static let allowed: Set<Int> = [1, 2, 4, 8, 16]
  /// `allowed` for messages.
  public static let allowedText = "1, 2, 4, 8 or 16"
  /// One 256-bit register: 8 lanes of 4 bytes, 4 of 8.
  public static let portable = VectorWidths(narrow: 8, wide: 4)

  /// Creates widths; each must be in `allowed`.
  public init(narrow: Int, wide: Int) {
    self.narrow = narrow
    self.wide = wide
  }

  /// Widths from a device's preferred vector widths for float and double: each rounded down to
  /// an allowed width and capped at 16; a device without double (0) gets half the float width.
  public init(preferredFloat: Int, preferredDouble: Int) {
    func allowedWidth(_ w: Int) -> Int {
      var r = 1
      while r * 2 <= min(w, 16) { r *= 2 }
      return r
    }
    narrow = allowedWidth(preferredFloat)
    wide = preferredDouble > 0 ? allowedWidth(preferredDouble) : max(narrow / 2, 1)
  }

  /// Parses `N` (both) or `N,M` (narrow, wide); nil when malformed or not allowed.
  public init?(parsing text: String) {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    guard parts.count == 1 || parts.count == 2,
      let first = parts[0], let second = parts.count == 2 ? parts[1] : first,
      VectorWidths.allowed.contains(first), VectorWidths.allowed.contains(second)
    else { return nil }
    self.init(narrow: first, wide: second)
  }

  /// The width for `kernel`: at most `LaunchGeometry.serialPortableLanes` output points per
  /// work-item for a serial matrix product, `LaunchGeometry.serialReductionLanes` for a serial
  /// reduction.
  public func width(for kernel: Kernel) -> Int {
    let width = LaunchGeometry.hasWideValue(kernel) ? wide : narrow
    guard LaunchGeometry.isSerial(kernel) else { return width }
    return min(
      width,
      kernel.kind == .matmul
        ? LaunchGeometry.serialPortableLanes : LaunchGeometry.serialReductionLanes)
  }

  public var description: String { "\(narrow) lanes (4-byte values), \(wide) lanes (8-byte)" }
}

extension Plan {
  /// The plan with every kernel's width set for `widths`: elementwise kernels and `partials`
  /// reductions keep no explicit width when theirs is the portable one (so portable plans of
  /// them are unchanged); serial reductions and matrix products record theirs when above 1;
  /// serial reductions with lanes record `LaunchGeometry.columnGroups` vector groups, and
  /// matrix products with lanes and at least two output axes `LaunchGeometry.matmulTileRows`
  /// rows per tile.
  public func targeting(_ widths: VectorWidths) -> Plan {
    var plan = self
    for k in plan.kernels.indices {
      let width = widths.width(for: plan.kernels[k])
      plan.kernels[k].vectorWidth =
        width == LaunchGeometry.implicitWidth(plan.kernels[k]) ? nil : width
      // Serial reductions with lanes may compute several vectors per work-item: recorded
      // whatever the sizes (plans recorded at several sizes must agree), applied where
      // `LaunchGeometry.groups` finds column lanes and enough points.
      let k0 = plan.kernels[k]
      plan.kernels[k].vectorGroups =
        k0.strategy != .serial || width <= 1
        ? nil
        : k0.kind == .reduction
          ? LaunchGeometry.columnGroups
          : k0.kind == .matmul && k0.outer.count >= 2 ? LaunchGeometry.matmulTileRows : nil
    }
    return plan
  }
}
