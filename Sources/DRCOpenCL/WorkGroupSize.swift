// Work-group sizes for launches on CPU devices.
//
// Given no local size, PoCL 3.1's CPU device puts a small launch in a single work-group, and one
// thread runs a work-group: measured on 2 cores, 8 work-items each summing 16 MiB took 10.95 ms
// as the one group PoCL chose, 5.24 ms as 8 groups of 1 (7.92 ms in groups of 2, 9.53 ms in
// groups of 4). drc's launches are often small: a `partials` reduction's 256 work-items, a column
// reduction's one work-item per 32 columns, a row reduction's one per row. So on a CPU device the
// runtime picks the local size itself: the largest divisor of the global size (OpenCL 1.2
// work-groups are uniform) that leaves at least `groupsPerUnit` groups per compute unit, within
// the device's maximum. Large launches (more than `largest` work-items) keep the
// implementation's choice, which already spreads them. GPUs keep the driver's choice.

/// The local size of drc's 1-D launches.
public enum WorkGroupSize {
  /// Work-groups per compute unit a launch is split into at least, where it has the work-items.
  public static let groupsPerUnit = 4
  /// Above this many work-items the implementation chooses.
  public static let largest = 1 << 16

  /// The local size for a launch of `global` work-items on `device`, or nil for the
  /// implementation's choice.
  public static func local(global: Int, device: CLDevice) -> Int? {
    local(
      global: global, cpu: device.type.contains(.cpu), units: device.computeUnits,
      maximum: device.maxWorkGroupSize)
  }

  /// The rule itself: nil unless `cpu` and `global` is at most `largest`; else the largest
  /// divisor of `global` at most `maximum` and at most global / (units * groupsPerUnit) (1 when
  /// that is below 1).
  public static func local(global: Int, cpu: Bool, units: Int, maximum: Int) -> Int? {
    guard cpu, global > 0, global <= largest else { return nil }
    let target = global / (max(units, 1) * groupsPerUnit)
    let bound = min(max(target, 1), max(maximum, 1))
    var best = 1
    var d = 1
    while d * d <= global {
      if global % d == 0 {
        if d <= bound { best = max(best, d) }
        let other = global / d
        if other <= bound { best = max(best, other) }
      }
      d += 1
    }
    return best
  }
}
