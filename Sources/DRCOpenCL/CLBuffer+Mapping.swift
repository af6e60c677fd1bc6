// Mapping a buffer into host memory for the length of one closure.
//
// On a device that shares the host's memory (CL_DEVICE_HOST_UNIFIED_MEMORY, e.g. PoCL's CPU
// device), mapping a buffer allocated with CL_MEM_ALLOC_HOST_PTR hands out the device's own memory:
// writing an input or reading an output is then one copy between a Swift array and that memory,
// where a read or write command would go through the implementation's staging as well.
//
// Ordering on the context's single in-order queue: the map is blocking, so it waits for every
// command enqueued before it (the kernels that wrote the buffer) and the mapped bytes are final
// when the closure runs. The unmap is enqueued when the closure returns (or throws), so every
// command enqueued afterwards (the next launch) runs after it, as OpenCL requires of kernels using
// a buffer that was mapped. The pointer never leaves the closure.

import COpenCL

extension CLBuffer {
  /// What the host does with a mapped range.
  public enum MapAccess: Sendable {
    /// The host reads the bytes (CL_MAP_READ); the closure must not write them.
    case read
    /// The host overwrites every byte of the range (CL_MAP_WRITE_INVALIDATE_REGION): the old
    /// contents are not copied out first and the closure must write the whole range.
    case overwrite
    /// The host reads and writes the bytes (CL_MAP_READ | CL_MAP_WRITE).
    case readWrite
  }

  /// Maps `count` bytes from `offset` (all by default), waits for earlier commands, runs `body`
  /// on the mapped bytes and enqueues the unmap. A zero-byte range maps nothing: `body` gets an
  /// empty buffer.
  public func withMappedBytes<R>(
    _ access: MapAccess, offset: Int = 0, count: Int? = nil,
    _ body: (UnsafeMutableRawBufferPointer) throws -> R
  ) throws -> R {
    let n = count ?? (size - offset)
    try checkRange(offset, n, "clEnqueueMapBuffer")
    guard n > 0 else { return try body(UnsafeMutableRawBufferPointer(start: nil, count: 0)) }
    let flags: cl_map_flags
    switch access {
    case .read: flags = cl_map_flags(CL_MAP_READ)
    case .overwrite: flags = cl_map_flags(CL_MAP_WRITE_INVALIDATE_REGION)
    case .readWrite: flags = cl_map_flags(CL_MAP_READ) | cl_map_flags(CL_MAP_WRITE)
    }
    var status: cl_int = CL_SUCCESS
    let pointer = clEnqueueMapBuffer(
      context.queue, mem, cl_bool(CL_TRUE), flags, offset, n, 0, nil, nil, &status)
    guard let pointer, status == CL_SUCCESS else {
      throw CLError(
        call: "clEnqueueMapBuffer",
        code: status == CL_SUCCESS ? CL_MAP_FAILURE : status,
        detail: "\(n) bytes at offset \(offset)")
    }
    let result: R
    do {
      result = try body(UnsafeMutableRawBufferPointer(start: pointer, count: n))
    } catch {
      // Unmap even when the closure failed; its error is the one worth reporting.
      clEnqueueUnmapMemObject(context.queue, mem, pointer, 0, nil, nil)
      throw error
    }
    try check(
      clEnqueueUnmapMemObject(context.queue, mem, pointer, 0, nil, nil),
      "clEnqueueUnmapMemObject")
    return result
  }
}
