// Reusing device buffers between flushes, so an iterative program does not allocate per step.
//
// When the last node holding a buffer goes away the buffer comes back here, keyed by its exact
// size; the next allocation of that size takes it instead of calling clCreateBuffer. The pool
// keeps at most `capacity` bytes and releases the rest at once, so freed memory goes back to the
// device. Reuse is safe without waiting because every command goes through the engine's one
// in-order queue: a kernel writing a reused buffer runs after every command that read it. A
// buffer wrapping a host array is never reused, and is released only once the queue has
// finished: until then a kernel may still read the array.

import DRCOpenCL
import Foundation

/// Free device buffers by size.
final class BufferPool {
  private let context: CLContext
  private let lock = NSLock()
  private var free: [Int: [CLBuffer]] = [:]
  private var pooledBytes = 0
  /// Most bytes kept for reuse.
  let capacity: Int
  /// Buffers created and reused, for the statistics.
  private(set) var created = 0
  private(set) var reused = 0

  /// Whether buffers live in host-accessible memory (devices sharing the host's memory), so
  /// that large transfers map them instead of copying twice.
  let hostAllocated: Bool

  init(context: CLContext, capacity: Int) {
    self.context = context
    self.capacity = capacity
    hostAllocated = context.device.hostUnifiedMemory
  }

  /// A buffer of exactly `size` bytes (at least 1), reused when one is free.
  func take(_ size: Int) throws -> CLBuffer {
    let size = max(size, 1)
    lock.lock()
    if var list = free[size], let buffer = list.popLast() {
      free[size] = list.isEmpty ? nil : list
      pooledBytes -= size
      reused += 1
      lock.unlock()
      return buffer
    }
    created += 1
    lock.unlock()
    return try CLBuffer(context: context, size: size, hostAllocated: hostAllocated)
  }

  /// Buffers over host memory that no node holds but that commands enqueued earlier may still
  /// read: releasing one would free the host array under a running kernel, so they are kept
  /// until the engine has waited for the queue (`settled`).
  private var retired: [CLBuffer] = []
  /// Retired buffers beyond this many make `give` wait for the queue itself.
  static let retiredLimit = 64

  /// Takes back a buffer no node holds; releases it when the pool is full. A buffer wrapping
  /// host memory is never reused (later results would write the program's array): it is
  /// retired until the queue has finished the commands that may read it.
  func give(_ buffer: CLBuffer) {
    let size = max(buffer.size, 1)
    lock.lock()
    defer { lock.unlock() }
    if buffer.wrappedHost != nil {
      retired.append(buffer)
      if retired.count > BufferPool.retiredLimit, (try? context.finish()) != nil {
        retired = []
      }
      return
    }
    guard buffer.context === context, pooledBytes + size <= capacity else { return }
    free[size, default: []].append(buffer)
    pooledBytes += size
  }

  /// Releases the retired buffers over host memory: the engine has just waited for every
  /// command enqueued so far.
  func settled() {
    lock.lock()
    defer { lock.unlock() }
    retired = []
  }

  /// Releases every pooled buffer.
  func drain() {
    lock.lock()
    defer { lock.unlock() }
    free = [:]
    pooledBytes = 0
  }
}
