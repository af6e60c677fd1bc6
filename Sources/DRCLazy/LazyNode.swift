// A deferred array value: an operation on other deferred values, or data already somewhere.
//
// In device mode the array library builds one `LazyNode` per operation instead of computing it.
// A node is *pending* until a flush computes it; then it holds its device buffer (and, once read,
// a host copy) and forgets its operands, so the graph behind it can be freed. Host data given by
// the program (inputs, params) are nodes that start materialised on the host.
//
// `holders` counts the array bases (`Storage` objects of the array library) that hold the node as
// their current value: a pending node with holders is *live* and is materialised by the next
// flush, since the program can still read it (unless it is a large elementwise value the flush
// only computes on the way to a needed one: see `Segment`); a pending node without holders is
// only an intermediate and is fused away. Buffers die with the last node that references them
// (`DeviceBuffer` returns them to the engine's pool).

import DRCIR
import DRCOpenCL
import DRCRuntime
import Foundation

/// A device allocation owned by one or more materialised nodes; returned to the pool on release.
public final class DeviceBuffer {
  /// The OpenCL buffer.
  public let buffer: CLBuffer
  /// The pool it returns to.
  weak var pool: BufferPool?

  nonisolated(unsafe) private static var count = 0
  private static let countLock = NSLock()

  /// Device buffers some node holds now (tests: buffers die with their last array).
  public static var live: Int {
    countLock.lock()
    defer { countLock.unlock() }
    return count
  }

  init(_ buffer: CLBuffer, pool: BufferPool?) {
    self.buffer = buffer
    self.pool = pool
    DeviceBuffer.countLock.lock()
    DeviceBuffer.count += 1
    DeviceBuffer.countLock.unlock()
  }

  deinit {
    DeviceBuffer.countLock.lock()
    DeviceBuffer.count -= 1
    DeviceBuffer.countLock.unlock()
    pool?.give(buffer)
  }
}

/// One deferred array value.
public final class LazyNode {
  /// What computes it (`input` for host data given by the program).
  public let op: Op
  /// Its operands while pending; empty once materialised.
  public internal(set) var operands: [LazyNode]
  /// The element type.
  public let dtype: DType
  /// The shape.
  public let shape: [Int]
  /// `file:line` of the operation that made it, when known without work (a named function's
  /// `#filePath`/`#line`).
  public let loc: String?
  /// Works out the location of an operator's call when it is first shown (symbolication is
  /// slow; device mode only pays it for errors and diagnostics).
  private var locate: (() -> String?)?
  private var located: String??

  /// The operation's source line: `loc`, else the deferred one, worked out now.
  public var sourceLine: String? {
    if let loc { return loc }
    if let located { return located }
    let found = locate?()
    located = .some(found)
    locate = nil
    return found
  }
  /// Its value on the device, once computed or uploaded.
  public internal(set) var device: DeviceBuffer?
  /// Its value on the host: program data, or a copy read back.
  public internal(set) var host: HostArray?
  /// Why the flush that should have computed it failed; reading it, or computing anything from
  /// it, throws this again (a failed segment is not retried with every later flush).
  public internal(set) var failure: String?
  /// Array bases currently holding this node (see the file comment).
  public internal(set) var holders = 0
  /// Whether a flush computed it inside a fused kernel without storing it (`Segment`'s
  /// recomputation rule, which then never applies to it, or to values made from it, again): it
  /// stays pending, and the next flush that reaches it while an array holds it stores it.
  var survivor = false
  /// Creation order (program order of the operations), which orders a segment's live outputs
  /// deterministically: the same loop body must build the same segment every iteration.
  let serial: UInt64
  nonisolated(unsafe) private static var serials: UInt64 = 0
  private static let serialLock = NSLock()

  private static func nextSerial() -> UInt64 {
    serialLock.lock()
    defer { serialLock.unlock() }
    serials &+= 1
    return serials
  }

  /// Longest chain of pending operations ending here (1 for a pending node of materialised
  /// operands; 0 once materialised).
  let height: Int

  /// A pending operation on `operands`.
  init(
    op: Op, operands: [LazyNode], dtype: DType, shape: [Int], loc: String?,
    locate: (() -> String?)? = nil
  ) {
    self.locate = locate
    self.op = op
    self.operands = operands
    self.dtype = dtype
    self.shape = shape
    self.loc = loc
    height = 1 + (operands.filter(\.isPending).map(\.height).max() ?? 0)
    serial = LazyNode.nextSerial()
  }

  /// Data the program gave, materialised on the host.
  init(host: HostArray, loc: String?) {
    op = .input("host")
    operands = []
    dtype = host.dtype
    shape = host.shape
    self.loc = loc
    self.host = host
    height = 0
    serial = LazyNode.nextSerial()
  }

  /// Whether a flush has yet to compute it.
  public var isPending: Bool { device == nil && host == nil && failure == nil }

  /// Its size in bytes.
  var bytes: Int {
    shape.reduce(dtype.size) { $0.multipliedReportingOverflow(by: $1).partialValue }
  }

  /// Records the result of a flush: the node keeps `buffer` and drops its operands.
  func materialise(_ buffer: DeviceBuffer) {
    device = buffer
    operands = []
  }
}
