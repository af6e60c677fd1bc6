// OpenCL platforms: the installed drivers (ICDs) the loader found, each with its devices.
//
// `CLPlatform.all()` is the entry point of enumeration. When the ICD loader finds no driver it
// returns CL_PLATFORM_NOT_FOUND_KHR (-1001); that, and an empty list, become a clear "no OpenCL
// platform found" error rather than a crash or an empty device list further down.

import COpenCL

/// One OpenCL platform (a vendor driver) and its descriptive strings.
///
/// Platform ids are process-wide constants owned by the driver and never released, and OpenCL
/// info queries are thread-safe, so sharing a snapshot across threads is sound.
public struct CLPlatform: @unchecked Sendable {
  /// The driver's handle.
  let id: cl_platform_id
  /// Position in the loader's platform list.
  public let index: Int
  /// CL_PLATFORM_NAME, e.g. "Portable Computing Language".
  public let name: String
  /// CL_PLATFORM_VENDOR.
  public let vendor: String
  /// CL_PLATFORM_VERSION, e.g. "OpenCL 3.0 PoCL 3.1 ...".
  public let version: String
  /// CL_PLATFORM_PROFILE, "FULL_PROFILE" or "EMBEDDED_PROFILE".
  public let profile: String
  /// CL_PLATFORM_EXTENSIONS, split on spaces.
  public let extensions: [String]

  init(id: cl_platform_id, index: Int) throws {
    func info(_ param: Int32) throws -> String {
      try CLInfo.string("clGetPlatformInfo") {
        clGetPlatformInfo(id, cl_platform_info(param), $0, $1, $2)
      }
    }
    self.id = id
    self.index = index
    name = try info(CL_PLATFORM_NAME)
    vendor = try info(CL_PLATFORM_VENDOR)
    version = try info(CL_PLATFORM_VERSION)
    profile = try info(CL_PLATFORM_PROFILE)
    extensions = try info(CL_PLATFORM_EXTENSIONS).split(separator: " ").map(String.init)
  }

  /// Every platform the ICD loader reports; throws a clear error when there is none.
  public static func all() throws -> [CLPlatform] {
    var count: cl_uint = 0
    let status = clGetPlatformIDs(0, nil, &count)
    if status == CLError.platformNotFoundKHR || (status == CL_SUCCESS && count == 0) {
      throw CLError.noPlatform(
        call: "clGetPlatformIDs", code: status == CL_SUCCESS ? CLError.platformNotFoundKHR : status)
    }
    try check(status, "clGetPlatformIDs")
    var ids = [cl_platform_id?](repeating: nil, count: Int(count))
    try check(clGetPlatformIDs(count, &ids, nil), "clGetPlatformIDs")
    return try ids.enumerated().compactMap { index, id in
      guard let id else { return nil }
      return try CLPlatform(id: id, index: index)
    }
  }

  /// The platform's devices of every type, in the driver's order (empty if it has none).
  public func devices() throws -> [CLDevice] {
    var count: cl_uint = 0
    let type = cl_device_type(CL_DEVICE_TYPE_ALL)
    let status = clGetDeviceIDs(id, type, 0, nil, &count)
    if status == CL_DEVICE_NOT_FOUND { return [] }
    try check(status, "clGetDeviceIDs")
    var ids = [cl_device_id?](repeating: nil, count: Int(count))
    try check(clGetDeviceIDs(id, type, count, &ids, nil), "clGetDeviceIDs")
    return try ids.enumerated().compactMap { index, device in
      guard let device else { return nil }
      return try CLDevice(id: device, platform: self, indexInPlatform: index)
    }
  }
}
