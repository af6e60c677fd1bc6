// The plan runner on PoCL with hand-written kernels that follow the launch contract, so the
// runtime is tested independently of the code generator: buffers, bindings, scalar parameters,
// partial-result scratch, read-backs, input checks, and the program cache.

import DRCIR
import DRCPlan
import DRCRuntime
import Foundation
import XCTest

@testable import DRCOpenCL
@testable import DRCOpt
@testable import DRCReplay

final class OpenCLPlanRunnerTests: XCTestCase {
  func context() throws -> CLContext {
    do { return try CLContext(selecting: "0", profiling: true) } catch {
      throw XCTSkip("OpenCL unavailable (CI installs PoCL): \(error)")
    }
  }

  /// `y = x * s + 1` over float32[n], read back, with scalar parameter `s`.
  func affine(_ n: Int) throws -> Plan {
    var g = Graph(
      name: "affine", inputs: [InputDecl(name: "x", dtype: .float32, shape: [n])],
      params: [ParamDecl(name: "s", dtype: .float32, value: .float(2))])
    let x = g.add(.input("x"), dtype: .float32, shape: [n])
    let s = g.add(.param("s"), dtype: .float32, shape: [])
    let one = g.add(.full(.float(1)), dtype: .float32, shape: [])
    let m = g.add(.binary(.mul), [x, s], dtype: .float32, shape: [n])
    let y = g.add(.binary(.add), [m, one], dtype: .float32, shape: [n])
    g.outputs = [OutputDecl(name: "y", node: y)]
    g.readbacks = [Readback(node: y, position: 5, kind: "array")]
    return try PlanBuilder.build(g).0
  }

  func testElementwisePlanRunsWithParametersAndReadbacks() throws {
    let ctx = try context()
    let plan = try affine(37)
    let k = plan.kernels[0]
    XCTAssertEqual(k.args.map(\.access), [.read, .write, .scalar])
    let width = LaunchGeometry.vectorWidth(k)
    let source = """
      __kernel void \(k.name)(__global const float* a0, __global float* a1, float a2) {
        for (int j = 0; j < \(width); j++) {
          int p = get_global_id(0) * \(width) + j;
          if (p < 37) a1[p] = a0[p] * a2 + 1.0f;
        }
      }
      """
    let runner = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: nil)
    let x = try HostArray((0..<37).map { Float($0) }, shape: [37])
    let result = try runner.run(inputs: ["x": x], params: ["s": .float(3)], profile: true)
    XCTAssertEqual(result.outputs["y"]?.floats(), (0..<37).map { Float($0) * 3 + 1 })
    XCTAssertEqual(result.readbacks.first?.floats(), result.outputs["y"]?.floats())
    XCTAssertEqual(result.kernelNanoseconds.count, 1)
    let recorded = try runner.run(inputs: ["x": x])
    XCTAssertEqual(
      recorded.outputs["y"]?.floats(), (0..<37).map { Float($0) * 2 + 1 },
      "recorded parameter value")
    XCTAssertThrowsError(try runner.run(inputs: ["x": try HostArray([Float(1)], shape: [1])])) {
      XCTAssertTrue("\($0)".contains("input 'x' is float32[1], expected float32[37]"), "\($0)")
    }
  }

  func testPartialResultReductionUsesScratch() throws {
    let ctx = try context()
    let n = 5000
    var g = Graph(name: "total", inputs: [InputDecl(name: "x", dtype: .float64, shape: [n])])
    let x = g.add(.input("x"), dtype: .float64, shape: [n])
    let s = g.add(.reduce(.sum, axes: [0], keepdims: false), [x], dtype: .float64, shape: [])
    g.outputs = [OutputDecl(name: "s", node: s)]
    let plan = try PlanBuilder.build(g).0
    let k = plan.kernels[0]
    XCTAssertEqual(k.strategy, .partials)
    let groups = LaunchGeometry.partialGroups
    let source = """
      #pragma OPENCL EXTENSION cl_khr_fp64 : enable
      __kernel void \(k.name)_partial(__global const double* a0, __global double* a1, __global uchar* scratch) {
        int g = get_global_id(0); double acc = 0.0;
        for (int p = g; p < \(n); p += \(groups)) acc += a0[p];
        ((__global double*)scratch)[g] = acc;
      }
      __kernel void \(k.name)_final(__global const double* a0, __global double* a1, __global uchar* scratch) {
        double acc = 0.0;
        for (int g = 0; g < \(groups); g++) acc += ((__global double*)scratch)[g];
        a1[0] = acc;
      }
      """
    let cacheDir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "drc-runner-\(getpid())")
    defer { try? FileManager.default.removeItem(at: cacheDir) }
    let cache = ProgramCache(directory: cacheDir, toolVersion: "test")
    let first = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: cache)
    XCTAssertFalse(first.programFromCache)
    let second = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: cache)
    XCTAssertTrue(second.programFromCache, "a second runner builds nothing")
    let values = (0..<n).map { Double($0 % 17) * 0.25 }
    let result = try second.run(inputs: ["x": try HostArray(values, shape: [n])])
    XCTAssertEqual(result.outputs["s"]?.doubles().first ?? 0, values.reduce(0, +), accuracy: 1e-9)
  }

  func testCachedProgramLackingAnEntryPointIsRebuilt() throws {
    let ctx = try context()
    let plan = try affine(37)
    let k = plan.kernels[0]
    let width = LaunchGeometry.vectorWidth(k)
    let source = """
      __kernel void \(k.name)(__global const float* a0, __global float* a1, float a2) {
        for (int j = 0; j < \(width); j++) {
          int p = get_global_id(0) * \(width) + j;
          if (p < 37) a1[p] = a0[p] * a2 + 1.0f;
        }
      }
      """
    let cacheDir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "drc-runner-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: cacheDir) }
    let cache = ProgramCache(directory: cacheDir, toolVersion: "test")
    _ = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: cache)
    // Overwrite the entry with a valid entry for this key and source holding another
    // program's binary (no kernel of this plan): it loads and builds, but has no entry point.
    let options = OpenCLPlanRunner.buildOptions(for: ctx.device)
    let key = cache.key(source: source, options: options, device: ctx.device)
    let otherSource = "__kernel void other(__global float* a) { a[0] = 1.0f; }"
    let other = try ProgramCache(
      directory: cacheDir.appendingPathComponent("other"), toolVersion: "test"
    ).lookup(source: otherSource, options: options, context: ctx)
    try Data(
      CacheEntry.encode(key: key, source: source, payload: try other.program.binary())
    ).write(to: cache.file(forKey: key))
    let runner = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: cache)
    XCTAssertFalse(runner.programFromCache, "the foreign binary must be rebuilt from source")
    let x = try HostArray((0..<37).map { Float($0) }, shape: [37])
    XCTAssertEqual(
      try runner.run(inputs: ["x": x]).outputs["y"]?.floats(), (0..<37).map { Float($0) * 2 + 1 })
    let again = try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: cache)
    XCTAssertTrue(again.programFromCache, "the rebuilt entry is stored and used")
  }

  func testBuildFailuresNameTheKernelAndTheGeneratedLine() throws {
    let ctx = try context()
    let plan = try affine(8)
    let source = """
      __kernel void \(plan.kernels[0].name)(__global const float* a0, __global float* a1, float a2) {
        a1[0] = undefined_thing; // n4 add  Examples/affine.swift:3
      }
      """
    XCTAssertThrowsError(try OpenCLPlanRunner(plan: plan, source: source, context: ctx, cache: nil))
    {
      let text = "\($0)"
      XCTAssertTrue(text.contains("-> line 2 of kernel \(plan.kernels[0].name)"), text)
      XCTAssertTrue(text.contains("n4 add  Examples/affine.swift:3"), text)
    }
  }

  func testPlansLargerThanTheDeviceAreRefusedBeforeAllocating() throws {
    let ctx = try context()
    let plan = try affine(1 << 36)
    XCTAssertThrowsError(try OpenCLPlanRunner(plan: plan, source: "", context: ctx, cache: nil)) {
      XCTAssertTrue("\($0)".contains("needs a buffer of 274877906944 bytes"), "\($0)")
    }
  }
}
