// The runner's three transfer modes: which one a device gets, and that they give identical results.
//
// On PoCL (host-unified memory) the runner binds the caller's arrays and the result arrays in
// place (direct); the mapped mode (one copy each way through mapped buffers) and the copying mode
// (blocking read and write commands) are forced for comparison. All run the same hand-written
// kernels on the same inputs, with and without poisoned buffers, including empty arrays, 0-d
// arrays, arrays on either side of the size from which mapped mode maps, outputs that are inputs,
// and a kernel that leaves an element unwritten. A direct run copies no byte, leaves the caller's
// arrays alone even when a (hand-edited) plan writes an input's buffer, and hands out result
// arrays that later runs do not touch.

import DRCCodegen
import DRCIR
import DRCPlan
import DRCRuntime
import Foundation
import XCTest

@testable import DRCOpenCL
@testable import DRCOpt
@testable import DRCReplay

final class TransferModeTests: XCTestCase {
  func context() throws -> CLContext {
    do { return try CLContext(selecting: "0", profiling: true) } catch {
      throw XCTSkip("OpenCL unavailable (CI installs PoCL): \(error)")
    }
  }

  /// `y = x * 2 + 1` over float32 of `shape`, plus the input itself as output `same`.
  func plan(_ shape: [Int]) throws -> Plan {
    var g = Graph(name: "twice", inputs: [InputDecl(name: "x", dtype: .float32, shape: shape)])
    let x = g.add(.input("x"), dtype: .float32, shape: shape)
    let two = g.add(.full(.float(2)), dtype: .float32, shape: [])
    let one = g.add(.full(.float(1)), dtype: .float32, shape: [])
    let m = g.add(.binary(.mul), [x, two], dtype: .float32, shape: shape)
    let y = g.add(.binary(.add), [m, one], dtype: .float32, shape: shape)
    g.outputs = [OutputDecl(name: "y", node: y), OutputDecl(name: "same", node: x)]
    return try PlanBuilder.build(g).0
  }

  /// Kernels for `plan` computing every element below `written` (all by default).
  func source(_ plan: Plan, written: Int? = nil) -> String {
    let n = written ?? plan.inputs[0].shape.reduce(1, *)
    return plan.kernels.map { k in
      let width = LaunchGeometry.vectorWidth(k)
      return """
        __kernel void \(k.name)(__global const float* a0, __global float* a1) {
          for (int j = 0; j < \(width); j++) {
            int p = get_global_id(0) * \(width) + j;
            if (p < \(n)) a1[p] = a0[p] * 2.0f + 1.0f;
          }
        }
        """
    }.joined(separator: "\n")
  }

  /// Runs `plan` in both modes (poisoned or not) and returns each output's bits per mode.
  func outputs(_ plan: Plan, _ source: String, _ x: HostArray, poison: Bool) throws
    -> [TransferMode: [String: [UInt32]]]
  {
    let ctx = try context()
    var results: [TransferMode: [String: [UInt32]]] = [:]
    for mode in TransferMode.allCases {
      let runner = try OpenCLPlanRunner(
        plan: plan, source: source, context: ctx, cache: nil, transfers: mode)
      XCTAssertEqual(runner.transferMode, mode)
      // Twice: the second run reuses buffers that the first mapped and unmapped.
      _ = try runner.run(inputs: ["x": x], poison: poison)
      let result = try runner.run(inputs: ["x": x], poison: poison)
      var bits: [String: [UInt32]] = [:]
      for (name, value) in result.outputs {
        XCTAssertEqual(value.shape, x.shape, name)
        bits[name] = value.floats().map(\.bitPattern)
      }
      results[mode] = bits
    }
    return results
  }

  func testHostUnifiedDevicesGetDirectTransfers() throws {
    let ctx = try context()
    let plan = try plan([16])
    let runner = try OpenCLPlanRunner(plan: plan, source: source(plan), context: ctx, cache: nil)
    // Unless the environment forces a mode, the device decides.
    if ProcessInfo.processInfo.environment[TransferMode.environmentVariable] == nil {
      XCTAssertEqual(runner.transferMode, ctx.device.hostUnifiedMemory ? .direct : .copying)
    }
    if ctx.device.type.contains(.cpu) {
      XCTAssertTrue(ctx.device.hostUnifiedMemory, "PoCL's CPU device shares the host's memory")
    }
    let device = ctx.device
    let env = TransferMode.environmentVariable
    XCTAssertEqual(
      TransferMode.choose(.copying, for: device, environment: [env: "mapped"]), .copying)
    XCTAssertEqual(TransferMode.choose(nil, for: device, environment: [env: "copying"]), .copying)
    XCTAssertEqual(TransferMode.choose(nil, for: device, environment: [env: "mapped"]), .mapped)
    XCTAssertEqual(TransferMode.choose(nil, for: device, environment: [env: "direct"]), .direct)
    XCTAssertEqual(
      TransferMode.choose(nil, for: device, environment: [env: "bogus"]),
      device.hostUnifiedMemory ? .direct : .copying)
  }

  func testModesAgreeOnVectorsEmptyAnd0dArrays() throws {
    // Arrays of at least `mappedMinimumBytes` are mapped; smaller ones take commands.
    let large = TransferMode.mappedMinimumBytes / 4
    for shape in [[37], [4, 9], [0], [3, 0], [], [large], [large - 1], [3, large / 2]] {
      let plan = try plan(shape)
      let n = shape.reduce(1, *)
      let x = try HostArray((0..<n).map { Float($0) - 7.5 }, shape: shape)
      for poison in [false, true] {
        let results = try outputs(plan, source(plan), x, poison: poison)
        let expected = (0..<n).map { ((Float($0) - 7.5) * 2 + 1).bitPattern }
        for mode in TransferMode.allCases {
          XCTAssertEqual(results[mode]?["y"], expected, "\(mode) \(shape) poison \(poison)")
          XCTAssertEqual(
            results[mode]?["same"], x.floats().map(\.bitPattern), "\(mode) \(shape): the input")
        }
      }
    }
  }

  func testPoisonShowsThroughMappedBuffers() throws {
    let plan = try plan([40])
    let x = try HostArray((0..<40).map { Float($0) }, shape: [40])
    // The kernel leaves elements 30... unwritten: poisoned, they must read as all-ones bits.
    let results = try outputs(plan, source(plan, written: 30), x, poison: true)
    for mode in TransferMode.allCases {
      let y = results[mode]?["y"] ?? []
      XCTAssertEqual(y.count, 40)
      XCTAssertEqual(
        Array(y.prefix(30)), (0..<30).map { (Float($0) * 2 + 1).bitPattern }, "\(mode)")
      XCTAssertEqual(Array(y.dropFirst(30)), Array(repeating: 0xFFFF_FFFF, count: 10), "\(mode)")
    }
    XCTAssertEqual(results[.mapped], results[.copying])
    XCTAssertEqual(results[.direct], results[.copying])
  }

  func testReadbacksAndDownloadsAgree() throws {
    let ctx = try context()
    let plan = try plan([25])
    let x = try HostArray((0..<25).map { Float($0) / 4 }, shape: [25])
    var read: [TransferMode: [Float]] = [:]
    // After a direct run the results are in the result arrays, not the runner's buffers.
    for mode in [TransferMode.mapped, .copying] {
      let runner = try OpenCLPlanRunner(
        plan: plan, source: source(plan), context: ctx, cache: nil, transfers: mode)
      _ = try runner.run(inputs: ["x": x])
      guard let y = plan.outputs.first(where: { $0.name == "y" }) else {
        return XCTFail("no output y")
      }
      read[mode] = try runner.download(y.buffer, dtype: .float32, shape: [25]).floats()
      XCTAssertEqual(try runner.download(y.buffer, dtype: .float32, shape: [0]).count, 0)
      XCTAssertThrowsError(try runner.download(y.buffer, dtype: .float32, shape: [26]))
      XCTAssertThrowsError(try runner.download(y.buffer, dtype: .float32, shape: [-1]))
    }
    XCTAssertEqual(read[.mapped], (0..<25).map { Float($0) / 4 * 2 + 1 })
    XCTAssertEqual(read[.mapped], read[.copying])
  }
}

/// What direct runs promise beyond equal results.
extension TransferModeTests {
  func testDirectRunsCopyNothingAndOtherModesCopyEachWayOnce() throws {
    let ctx = try context()
    let n = 1 << 18
    let plan = try plan([n])
    let x = try HostArray((0..<n).map { Float($0) }, shape: [n])
    var copied: [TransferMode: Int] = [:]
    for mode in TransferMode.allCases {
      let runner = try OpenCLPlanRunner(
        plan: plan, source: source(plan), context: ctx, cache: nil, transfers: mode)
      let result = try runner.run(inputs: ["x": x])
      XCTAssertEqual(result.outputs["y"]?.floats().last, Float(n - 1) * 2 + 1, "\(mode)")
      copied[mode] = result.copiedBytes
    }
    // y is written in place; `same` is the input itself, which a direct run reads in place too.
    XCTAssertEqual(copied[.direct], 4 * n, "direct: only the output that is an input is read")
    XCTAssertEqual(copied[.mapped], 3 * 4 * n, "x in, y and same out")
    XCTAssertEqual(copied[.copying], 3 * 4 * n)
  }

  func testResultArraysOutliveLaterRuns() throws {
    let ctx = try context()
    let plan = try plan([1000])
    let runner = try OpenCLPlanRunner(
      plan: plan, source: source(plan), context: ctx, cache: nil, transfers: .direct)
    let first = try runner.run(inputs: [
      "x": HostArray([Float](repeating: 1, count: 1000), shape: [1000])
    ])
    let second = try runner.run(inputs: [
      "x": HostArray([Float](repeating: 5, count: 1000), shape: [1000])
    ])
    XCTAssertEqual(first.outputs["y"]?.floats(), [Float](repeating: 3, count: 1000))
    XCTAssertEqual(second.outputs["y"]?.floats(), [Float](repeating: 11, count: 1000))
  }

  /// A hand-edited plan whose kernel stores into its input's buffer (y computed over x): a
  /// direct run must copy x rather than let the kernel write the caller's array.
  func testCallersArrayIsNeverWritten() throws {
    let ctx = try context()
    var plan = try plan([64])
    guard let x = plan.inputs.first, let y = plan.outputs.firstIndex(where: { $0.name == "y" }),
      let s = plan.steps.firstIndex(where: { (step: PlanStep) in step.kind == .launch }),
      plan.steps[s].bindings.count == 2
    else { return XCTFail("unexpected plan shape") }
    plan.steps[s].bindings[1] = x.buffer
    plan.outputs[y].buffer = x.buffer
    let values = (0..<64).map { Float($0) }
    let input = try HostArray(values, shape: [64])
    for mode in TransferMode.allCases {
      let runner = try OpenCLPlanRunner(
        plan: plan, source: source(plan), context: ctx, cache: nil, transfers: mode)
      let result = try runner.run(inputs: ["x": input])
      XCTAssertEqual(result.outputs["y"]?.floats(), values.map { $0 * 2 + 1 }, "\(mode)")
      XCTAssertEqual(input.floats(), values, "\(mode): the caller's array changed")
    }
  }

  func testOutputsWrittenIntoCallersMemoryInEveryMode() throws {
    let ctx = try context()
    for n in [37, TransferMode.mappedMinimumBytes / 4 + 5] {
      let plan = try plan([n])
      let x = try HostArray((0..<n).map { Float($0) - 3 }, shape: [n])
      for mode in TransferMode.allCases {
        let runner = try OpenCLPlanRunner(
          plan: plan, source: source(plan), context: ctx, cache: nil, transfers: mode)
        var y = [Float](repeating: .nan, count: n)
        var same = [Float](repeating: .nan, count: n)
        let result = try y.withUnsafeMutableBytes { yb in
          try same.withUnsafeMutableBytes { sb in
            try runner.run(inputs: ["x": x], into: ["y": yb, "same": sb])
          }
        }
        XCTAssertTrue(result.outputs.isEmpty, "\(mode): written outputs are not returned too")
        XCTAssertEqual(y, x.floats().map { $0 * 2 + 1 }, "\(mode) \(n)")
        XCTAssertEqual(same, x.floats(), "\(mode) \(n)")
        // Direct: y in place, `same` (the input itself) copied once; else everything once.
        XCTAssertEqual(result.copiedBytes, (mode == .direct ? 1 : 3) * 4 * n, "\(mode) \(n)")
        var wrong = [Float](repeating: 0, count: n + 1)
        XCTAssertThrowsError(
          try wrong.withUnsafeMutableBytes { try runner.run(inputs: ["x": x], into: ["y": $0]) }
        ) { XCTAssertTrue("\($0)".contains("output 'y' is float32[\(n)]"), "\($0)") }
        XCTAssertThrowsError(
          try wrong.withUnsafeMutableBytes { try runner.run(inputs: ["x": x], into: ["z": $0]) }
        ) { XCTAssertTrue("\($0)".contains("no output named 'z'"), "\($0)") }
      }
    }
  }

  /// Outputs sharing one buffer in different shapes (a value and its reshape, in a plan edited
  /// so): each is right in
  /// every mode, returned or written into the caller's memory (a direct run's wrapped arrays
  /// must be read before the runner's own buffers come back).
  func testOutputsSharingABufferInEveryMode() throws {
    let ctx = try context()
    var g = Graph(name: "alias", inputs: [InputDecl(name: "x", dtype: .float32, shape: [4, 6])])
    let x = g.add(.input("x"), dtype: .float32, shape: [4, 6])
    let two = g.add(.full(.float(2)), dtype: .float32, shape: [])
    let y = g.add(.binary(.mul), [x, two], dtype: .float32, shape: [4, 6])
    let flat = g.add(.reshape, [y], dtype: .float32, shape: [24])
    g.outputs = [OutputDecl(name: "y", node: y), OutputDecl(name: "flat", node: flat)]
    var plan = try PlanBuilder.build(g).0
    let source = try OpenCLEmitter.emit(plan: plan, locations: [:], traceName: "alias")
    // PlanBuilder gives the reshape its own buffer; a plan may as well read it from y's.
    guard let yOut = plan.outputs.first(where: { $0.name == "y" }),
      let flatIndex = plan.outputs.firstIndex(where: { $0.name == "flat" })
    else { return XCTFail("outputs missing") }
    plan.outputs[flatIndex].buffer = yOut.buffer
    let values = (0..<24).map { Float($0) - 4 }
    let input = try HostArray(values, shape: [4, 6])
    let want = values.map { $0 * 2 }
    for mode in TransferMode.allCases {
      let runner = try OpenCLPlanRunner(
        plan: plan, source: source, context: ctx, cache: nil, transfers: mode)
      let result = try runner.run(inputs: ["x": input], poison: true)
      XCTAssertEqual(result.outputs["y"]?.floats(), want, "\(mode)")
      XCTAssertEqual(result.outputs["y"]?.shape, [4, 6], "\(mode)")
      XCTAssertEqual(result.outputs["flat"]?.floats(), want, "\(mode)")
      XCTAssertEqual(result.outputs["flat"]?.shape, [24], "\(mode)")
      for name in ["y", "flat"] {
        var memory = [Float](repeating: .nan, count: 24)
        let other = try memory.withUnsafeMutableBytes {
          try runner.run(inputs: ["x": input], poison: true, into: [name: $0])
        }
        XCTAssertEqual(memory, want, "\(mode) into \(name)")
        XCTAssertEqual(other.outputs.values.first?.floats(), want, "\(mode) with \(name) given")
      }
    }
  }
}
