// CLEvent: a handle on one enqueued command, to wait for it and read its profiling times.
//
// Kernel launches return an event only when asked (events cost a little, and an in-order queue
// needs none to order commands). Profiling timestamps are available when the context was created
// with `profiling: true` and the command has completed.

import COpenCL

/// One enqueued command's event.
///
/// Events are thread-safe OpenCL objects; the handle is immutable, so sharing is sound.
public final class CLEvent: @unchecked Sendable {
  let event: cl_event

  init(_ event: cl_event) { self.event = event }

  deinit { clReleaseEvent(event) }

  /// Blocks until the command has completed.
  public func wait() throws {
    var events: [cl_event?] = [event]
    try check(clWaitForEvents(1, &events), "clWaitForEvents")
  }

  /// Whether the command has completed (CL_COMPLETE); a negative status is thrown as an error.
  public func isComplete() throws -> Bool {
    let status = try CLInfo.value("clGetEventInfo", cl_int.self) {
      clGetEventInfo(event, cl_event_info(CL_EVENT_COMMAND_EXECUTION_STATUS), $0, $1, $2)
    }
    if status < 0 { throw CLError(call: "command execution", code: status) }
    return status == CL_COMPLETE
  }

  /// The device time in nanoseconds when the command started (CL_PROFILING_COMMAND_START).
  public func startNanoseconds() throws -> UInt64 {
    try profile(CL_PROFILING_COMMAND_START)
  }

  /// The device time in nanoseconds when the command ended (CL_PROFILING_COMMAND_END).
  public func endNanoseconds() throws -> UInt64 {
    try profile(CL_PROFILING_COMMAND_END)
  }

  /// When the command was enqueued (device clock, nanoseconds); needs a profiling queue.
  public func queuedNanoseconds() throws -> UInt64 { try profile(CL_PROFILING_COMMAND_QUEUED) }

  /// When the command was submitted to the device (device clock, nanoseconds).
  public func submitNanoseconds() throws -> UInt64 { try profile(CL_PROFILING_COMMAND_SUBMIT) }

  /// End minus start in nanoseconds; waits for the command first.
  public func durationNanoseconds() throws -> UInt64 {
    try wait()
    let start = try startNanoseconds()
    let end = try endNanoseconds()
    return end >= start ? end - start : 0
  }

  private func profile(_ param: Int32) throws -> UInt64 {
    UInt64(
      try CLInfo.value("clGetEventProfilingInfo", cl_ulong.self) {
        clGetEventProfilingInfo(event, cl_profiling_info(param), $0, $1, $2)
      })
  }
}
