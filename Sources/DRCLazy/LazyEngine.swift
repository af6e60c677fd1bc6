// The device-mode engine: deferred nodes, when they are flushed, and how a flush runs.
//
// The array library asks the engine for a pending node per operation, tells it which nodes array
// bases hold (`hold`/`release`), and asks for values when the program needs them (`evaluate`,
// `host`). A flush takes the needed nodes plus every live pending node (so nothing the program
// still holds is computed twice), builds the segment, compiles it or finds it in the segment
// cache, uploads host data the segment reads for the first time, and runs it resident: results
// stay in device buffers owned by their nodes, and only host reads download. The pending graph is
// bounded: when `maxPending` operations were deferred since the last flush, the next operation
// flushes first (a loop that never reads back neither grows without end nor builds a kernel the
// device cannot compile). The device is opened at the first flush (`DRC_DEVICE` selects it).

import DRCIR
import DRCOpenCL
import DRCReplay
import DRCRuntime
import DRCTrace
import Foundation

/// A failure of device mode, naming the segment's source lines.
public struct LazyError: Error, CustomStringConvertible {
  /// What went wrong.
  public var message: String
  /// Creates an error.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}

/// Deferred execution on one OpenCL device.
public final class LazyEngine: @unchecked Sendable {
  /// The process-wide engine.
  public static let shared = LazyEngine()

  let lock = NSLock()
  /// Pending nodes some array base holds, by identity.
  private var live: [ObjectIdentifier: LazyNode] = [:]
  private var deferred = 0
  private var cadence = FlushCadence(bound: 1000)
  private var device: DeviceState?
  /// Deferred operations after which the next operation flushes first (`DRC_LAZY_MAX_PENDING`).
  public var maxPending: Int
  /// Check every flushed segment against the reference interpreter (`DRC_VERIFY=1`).
  public var verify: Bool
  /// The size from which a live elementwise value a flush computes on the way to a needed one
  /// is computed again later instead of stored (`Segment`; `DRC_LAZY_RECOMPUTE_BYTES`, 1 MiB by
  /// default; `Int.max` stores every live value).
  public var recomputeBytes: Int
  /// What the engine did so far.
  public internal(set) var stats = LazyStats()

  private init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    maxPending = environment["DRC_LAZY_MAX_PENDING"].flatMap(Int.init).map { max($0, 1) } ?? 1000
    verify = environment["DRC_VERIFY"] == "1"
    recomputeBytes =
      environment["DRC_LAZY_RECOMPUTE_BYTES"].flatMap(Int.init).map { max($0, 0) } ?? (1 << 20)
    if environment["DRC_LAZY_STATS"] == "1" {
      atexit { FileHandle.standardError.write(Data(LazyEngine.shared.stats.report.utf8)) }
    }
  }

  /// A pending operation; flushes first when the pending graph reached its bound.
  public func node(
    _ op: Op, _ operands: [LazyNode], dtype: DType, shape: [Int], loc: String?,
    locate: (() -> String?)? = nil
  ) throws -> LazyNode {
    lock.lock()
    defer { lock.unlock() }
    if cadence.bound != maxPending { cadence = FlushCadence(bound: maxPending) }
    if cadence.due(deferred) {
      try flush(operands.filter(\.isPending), full: true)
      deferred = 0
    }
    deferred += 1
    cadence.note(op, dtype, shape)
    if stats.firstOperation == nil { stats.firstOperation = DispatchTime.now().uptimeNanoseconds }
    return LazyNode(
      op: op, operands: operands, dtype: dtype, shape: shape, loc: loc, locate: locate)
  }

  /// Host data as a materialised node.
  public func hostNode(_ value: HostArray, loc: String?) -> LazyNode {
    LazyNode(host: value, loc: loc)
  }

  /// An array base now holds `node`.
  public func hold(_ node: LazyNode) {
    lock.lock()
    defer { lock.unlock() }
    node.holders += 1
    if node.holders == 1 && node.isPending { live[ObjectIdentifier(node)] = node }
  }

  /// An array base no longer holds `node`.
  public func release(_ node: LazyNode) {
    lock.lock()
    defer { lock.unlock() }
    node.holders -= 1
    if node.holders <= 0 { live[ObjectIdentifier(node)] = nil }
  }

  /// Computes `nodes` (and every live pending node) on the device; results stay there.
  public func evaluate(_ nodes: [LazyNode]) throws {
    lock.lock()
    defer { lock.unlock() }
    try flush(nodes)
  }

  /// The value of `node` on the host, computing and downloading it if needed.
  public func host(_ node: LazyNode) throws -> HostArray {
    lock.lock()
    defer { lock.unlock() }
    if let host = node.host { return host }
    if let failure = node.failure { throw LazyError(failure) }
    // Only once the device is open: opening it is the flush's job, whose errors name the lines.
    if node.isPending, node.bytes >= TransferMode.mappedMinimumBytes, let state = device,
      state.transfers == .direct
    {
      let value = try computeInPlace(node, state: state)
      node.host = value
      return value
    }
    try flush([node])
    guard let buffer = node.device else { throw LazyError("a flushed value has no buffer") }
    let state = try opened()
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try OpenCLPlanRunner.read(
      buffer.buffer, dtype: node.dtype, shape: node.shape, mode: state.transfers)
    state.pool.settled()
    stats.downloadedBytes += node.bytes
    stats.transferSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    node.host = value
    stats.lastActivity = DispatchTime.now().uptimeNanoseconds
    return value
  }

  /// `HostArray.checksum()` of `node`'s value, computing it if needed and summing the elements
  /// where the device keeps them (mapped: on a host-unified device no byte is copied), unless
  /// the host already has them.
  public func checksum(_ node: LazyNode) throws -> Double {
    lock.lock()
    defer { lock.unlock() }
    if let host = node.host { return host.checksum() }
    if let failure = node.failure { throw LazyError(failure) }
    try flush([node])
    guard let buffer = node.device else { throw LazyError("a flushed value has no buffer") }
    let start = DispatchTime.now().uptimeNanoseconds
    let sum = try buffer.buffer.withMappedBytes(.read, count: node.bytes) {
      HostArray.checksum(of: UnsafeRawBufferPointer($0), dtype: node.dtype)
    }
    try opened().pool.settled()
    stats.downloadedBytes += node.bytes
    stats.transferSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    stats.lastActivity = DispatchTime.now().uptimeNanoseconds
    return sum
  }

  /// Element `index` (row-major) of `node`'s value, computing it if needed and reading only
  /// that element from the device (`item` on a large array must not download all of it).
  public func element(_ node: LazyNode, at index: Int) throws -> Scalar {
    lock.lock()
    defer { lock.unlock() }
    if let host = node.host {
      guard let one = host.scalar(atFlat: index) else {
        throw LazyError("element \(index) of an array of \(host.count)")
      }
      return one
    }
    if let failure = node.failure { throw LazyError(failure) }
    let count = node.shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
    guard index >= 0, index < count else {
      throw LazyError("element \(index) of an array of \(count)")
    }
    try flush([node])
    guard let buffer = node.device else { throw LazyError("a flushed value has no buffer") }
    var bytes = [UInt8](repeating: 0, count: node.dtype.size)
    try buffer.buffer.download(
      into: &bytes, offset: index * node.dtype.size, count: node.dtype.size)
    try opened().pool.settled()
    stats.downloadedBytes += bytes.count
    stats.lastActivity = DispatchTime.now().uptimeNanoseconds
    let one = try HostArray(littleEndianBytes: bytes, dtype: node.dtype, shape: [])
    return one.scalars().first ?? .float(.nan)
  }

  /// The device, opened on first use.
  func opened() throws -> DeviceState {
    if let device { return device }
    let state = try DeviceState()
    device = state
    return state
  }

  /// One flush (the lock is held).
  /// `into` gives buffers the kernels write some results straight into (host memory a host read
  /// returns), where the compiled segment allows it.
  func flush(
    _ needed: [LazyNode], full: Bool = false, into: [ObjectIdentifier: CLBuffer] = [:]
  ) throws {
    let pending = needed.filter(\.isPending)
    // The cadence restarts even when nothing is pending (values made and dropped unheld), so
    // its signature stream cannot grow without bound.
    cadence.flushed(full: full)
    guard !pending.isEmpty || (full && !live.isEmpty) else { return }
    let start = DispatchTime.now().uptimeNanoseconds
    let segment = Segment(
      needed: pending, live: live.values.sorted { $0.serial < $1.serial },
      recomputeBytes: recomputeBytes)
    let built = DispatchTime.now().uptimeNanoseconds - start
    // Only values the recomputation rule left unstored are live, and nothing needs them.
    if segment.results.isEmpty { return }
    deferred = 0
    do {
      // Opening the device (the first flush only) is not flush overhead.
      let state = try opened()
      try run(
        segment, on: state, start: DispatchTime.now().uptimeNanoseconds - built, into: into)
    } catch {
      let failure =
        (error as? LazyError)?.message
        ?? "device mode: the segment computing " + Self.describe(segment.locations)
        + " failed: \(error)"
      for node in segment.results {
        node.failure = failure
        node.operands = []
        live[ObjectIdentifier(node)] = nil
      }
      // Values left unstored are not forced into unrelated flushes, which would fail as well.
      for node in segment.operations where node.isPending { node.survivor = true }
      throw LazyError(failure)
    }
  }

  /// Compiles (or finds) and runs `segment`, then hands each result its buffer.
  private func run(
    _ segment: Segment, on state: DeviceState, start: UInt64, into: [ObjectIdentifier: CLBuffer]
  ) throws {
    let (compiled, params, hit) = try state.segments.compiled(segment)
    if !hit, ProcessInfo.processInfo.environment["DRC_LAZY_DEBUG"] == "1" {
      FileHandle.standardError.write(Data(("MISS\n" + Printer.print(segment.key) + "\n").utf8))
    }
    stats.record(segment: segment, compiled: compiled, hit: hit)
    var inputs: [String: CLBuffer] = [:]
    let transfersBefore = stats.transferSeconds
    for (i, leaf) in segment.leaves.enumerated() {
      inputs["in\(i)"] = try upload(leaf, state: state)
    }
    let enqueueing = DispatchTime.now().uptimeNanoseconds
    var bound: [String: CLBuffer] = [:]
    for (i, node) in segment.results.enumerated() {
      if let target = into[ObjectIdentifier(node)] { bound["out\(i)"] = target }
    }
    let result = try compiled.runner.runResident(inputs: inputs, params: params, bound: bound) {
      try state.pool.take($0)
    }
    stats.enqueueSeconds += Double(DispatchTime.now().uptimeNanoseconds - enqueueing) / 1e9
    stats.buffersCreated = state.pool.created
    stats.buffersReused = state.pool.reused
    stats.launches += result.launches
    stats.bytesMoved += compiled.plan.stats.bytesMoved
    var produced: [DeviceBuffer] = []
    for i in segment.results.indices {
      guard let buffer = result.outputs["out\(i)"] else {
        throw LazyError("the compiled segment has no output out\(i)")
      }
      let owned =
        produced.first { $0.buffer === buffer } ?? segment.leaves.first {
          $0.device?.buffer === buffer
        }?.device ?? DeviceBuffer(buffer, pool: state.pool)
      produced.append(owned)
    }
    var checking = 0.0
    if verify {
      let before = DispatchTime.now().uptimeNanoseconds
      try SegmentCheck.check(segment, produced: produced, state: state)
      checking = Double(DispatchTime.now().uptimeNanoseconds - before) / 1e9
      stats.verifySeconds += checking
    }
    for (node, buffer) in zip(segment.results, produced) {
      node.materialise(buffer)
      live[ObjectIdentifier(node)] = nil
    }
    // What the segment computed without storing is stored by the next flush that reaches it.
    for node in segment.operations where node.isPending { node.survivor = true }
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let uploading = stats.transferSeconds - transfersBefore
    stats.flushSeconds += elapsed - (hit ? 0 : compiled.seconds) - checking - uploading
    stats.lastActivity = DispatchTime.now().uptimeNanoseconds
  }

  /// The device buffer holding `leaf`'s value, uploading host data the first time.
  func upload(_ leaf: LazyNode, state: DeviceState) throws -> CLBuffer {
    if let device = leaf.device { return device.buffer }
    guard let host = leaf.host else {
      throw LazyError(leaf.failure ?? "an input of the segment has no value")
    }
    let start = DispatchTime.now().uptimeNanoseconds
    let value = host.contiguous()
    let buffer: CLBuffer
    if state.transfers == .direct, leaf.bytes > 0, value.count * value.dtype.size == leaf.bytes,
      let address = value.elementAddress
    {
      // Kernels read the program's own array in place (segments never write their inputs);
      // the buffer keeps its storage alive, and when the leaf goes the pool retires it (never
      // reuses it) until the queue has finished, so nothing writes or frees the array early.
      buffer = try CLBuffer.wrapping(
        address, count: leaf.bytes, access: .readOnly, keeper: value.storage,
        context: state.context)
      stats.inPlaceBytes += leaf.bytes
    } else {
      buffer = try state.pool.take(leaf.bytes)
      try OpenCLPlanRunner.write(value, into: buffer, mode: state.transfers)
      stats.uploadedBytes += leaf.bytes
    }
    leaf.device = DeviceBuffer(buffer, pool: state.pool)
    stats.transferSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return buffer
  }

  /// "a.swift:3, a.swift:4 and 2 more lines", for errors.
  static func describe(_ locations: [String]) -> String {
    if locations.isEmpty { return "(no source lines known)" }
    let shown = locations.prefix(4).joined(separator: ", ")
    return locations.count > 4 ? "\(shown) and \(locations.count - 4) more lines" : shown
  }
}

/// The opened device: context, buffer pool, compiled segments.
final class DeviceState {
  let context: CLContext
  let pool: BufferPool
  let segments: SegmentCache
  let transfers: TransferMode

  init() throws {
    context = try CLContext(selecting: nil, profiling: false)
    let memory = min(context.device.globalMemory, UInt64(Int.max))
    pool = BufferPool(context: context, capacity: Int(min(memory / 8, 1 << 30)))
    segments = SegmentCache(
      context: context, programs: ProgramCache(toolVersion: TraceFormat.drcVersion))
    transfers = TransferMode.choose(nil, for: context.device)
  }
}
