// Reading OpenCL info queries (clGet*Info) into Swift strings, scalars and arrays.
//
// Every clGet*Info function has the same shape: (object, param, size, value, size_ret). Each
// helper takes that call as a closure over (size, value, size_ret), asks for the size first, then
// fills a buffer of exactly that size, so no fixed-size buffers or truncation can occur.

import COpenCL

/// A clGet*Info call with the object and parameter already bound.
typealias InfoCall = (Int, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?) -> cl_int

enum CLInfo {
  /// The raw bytes of an info value.
  static func bytes(_ name: String, _ get: InfoCall) throws -> [UInt8] {
    var size = 0
    try check(get(0, nil, &size), name)
    if size == 0 { return [] }
    var bytes = [UInt8](repeating: 0, count: size)
    try bytes.withUnsafeMutableBytes { raw in
      try check(get(size, raw.baseAddress, nil), name)
    }
    return bytes
  }

  /// A string value, without its terminating NUL.
  static func string(_ name: String, _ get: InfoCall) throws -> String {
    var bytes = try bytes(name, get)
    if let nul = bytes.firstIndex(of: 0) { bytes.removeSubrange(nul...) }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A fixed-size value such as cl_uint, cl_ulong, size_t or a handle.
  static func value<T: BitwiseCopyable>(_ name: String, _ type: T.Type, _ get: InfoCall) throws -> T
  {
    let bytes = try bytes(name, get)
    guard bytes.count == MemoryLayout<T>.size else {
      throw CLError(
        call: name, code: CL_INVALID_VALUE,
        detail: "expected \(MemoryLayout<T>.size) bytes, got \(bytes.count)")
    }
    return bytes.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
  }

  /// An array of fixed-size values (e.g. CL_PROGRAM_BINARY_SIZES).
  static func array<T: BitwiseCopyable>(_ name: String, _ type: T.Type, _ get: InfoCall) throws
    -> [T]
  {
    let bytes = try bytes(name, get)
    let stride = MemoryLayout<T>.stride
    return bytes.withUnsafeBytes { raw in
      (0..<(raw.count / stride)).map { raw.loadUnaligned(fromByteOffset: $0 * stride, as: T.self) }
    }
  }
}
