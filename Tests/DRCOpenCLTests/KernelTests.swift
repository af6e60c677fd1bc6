// Programs and kernels on the device: source builds, build errors with logs, SPIR bitcode from
// clang-14, buffers (upload, download, fill), scalar arguments, events and profiling.

import DRCOpenCL
import DRCProcess
import Foundation
import XCTest

final class KernelTests: XCTestCase {
  func testVectorAddFromSource() throws {
    let context = try CL.context(profiling: true)
    let program = try CLProgram(context: context, source: vectorAddSource)
    try program.build()
    XCTAssertEqual(try program.kernelNames(), ["vadd"])
    try runVectorAdd(program, count: 1000)
  }

  func testBuildErrorThrowsWithTheLog() throws {
    let context = try CL.context()
    let source = "__kernel void broken(__global float *x) {\n  x[0] = undeclared_thing + 1.0f;\n}\n"
    let program = try CLProgram(context: context, source: source)
    XCTAssertThrowsError(try program.build(options: "-cl-std=CL1.2")) { error in
      guard let error = error as? CLError else { return XCTFail("not a CLError: \(error)") }
      XCTAssertEqual(error.call, "clBuildProgram")
      XCTAssertEqual(error.codeName, "CL_BUILD_PROGRAM_FAILURE")
      let log = error.buildLog ?? ""
      XCTAssertTrue(log.contains("undeclared_thing"), log)
      XCTAssertTrue(log.contains(":2:"), "the log names line 2: \(log)")
      XCTAssertTrue(error.description.contains("undeclared_thing"), error.description)
    }
  }

  func testSPIRBitcodeFromClang14() throws {
    guard let clang = CL.executable("clang-14") else {
      throw XCTSkip("clang-14 not found: install it (tools/setup.sh) to test SPIR loading")
    }
    let context = try CL.context()
    guard context.device.supportsSPIR else {
      throw XCTSkip("\(context.device.name) lacks cl_khr_spir")
    }
    let dir = try CL.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let source = dir.appendingPathComponent("vadd.cl")
    let bitcode = dir.appendingPathComponent("vadd.bc")
    try vectorAddSource.write(to: source, atomically: true, encoding: .utf8)
    let child = try ChildProcess.run(
      clang,
      [
        "-c", "-cl-std=CL1.2", "-target", "spir64", "-emit-llvm", "-O2", source.path, "-o",
        bitcode.path,
      ], environment: ProcessInfo.processInfo.environment)
    XCTAssertEqual(child.status, 0, child.stderr)
    let bytes = try [UInt8](Data(contentsOf: bitcode))
    let program = try CLProgram(context: context, binary: bytes)
    XCTAssertEqual(program.origin, .binary)
    try program.build(options: "-x spir")
    try runVectorAdd(program, count: 333)
  }

  func testILIsRefusedClearlyWithoutSupport() throws {
    let context = try CL.context()
    if context.device.supportsIL { throw XCTSkip("\(context.device.name) accepts IL") }
    XCTAssertThrowsError(try CLProgram(context: context, il: [0x03, 0x02, 0x23, 0x07])) { error in
      XCTAssertTrue("\(error)".contains("does not accept IL"), "\(error)")
    }
  }

  func testBufferFillUploadDownloadAndRangeChecks() throws {
    let context = try CL.context()
    let buffer = try CLBuffer(context: context, size: 64)
    try buffer.fill(pattern: [0xAB, 0xCD, 0xEF, 0x01])
    XCTAssertEqual(
      try buffer.download(), [UInt8]((0..<16).flatMap { _ in [0xAB, 0xCD, 0xEF, 0x01] }))
    try buffer.upload([1, 2, 3, 4], offset: 8)
    var part: [UInt8] = []
    try buffer.download(into: &part, offset: 6, count: 6)
    XCTAssertEqual(part, [0xEF, 0x01, 1, 2, 3, 4])
    XCTAssertThrowsError(try buffer.upload([UInt8](repeating: 0, count: 8), offset: 60))
    let copy = try CLBuffer(context: context, size: 8)
    try copy.copy(from: buffer, sourceOffset: 6, offset: 2, count: 6)
    try context.finish()
    XCTAssertEqual(try copy.download()[2...], [0xEF, 0x01, 1, 2, 3, 4])
    let empty = try CLBuffer(context: context, bytes: [])
    XCTAssertEqual(try empty.download(), [])
    XCTAssertThrowsError(try CLBuffer(context: context, size: -8)) { error in
      XCTAssertEqual((error as? CLError)?.codeName, "CL_INVALID_BUFFER_SIZE")
    }
  }

  func testWorkGroupErrorsAreReadable() throws {
    let context = try CL.context()
    let program = try CLProgram(context: context, source: vectorAddSource)
    try program.build()
    let kernel = try program.kernel("vadd")
    XCTAssertEqual(try kernel.argumentCount(), 4)
    XCTAssertThrowsError(try kernel.enqueue(global: [1, 1, 1, 1])) { error in
      XCTAssertEqual((error as? CLError)?.codeName, "CL_INVALID_WORK_DIMENSION")
    }
    XCTAssertThrowsError(try program.kernel("nope")) { error in
      XCTAssertEqual((error as? CLError)?.codeName, "CL_INVALID_KERNEL_NAME")
    }
  }

  /// Runs `vadd` of `program` on `count` floats with a 1-D launch and checks every sum.
  private func runVectorAdd(_ program: CLProgram, count: Int) throws {
    let context = program.context
    let a = (0..<count).map { Float($0) * 0.5 }
    let b = (0..<count).map { Float(count - $0) * 0.25 }
    let bufA = try CLBuffer(context: context, bytes: a.bytes, access: .readOnly)
    let bufB = try CLBuffer(context: context, bytes: b.bytes, access: .readOnly)
    let bufC = try CLBuffer(context: context, size: count * 4, access: .writeOnly)
    let kernel = try program.kernel("vadd")
    try kernel.setArgument(0, bufA)
    try kernel.setArgument(1, bufB)
    try kernel.setArgument(2, bufC)
    try kernel.setArgument(3, UInt32(count))
    let event = try kernel.enqueue(global: [(count + 63) / 64 * 64], local: [64], event: true)
    try context.finish()
    if context.profiling, let event {
      let start = try event.startNanoseconds()
      let end = try event.endNanoseconds()
      XCTAssertGreaterThanOrEqual(end, start)
      XCTAssertTrue(try event.isComplete())
    }
    let c = [Float](bytes: try bufC.download())
    XCTAssertEqual(c.count, count)
    for i in 0..<count where c[i] != a[i] + b[i] {
      return XCTFail("c[\(i)] = \(c[i]), expected \(a[i] + b[i])")
    }
  }
}
