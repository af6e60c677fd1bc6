// CLProgram: an OpenCL program from source, from a binary (including SPIR bitcode) or from IL.
//
// Creating and building are separate steps, as in OpenCL: `build(options:)` compiles for the
// context's device and, on failure, throws a `CLError` that carries the compiler's build log.
// SPIR 1.2 bitcode (from `clang-14 -target spir64 -emit-llvm`) is loaded as a binary and built
// with `-x spir`; IL (SPIR-V) only on devices whose `supportsIL` is true. `binary()` returns the
// device binary (CL_PROGRAM_BINARIES) that `ProgramCache` stores.

import COpenCL

/// An OpenCL program for one context's device.
///
/// Programs are thread-safe OpenCL objects, but `build` must not race other uses of the same
/// program; the wrapper is therefore not `Sendable`.
public final class CLProgram {
  /// How the program was created.
  public enum Origin: Sendable, Equatable {
    /// From OpenCL C source text.
    case source
    /// From a device binary or SPIR bitcode.
    case binary
    /// From intermediate language (SPIR-V).
    case il
  }

  /// The context the program belongs to (kept alive by the program).
  public let context: CLContext
  /// How it was created.
  public let origin: Origin
  let program: cl_program

  private init(context: CLContext, origin: Origin, program: cl_program) {
    self.context = context
    self.origin = origin
    self.program = program
  }

  deinit { clReleaseProgram(program) }

  /// Creates a program from OpenCL C source (not yet built).
  public convenience init(context: CLContext, source: String) throws {
    var status: cl_int = CL_SUCCESS
    let made: cl_program? = source.withCString { text in
      var strings: [UnsafePointer<CChar>?] = [text]
      var lengths = [source.utf8.count]
      return clCreateProgramWithSource(context.context, 1, &strings, &lengths, &status)
    }
    guard let made, status == CL_SUCCESS else {
      throw CLError(
        call: "clCreateProgramWithSource", code: status == CL_SUCCESS ? CL_INVALID_PROGRAM : status)
    }
    self.init(context: context, origin: .source, program: made)
  }

  /// Creates a program from a device binary or SPIR bitcode (build SPIR with `-x spir`).
  public convenience init(context: CLContext, binary: [UInt8]) throws {
    guard !binary.isEmpty else {
      throw CLError(
        call: "clCreateProgramWithBinary", code: CL_INVALID_VALUE, detail: "empty binary")
    }
    var status: cl_int = CL_SUCCESS
    var binaryStatus: cl_int = CL_SUCCESS
    var devices: [cl_device_id?] = [context.device.id]
    var lengths = [binary.count]
    let made: cl_program? = binary.withUnsafeBufferPointer { bytes in
      var pointers: [UnsafePointer<UInt8>?] = [bytes.baseAddress]
      return clCreateProgramWithBinary(
        context.context, 1, &devices, &lengths, &pointers, &binaryStatus, &status)
    }
    guard let made, status == CL_SUCCESS, binaryStatus == CL_SUCCESS else {
      if let made { clReleaseProgram(made) }
      let code =
        status != CL_SUCCESS
        ? status : binaryStatus != CL_SUCCESS ? binaryStatus : CL_INVALID_BINARY
      throw CLError(
        call: "clCreateProgramWithBinary", code: code, detail: "\(binary.count)-byte binary")
    }
    self.init(context: context, origin: .binary, program: made)
  }

  /// Creates a program from IL (SPIR-V); throws CL_INVALID_OPERATION where the device has no IL support.
  public convenience init(context: CLContext, il: [UInt8]) throws {
    guard context.device.supportsIL else {
      throw CLError(
        call: "clCreateProgramWithIL", code: CL_INVALID_OPERATION,
        detail:
          "device '\(context.device.name)' does not accept IL (no cl_khr_il_program, empty CL_DEVICE_IL_VERSION); "
          + "use OpenCL C source or SPIR bitcode")
    }
    var status: cl_int = CL_SUCCESS
    let made: cl_program? = il.withUnsafeBytes { raw in
      clCreateProgramWithIL(context.context, raw.baseAddress, raw.count, &status)
    }
    guard let made, status == CL_SUCCESS else {
      throw CLError(
        call: "clCreateProgramWithIL", code: status == CL_SUCCESS ? CL_INVALID_PROGRAM : status)
    }
    self.init(context: context, origin: .il, program: made)
  }

  /// Compiles and links the program for the device; a failure throws with the build log.
  public func build(options: String = "") throws {
    try MappingHeadroom.check()
    var devices: [cl_device_id?] = [context.device.id]
    let status = clBuildProgram(program, 1, &devices, options, nil, nil)
    guard status == CL_SUCCESS else {
      let log = (try? buildLog()) ?? "(build log unavailable)"
      throw CLError(
        call: "clBuildProgram", code: status, detail: options.isEmpty ? "" : "options '\(options)'",
        buildLog: log)
    }
  }

  /// The compiler's log for the device (warnings after a successful build, errors after a failed one).
  public func buildLog() throws -> String {
    let device = context.device.id
    return try CLInfo.string("clGetProgramBuildInfo") {
      clGetProgramBuildInfo(
        program, device, cl_program_build_info(CL_PROGRAM_BUILD_LOG), $0, $1, $2)
    }
  }

  /// The names of the program's kernels (after a successful build).
  public func kernelNames() throws -> [String] {
    try CLInfo.string("clGetProgramInfo") {
      clGetProgramInfo(program, cl_program_info(CL_PROGRAM_KERNEL_NAMES), $0, $1, $2)
    }.split(separator: ";").map(String.init)
  }

  /// The device binary (CL_PROGRAM_BINARIES) of a built program.
  public func binary() throws -> [UInt8] {
    let sizes = try CLInfo.array("clGetProgramInfo", Int.self) {
      clGetProgramInfo(program, cl_program_info(CL_PROGRAM_BINARY_SIZES), $0, $1, $2)
    }
    guard sizes.count == 1, let size = sizes.first, size > 0 else {
      throw CLError(
        call: "clGetProgramInfo", code: CL_INVALID_PROGRAM_EXECUTABLE,
        detail: "CL_PROGRAM_BINARY_SIZES is \(sizes): no binary (was the program built?)")
    }
    var bytes = [UInt8](repeating: 0, count: size)
    try bytes.withUnsafeMutableBufferPointer { buffer in
      var pointers: [UnsafeMutablePointer<UInt8>?] = [buffer.baseAddress]
      let pointerBytes = MemoryLayout<UnsafeMutablePointer<UInt8>?>.stride
      try check(
        clGetProgramInfo(
          program, cl_program_info(CL_PROGRAM_BINARIES), pointerBytes, &pointers, nil),
        "clGetProgramInfo")
    }
    return bytes
  }

  /// Creates the kernel `name` of this built program.
  public func kernel(_ name: String) throws -> CLKernel {
    try CLKernel(program: self, name: name)
  }
}
