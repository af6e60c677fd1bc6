// The set-up device-mode tests share: a fresh session in device mode with the default pending
// bound and no checking, reference mode again afterwards, and the same computation in reference
// mode for comparison.

import XCTest

@testable import DRCArray

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

  /// The same computation in reference mode.
  func reference<T>(_ body: () throws -> T) rethrows -> T {
    DRC.mode = .reference
    defer { DRC.mode = .device }
    return try body()
  }
}
