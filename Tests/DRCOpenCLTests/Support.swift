// Shared helpers for the OpenCL tests: the device under test, byte conversions, temp directories.
//
// The tests run on whatever OpenCL device is present (PoCL in CI, installed by tools/setup.sh).
// With no OpenCL platform they fail with the library's "no OpenCL platform found" message rather
// than crashing, so a missing driver is obvious in the log.

import DRCOpenCL
import Foundation
import XCTest

enum CL {
  /// The device the tests use: `DRC_DEVICE` if set, else the default choice.
  static func device(file: StaticString = #filePath, line: UInt = #line) throws -> CLDevice {
    do {
      return try CLDevice.select()
    } catch {
      XCTFail(
        "OpenCL unavailable (CI installs PoCL with tools/setup.sh): \(error)", file: file,
        line: line)
      throw error
    }
  }

  /// A fresh context on the test device.
  static func context(profiling: Bool = false) throws -> CLContext {
    try CLContext(device: device(), profiling: profiling)
  }

  /// A new empty temporary directory.
  static func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "drc-ocl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// The first executable named `name` on PATH (or the usual system directories).
  static func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let dirs = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
    return dirs.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }
}

extension Array where Element == Float {
  /// The floats' bytes in host order.
  var bytes: [UInt8] { withUnsafeBytes { [UInt8]($0) } }

  /// Floats from bytes in host order.
  init(bytes: [UInt8]) {
    var floats = [Float](repeating: 0, count: bytes.count / MemoryLayout<Float>.size)
    floats.withUnsafeMutableBytes { raw in
      for i in 0..<raw.count { raw[i] = bytes[i] }
    }
    self = floats
  }
}

/// A vector-add kernel guarded by a bounds check.
let vectorAddSource = """
  __kernel void vadd(__global const float *a, __global const float *b, __global float *c, const uint n) {
    size_t i = get_global_id(0);
    if (i < n) c[i] = a[i] + b[i];
  }
  """

/// An elementwise product kernel: a valid program with no `vadd`.
let vectorMultiplySource = """
  __kernel void vmul(__global const float *a, __global const float *b, __global float *c, const uint n) {
    size_t i = get_global_id(0);
    if (i < n) c[i] = a[i] * b[i];
  }
  """
