// `drc devices` end to end: the text and JSON listings, DRC_DEVICE selection, and the clear error
// (not a crash) when the ICD loader finds no OpenCL platform.

import Foundation
import XCTest

final class DevicesCommandTests: XCTestCase {
  func testListsDevicesAsText() throws {
    let run = try Repo.run("drc", ["devices"], environment: ["DRC_DEVICE": "0"])
    XCTAssertEqual(
      run.status, 0, "OpenCL unavailable (CI installs PoCL with tools/setup.sh): \(run.stderr)")
    XCTAssertTrue(run.stdout.contains("platform 0: "), run.stdout)
    XCTAssertTrue(run.stdout.contains("device 0 [selected]: "), run.stdout)
    XCTAssertTrue(run.stdout.contains("support:       fp64 "), run.stdout)
    XCTAssertTrue(run.stdout.contains("selected: device 0 (DRC_DEVICE=0)"), run.stdout)
  }

  func testListsDevicesAsJSON() throws {
    let run = try Repo.run("drc", ["devices", "--json"])
    XCTAssertEqual(run.status, 0, run.stderr)
    let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    let platforms = object?["platforms"] as? [[String: Any]] ?? []
    XCTAssertFalse(platforms.isEmpty, run.stdout)
    let device = (platforms.first?["devices"] as? [[String: Any]])?.first ?? [:]
    for key in [
      "name", "driver_version", "opencl_c_version", "compute_units", "global_memory_bytes", "fp64",
      "spir", "il",
    ] {
      XCTAssertNotNil(device[key], "\(key) missing: \(run.stdout)")
    }
  }

  func testABadSelectionIsReportedWithTheDevices() throws {
    let run = try Repo.run("drc", ["devices"], environment: ["DRC_DEVICE": "no-such-device"])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertTrue(
      run.stdout.contains("no OpenCL device matches 'no-such-device' (DRC_DEVICE)"), run.stdout)
  }

  func testNoPlatformIsAClearError() throws {
    let empty = try Repo.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: empty) }
    // An empty vendors directory: the ICD loader finds no driver (CL_PLATFORM_NOT_FOUND_KHR).
    let run = try Repo.run("drc", ["devices"], environment: ["OCL_ICD_VENDORS": empty.path])
    XCTAssertEqual(run.status, 1, run.stdout)
    XCTAssertTrue(
      run.stderr.contains("no OpenCL platform found; install pocl-opencl-icd"), run.stderr)
    XCTAssertTrue(run.stderr.contains("CL_PLATFORM_NOT_FOUND_KHR (-1001)"), run.stderr)
  }
}
