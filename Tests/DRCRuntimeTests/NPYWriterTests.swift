// `.npy` files byte for byte: header layout, padding to 64 bytes, every dtype, a 0-d and an
// empty array; and, where python3 with NumPy is installed, `numpy.load` reading them back.

import DRCIR
import DRCProcess
import DRCRuntime
import Foundation
import XCTest

final class NPYWriterTests: XCTestCase {
  /// The first 128 bytes NumPy writes for a header dict `dict` (shorter than 117 characters).
  func header(_ dict: String) -> [UInt8] {
    let text = dict + String(repeating: " ", count: 128 - 10 - dict.utf8.count - 1) + "\n"
    return [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 118, 0] + Array(text.utf8)
  }

  func testEveryDTypeByteForByte() throws {
    let cases: [(HostArray, String, [UInt8])] = [
      (
        try HostArray([Float(1), 2.5, -3], shape: [3]), "'<f4'",
        [0, 0, 0x80, 0x3F, 0, 0, 0x20, 0x40, 0, 0, 0x40, 0xC0]
      ),
      (try HostArray([1.0], shape: [1]), "'<f8'", [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]),
      (try HostArray([Int32(-1), 2], shape: [2]), "'<i4'", [0xFF, 0xFF, 0xFF, 0xFF, 2, 0, 0, 0]),
      (try HostArray([Int64(5)], shape: [1]), "'<i8'", [5, 0, 0, 0, 0, 0, 0, 0]),
      (try HostArray([true, false], shape: [2]), "'|b1'", [1, 0]),
    ]
    for (array, descr, data) in cases {
      let shape = array.count == 1 ? "(1,)" : "(\(array.count),)"
      let expected =
        header("{'descr': \(descr), 'fortran_order': False, 'shape': \(shape), }") + data
      XCTAssertEqual(try NPYWriter.bytes(array), expected, descr)
    }
  }

  func testZeroDimensionalTwoDimensionalAndEmptyArrays() throws {
    let scalar = HostArray(scalar: .float(2), dtype: .float64)
    XCTAssertEqual(
      try NPYWriter.bytes(scalar),
      header("{'descr': '<f8', 'fortran_order': False, 'shape': (), }")
        + [0, 0, 0, 0, 0, 0, 0, 0x40])
    let empty = try HostArray([Float](), shape: [0])
    XCTAssertEqual(
      try NPYWriter.bytes(empty),
      header("{'descr': '<f4', 'fortran_order': False, 'shape': (0,), }"))
    let matrix = try HostArray([Int32(1), 2, 3, 4, 5, 6], shape: [2, 3])
    let bytes = try NPYWriter.bytes(matrix)
    XCTAssertEqual(
      Array(bytes.prefix(128)),
      header("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }"))
    XCTAssertEqual(bytes.count, 128 + 24)
    XCTAssertEqual(Array(bytes.suffix(4)), [6, 0, 0, 0])
  }

  func testLongHeadersPadToTheNextMultipleOf64() throws {
    let shape = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2]
    let bytes = try NPYWriter.header(dtype: .float32, shape: shape)
    XCTAssertEqual(bytes.count % 64, 0)
    XCTAssertEqual(bytes.count, 192)
    XCTAssertEqual(Int(bytes[8]) | Int(bytes[9]) << 8, bytes.count - 10)
    XCTAssertEqual(bytes.last, 0x0A)
  }

  func testWriteRejectsNamesThatAreNotFileNames() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let a = try HostArray([Float(1)], shape: [1])
    XCTAssertThrowsError(try NPYWriter.write(["../x": a], directory: dir))
    let paths = try NPYWriter.write(["y": a], directory: dir)
    XCTAssertEqual(paths.map { URL(fileURLWithPath: $0).lastPathComponent }, ["y.npy"])
    XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: paths[0])).count, 132)
  }

  func testNumPyLoadsTheFilesWhenAvailable() throws {
    let env = "/usr/bin/env"
    guard FileManager.default.isExecutableFile(atPath: env) else {
      throw XCTSkip("no /usr/bin/env")
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try NPYWriter.write(
      [
        "a": try HostArray([Float(1), 2.5, -3, 4, 5, 6], shape: [2, 3]),
        "b": HostArray(scalar: .float(0.1), dtype: .float64),
        "c": try HostArray([true, false, true], shape: [3]),
        "d": try HostArray([Int64](), shape: [0, 2]),
      ], directory: dir)
    let script = """
      import sys
      try:
          import numpy as np
      except ImportError:
          sys.exit(3)
      d = sys.argv[1]
      for n in 'abcd':
          x = np.load(d + '/' + n + '.npy')
          print(n, x.dtype, x.shape, x.tolist())
      """
    let child = try ChildProcess.run(
      env, ["python3", "-c", script, dir], environment: ProcessInfo.processInfo.environment)
    let text = child.stdout
    if child.status == 3 || child.status == 127 {
      throw XCTSkip("python3 with numpy is not installed")
    }
    XCTAssertEqual(child.status, 0, child.stderr)
    XCTAssertEqual(
      text,
      """
      a float32 (2, 3) [[1.0, 2.5, -3.0], [4.0, 5.0, 6.0]]
      b float64 () 0.1
      c bool (3,) [True, False, True]
      d int64 (0, 2) []

      """)
  }
}
