// CLBuffer: device memory of a fixed size, with blocking upload, download and fill.
//
// Transfers are blocking, so the host memory they read or write is only borrowed for the call and
// no pointer outlives its Swift scope. A zero-byte buffer is allowed (OpenCL forbids them, so one
// byte is allocated) so that empty arrays need no special cases upstream.

import COpenCL

/// A device buffer in a context.
///
/// Memory objects are thread-safe OpenCL objects; the handle is immutable, so sharing is sound.
public final class CLBuffer: @unchecked Sendable {
  /// How kernels may access a buffer.
  public enum Access: Sendable {
    /// Kernels only read it (CL_MEM_READ_ONLY).
    case readOnly
    /// Kernels only write it (CL_MEM_WRITE_ONLY).
    case writeOnly
    /// Kernels read and write it (CL_MEM_READ_WRITE).
    case readWrite
  }

  /// The context the buffer lives in (kept alive by the buffer).
  public let context: CLContext
  /// The size in bytes requested.
  public let size: Int
  /// How kernels may access it.
  public let access: Access
  /// Whether the buffer lives in host-accessible memory the implementation allocated
  /// (CL_MEM_ALLOC_HOST_PTR), so that mapping it costs no copy on host-unified devices.
  public let hostAllocated: Bool
  /// The host memory the buffer wraps (CL_MEM_USE_HOST_PTR, `CLBuffer+Host.swift`), or nil.
  public let wrappedHost: UnsafeMutableRawPointer?
  /// Keeps the wrapped host memory alive for as long as the buffer lives.
  let keeper: AnyObject?
  let mem: cl_mem

  /// Allocates `size` bytes on the context's device; with `hostAllocated`, in host-accessible
  /// memory (CL_MEM_ALLOC_HOST_PTR) meant to be reached by mapping (`CLBuffer+Mapping.swift`).
  public init(
    context: CLContext, size: Int, access: Access = .readWrite, hostAllocated: Bool = false
  )
    throws
  {
    guard size >= 0 else {
      throw CLError(call: "clCreateBuffer", code: CL_INVALID_BUFFER_SIZE, detail: "\(size) bytes")
    }
    var flags: cl_mem_flags
    switch access {
    case .readOnly: flags = cl_mem_flags(CL_MEM_READ_ONLY)
    case .writeOnly: flags = cl_mem_flags(CL_MEM_WRITE_ONLY)
    case .readWrite: flags = cl_mem_flags(CL_MEM_READ_WRITE)
    }
    if hostAllocated { flags |= cl_mem_flags(CL_MEM_ALLOC_HOST_PTR) }
    var status: cl_int = CL_SUCCESS
    guard let mem = clCreateBuffer(context.context, flags, max(size, 1), nil, &status),
      status == CL_SUCCESS
    else {
      throw CLError(
        call: "clCreateBuffer",
        code: status == CL_SUCCESS ? CL_MEM_OBJECT_ALLOCATION_FAILURE : status,
        detail: "\(size) bytes")
    }
    self.context = context
    self.size = size
    self.access = access
    self.hostAllocated = hostAllocated
    self.wrappedHost = nil
    self.keeper = nil
    self.mem = mem
  }

  /// Adopts `mem`, a buffer created over host memory `host` that `keeper` keeps alive.
  init(
    context: CLContext, mem: cl_mem, size: Int, access: Access,
    host: UnsafeMutableRawPointer, keeper: AnyObject?
  ) {
    self.context = context
    self.size = size
    self.access = access
    self.hostAllocated = false
    self.wrappedHost = host
    self.keeper = keeper
    self.mem = mem
  }

  /// Allocates a buffer holding a copy of `bytes`.
  public convenience init(context: CLContext, bytes: [UInt8], access: Access = .readWrite) throws {
    try self.init(context: context, size: bytes.count, access: access)
    try upload(bytes)
  }

  deinit { clReleaseMemObject(mem) }

  /// Copies `source` into the buffer at byte `offset`, waiting until done.
  public func upload(_ source: UnsafeRawBufferPointer, offset: Int = 0) throws {
    try checkRange(offset, source.count, "clEnqueueWriteBuffer")
    guard let base = source.baseAddress, source.count > 0 else { return }
    try check(
      clEnqueueWriteBuffer(
        context.queue, mem, cl_bool(CL_TRUE), offset, source.count, base, 0, nil, nil),
      "clEnqueueWriteBuffer")
  }

  /// Enqueues a copy of `count` bytes from `source` into the buffer at `offset` without waiting.
  /// The caller keeps `source` valid and unchanged until the queue has finished.
  public func enqueueUpload(from source: UnsafeRawPointer, count: Int, offset: Int = 0) throws {
    try checkRange(offset, count, "clEnqueueWriteBuffer")
    guard count > 0 else { return }
    try check(
      clEnqueueWriteBuffer(
        context.queue, mem, cl_bool(CL_FALSE), offset, count, source, 0, nil, nil),
      "clEnqueueWriteBuffer")
  }

  /// Enqueues a copy of `count` bytes from `offset` into `destination` without waiting. The
  /// caller keeps `destination` valid and reads it only after the queue has finished.
  public func enqueueDownload(
    into destination: UnsafeMutableRawPointer, count: Int, offset: Int = 0
  ) throws {
    try checkRange(offset, count, "clEnqueueReadBuffer")
    guard count > 0 else { return }
    try check(
      clEnqueueReadBuffer(
        context.queue, mem, cl_bool(CL_FALSE), offset, count, destination, 0, nil, nil),
      "clEnqueueReadBuffer")
  }

  /// Copies `bytes` into the buffer at byte `offset`, waiting until done.
  public func upload(_ bytes: [UInt8], offset: Int = 0) throws {
    try bytes.withUnsafeBytes { try upload($0, offset: offset) }
  }

  /// Copies the buffer's bytes from `offset` into `destination`, waiting until done.
  public func download(into destination: UnsafeMutableRawBufferPointer, offset: Int = 0) throws {
    try checkRange(offset, destination.count, "clEnqueueReadBuffer")
    guard let base = destination.baseAddress, destination.count > 0 else { return }
    try check(
      clEnqueueReadBuffer(
        context.queue, mem, cl_bool(CL_TRUE), offset, destination.count, base, 0, nil, nil),
      "clEnqueueReadBuffer")
  }

  /// Copies `count` bytes from `offset` (all by default) into `bytes`, replacing its contents.
  public func download(into bytes: inout [UInt8], offset: Int = 0, count: Int? = nil) throws {
    let n = count ?? (size - offset)
    if bytes.count != n { bytes = [UInt8](repeating: 0, count: max(n, 0)) }
    try bytes.withUnsafeMutableBytes { try download(into: $0, offset: offset) }
  }

  /// The buffer's whole contents.
  public func download() throws -> [UInt8] {
    var bytes: [UInt8] = []
    try download(into: &bytes)
    return bytes
  }

  /// Fills the buffer (or `count` bytes from `offset`) with a repeated `pattern`; waits until done.
  ///
  /// The pattern length must be 1, 2, 4, ... 128 bytes and divide `offset` and `count`.
  public func fill(pattern: [UInt8], offset: Int = 0, count: Int? = nil) throws {
    let n = count ?? (size - offset)
    try checkRange(offset, n, "clEnqueueFillBuffer")
    guard n > 0 else { return }
    var event: cl_event?
    try pattern.withUnsafeBytes { raw in
      try check(
        clEnqueueFillBuffer(
          context.queue, mem, raw.baseAddress, raw.count, offset, n, 0, nil, &event),
        "clEnqueueFillBuffer",
        detail: "pattern of \(raw.count) bytes, \(n) bytes at offset \(offset)")
    }
    if let event { try CLEvent(event).wait() }
  }

  /// Enqueues a device-side copy of `count` bytes (all of `source` by default) from `source` at
  /// `sourceOffset` to this buffer at `offset`; later commands on the in-order queue see the result.
  public func copy(from source: CLBuffer, sourceOffset: Int = 0, offset: Int = 0, count: Int? = nil)
    throws
  {
    let n = count ?? (source.size - sourceOffset)
    try source.checkRange(sourceOffset, n, "clEnqueueCopyBuffer")
    try checkRange(offset, n, "clEnqueueCopyBuffer")
    guard n > 0 else { return }
    try check(
      clEnqueueCopyBuffer(context.queue, source.mem, mem, sourceOffset, offset, n, 0, nil, nil),
      "clEnqueueCopyBuffer")
  }

  func checkRange(_ offset: Int, _ count: Int, _ call: String) throws {
    guard offset >= 0, count >= 0, offset + count <= size else {
      throw CLError(
        call: call, code: CL_INVALID_VALUE,
        detail: "range \(offset)..<\(offset + count) outside a buffer of \(size) bytes")
    }
  }
}
