// What fusion decided, per launch, for `drc explain`.
//
// The plan says what to run; the report says why: which trace nodes each launch computes, which
// of them it writes to memory and why each write could not be avoided, which buffers it reads
// (and why those values were materialised), and how many bytes each way.

import DRCIR

/// One launch's story.
public struct LaunchReport: Sendable, Equatable {
  /// The plan step.
  public var step: Int
  /// The kernel launched (index into the plan's kernels).
  public var kernel: Int
  /// Trace nodes computed by the launch (roots and inlined), in order.
  public var nodes: [Int]
  /// Nodes written to memory, each with the reason it had to be.
  public var writes: [Materialised]
  /// Materialised nodes read, each with the reason it is in memory.
  public var reads: [Materialised]
  /// Bytes read.
  public var readBytes: Int
  /// Bytes written.
  public var writeBytes: Int
}

/// A materialised node with its size and reason.
public struct Materialised: Sendable, Equatable {
  /// The node.
  public var node: Int
  /// Bytes moved for it by this launch.
  public var bytes: Int
  /// Why it is in memory.
  public var reason: String
}

/// The fusion report of a compiled plan.
public struct FusionReport: Sendable {
  /// The graph the plan was built from (after optimisation), for names and locations.
  public var graph: Graph
  /// One entry per launch, in step order.
  public var launches: [LaunchReport]
  /// Remarks from the passes.
  public var remarks: [Remark]
}
