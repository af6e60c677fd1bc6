// The local sizes the runtime gives launches on CPU devices (WorkGroupSize), and that a launch
// with them computes every work-item.

import DRCOpenCL
import XCTest

final class WorkGroupSizeTests: XCTestCase {
  func testSmallCPULaunchesAreSplitAcrossComputeUnits() {
    func local(_ global: Int, units: Int = 2, maximum: Int = 4096) -> Int? {
      WorkGroupSize.local(global: global, cpu: true, units: units, maximum: maximum)
    }
    // At least 4 groups per compute unit, each the largest divisor that allows it.
    XCTAssertEqual(local(8), 1, "8 work-items on 2 units: 8 groups of 1")
    XCTAssertEqual(local(250), 25, "10 groups")
    XCTAssertEqual(local(256), 32, "8 groups")
    XCTAssertEqual(local(2048), 256)
    XCTAssertEqual(local(63), 7, "9 groups of 7: 7 is the largest divisor at most 63/8")
    XCTAssertEqual(local(4099), 1, "a prime count: groups of 1, as uniform groups must be")
    XCTAssertEqual(local(1), 1)
    XCTAssertEqual(local(2048, units: 64), 8, "256 groups for 64 units")
    XCTAssertEqual(local(65536, maximum: 128), 128, "within the device's maximum")
    for global in 1...3000 {
      let l = local(global) ?? 0
      XCTAssertEqual(global % l, 0, "\(global): uniform groups")
      XCTAssertTrue(l == 1 || global / l >= 8, "\(global): at least 8 groups")
    }
    // Large launches and GPUs keep the implementation's choice.
    XCTAssertNil(local(WorkGroupSize.largest + 1))
    XCTAssertNil(WorkGroupSize.local(global: 250, cpu: false, units: 2, maximum: 1024))
  }

  /// A launch with the chosen local size runs every work-item once.
  func testLaunchWithTheChosenLocalSizeCoversEveryItem() throws {
    let ctx = try CLContext(device: try CL.device())
    let program = try CLProgram(
      context: ctx,
      source:
        "__kernel void k(__global int* a) { a[get_global_id(0)] += (int)get_global_id(0) + 1; }")
    try program.build()
    let kernel = try program.kernel("k")
    for global in [1, 7, 250, 2048, 4099] {
      let buffer = try CLBuffer(context: ctx, size: global * 4)
      try buffer.fill(pattern: [0])
      try kernel.setArgument(0, buffer)
      let local = WorkGroupSize.local(global: global, device: ctx.device)
      _ = try kernel.enqueue(global: [global], local: local.map { [$0] })
      try ctx.finish()
      let bytes = try buffer.download()
      let values = stride(from: 0, to: bytes.count, by: 4).map { i in
        Int32(bytes[i]) | Int32(bytes[i + 1]) << 8 | Int32(bytes[i + 2]) << 16 | Int32(bytes[i + 3])
          << 24
      }
      XCTAssertEqual(
        values, (0..<global).map { Int32($0 + 1) },
        "global \(global), local \(String(describing: local))")
    }
  }
}
