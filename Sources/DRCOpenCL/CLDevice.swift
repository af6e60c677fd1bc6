// OpenCL devices: a snapshot of the properties the compiler and the `drc devices` report need.
//
// All properties are read once at enumeration, so a `CLDevice` is a plain value. Support flags
// are derived from the extension list and CL_DEVICE_IL_VERSION: fp64 (`cl_khr_fp64`), SPIR
// bitcode (`cl_khr_spir`, loaded with `-x spir`) and IL such as SPIR-V (`cl_khr_il_program` or a
// non-empty IL version, an OpenCL 2.1+ query that older devices may reject: read as empty).

import COpenCL

/// The kind of an OpenCL device (CL_DEVICE_TYPE bits).
public struct CLDeviceType: OptionSet, Sendable, CustomStringConvertible {
  /// The raw cl_device_type bits.
  public let rawValue: UInt64
  /// Creates a type from raw bits.
  public init(rawValue: UInt64) { self.rawValue = rawValue }

  /// CL_DEVICE_TYPE_DEFAULT.
  public static let `default` = CLDeviceType(rawValue: UInt64(CL_DEVICE_TYPE_DEFAULT))
  /// CL_DEVICE_TYPE_CPU.
  public static let cpu = CLDeviceType(rawValue: UInt64(CL_DEVICE_TYPE_CPU))
  /// CL_DEVICE_TYPE_GPU.
  public static let gpu = CLDeviceType(rawValue: UInt64(CL_DEVICE_TYPE_GPU))
  /// CL_DEVICE_TYPE_ACCELERATOR.
  public static let accelerator = CLDeviceType(rawValue: UInt64(CL_DEVICE_TYPE_ACCELERATOR))
  /// CL_DEVICE_TYPE_CUSTOM.
  public static let custom = CLDeviceType(rawValue: UInt64(CL_DEVICE_TYPE_CUSTOM))

  /// The set kinds joined with "+", e.g. "CPU" or "GPU+default".
  public var description: String {
    let names: [(CLDeviceType, String)] = [
      (.cpu, "CPU"), (.gpu, "GPU"), (.accelerator, "accelerator"), (.custom, "custom"),
      (.default, "default"),
    ]
    let set = names.filter { contains($0.0) }.map(\.1)
    return set.isEmpty ? "unknown" : set.joined(separator: "+")
  }
}

/// One OpenCL device with its properties read at enumeration.
///
/// Root device ids are owned by the driver for the life of the process (no retain/release), and
/// info queries are thread-safe, so the snapshot may be shared across threads.
public struct CLDevice: @unchecked Sendable {
  /// The driver's handle.
  let id: cl_device_id
  /// The platform the device belongs to.
  public let platform: CLPlatform
  /// Position among the platform's devices.
  public let indexInPlatform: Int
  /// CL_DEVICE_NAME.
  public let name: String
  /// CL_DEVICE_VENDOR.
  public let vendor: String
  /// CL_DEVICE_VERSION, e.g. "OpenCL 3.0 PoCL HSTR: ...".
  public let version: String
  /// CL_DRIVER_VERSION.
  public let driverVersion: String
  /// CL_DEVICE_OPENCL_C_VERSION, e.g. "OpenCL C 1.2 PoCL".
  public let openCLCVersion: String
  /// CL_DEVICE_TYPE.
  public let type: CLDeviceType
  /// CL_DEVICE_MAX_COMPUTE_UNITS.
  public let computeUnits: Int
  /// CL_DEVICE_GLOBAL_MEM_SIZE in bytes.
  public let globalMemory: UInt64
  /// CL_DEVICE_LOCAL_MEM_SIZE in bytes.
  public let localMemory: UInt64
  /// CL_DEVICE_MAX_MEM_ALLOC_SIZE in bytes: the largest single buffer.
  public let maxAllocation: UInt64
  /// CL_DEVICE_MAX_WORK_GROUP_SIZE.
  public let maxWorkGroupSize: Int
  /// CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT.
  public let preferredVectorWidthFloat: Int
  /// CL_DEVICE_PREFERRED_VECTOR_WIDTH_DOUBLE (0 without fp64).
  public let preferredVectorWidthDouble: Int
  /// CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT.
  public let nativeVectorWidthFloat: Int
  /// CL_DEVICE_NATIVE_VECTOR_WIDTH_DOUBLE (0 without fp64).
  public let nativeVectorWidthDouble: Int
  /// CL_DEVICE_EXTENSIONS, split on spaces.
  public let extensions: [String]
  /// CL_DEVICE_IL_VERSION, e.g. "SPIR-V_1.2"; empty when unsupported.
  public let ilVersion: String
  /// Whether float32 / float64 fused multiply-add is supported in hardware (CL_FP_FMA without
  /// CL_FP_SOFT_FLOAT in CL_DEVICE_SINGLE_FP_CONFIG / CL_DEVICE_DOUBLE_FP_CONFIG).
  public let fastFMA: (float: Bool, double: Bool)
  /// Whether the device and the host share one memory (CL_DEVICE_HOST_UNIFIED_MEMORY): true for
  /// CPU devices such as PoCL's, where a mapped buffer is the device's memory itself.
  public let hostUnifiedMemory: Bool
  /// The alignment in bytes the device wants for buffer base addresses
  /// (CL_DEVICE_MEM_BASE_ADDR_ALIGN, which is given in bits).
  public let baseAddressAlignment: Int

  /// Whether the device computes in double precision (`cl_khr_fp64`).
  public var supportsFP64: Bool { extensions.contains("cl_khr_fp64") }
  /// Whether the device loads SPIR 1.2 bitcode with `-x spir` (`cl_khr_spir`).
  public var supportsSPIR: Bool { extensions.contains("cl_khr_spir") }
  /// Whether `clCreateProgramWithIL` (SPIR-V) works (`cl_khr_il_program` or an IL version).
  public var supportsIL: Bool { extensions.contains("cl_khr_il_program") || !ilVersion.isEmpty }

  init(id: cl_device_id, platform: CLPlatform, indexInPlatform: Int) throws {
    func string(_ param: Int32) throws -> String {
      try CLInfo.string("clGetDeviceInfo") {
        clGetDeviceInfo(id, cl_device_info(param), $0, $1, $2)
      }
    }
    func value<T: BitwiseCopyable>(_ param: Int32, _ type: T.Type) throws -> T {
      try CLInfo.value("clGetDeviceInfo", type) {
        clGetDeviceInfo(id, cl_device_info(param), $0, $1, $2)
      }
    }
    self.id = id
    self.platform = platform
    self.indexInPlatform = indexInPlatform
    name = try string(CL_DEVICE_NAME)
    vendor = try string(CL_DEVICE_VENDOR)
    version = try string(CL_DEVICE_VERSION)
    driverVersion = try string(CL_DRIVER_VERSION)
    openCLCVersion = try string(CL_DEVICE_OPENCL_C_VERSION)
    type = CLDeviceType(rawValue: UInt64(try value(CL_DEVICE_TYPE, cl_device_type.self)))
    computeUnits = Int(try value(CL_DEVICE_MAX_COMPUTE_UNITS, cl_uint.self))
    globalMemory = UInt64(try value(CL_DEVICE_GLOBAL_MEM_SIZE, cl_ulong.self))
    localMemory = UInt64(try value(CL_DEVICE_LOCAL_MEM_SIZE, cl_ulong.self))
    maxAllocation = UInt64(try value(CL_DEVICE_MAX_MEM_ALLOC_SIZE, cl_ulong.self))
    maxWorkGroupSize = try value(CL_DEVICE_MAX_WORK_GROUP_SIZE, Int.self)
    preferredVectorWidthFloat = Int(try value(CL_DEVICE_PREFERRED_VECTOR_WIDTH_FLOAT, cl_uint.self))
    preferredVectorWidthDouble = Int(
      try value(CL_DEVICE_PREFERRED_VECTOR_WIDTH_DOUBLE, cl_uint.self))
    nativeVectorWidthFloat = Int(try value(CL_DEVICE_NATIVE_VECTOR_WIDTH_FLOAT, cl_uint.self))
    nativeVectorWidthDouble = Int(try value(CL_DEVICE_NATIVE_VECTOR_WIDTH_DOUBLE, cl_uint.self))
    extensions = try string(CL_DEVICE_EXTENSIONS).split(separator: " ").map(String.init)
    ilVersion = (try? string(CL_DEVICE_IL_VERSION))?.trimmingTrailingWhitespace() ?? ""
    func fma(_ param: Int32) -> Bool {
      guard let config = try? value(param, cl_device_fp_config.self) else { return false }
      return config & cl_device_fp_config(CL_FP_FMA) != 0
        && config & cl_device_fp_config(CL_FP_SOFT_FLOAT) == 0
    }
    fastFMA = (fma(CL_DEVICE_SINGLE_FP_CONFIG), fma(CL_DEVICE_DOUBLE_FP_CONFIG))
    // Deprecated since OpenCL 2.0 but still answered; a device that does not answer shares nothing.
    hostUnifiedMemory = ((try? value(CL_DEVICE_HOST_UNIFIED_MEMORY, cl_bool.self)) ?? 0) != 0
    let bits = Int((try? value(CL_DEVICE_MEM_BASE_ADDR_ALIGN, cl_uint.self)) ?? 0)
    baseAddressAlignment = max(bits / 8, 1)
  }

  /// Every device of every platform, platforms in loader order.
  public static func all() throws -> [CLDevice] {
    try CLPlatform.all().flatMap { try $0.devices() }
  }

  /// A one-line summary: name, type, platform and OpenCL version.
  public var summary: String {
    "\(name) (\(type), \(platform.name), \(version))"
  }
}
