// CLError: every failing OpenCL call, and every failure of this layer, as one Swift error.
//
// An error names the call that failed, its numeric status code and the code's symbolic name, and
// may add a sentence of detail (e.g. the devices that exist when none matched a selection) and a
// program build log. `check` turns a status code into a thrown error; all wrappers go through it.
// The name table covers every code of the core headers (CL_SUCCESS through
// CL_MAX_SIZE_RESTRICTION_EXCEEDED) and the extension codes of cl_ext.h, notably
// CL_PLATFORM_NOT_FOUND_KHR (-1001), which the ICD loader returns when no driver is installed.

import COpenCL

/// An OpenCL call or an operation of this layer that failed.
public struct CLError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The OpenCL function (or layer operation) that failed, e.g. `"clBuildProgram"`.
  public var call: String
  /// The OpenCL status code, e.g. -11.
  public var code: Int32
  /// Extra explanation, empty when the code says it all.
  public var detail: String
  /// The compiler's log when a program build failed, else nil.
  public var buildLog: String?

  /// Creates an error for `call` with status `code`.
  public init(call: String, code: Int32, detail: String = "", buildLog: String? = nil) {
    self.call = call
    self.code = code
    self.detail = detail
    self.buildLog = buildLog
  }

  /// The symbolic name of `code`, e.g. `"CL_BUILD_PROGRAM_FAILURE"`.
  public var codeName: String { CLError.name(of: code) }

  /// One readable paragraph: call, code name and number, detail, then the build log if any.
  public var description: String {
    var text = "\(call) failed: \(codeName) (\(code))"
    if !detail.isEmpty { text += ": \(detail)" }
    if let log = buildLog {
      let trimmed = log.trimmingTrailingWhitespace()
      text += trimmed.isEmpty ? "\n(empty build log)" : "\nbuild log:\n\(trimmed)"
    }
    return text
  }

  /// The status code the ICD loader returns when no vendor driver (ICD) is installed.
  public static let platformNotFoundKHR: Int32 = -1001

  /// The error raised when no OpenCL platform exists.
  static func noPlatform(call: String, code: Int32) -> CLError {
    CLError(
      call: call, code: code,
      detail: "no OpenCL platform found; install pocl-opencl-icd (a CPU OpenCL driver) or a vendor "
        + "driver with an ICD file in /etc/OpenCL/vendors")
  }
}

/// Throws a `CLError` for `call` unless `code` is CL_SUCCESS.
@inline(__always)
func check(
  _ code: cl_int, _ call: @autoclosure () -> String, detail: @autoclosure () -> String = ""
) throws {
  if code != CL_SUCCESS { throw CLError(call: call(), code: code, detail: detail()) }
}

extension String {
  /// The string without trailing spaces, newlines and NULs.
  func trimmingTrailingWhitespace() -> String {
    var s = Substring(self)
    while let last = s.last, last.isWhitespace || last == "\0" { s = s.dropLast() }
    return String(s)
  }
}

// The symbolic names of status codes, generated from the Khronos headers.
extension CLError {
  /// The symbolic name of an OpenCL status code, or `"CL_UNKNOWN_ERROR(<code>)"`.
  public static func name(of code: Int32) -> String {
    codeNames[code] ?? "CL_UNKNOWN_ERROR(\(code))"
  }

  /// Every known status code and its name.
  public static let codeNames: [Int32: String] = [
    0: "CL_SUCCESS",
    -1: "CL_DEVICE_NOT_FOUND",
    -2: "CL_DEVICE_NOT_AVAILABLE",
    -3: "CL_COMPILER_NOT_AVAILABLE",
    -4: "CL_MEM_OBJECT_ALLOCATION_FAILURE",
    -5: "CL_OUT_OF_RESOURCES",
    -6: "CL_OUT_OF_HOST_MEMORY",
    -7: "CL_PROFILING_INFO_NOT_AVAILABLE",
    -8: "CL_MEM_COPY_OVERLAP",
    -9: "CL_IMAGE_FORMAT_MISMATCH",
    -10: "CL_IMAGE_FORMAT_NOT_SUPPORTED",
    -11: "CL_BUILD_PROGRAM_FAILURE",
    -12: "CL_MAP_FAILURE",
    -13: "CL_MISALIGNED_SUB_BUFFER_OFFSET",
    -14: "CL_EXEC_STATUS_ERROR_FOR_EVENTS_IN_WAIT_LIST",
    -15: "CL_COMPILE_PROGRAM_FAILURE",
    -16: "CL_LINKER_NOT_AVAILABLE",
    -17: "CL_LINK_PROGRAM_FAILURE",
    -18: "CL_DEVICE_PARTITION_FAILED",
    -19: "CL_KERNEL_ARG_INFO_NOT_AVAILABLE",
    -30: "CL_INVALID_VALUE",
    -31: "CL_INVALID_DEVICE_TYPE",
    -32: "CL_INVALID_PLATFORM",
    -33: "CL_INVALID_DEVICE",
    -34: "CL_INVALID_CONTEXT",
    -35: "CL_INVALID_QUEUE_PROPERTIES",
    -36: "CL_INVALID_COMMAND_QUEUE",
    -37: "CL_INVALID_HOST_PTR",
    -38: "CL_INVALID_MEM_OBJECT",
    -39: "CL_INVALID_IMAGE_FORMAT_DESCRIPTOR",
    -40: "CL_INVALID_IMAGE_SIZE",
    -41: "CL_INVALID_SAMPLER",
    -42: "CL_INVALID_BINARY",
    -43: "CL_INVALID_BUILD_OPTIONS",
    -44: "CL_INVALID_PROGRAM",
    -45: "CL_INVALID_PROGRAM_EXECUTABLE",
    -46: "CL_INVALID_KERNEL_NAME",
    -47: "CL_INVALID_KERNEL_DEFINITION",
    -48: "CL_INVALID_KERNEL",
    -49: "CL_INVALID_ARG_INDEX",
    -50: "CL_INVALID_ARG_VALUE",
    -51: "CL_INVALID_ARG_SIZE",
    -52: "CL_INVALID_KERNEL_ARGS",
    -53: "CL_INVALID_WORK_DIMENSION",
    -54: "CL_INVALID_WORK_GROUP_SIZE",
    -55: "CL_INVALID_WORK_ITEM_SIZE",
    -56: "CL_INVALID_GLOBAL_OFFSET",
    -57: "CL_INVALID_EVENT_WAIT_LIST",
    -58: "CL_INVALID_EVENT",
    -59: "CL_INVALID_OPERATION",
    -60: "CL_INVALID_GL_OBJECT",
    -61: "CL_INVALID_BUFFER_SIZE",
    -62: "CL_INVALID_MIP_LEVEL",
    -63: "CL_INVALID_GLOBAL_WORK_SIZE",
    -64: "CL_INVALID_PROPERTY",
    -65: "CL_INVALID_IMAGE_DESCRIPTOR",
    -66: "CL_INVALID_COMPILER_OPTIONS",
    -67: "CL_INVALID_LINKER_OPTIONS",
    -68: "CL_INVALID_DEVICE_PARTITION_COUNT",
    -69: "CL_INVALID_PIPE_SIZE",
    -70: "CL_INVALID_DEVICE_QUEUE",
    -71: "CL_INVALID_SPEC_ID",
    -72: "CL_MAX_SIZE_RESTRICTION_EXCEEDED",
    -1001: "CL_PLATFORM_NOT_FOUND_KHR",
    -1057: "CL_DEVICE_PARTITION_FAILED_EXT",
    -1058: "CL_INVALID_PARTITION_COUNT_EXT",
    -1059: "CL_INVALID_PARTITION_NAME_EXT",
    -1094: "CL_INVALID_ACCELERATOR_INTEL",
    -1095: "CL_INVALID_ACCELERATOR_TYPE_INTEL",
    -1096: "CL_INVALID_ACCELERATOR_DESCRIPTOR_INTEL",
    -1097: "CL_ACCELERATOR_TYPE_NOT_SUPPORTED_INTEL",
    -1108: "CL_COMMAND_TERMINATED_ITSELF_WITH_FAILURE_ARM",
    -1121: "CL_CONTEXT_TERMINATED_KHR",
    -1138: "CL_INVALID_COMMAND_BUFFER_KHR",
    -1139: "CL_INVALID_SYNC_POINT_WAIT_LIST_KHR",
    -1140: "CL_INCOMPATIBLE_COMMAND_QUEUE_KHR",
    -1141: "CL_INVALID_MUTABLE_COMMAND_KHR",
    -1142: "CL_INVALID_SEMAPHORE_KHR",
  ]
}
