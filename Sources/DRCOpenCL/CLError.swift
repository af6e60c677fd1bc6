// CLError: every failing OpenCL call, and every failure of this layer, as one Swift error.
//
// An error names the call that failed, its numeric status code and the code's symbolic name, and
// may add a sentence of detail (e.g. the devices that exist when none matched a selection) and a
// program build log. `check` turns a status code into a thrown error; all wrappers go through it.

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
func check(_ code: cl_int, _ call: @autoclosure () -> String, detail: @autoclosure () -> String = "") throws {
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
