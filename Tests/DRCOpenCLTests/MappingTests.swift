// Mapping buffers: host-allocated buffers written and read through maps around kernel launches.
//
// The map must wait for the kernel that wrote the buffer, and the unmap must come before the next
// launch that reads it; both follow from the one in-order queue. Zero-byte maps and ranges outside
// the buffer are checked too, as are the device's unified-memory and alignment reports.

import DRCOpenCL
import Foundation
import XCTest

final class MappingTests: XCTestCase {
  func testDeviceReportsMemorySharingAndAlignment() throws {
    let device = try CL.device()
    XCTAssertGreaterThanOrEqual(device.baseAddressAlignment, 4)
    XCTAssertEqual(
      device.baseAddressAlignment & (device.baseAddressAlignment - 1), 0, "a power of two")
    if device.type.contains(.cpu) {
      XCTAssertTrue(device.hostUnifiedMemory, "a CPU device shares the host's memory")
    }
  }

  func testMappedWritesFeedKernelsAndMappedReadsSeeTheirResults() throws {
    let ctx = try CL.context()
    let program = try CLProgram(context: ctx, source: vectorAddSource)
    try program.build()
    let kernel = try program.kernel("vadd")
    let n = 1000
    let bytes = n * MemoryLayout<Float>.size
    let a = try CLBuffer(context: ctx, size: bytes, access: .readOnly, hostAllocated: true)
    let b = try CLBuffer(context: ctx, size: bytes, access: .readOnly, hostAllocated: true)
    let c = try CLBuffer(context: ctx, size: bytes, access: .writeOnly, hostAllocated: true)
    XCTAssertTrue(c.hostAllocated)
    for round in 0..<3 {
      // Written through maps before each launch; the previous launch read the same buffers.
      try a.withMappedBytes(.overwrite) { raw in
        let floats = raw.bindMemory(to: Float.self)
        for i in 0..<n { floats[i] = Float(i) }
      }
      try b.withMappedBytes(.overwrite) { raw in
        let floats = raw.bindMemory(to: Float.self)
        for i in 0..<n { floats[i] = Float(round * 10) }
      }
      try kernel.setArgument(0, a)
      try kernel.setArgument(1, b)
      try kernel.setArgument(2, c)
      try kernel.setArgument(3, UInt32(n))
      _ = try kernel.enqueue(global: [n])
      // No finish: the blocking map waits for the launch.
      let sums = try c.withMappedBytes(.read) { Array($0.bindMemory(to: Float.self)) }
      XCTAssertEqual(sums, (0..<n).map { Float($0 + round * 10) }, "round \(round)")
    }
    let part = try c.withMappedBytes(.read, offset: 8, count: 8) {
      Array($0.bindMemory(to: Float.self))
    }
    XCTAssertEqual(part, [22, 23])
  }

  func testReadWriteMapsKeepTheOtherBytesAndEmptyRangesMapNothing() throws {
    let ctx = try CL.context()
    let buffer = try CLBuffer(context: ctx, bytes: [1, 2, 3, 4, 5, 6, 7, 8])
    try buffer.withMappedBytes(.readWrite, offset: 2, count: 2) { raw in
      raw[0] = raw[0] &* 10
      raw[1] = 0
    }
    XCTAssertEqual(try buffer.download(), [1, 2, 30, 0, 5, 6, 7, 8])
    let seen = try buffer.withMappedBytes(.read, offset: 8, count: 0) { $0.count }
    XCTAssertEqual(seen, 0)
    XCTAssertThrowsError(try buffer.withMappedBytes(.read, offset: 4, count: 5) { _ in }) {
      XCTAssertTrue("\($0)".contains("clEnqueueMapBuffer"), "\($0)")
    }
    struct Stop: Error {}
    XCTAssertThrowsError(try buffer.withMappedBytes(.readWrite) { _ in throw Stop() }) {
      XCTAssertTrue($0 is Stop)
    }
    // The map that threw was unmapped: the buffer still works.
    try buffer.upload([9, 9], offset: 0)
    XCTAssertEqual(Array(try buffer.download().prefix(3)), [9, 9, 30])
    XCTAssertThrowsError(try CLBuffer(context: ctx, size: -1))
  }
}
