// What device mode did: segments, cache hits and misses, compile time, launches, bytes moved.
//
// `DRC_LAZY_STATS=1` prints `report` on standard error when the program exits; tests and the
// lazy benchmark read the counters directly (`DRC.lazyStats`).

import DRCIR
import Foundation

/// Counters of one process's device-mode work.
public struct LazyStats: Sendable, Equatable {
  /// Segments flushed.
  public var flushes = 0
  /// Flushes whose segment was already compiled.
  public var hits = 0
  /// Flushes that compiled their segment.
  public var misses = 0
  /// Operations the flushed segments contained (inputs excluded).
  public var operations = 0
  /// Live values flushes computed without storing them (the recomputation rule of `Segment`).
  public var recomputed = 0
  /// Seconds spent compiling segments (passes, fusion, emission, program build or load).
  public var compileSeconds = 0.0
  /// Host seconds spent in flushes besides compiling, uploading and checking: building the
  /// segment, finding it in the cache, binding and enqueueing.
  public var flushSeconds = 0.0
  /// Of `flushSeconds`, the part spent binding and enqueueing launches (with the buffers
  /// taken to replace the outputs handed out).
  public var enqueueSeconds = 0.0
  /// Device buffers allocated, and taken again from the pool instead.
  public var buffersCreated = 0
  public var buffersReused = 0
  /// Seconds spent checking segments against the reference (`DRC_VERIFY=1`).
  public var verifySeconds = 0.0
  /// Kernel launches enqueued.
  public var launches = 0
  /// Bytes the launched kernels read and wrote (the plans' `bytesMoved`).
  public var bytesMoved = 0
  /// Bytes uploaded from host data and downloaded for host reads.
  public var uploadedBytes = 0
  public var downloadedBytes = 0
  /// Bytes of host data kernels read in place (direct transfers: wrapped, not uploaded).
  public var inPlaceBytes = 0
  /// Bytes of host reads the kernels wrote straight into the array returned (no download).
  public var inPlaceReadBytes = 0
  /// Seconds spent in uploads and downloads (downloads include waiting for the device).
  public var transferSeconds = 0.0

  /// When the first operation was deferred and the last flush or read ended (uptime ns).
  var firstOperation: UInt64?
  var lastActivity: UInt64?

  /// Wall seconds from the first deferred operation to the end of the last flush or host read:
  /// the program's device-mode computation, compiles and transfers included.
  public var activeSeconds: Double {
    guard let a = firstOperation, let b = lastActivity, b > a else { return 0 }
    return Double(b - a) / 1e9
  }

  /// Creates zeroed counters.
  public init() {}

  /// Counts one flush of `segment`.
  mutating func record(segment: Segment, compiled: CompiledSegment, hit: Bool) {
    flushes += 1
    if hit {
      hits += 1
    } else {
      misses += 1
      compileSeconds += compiled.seconds
    }
    operations += segment.graph.nodes.count - segment.graph.inputs.count
    recomputed += segment.recomputed.count
  }

  /// The exit report.
  public var report: String {
    var out = "drc device mode: \(flushes) segment flush\(flushes == 1 ? "" : "es")"
    out +=
      " (\(hits) cache hit\(hits == 1 ? "" : "s"), \(misses) compiled), \(operations) operations\n"
    out += String(
      format: "  active %.1f ms (first operation to last read), compile %.1f ms",
      activeSeconds * 1e3, compileSeconds * 1e3)
    if flushes > 0 {
      out += String(
        format: ", host %.1f us per flush (%.1f us enqueueing)",
        flushSeconds * 1e6 / Double(flushes),
        enqueueSeconds * 1e6 / Double(flushes))
    }
    out += "\n  \(launches) kernel launches, \(bytesMoved) bytes moved by kernels"
    out += ", \(recomputed) live value\(recomputed == 1 ? "" : "s") left unstored\n"
    out += "  \(buffersCreated) buffers allocated, \(buffersReused) reused\n"
    out += "  \(uploadedBytes) bytes uploaded, \(inPlaceBytes) bytes of host data read in place, "
    out +=
      "\(downloadedBytes) bytes downloaded, \(inPlaceReadBytes) bytes written in place for host reads"
    out += String(format: " (%.1f ms)\n", transferSeconds * 1e3)
    if verifySeconds > 0 { out += String(format: "  checking %.1f ms\n", verifySeconds * 1e3) }
    return out
  }
}
