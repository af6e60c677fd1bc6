// CLKernel: one kernel of a built program, its arguments and its launches.
//
// Arguments are set by index: a buffer, local memory of a byte size, or any bitwise-copyable
// Swift value, passed by its size (Int32 for `int`, Float for `float`, UInt64 for `ulong`, SIMD4
// of Float for `float4`, ...). The caller matches the kernel's C types; OpenCL checks the sizes.
// A launch enqueues on the context's in-order queue and returns an event only when asked.

import COpenCL

/// A kernel object with its arguments.
///
/// clSetKernelArg is the one OpenCL call that is not thread-safe, so kernels are not `Sendable`:
/// use one kernel object per thread.
public final class CLKernel {
  /// The program the kernel comes from (kept alive by the kernel).
  public let program: CLProgram
  /// The kernel's function name.
  public let name: String
  let kernel: cl_kernel
  /// Buffers set as arguments, kept alive until replaced or the kernel is released.
  private var retained: [cl_uint: CLBuffer] = [:]

  init(program: CLProgram, name: String) throws {
    var status: cl_int = CL_SUCCESS
    guard let kernel = clCreateKernel(program.program, name, &status), status == CL_SUCCESS else {
      throw CLError(
        call: "clCreateKernel", code: status == CL_SUCCESS ? CL_INVALID_KERNEL : status,
        detail: "kernel '\(name)'")
    }
    self.program = program
    self.name = name
    self.kernel = kernel
  }

  deinit { clReleaseKernel(kernel) }

  /// The number of arguments the kernel declares.
  public func argumentCount() throws -> Int {
    Int(
      try CLInfo.value("clGetKernelInfo", cl_uint.self) {
        clGetKernelInfo(kernel, cl_kernel_info(CL_KERNEL_NUM_ARGS), $0, $1, $2)
      })
  }

  /// Sets argument `index` to a buffer.
  public func setArgument(_ index: Int, _ buffer: CLBuffer) throws {
    var mem: cl_mem? = buffer.mem
    try check(
      clSetKernelArg(kernel, cl_uint(index), MemoryLayout<cl_mem?>.size, &mem), "clSetKernelArg",
      detail: "\(name) argument \(index) (buffer)")
    retained[cl_uint(index)] = buffer
  }

  /// Sets argument `index` to a scalar or vector value, passed by its size in bytes.
  public func setArgument<T: BitwiseCopyable>(_ index: Int, _ value: T) throws {
    try withUnsafeBytes(of: value) { raw in
      try check(
        clSetKernelArg(kernel, cl_uint(index), raw.count, raw.baseAddress), "clSetKernelArg",
        detail: "\(name) argument \(index) (\(T.self), \(raw.count) bytes)")
    }
    retained[cl_uint(index)] = nil
  }

  /// Sets argument `index` (a `__local` pointer) to `bytes` of work-group local memory.
  public func setLocalArgument(_ index: Int, bytes: Int) throws {
    try check(
      clSetKernelArg(kernel, cl_uint(index), bytes, nil), "clSetKernelArg",
      detail: "\(name) argument \(index) (\(bytes) bytes of local memory)")
    retained[cl_uint(index)] = nil
  }

  /// Enqueues the kernel over `global` work items (1 to 3 dimensions), optionally in work-groups
  /// of `local` size; returns the launch's event when `event` is true. An empty range (a zero in
  /// `global`) enqueues nothing and returns nil.
  @discardableResult
  public func enqueue(global: [Int], local: [Int]? = nil, event wantEvent: Bool = false) throws
    -> CLEvent?
  {
    guard (1...3).contains(global.count), local.map({ $0.count == global.count }) ?? true else {
      throw CLError(
        call: "clEnqueueNDRangeKernel", code: CL_INVALID_WORK_DIMENSION,
        detail: "\(name): global \(global), local \(local.map { "\($0)" } ?? "nil")")
    }
    if global.contains(0) { return nil }
    var event: cl_event?
    let queue = program.context.queue
    let status: cl_int = withUnsafeMutablePointer(to: &event) { eventPointer in
      let out = wantEvent ? eventPointer : nil
      return global.withUnsafeBufferPointer { g in
        guard let local else {
          return clEnqueueNDRangeKernel(
            queue, kernel, cl_uint(global.count), nil, g.baseAddress, nil, 0, nil, out)
        }
        return local.withUnsafeBufferPointer { l in
          clEnqueueNDRangeKernel(
            queue, kernel, cl_uint(global.count), nil, g.baseAddress, l.baseAddress, 0, nil, out)
        }
      }
    }
    try check(
      status, "clEnqueueNDRangeKernel",
      detail: "\(name): global \(global), local \(local.map { "\($0)" } ?? "nil")")
    return event.map(CLEvent.init)
  }
}
