// Buffers over host memory the caller owns (CL_MEM_USE_HOST_PTR): zero-copy transfers.
//
// On a device that shares the host's memory (CL_DEVICE_HOST_UNIFIED_MEMORY: PoCL's CPU device) a
// buffer created with CL_MEM_USE_HOST_PTR is that memory: kernels read a caller's input array and
// write a result array in place, with no staging copy either way (measured on PoCL 3.1: the device
// uses the pointer as given, page-aligned or not, and a map returns it unchanged). On other
// devices the implementation may cache the memory elsewhere, so the runtime only wraps host memory
// on host-unified devices (`TransferMode.direct`).
//
// OpenCL's rules, which callers follow: the host memory must stay allocated and must not be
// written by the host while the buffer exists (`keeper` holds its owner alive), and what kernels
// wrote is defined on the host only after a map of the range (`enqueueHostSynchronisation`, then
// `completeHostSynchronisation` once the queue has finished), which on a host-unified device
// copies nothing; every output's map shares the run's one final wait.

import COpenCL

extension CLBuffer {
  /// Wraps `count` bytes at `host` (at least one) as a buffer kernels use directly; `keeper` is
  /// retained until the buffer is released. Kernels must not write a `.readOnly` buffer.
  public static func wrapping(
    _ host: UnsafeMutableRawPointer, count: Int, access: Access, keeper: AnyObject?,
    context: CLContext
  ) throws -> CLBuffer {
    guard count > 0 else {
      throw CLError(call: "clCreateBuffer", code: CL_INVALID_BUFFER_SIZE, detail: "0 bytes")
    }
    var flags = cl_mem_flags(CL_MEM_USE_HOST_PTR)
    switch access {
    case .readOnly: flags |= cl_mem_flags(CL_MEM_READ_ONLY)
    case .writeOnly: flags |= cl_mem_flags(CL_MEM_WRITE_ONLY)
    case .readWrite: flags |= cl_mem_flags(CL_MEM_READ_WRITE)
    }
    var status: cl_int = CL_SUCCESS
    guard let mem = clCreateBuffer(context.context, flags, count, host, &status),
      status == CL_SUCCESS
    else {
      throw CLError(
        call: "clCreateBuffer",
        code: status == CL_SUCCESS ? CL_MEM_OBJECT_ALLOCATION_FAILURE : status,
        detail: "\(count) bytes of host memory")
    }
    return CLBuffer(
      context: context, mem: mem, size: count, access: access, host: host, keeper: keeper)
  }

  /// Enqueues, without waiting, a map for reading of a wrapping buffer's first `count` bytes,
  /// which makes what kernels wrote there visible in its host memory once the queue finishes;
  /// `completeHostSynchronisation` then finishes the job. Several buffers' maps can share one
  /// wait this way (each blocking map would be a queue round trip of its own).
  public func enqueueHostSynchronisation(count: Int) throws -> UnsafeMutableRawPointer? {
    guard wrappedHost != nil else {
      throw CLError(
        call: "clEnqueueMapBuffer", code: CL_INVALID_MEM_OBJECT,
        detail: "the buffer does not wrap host memory")
    }
    try checkRange(0, count, "clEnqueueMapBuffer")
    guard count > 0 else { return nil }
    var status: cl_int = CL_SUCCESS
    let pointer = clEnqueueMapBuffer(
      context.queue, mem, cl_bool(CL_FALSE), cl_map_flags(CL_MAP_READ), 0, count, 0, nil, nil,
      &status)
    guard let pointer, status == CL_SUCCESS else {
      throw CLError(
        call: "clEnqueueMapBuffer", code: status == CL_SUCCESS ? CL_MAP_FAILURE : status,
        detail: "\(count) bytes")
    }
    return pointer
  }

  /// After the queue finished: copies the mapped bytes over should the implementation have
  /// mapped a copy rather than the memory itself, and enqueues the unmap.
  public func completeHostSynchronisation(_ mapped: UnsafeMutableRawPointer?, count: Int) throws {
    guard let mapped, let host = wrappedHost else { return }
    if mapped != host { HostCopy.copy(to: host, from: UnsafeRawPointer(mapped), count: count) }
    try check(
      clEnqueueUnmapMemObject(context.queue, mem, mapped, 0, nil, nil), "clEnqueueUnmapMemObject")
  }
}
