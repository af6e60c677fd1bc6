// The program binary cache: miss then hit, keys, and distrust of corrupt, stale, truncated,
// other-version, other-program or driver-rejected entries and of binaries lacking a kernel the
// caller needs (each detected, deleted, rebuilt from source, and then run).

import Foundation
import XCTest

@testable import DRCOpenCL

final class ProgramCacheTests: XCTestCase {
  /// A directory of this test's own (the cache creates it on the first store).
  private let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("drc-ocl-cache-\(UUID().uuidString)")

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: directory)
  }

  /// A vector-add source unique to this run, so no earlier cache state can interfere.
  private var uniqueSource: String { "// \(UUID().uuidString)\n" + vectorAddSource }

  func testMissThenHitLoadsTheBinaryWithoutASourceBuild() throws {
    let context = try CL.context()
    let cache = ProgramCache(directory: directory, toolVersion: "test")
    let source = uniqueSource
    let start = Date()
    let first = try cache.lookup(source: source, options: "-cl-fast-relaxed-math", context: context)
    let missTime = Date().timeIntervalSince(start)
    XCTAssertEqual(first.outcome, .miss)
    XCTAssertEqual(first.program.origin, .source)
    XCTAssertTrue(FileManager.default.fileExists(atPath: first.file.path))
    let again = Date()
    let second = try cache.program(
      source: source, options: "-cl-fast-relaxed-math", context: context)
    let hitTime = Date().timeIntervalSince(again)
    XCTAssertTrue(second.hit)
    XCTAssertEqual(second.program.origin, .binary, "a hit must not build from source")
    try checkVectorAdd(second.program)
    print("program cache: miss \(Int(missTime * 1000)) ms, hit \(Int(hitTime * 1000)) ms")
    // No temporary files are left behind.
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    XCTAssertEqual(names, ["\(first.key).bin"])
  }

  func testKeyDependsOnSourceOptionsAndToolVersion() throws {
    let device = try CL.device()
    let cache = ProgramCache(directory: directory, toolVersion: "1")
    let key = cache.key(source: "a", options: "", device: device)
    XCTAssertEqual(key.count, 64)
    XCTAssertEqual(key, cache.key(source: "a", options: "", device: device))
    XCTAssertNotEqual(key, cache.key(source: "b", options: "", device: device))
    XCTAssertNotEqual(key, cache.key(source: "a", options: "-DX", device: device))
    XCTAssertNotEqual(
      key,
      ProgramCache(directory: directory, toolVersion: "2").key(
        source: "a", options: "", device: device))
  }

  func testDirectoryComesFromTheEnvironment() {
    XCTAssertEqual(
      ProgramCache.defaultDirectory(environment: ["DRC_CACHE_DIR": "/x/y"]).path, "/x/y")
    XCTAssertEqual(
      ProgramCache.defaultDirectory(environment: ["HOME": "/h"]).path, "/h/.cache/drc/programs")
  }

  func testCorruptEntryIsDetectedAndRebuilt() throws {
    try expectRebuild(reasonContaining: "checksum mismatch") { bytes in
      bytes[bytes.count - 10] ^= 0xFF
    }
  }

  func testTruncatedEntryIsDetectedAndRebuilt() throws {
    try expectRebuild(reasonContaining: "length mismatch") { bytes in bytes.removeLast(100) }
    try expectRebuild(reasonContaining: "truncated") { bytes in bytes = Array(bytes.prefix(20)) }
  }

  func testForeignOrStaleEntryIsDetectedAndRebuilt() throws {
    try expectRebuild(reasonContaining: "bad magic") { bytes in bytes[0] = UInt8(ascii: "X") }
    try expectRebuild(reasonContaining: "stale") { bytes in
      bytes[8] = bytes[8] == 0x30 ? 0x31 : 0x30
    }
  }

  func testBinaryTheDriverRejectsIsRebuilt() throws {
    try expectRebuild(reasonContaining: "driver rejected") { bytes in
      // A well-formed entry whose payload is garbage: header and checksum are valid.
      let key = String(decoding: bytes[8..<72], as: UTF8.self)
      bytes = CacheEntry.encode(
        key: key, sourceHash: Array(bytes[72..<104]), payload: Array("not a program binary".utf8))
    }
  }

  func testEntryOfAnotherFormatVersionIsRebuilt() throws {
    try expectRebuild(reasonContaining: "unsupported entry format version '01'") { bytes in
      bytes[6] = UInt8(ascii: "0")
      bytes[7] = UInt8(ascii: "1")
    }
  }

  func testAnotherProgramsEntryCopiedUnderThisKeyIsRebuilt() throws {
    let other = try otherProgramEntry()
    try expectRebuild(reasonContaining: "stale") { bytes in bytes = other }
  }

  func testAnotherProgramsBinaryUnderThisKeyIsRebuilt() throws {
    // The other program's binary re-headed with this entry's key: only the source hash differs.
    let other = try otherProgramEntry()
    try expectRebuild(reasonContaining: "source mismatch") { bytes in
      let key = String(decoding: bytes[8..<72], as: UTF8.self)
      bytes = CacheEntry.encode(
        key: key, sourceHash: Array(other[72..<104]),
        payload: Array(other[CacheEntry.headerSize...]))
    }
  }

  func testValidEntryLackingAKernelIsRebuilt() throws {
    // Every field valid for this key and source, but the binary is another program's (a cache
    // written by a buggy build): it loads and builds, and only its kernel names give it away.
    let other = try otherProgramEntry()
    try expectRebuild(reasonContaining: "has no kernel 'vadd'") { bytes in
      let key = String(decoding: bytes[8..<72], as: UTF8.self)
      bytes = CacheEntry.encode(
        key: key, sourceHash: Array(bytes[72..<104]),
        payload: Array(other[CacheEntry.headerSize...]))
    }
  }

  func testLookupCreatesTheKernelsAsked() throws {
    let context = try CL.context()
    let cache = ProgramCache(directory: directory, toolVersion: "test")
    let source = uniqueSource
    let first = try cache.lookup(source: source, context: context, kernels: ["vadd"])
    XCTAssertEqual(Array(first.kernels.keys), ["vadd"])
    let hit = try cache.lookup(source: source, context: context, kernels: ["vadd"])
    XCTAssertEqual(hit.outcome, .hit)
    XCTAssertEqual(Array(hit.kernels.keys), ["vadd"])
    // A kernel the source itself lacks is the caller's error, not the cache's.
    XCTAssertThrowsError(try cache.lookup(source: source, context: context, kernels: ["nope"])) {
      XCTAssertTrue("\($0)".contains("CL_INVALID_KERNEL_NAME"), "\($0)")
    }
  }

  /// The entry file of another valid program (kernel `vmul`, no `vadd`) in a cache of its own.
  private func otherProgramEntry() throws -> [UInt8] {
    let context = try CL.context()
    let cache = ProgramCache(
      directory: directory.appendingPathComponent("other"), toolVersion: "test")
    let source = "// \(UUID().uuidString)\n" + vectorMultiplySource
    let found = try cache.lookup(source: source, context: context, kernels: ["vmul"])
    XCTAssertEqual(found.outcome, .miss)
    return try [UInt8](Data(contentsOf: found.file))
  }

  /// Builds an entry, damages its file with `damage`, and checks the next lookup rebuilds it
  /// for the expected reason, rewrites a valid entry, and the one after that hits.
  private func expectRebuild(
    reasonContaining reason: String, file: StaticString = #filePath, line: UInt = #line,
    _ damage: (inout [UInt8]) -> Void
  ) throws {
    let context = try CL.context()
    let cache = ProgramCache(directory: directory, toolVersion: "test")
    let source = uniqueSource
    let first = try cache.lookup(source: source, context: context, kernels: ["vadd"])
    XCTAssertEqual(first.outcome, .miss, file: file, line: line)
    var bytes = try [UInt8](Data(contentsOf: first.file))
    damage(&bytes)
    try Data(bytes).write(to: first.file)
    let second = try cache.lookup(source: source, context: context, kernels: ["vadd"])
    guard case .rebuilt(let why) = second.outcome else {
      return XCTFail("expected a rebuild, got \(second.outcome)", file: file, line: line)
    }
    XCTAssertTrue(why.contains(reason), why, file: file, line: line)
    XCTAssertEqual(second.program.origin, .source, file: file, line: line)
    try checkVectorAdd(second.program)
    let third = try cache.lookup(source: source, context: context, kernels: ["vadd"])
    XCTAssertEqual(third.outcome, .hit, file: file, line: line)
    try checkVectorAdd(third.program)
  }

  /// Runs the program's `vadd` on a few elements.
  private func checkVectorAdd(_ program: CLProgram) throws {
    let context = program.context
    let a: [Float] = [1, 2, 3, 4, 5]
    let b: [Float] = [10, 20, 30, 40, 50]
    let bufA = try CLBuffer(context: context, bytes: a.bytes, access: .readOnly)
    let bufB = try CLBuffer(context: context, bytes: b.bytes, access: .readOnly)
    let bufC = try CLBuffer(context: context, size: 20)
    let kernel = try program.kernel("vadd")
    try kernel.setArgument(0, bufA)
    try kernel.setArgument(1, bufB)
    try kernel.setArgument(2, bufC)
    try kernel.setArgument(3, UInt32(5))
    try kernel.enqueue(global: [5])
    try context.finish()
    XCTAssertEqual([Float](bytes: try bufC.download()), [11, 22, 33, 44, 55])
  }
}
