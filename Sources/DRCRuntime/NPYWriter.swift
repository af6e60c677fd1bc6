// Writing arrays as NumPy `.npy` files (format version 1.0), so results load with `numpy.load`.
//
// A file is the magic `\x93NUMPY`, the version bytes 1 and 0, the header length as a
// little-endian UInt16, and the header: a Python dict literal
// `{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }` padded with spaces and ended by
// '\n' so that the data starts at a multiple of 64 bytes. The data follows in row-major order,
// little-endian; bools are one byte each (`|b1`). NumPy writes the same bytes for the same
// array (`numpy.lib.format.write_array` with version (1, 0)).

import DRCIR
import Foundation

/// `.npy` encoding of host arrays.
public enum NPYWriter {
  /// NumPy's type string for `dtype`.
  public static func descr(_ dtype: DType) -> String {
    switch dtype {
    case .bool: return "|b1"
    case .int32: return "<i4"
    case .int64: return "<i8"
    case .float32: return "<f4"
    case .float64: return "<f8"
    }
  }

  /// A Python tuple literal of `shape`: `()`, `(n,)`, `(a, b)`.
  public static func tuple(_ shape: [Int]) -> String {
    switch shape.count {
    case 0: return "()"
    case 1: return "(\(shape[0]),)"
    default: return "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
  }

  /// The magic, version, length and padded header of an array of `dtype` and `shape`.
  public static func header(dtype: DType, shape: [Int]) throws -> [UInt8] {
    var dict = "{'descr': '\(descr(dtype))', 'fortran_order': False, 'shape': \(tuple(shape)), }"
    let unpadded = 10 + dict.utf8.count + 1
    dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
    let length = dict.utf8.count
    guard length <= Int(UInt16.max) else {
      throw InterpreterError("an .npy header of \(length) bytes does not fit version 1.0")
    }
    return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)]
      + Array(dict.utf8)
  }

  /// The whole file for `array`.
  public static func bytes(_ array: HostArray) throws -> [UInt8] {
    try header(dtype: array.dtype, shape: array.shape) + array.littleEndianBytes()
  }

  /// Writes each array to `<directory>/<name>.npy`, creating the directory; returns the paths.
  @discardableResult
  public static func write(_ arrays: [String: HostArray], directory: String) throws -> [String] {
    let folder = URL(fileURLWithPath: directory)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var paths: [String] = []
    for (name, array) in arrays.sorted(by: { $0.key < $1.key }) {
      guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
        throw InterpreterError("output name '\(name)' cannot be a file name")
      }
      let url = folder.appendingPathComponent(name + ".npy")
      try Data(try bytes(array)).write(to: url, options: .atomic)
      paths.append(url.path)
    }
    return paths
  }
}
