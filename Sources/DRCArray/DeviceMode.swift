// Choosing how the library computes: eagerly on the reference interpreter, or deferred on the
// device (DelayRepay's model), and the controls device mode adds.
//
// `DRC_MODE=device` (or `DRC.mode = .device`) defers every operation: arrays are nodes of a
// pending graph, and nothing runs until the program needs a value (a host read, `output`,
// `DRC.evaluate`) or the pending graph reaches its bound; then the pending work is fused,
// compiled (cached by structure) and run on the OpenCL device `DRC_DEVICE` selects, results
// staying on the device until read. The default is `reference`: exact, eager, no device needed,
// and no compile latency for small scripts and tests. Recording (`drc record`) always computes on
// the reference, whatever the mode, so traces are unchanged. docs/lazy.md has the details.

import DRCLazy
import Foundation

/// How array operations are computed.
public enum ExecutionMode: String, Sendable, CaseIterable {
  /// Eagerly, on the host, by the reference interpreter (the default).
  case reference
  /// Deferred and fused on the OpenCL device.
  case device
}

extension Session {
  /// The mode `DRC_MODE` names; `reference` when unset. An unknown name is reported once on
  /// standard error and ignored.
  static func environmentMode() -> ExecutionMode {
    guard let raw = ProcessInfo.processInfo.environment["DRC_MODE"], !raw.isEmpty else {
      return .reference
    }
    if raw == "record" { return .reference }
    guard let mode = ExecutionMode(rawValue: raw.lowercased()) else {
      FileHandle.standardError.write(
        Data("drc: DRC_MODE=\(raw) is not a mode (reference, device); using reference\n".utf8))
      return .reference
    }
    return mode
  }

  /// Whether operations are deferred now: device mode, not recording.
  var isDeferring: Bool { mode == .device && !isRecording }
}

extension DRC {
  /// How operations are computed from now on (`DRC_MODE` sets the initial mode). Values made
  /// before a change keep working in the new mode.
  public static var mode: ExecutionMode {
    get { Session.shared.mode }
    set { Session.shared.mode = newValue }
  }

  /// Computes `arrays` now (device mode: one fused flush, results kept on the device); a no-op
  /// in reference mode.
  public static func evaluate(_ arrays: NDArray..., file: String = #filePath, line: Int = #line)
    throws(ArrayError)
  {
    var nodes: [LazyNode] = []
    for array in arrays {
      if case .lazy(let node) = try array.value().payload { nodes.append(node) }
    }
    guard !nodes.isEmpty else { return }
    do {
      try LazyEngine.shared.evaluate(nodes)
    } catch {
      throw ArrayError(
        op: "evaluate", "\(error)",
        location: Session.shared.location(.source(file, line), force: true))
    }
  }

  /// What device mode did so far in this process (`DRC_LAZY_STATS=1` prints it at exit).
  public static var lazyStats: LazyStats { LazyEngine.shared.stats }

  /// Deferred operations after which the next one flushes first (`DRC_LAZY_MAX_PENDING`).
  public static var maxPending: Int {
    get { LazyEngine.shared.maxPending }
    set { LazyEngine.shared.maxPending = max(newValue, 1) }
  }

  /// The size in bytes from which a live elementwise value that a flush computes only on the
  /// way to the values it needs is computed again if it is read later, rather than stored
  /// (`DRC_LAZY_RECOMPUTE_BYTES`, 1 MiB by default; `Int.max` stores every live value).
  public static var recomputeBytes: Int {
    get { LazyEngine.shared.recomputeBytes }
    set { LazyEngine.shared.recomputeBytes = max(newValue, 0) }
  }

  /// Checks every device-mode flush against the reference interpreter (`DRC_VERIFY=1`).
  public static var verifyFlushes: Bool {
    get { LazyEngine.shared.verify }
    set { LazyEngine.shared.verify = newValue }
  }
}
