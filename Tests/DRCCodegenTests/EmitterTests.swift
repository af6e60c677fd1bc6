// Unit tests of the emitter's spelling rules: exact constants, safe comments, clear refusals.

import DRCCodegen
import DRCIR
import DRCPlan
import XCTest

final class EmitterTests: XCTestCase {
  func testConstantsAreExact() {
    XCTAssertEqual(CLSyntax.literal(.float(Double(Float(0.1))), .float32), "0x1.99999ap-4f")
    XCTAssertEqual(CLSyntax.literal(.float(0.1), .float64), "0x1.999999999999ap-4")
    XCTAssertEqual(CLSyntax.literal(.float(-3), .float32), "(-0x1.8p+1f)")
    XCTAssertEqual(CLSyntax.literal(.float(-0.0), .float64), "(-0x0p+0)")
    XCTAssertEqual(CLSyntax.literal(.float(.infinity), .float32), "INFINITY")
    XCTAssertEqual(CLSyntax.literal(.float(-.infinity), .float64), "(-(double)INFINITY)")
    XCTAssertEqual(CLSyntax.literal(.float(.nan), .float32), "NAN")
    XCTAssertEqual(CLSyntax.literal(.float(.nan), .float64), "(double)NAN")
    XCTAssertEqual(
      CLSyntax.literal(.float(Double(Float.leastNonzeroMagnitude)), .float32), "0x1p-149f")
    XCTAssertEqual(CLSyntax.literal(.int(7), .int64), "7L")
    XCTAssertEqual(CLSyntax.literal(.int(-7), .int32), "(-7)")
    XCTAssertEqual(CLSyntax.literal(.int(Int64(Int32.min)), .int32), "(-2147483647 - 1)")
    XCTAssertEqual(CLSyntax.literal(.int(Int64.min), .int64), "(-9223372036854775807L - 1L)")
    XCTAssertEqual(CLSyntax.literal(.bool(true), .bool), "(uchar)1")
    XCTAssertEqual(
      CLSyntax.literal(.int(3), .float32), "0x1.8p+1f", "converted to the value's dtype")
  }

  func testHostileLocationsStayInsideComments() throws {
    let url = repositoryRoot.appendingPathComponent("traces/blackscholes_small.json")
    let compiled = try compileTrace(url)
    let hostile = "main.swift:1 */ } __kernel void evil() {\n#define float int\r\u{2028}// \\"
    var locations: [Int: String] = [:]
    for node in compiled.graph.nodes { locations[node.id] = hostile }
    let source = try OpenCLEmitter.emit(
      plan: compiled.plan, locations: locations, traceName: "x */ y\nz", drcVersion: "1\n2")
    XCTAssertFalse(source.contains("*/"))
    XCTAssertFalse(source.contains("evil()"))
    // The only macros are drc's own (the multiply-add of generated helpers, CLExpLog.swift).
    XCTAssertFalse(source.contains("#define float"))
    for line in source.split(separator: "\n") where line.contains("#define") {
      XCTAssertTrue(line.hasPrefix("#define DRC_MAD"), String(line))
    }
    XCTAssertFalse(source.contains("\r"))
    XCTAssertFalse(source.contains("\\"))
    XCTAssertTrue(source.contains("main.swift:1/__kernelvoidevildefinefloatint//"), source)
    if OpenCLSyntaxCheck.isAvailable { try OpenCLSyntaxCheck.check(source) }
  }

  /// A plan with one elementwise kernel over `[8]` reading argument 0 and writing argument 1.
  func plan(_ body: [KernelValue], args: [KernelArg]) -> Plan {
    let kernel = Kernel(
      name: "k0_bad", kind: .elementwise, outer: [8], args: args, body: body,
      stores: [KernelStore(arg: 1, value: body.count - 1, map: .identity([8]))])
    return Plan(
      program: "bad", inputs: [], params: [], outputs: [], buffers: [], kernels: [kernel],
      steps: [], values: [],
      stats: PlanStats(
        kernels: 1, launches: 1, bytesMoved: 0, scratchBytes: 0, minimumBytes: 0, peakBytes: 0))
  }

  func testUnsupportedOpsAreRefusedNamingKernelAndNode() {
    let args = [
      KernelArg(name: "a0", dtype: .int32, access: .read),
      KernelArg(name: "a1", dtype: .int32, access: .write),
    ]
    let sinOfInt = plan(
      [
        KernelValue(.load(arg: 0, map: .identity([8])), dtype: .int32, node: 4),
        KernelValue(.unary(.sin, 0), dtype: .int32, node: 5),
      ], args: args)
    XCTAssertThrowsError(try OpenCLEmitter.emit(plan: sinOfInt, locations: [:], traceName: "t")) {
      error in
      let e = error as? CodegenError
      XCTAssertEqual(e?.kernel, "k0_bad")
      XCTAssertEqual(e?.node, 5)
      XCTAssertTrue("\(error)".contains("sin of int32"), "\(error)")
    }
    let mixed = plan(
      [
        KernelValue(.load(arg: 0, map: .identity([8])), dtype: .int32, node: 1),
        KernelValue(.constant(.int(1)), dtype: .int64, node: 2),
        KernelValue(.binary(.add, 0, 1), dtype: .int32, node: 3),
      ], args: args)
    XCTAssertThrowsError(try OpenCLEmitter.emit(plan: mixed, locations: [:], traceName: "t")) {
      error in
      XCTAssertEqual((error as? CodegenError)?.node, 3)
    }
    let wrongStore = plan(
      [
        KernelValue(.load(arg: 0, map: .identity([8])), dtype: .int32, node: 1),
        KernelValue(.cast(0), dtype: .float32, node: 2),
      ], args: args)
    XCTAssertThrowsError(try OpenCLEmitter.emit(plan: wrongStore, locations: [:], traceName: "t"))
  }
}
