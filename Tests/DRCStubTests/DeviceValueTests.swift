// Device-resident values between stub calls: one call's outputs feed the next call, of the same
// program or another one on the device, without a round trip; handed-out results stay intact
// while the program runs again; wrong values are refused naming the input.

import DRCIR
import DRCReplay
import DRCRuntime
import Foundation
import XCTest

final class DeviceValueTests: XCTestCase {
  func skipWithoutOpenCL(_ body: () throws -> Void) throws {
    do { try body() } catch let error where "\(error)".contains("no OpenCL platform") {
      throw XCTSkip("OpenCL unavailable (CI installs PoCL): \(error)")
    }
  }

  func testOutputsFeedTheNextCallOnTheDevice() throws {
    try skipWithoutOpenCL {
      let bs = try Blackscholes()
      let other = try Blackscholes()
      let s = (0..<256).map { Float(5 + ($0 * 7) % 25) }
      let k = (0..<256).map { Float(1 + ($0 * 11) % 99) }
      let t = (0..<256).map { Float(1 + $0 % 9) * 0.5 }
      let params = [
        "r": CompiledProgram.scalar(Float(0.03)), "v": CompiledProgram.scalar(Float(0.25)),
      ]
      let host = try bs(S: s, K: k, T: t, r: 0.03, v: 0.25)
      let first = try bs.program.callOnDevice(
        inputs: [
          "S": .device(try bs.program.upload("S", s, shape: [256])),
          "K": .host(try bs.program.input("K", k, shape: [256])),
          "T": .host(try bs.program.input("T", t, shape: [256])),
        ], params: params)
      let call = try XCTUnwrap(first["call"])
      XCTAssertEqual(call.shape, [256])
      XCTAssertEqual(call.dtype, .float32)
      // The call price becomes the next call's spot price, on the device, in this program and in
      // another one (both programs share the device's context).
      let kDevice = try bs.program.upload("K", k, shape: [256])
      let tDevice = try bs.program.upload("T", t, shape: [256])
      let second = try bs.program.callOnDevice(
        inputs: ["S": .device(call), "K": .device(kDevice), "T": .device(tDevice)], params: params)
      let third = try other.program.callOnDevice(
        inputs: ["S": .device(call), "K": .device(kDevice), "T": .device(tDevice)], params: params)
      let expected = try bs(S: host.call, K: k, T: t, r: 0.03, v: 0.25)
      for result in [second, third] {
        XCTAssertEqual(
          try XCTUnwrap(result["put"]).values(as: Float.self).map(\.bitPattern),
          expected.put.map(\.bitPattern))
      }
      // The first results were handed out: running again did not overwrite them.
      XCTAssertEqual(try call.values(as: Float.self).map(\.bitPattern), host.call.map(\.bitPattern))
      XCTAssertEqual(
        try XCTUnwrap(first["put"]).values(as: Float.self).map(\.bitPattern),
        host.put.map(\.bitPattern))
    }
  }

  /// The stub's typed device form: `onDevice` takes `.host` arrays or `.device` values.
  func testTypedDeviceCallsChain() throws {
    try skipWithoutOpenCL {
      let bs = try Blackscholes()
      let s = (0..<256).map { Float(6 + ($0 * 5) % 20) }
      let k = (0..<256).map { Float(2 + ($0 * 3) % 90) }
      let t = (0..<256).map { Float(1 + $0 % 7) * 0.75 }
      let first = try bs.onDevice(S: .host(s), K: .host(k), T: .host(t), r: 0.04)
      let second = try bs.onDevice(
        S: .device(first.put), K: .host(k), T: .device(first.call), r: 0.04)
      let hostFirst = try bs(S: s, K: k, T: t, r: 0.04)
      let hostSecond = try bs(S: hostFirst.put, K: k, T: hostFirst.call, r: 0.04)
      XCTAssertEqual(
        try second.call.values(as: Float.self).map(\.bitPattern), hostSecond.call.map(\.bitPattern))
      XCTAssertEqual(
        try second.put.values(as: Float.self).map(\.bitPattern), hostSecond.put.map(\.bitPattern))
      XCTAssertThrowsError(try bs.onDevice(S: .host([1]), K: .host(k), T: .host(t))) {
        XCTAssertEqual("\($0)", "input 'S' has 1 values for shape [256]")
      }
    }
  }

  func testWrongDeviceValuesAreRefusedNamingTheInput() throws {
    try skipWithoutOpenCL {
      let bs = try Blackscholes()
      let sin = try Sincos()
      let d = try sin.program.callOnDevice(
        inputs: [
          "d": .host(try sin.program.input("d", [Double](repeating: 1, count: 1000), shape: [1000]))
        ])
      let result = try XCTUnwrap(d["result"])
      XCTAssertThrowsError(try result.values(as: Float.self)) {
        XCTAssertEqual("\($0)", "a float64 device value cannot be read as float32")
      }
      let ok = try bs.program.upload("K", [Float](repeating: 10, count: 256), shape: [256])
      XCTAssertThrowsError(
        try bs.program.callOnDevice(inputs: [
          "S": .device(result), "K": .device(ok), "T": .device(ok),
        ])
      ) {
        XCTAssertEqual("\($0)", "input 'S' must be float32[256], not float64[1000]")
      }
      XCTAssertThrowsError(
        try bs.program.callOnDevice(inputs: ["K": .device(ok), "T": .device(ok)])
      ) {
        XCTAssertEqual("\($0)", "input 'S' is missing")
      }
      XCTAssertThrowsError(
        try bs.program.callOnDevice(inputs: [
          "S": .device(ok), "K": .device(ok), "T": .device(ok), "X": .device(ok),
        ])
      ) {
        XCTAssertEqual("\($0)", "no input named 'X'")
      }
      XCTAssertThrowsError(try bs.program.upload("S", [Float](repeating: 1, count: 4), shape: [4]))
      {
        XCTAssertEqual("\($0)", "input 'S' must have shape [256], not [4]")
      }
    }
  }
}
