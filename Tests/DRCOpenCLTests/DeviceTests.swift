// Enumeration and selection of devices, error codes and messages, and the cache-key digest.

import XCTest

@testable import DRCOpenCL

final class DeviceTests: XCTestCase {
  func testEnumeratesPlatformsAndDevicesWithProperties() throws {
    _ = try CL.device()
    let platforms = try CLPlatform.all()
    XCTAssertFalse(platforms.isEmpty)
    let devices = try CLDevice.all()
    XCTAssertFalse(devices.isEmpty)
    for device in devices {
      XCTAssertFalse(device.name.isEmpty)
      XCTAssertTrue(device.version.hasPrefix("OpenCL "), device.version)
      XCTAssertTrue(device.openCLCVersion.hasPrefix("OpenCL C "), device.openCLCVersion)
      XCTAssertGreaterThan(device.computeUnits, 0)
      XCTAssertGreaterThan(device.globalMemory, 0)
      XCTAssertGreaterThan(device.maxWorkGroupSize, 0)
      XCTAssertGreaterThan(device.preferredVectorWidthFloat, 0)
      XCTAssertEqual(device.supportsFP64, device.extensions.contains("cl_khr_fp64"))
      XCTAssertEqual(device.supportsFP64, device.preferredVectorWidthDouble > 0)
    }
  }

  func testSelectsByIndexAndCaseInsensitiveSubstring() throws {
    _ = try CL.device()
    let devices = try CLDevice.all()
    let last = devices.count - 1
    XCTAssertEqual(try CLDevice.select("\(last)", environment: [:]).name, devices[last].name)
    let name = devices[0].name
    let middle = String(name.dropFirst(name.count / 3).prefix(max(1, name.count / 3))).uppercased()
    XCTAssertEqual(try CLDevice.select(middle, environment: [:]).name, name)
    // The environment variable is used when no explicit selector is given, and loses to one.
    XCTAssertEqual(
      try CLDevice.select(nil, environment: ["DRC_DEVICE": "\(last)"]).name, devices[last].name)
    XCTAssertEqual(
      try CLDevice.select("0", environment: ["DRC_DEVICE": "no-such"]).name, devices[0].name)
    XCTAssertNoThrow(try CLDevice.select(nil, environment: [:]))
  }

  func testBadSelectorErrorListsTheDevices() throws {
    _ = try CL.device()
    let devices = try CLDevice.all()
    for (selector, env) in [
      ("no-such-device-xyz", [:]), ("", ["DRC_DEVICE": "no-such-device-xyz"]), ("99", [:]),
    ] {
      XCTAssertThrowsError(try CLDevice.select(selector, environment: env)) { error in
        guard let error = error as? CLError else { return XCTFail("not a CLError: \(error)") }
        XCTAssertEqual(error.codeName, "CL_DEVICE_NOT_FOUND")
        let text = error.description
        XCTAssertTrue(text.contains("available devices"), text)
        for device in devices { XCTAssertTrue(text.contains(device.name), text) }
        if env["DRC_DEVICE"] != nil { XCTAssertTrue(text.contains("DRC_DEVICE"), text) }
      }
    }
  }

  func testErrorCodeNamesAndMessages() {
    XCTAssertEqual(CLError.name(of: 0), "CL_SUCCESS")
    XCTAssertEqual(CLError.name(of: -11), "CL_BUILD_PROGRAM_FAILURE")
    XCTAssertEqual(CLError.name(of: -30), "CL_INVALID_VALUE")
    XCTAssertEqual(CLError.name(of: -54), "CL_INVALID_WORK_GROUP_SIZE")
    XCTAssertEqual(CLError.name(of: -72), "CL_MAX_SIZE_RESTRICTION_EXCEEDED")
    XCTAssertEqual(CLError.name(of: -1001), "CL_PLATFORM_NOT_FOUND_KHR")
    XCTAssertEqual(CLError.name(of: -9999), "CL_UNKNOWN_ERROR(-9999)")
    for code in Int32(-19)...Int32(0) {
      XCTAssertFalse(CLError.name(of: code).hasPrefix("CL_UNKNOWN"), "\(code)")
    }
    for code in Int32(-72)...Int32(-30) {
      XCTAssertFalse(CLError.name(of: code).hasPrefix("CL_UNKNOWN"), "\(code)")
    }
    let error = CLError(call: "clFinish", code: -36, detail: "queue gone")
    XCTAssertEqual(error.description, "clFinish failed: CL_INVALID_COMMAND_QUEUE (-36): queue gone")
    let none = CLError.noPlatform(call: "clGetPlatformIDs", code: -1001)
    XCTAssertTrue(
      none.description.contains("no OpenCL platform found; install pocl-opencl-icd"),
      none.description)
  }
}
