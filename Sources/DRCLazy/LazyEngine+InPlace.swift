// Host reads that need a flush: the kernels write the value straight into the array returned.
//
// A plain host read of a device value copies it out of the device buffer into a new array. When
// the value is still pending and the device shares the host's memory (PoCL on the CPU: direct
// transfers), the engine instead allocates the array the read will return, faults its pages in on
// the host (`HugePages.prefault`: page faults taken inside the device's worker threads cost far
// more), wraps it as a device buffer and has the flush write the value there: no device buffer of
// its own and no copy. The wrapped buffer then stays the value's device buffer, so later segments
// read it in place; it keeps the array's storage alive (`StorageKeeper`) for as long as a kernel
// may read it. Where the compiled segment cannot write there (the value shares a buffer with
// another result or a larger scratch buffer), the value is copied from its own buffer instead.

import DRCIR
import DRCOpenCL
import DRCReplay
import DRCRuntime
import Foundation

/// Holds an array's storage once it exists, for a device buffer made over its memory earlier.
final class StorageKeeper: @unchecked Sendable {
  /// The storage the buffer's memory belongs to.
  var storage: AnyObject?
}

extension LazyEngine {
  /// Flushes pending `node` with its kernels writing into a new host array, and returns it (the
  /// engine's lock is held).
  func computeInPlace(_ node: LazyNode, state: DeviceState) throws -> HostArray {
    let bytes = node.bytes
    func compute<T: HostElement>(_: T.Type) throws -> HostArray {
      guard MemoryLayout<T>.stride == node.dtype.size, bytes % node.dtype.size == 0 else {
        throw LazyError("\(node.dtype) elements are not \(node.dtype.size) bytes on this host")
      }
      let keeper = StorageKeeper()
      let values = try [T](unsafeUninitializedCapacity: bytes / node.dtype.size) {
        elements, initialized in
        guard let base = UnsafeMutableRawPointer(elements.baseAddress) else {
          throw LazyError("no memory for a read of \(bytes) bytes")
        }
        HugePages.prefault(base, count: bytes)
        let target = try CLBuffer.wrapping(
          base, count: bytes, access: .readWrite, keeper: keeper, context: state.context)
        do {
          try flush([node], into: [ObjectIdentifier(node): target])
          guard let buffer = node.device?.buffer else {
            throw LazyError("a flushed value has no buffer")
          }
          let start = DispatchTime.now().uptimeNanoseconds
          if buffer === target {
            // Waits for the queue and makes the kernels' writes visible in the array.
            let mapped = try target.enqueueHostSynchronisation(count: bytes)
            try state.context.finish()
            try target.completeHostSynchronisation(mapped, count: bytes)
            stats.inPlaceReadBytes += bytes
          } else {
            try buffer.withMappedBytes(.read, count: bytes) { mapped in
              if let from = mapped.baseAddress {
                HostCopy.copy(to: base, from: UnsafeRawPointer(from), count: bytes)
              }
            }
            stats.downloadedBytes += bytes
          }
          try state.context.finish()
          stats.transferSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        } catch {
          // Nothing enqueued may still write the array when its memory is freed, and no value
          // may keep a buffer over it: a value computed there is failed instead.
          try? state.context.finish()
          let failure =
            (error as? LazyError)?.message
            ?? "device mode: reading the value computed at \(node.sourceLine ?? "(no source line known)") failed: \(error)"
          if node.device?.buffer === target {
            node.device = nil
            node.failure = failure
          }
          throw LazyError(failure)
        }
        state.pool.settled()
        initialized = elements.count
      }
      let value = try HostArray(typed: values, shape: node.shape)
      keeper.storage = value.storage
      stats.lastActivity = DispatchTime.now().uptimeNanoseconds
      return value
    }
    switch node.dtype {
    case .bool: return try compute(Bool.self)
    case .int32: return try compute(Int32.self)
    case .int64: return try compute(Int64.self)
    case .float32: return try compute(Float.self)
    case .float64: return try compute(Double.self)
    }
  }
}
