// CLContext: an OpenCL context on one device with its single in-order command queue.
//
// Everything that runs goes through this queue in submission order, so kernels of one plan need no
// events between them; `finish()` waits for all of it. Profiling is off by default (it costs a
// little per command) and turned on per context for measurements.

import COpenCL

/// An OpenCL context on one device, with one in-order command queue.
///
/// OpenCL contexts and queues are thread-safe objects (OpenCL 1.1+), and the handles are
/// immutable after init, so the wrapper may be shared; enqueue order across threads is the
/// caller's business.
public final class CLContext: @unchecked Sendable {
  /// The device the context runs on.
  public let device: CLDevice
  /// Whether the queue records profiling timestamps on events.
  public let profiling: Bool
  let context: cl_context
  let queue: cl_command_queue

  /// Creates a context and an in-order queue on `device`, with profiling if asked.
  public init(device: CLDevice, profiling: Bool = false) throws {
    var status: cl_int = CL_SUCCESS
    var devices: [cl_device_id?] = [device.id]
    guard let context = clCreateContext(nil, 1, &devices, nil, nil, &status), status == CL_SUCCESS
    else {
      throw CLError(
        call: "clCreateContext", code: status == CL_SUCCESS ? CL_INVALID_CONTEXT : status)
    }
    var properties: [cl_queue_properties] = [
      cl_queue_properties(CL_QUEUE_PROPERTIES),
      profiling ? cl_queue_properties(CL_QUEUE_PROFILING_ENABLE) : 0,
      0,
    ]
    guard let queue = clCreateCommandQueueWithProperties(context, device.id, &properties, &status),
      status == CL_SUCCESS
    else {
      clReleaseContext(context)
      throw CLError(
        call: "clCreateCommandQueueWithProperties",
        code: status == CL_SUCCESS ? CL_INVALID_COMMAND_QUEUE : status)
    }
    self.device = device
    self.profiling = profiling
    self.context = context
    self.queue = queue
  }

  /// Creates a context on the device `selector` (or `DRC_DEVICE`) names; see `CLDevice.select`.
  public convenience init(selecting selector: String? = nil, profiling: Bool = false) throws {
    try self.init(device: CLDevice.select(selector), profiling: profiling)
  }

  deinit {
    clReleaseCommandQueue(queue)
    clReleaseContext(context)
  }

  /// Waits until every command enqueued so far has completed.
  public func finish() throws {
    try check(clFinish(queue), "clFinish")
  }

  /// Submits enqueued commands to the device without waiting.
  public func flush() throws {
    try check(clFlush(queue), "clFlush")
  }
}
