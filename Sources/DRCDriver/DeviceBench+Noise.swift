// How noisy a `drc bench` run was: the spread of each configuration's kernel times, the
// speedups of the alternating pairs, and the CPU time a hypervisor gave to other guests.
//
// On shared virtual machines a single median can be off by 2x (measured here: the same fused
// loglikelihood kernel at 24 ms and at 74 ms in consecutive runs, on a machine where vmstat
// showed 5-20% of CPU time stolen). The two configurations run alternately, so the ratio within each pair cancels most
// of such drift: the pairs' speedups (lowest, median, highest) are the robust comparison, and
// the kernel times' range and the steal share say how far a single number can be trusted.
// Steal comes from /proc/stat (Linux); elsewhere it is absent from the report.

import Foundation

extension BenchReport {
  /// The lowest, median and highest of some measurements.
  public struct Spread: Encodable, Sendable {
    public var min: Double
    public var median: Double
    public var max: Double

    /// The spread of `values` (all zero when there are none).
    init(_ values: [Double]) {
      let sorted = values.sorted()
      min = sorted.first ?? 0
      median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
      max = sorted.last ?? 0
    }
  }
}

/// CPU time counters of the whole machine, for the share stolen by other guests.
struct CPUTimes {
  /// All CPU time (user to steal, in clock ticks) and the stolen part.
  var total: UInt64
  var steal: UInt64

  /// The counters now, from /proc/stat's `cpu` line; nil where there is none (not Linux).
  static func now() -> CPUTimes? {
    guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
    else { return nil }
    // user nice system idle iowait irq softirq steal ...
    let fields = line.split(separator: " ").dropFirst().prefix(8).compactMap { UInt64($0) }
    guard fields.count == 8 else { return nil }
    let total = fields.reduce(UInt64(0)) { $0.addingReportingOverflow($1).partialValue }
    return CPUTimes(total: total, steal: fields[7])
  }

  /// The percentage of CPU time stolen between `start` and `end`; nil without both counters
  /// or when no time passed.
  static func stealPercent(from start: CPUTimes?, to end: CPUTimes?) -> Double? {
    guard let a = start, let b = end, b.total > a.total, b.steal >= a.steal else { return nil }
    return 100 * Double(b.steal - a.steal) / Double(b.total - a.total)
  }
}

extension DeviceBench {
  /// The noise lines of the human-readable report: kernel time ranges, the pairs' speedups and
  /// the steal share, with a warning when steal is above 2%.
  static func noiseText(_ r: BenchReport) -> String {
    var out = String(
      format:
        "kernel time range: %@ %.2f-%.2f ms, %@ %.2f-%.2f ms; speedup of the %d pairs: %.2fx-%.2fx (median %.2fx)\n",
      r.fused.mode as NSString, r.fused.kernelSpread.min, r.fused.kernelSpread.max,
      r.unfused.mode as NSString, r.unfused.kernelSpread.min, r.unfused.kernelSpread.max,
      r.repeats, r.pairedKernelSpeedup.min, r.pairedKernelSpeedup.max,
      r.pairedKernelSpeedup.median)
    if let steal = r.stealPercent {
      out += String(format: "CPU time stolen by the hypervisor during the runs: %.1f%%", steal)
      out +=
        steal > 2
        ? " (other guests share this machine's host: single times are noisy, the pairs' speedups less so)\n"
        : "\n"
    }
    return out
  }
}
