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
// wrote is defined on the host only after a map of the range (`synchroniseForHost`), which on a
// host-unified device costs one queue round trip and no copy.

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

  /// Makes what kernels wrote into a wrapping buffer's first `count` bytes visible in its host
  /// memory: maps the range for reading (waiting for every earlier command) and, should the
  /// implementation map a copy rather than the memory itself, copies the bytes over.
  public func synchroniseForHost(count: Int) throws {
    guard let host = wrappedHost else {
      throw CLError(
        call: "clEnqueueMapBuffer", code: CL_INVALID_MEM_OBJECT,
        detail: "the buffer does not wrap host memory")
    }
    try withMappedBytes(.read, count: count) { mapped in
      if let from = mapped.baseAddress, from != host {
        host.copyMemory(from: UnsafeRawPointer(from), byteCount: count)
      }
    }
  }
}
