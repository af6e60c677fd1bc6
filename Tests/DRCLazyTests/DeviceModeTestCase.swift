// The set-up device-mode tests share: a fresh session in device mode with the default pending
// bound and no checking, reference mode again afterwards, and the same computation in reference
// mode for comparison, and whether the device wraps host memory.

import XCTest

@testable import DRCArray
@testable import DRCLazy

/// A test case whose tests run in device mode.
class DeviceModeTestCase: XCTestCase {
  override func setUp() {
    Session.shared.restart(recordingTo: nil)
    DRC.mode = .device
    DRC.maxPending = 1000
    DRC.verifyFlushes = false
  }

  override func tearDown() {
    DRC.mode = .reference
    DRC.verifyFlushes = false
  }

  /// Whether device mode's device wraps host memory (PoCL's CPU device does); skips the test
  /// where OpenCL is unavailable.
  func direct() throws -> Bool {
    do { return try LazyEngine.shared.opened().transfers == .direct } catch {
      throw XCTSkip("OpenCL unavailable (CI installs PoCL): \(error)")
    }
  }

  /// The same computation in reference mode.
  func reference<T>(_ body: () throws -> T) rethrows -> T {
    DRC.mode = .reference
    defer { DRC.mode = .device }
    return try body()
  }
}
