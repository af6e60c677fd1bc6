// Saved input values: inline and sidecar encodings, and every way a hostile trace can get them wrong.

import DRCTrace
import Foundation
import XCTest

final class TraceDataTests: XCTestCase {
  private let bytes: [UInt8] = (0..<24).map { UInt8($0 * 11 % 256) }

  private func assertLoadFails(
    _ data: TraceData, expectedBytes: Int, directory: String? = nil, _ substring: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertThrowsError(
      try data.load(expectedBytes: expectedBytes, directory: directory, input: "x"), file: file,
      line: line
    ) {
      error in
      let text = String(describing: error)
      XCTAssertTrue(
        text.contains(substring), "expected '\(substring)' in: \(text)", file: file, line: line)
      XCTAssertTrue(text.hasPrefix("input 'x': "), text, file: file, line: line)
    }
  }

  func testInlineRoundTrip() throws {
    let data = TraceData.inline(bytes)
    XCTAssertEqual(data.encoding, "inline")
    XCTAssertNil(data.file)
    XCTAssertEqual(data.bytes, 24)
    XCTAssertEqual(data.sha256, SHA256.hex(bytes))
    XCTAssertEqual(try data.load(expectedBytes: 24, directory: nil, input: "x"), bytes)
  }

  func testInlineEmptyAndOddLengths() throws {
    for count in [0, 1, 2, 3, 4, 5] {
      let b = Array(bytes.prefix(count))
      XCTAssertEqual(
        try TraceData.inline(b).load(expectedBytes: count, directory: nil, input: "x"), b)
    }
  }

  func testInlineThroughTheWriterAndReader() throws {
    let trace = Trace(
      program: "p",
      inputs: [TraceInput(name: "x", dtype: "float64", shape: [3], data: .inline(bytes))])
    let decoded = try TraceReader.decode(Data(TraceWriter.data(trace)))
    XCTAssertEqual(
      try decoded.inputs[0].data?.load(expectedBytes: 24, directory: nil, input: "x"), bytes)
  }

  func testSidecarRoundTrip() throws {
    let dir = try temporaryDirectory()
    let data = try TraceData.sidecar(bytes, file: "p.x.bin", directory: dir)
    XCTAssertEqual(data.encoding, "file")
    XCTAssertEqual(data.file, "p.x.bin")
    XCTAssertNil(data.base64)
    XCTAssertEqual(
      FileManager.default.contents(atPath: dir + "/p.x.bin").map { [UInt8]($0) }, bytes)
    XCTAssertEqual(try data.load(expectedBytes: 24, directory: dir, input: "x"), bytes)

    // Through a trace file beside the sidecar.
    let trace = Trace(
      program: "p", inputs: [TraceInput(name: "x", dtype: "int32", shape: [2, 3], data: data)])
    let path = dir + "/p.trace.json"
    try Data(TraceWriter.data(trace)).write(to: URL(fileURLWithPath: path))
    let read = try TraceReader.read(path: path)
    XCTAssertEqual(
      try read.inputs[0].data?.load(expectedBytes: 24, directory: dir, input: "x"), bytes)
  }

  func testWrongChecksum() {
    var data = TraceData.inline(bytes)
    data.sha256 = SHA256.hex([UInt8]([1, 2, 3]))
    assertLoadFails(data, expectedBytes: 24, "checksum mismatch")
  }

  func testChecksumIsCaseInsensitive() throws {
    var data = TraceData.inline(bytes)
    data.sha256 = data.sha256.uppercased()
    XCTAssertEqual(try data.load(expectedBytes: 24, directory: nil, input: "x"), bytes)
  }

  func testSidecarWithWrongChecksum() throws {
    let dir = try temporaryDirectory()
    var data = try TraceData.sidecar(bytes, file: "x.bin", directory: dir)
    data.sha256 = String(repeating: "0", count: 64)
    assertLoadFails(data, expectedBytes: 24, directory: dir, "checksum mismatch")
  }

  func testSidecarChangedOnDisk() throws {
    let dir = try temporaryDirectory()
    let data = try TraceData.sidecar(bytes, file: "x.bin", directory: dir)
    var changed = bytes
    changed[5] ^= 1
    try Data(changed).write(to: URL(fileURLWithPath: dir + "/x.bin"))
    assertLoadFails(data, expectedBytes: 24, directory: dir, "checksum mismatch")
  }

  func testWrongByteCount() {
    assertLoadFails(
      TraceData.inline(bytes), expectedBytes: 12, "data has 24 bytes, its dtype and shape need 12")
  }

  func testDeclaredByteCountDisagreesWithDecodedData() {
    var data = TraceData.inline(Array(bytes.prefix(12)))
    data.bytes = 24
    assertLoadFails(data, expectedBytes: 24, "data decodes to 12 bytes, expected 24")
  }

  func testSidecarOfWrongSize() throws {
    let dir = try temporaryDirectory()
    var data = try TraceData.sidecar(Array(bytes.prefix(20)), file: "x.bin", directory: dir)
    data.bytes = 24
    assertLoadFails(
      data, expectedBytes: 24, directory: dir, "sidecar file 'x.bin' has 20 bytes, expected 24")
  }

  func testMissingSidecar() throws {
    let dir = try temporaryDirectory()
    let data = TraceData(encoding: "file", file: "gone.bin", bytes: 24, sha256: SHA256.hex(bytes))
    assertLoadFails(data, expectedBytes: 24, directory: dir, "sidecar file 'gone.bin' is missing")
  }

  func testSidecarNamesWithDirectoriesAreRejected() throws {
    let dir = try temporaryDirectory()
    // A real file one level up, so a rejection cannot be mistaken for "missing".
    let parent = (dir as NSString).deletingLastPathComponent
    let escapee = "drc-escape-\(UUID().uuidString).bin"
    try Data(bytes).write(to: URL(fileURLWithPath: parent + "/" + escapee))
    defer { try? FileManager.default.removeItem(atPath: parent + "/" + escapee) }
    for name in [
      "../" + escapee, "/etc/passwd", "sub/x.bin", "..", ".", ".hidden", "", "a\\b", "x.bin\n",
      "é.bin",
    ] {
      let data = TraceData(encoding: "file", file: name, bytes: 24, sha256: SHA256.hex(bytes))
      assertLoadFails(
        data, expectedBytes: 24, directory: dir, "must be a plain file name beside the trace")
    }
  }

  func testPlainFileNames() {
    XCTAssertTrue(TraceData.isPlainFileName("prog.x.bin"))
    XCTAssertTrue(TraceData.isPlainFileName("A-b_c.1"))
    XCTAssertFalse(TraceData.isPlainFileName("../x"))
    XCTAssertFalse(TraceData.isPlainFileName("a/b"))
    XCTAssertFalse(TraceData.isPlainFileName(String(repeating: "a", count: 129)))
    XCTAssertTrue(TraceData.isPlainFileName(String(repeating: "a", count: 128)))
  }

  func testFileEncodingWithoutFileField() {
    assertLoadFails(
      TraceData(encoding: "file", bytes: 24, sha256: SHA256.hex(bytes)), expectedBytes: 24,
      "file data without a file field")
  }

  func testInlineEncodingWithoutBase64Field() {
    assertLoadFails(
      TraceData(encoding: "inline", bytes: 24, sha256: SHA256.hex(bytes)), expectedBytes: 24,
      "inline data without a base64 field")
  }

  func testUnknownEncoding() {
    assertLoadFails(
      TraceData(encoding: "npy", bytes: 24, sha256: SHA256.hex(bytes)), expectedBytes: 24,
      "data encoding 'npy' is not inline or file")
  }

  func testBase64Garbage() {
    for garbage in ["!!!!", "AAA", "AAAA\nAAAA", "AA AA", "%%%%%%%%", "AAAA\u{0}AAA"] {
      let data = TraceData(encoding: "inline", base64: garbage, bytes: 6, sha256: SHA256.hex(bytes))
      assertLoadFails(data, expectedBytes: 6, "inline data is not valid base64")
    }
    // Foundation decodes padding in the middle leniently; the byte count check still rejects it.
    let midPadded = TraceData(
      encoding: "inline", base64: "AA=A", bytes: 6, sha256: SHA256.hex(bytes))
    assertLoadFails(midPadded, expectedBytes: 6, "expected 6")
  }

  func testBase64FarTooLong() {
    let long = String(repeating: "A", count: 4_000_000)
    let data = TraceData(encoding: "inline", base64: long, bytes: 24, sha256: SHA256.hex(bytes))
    assertLoadFails(data, expectedBytes: 24, "base64 text is longer than 24 bytes need")
  }

  func testSidecarWriteFailure() {
    XCTAssertThrowsError(
      try TraceData.sidecar(bytes, file: "x.bin", directory: "/nonexistent-drc-dir")
    ) { error in
      XCTAssertTrue(String(describing: error).contains("cannot write sidecar"), "\(error)")
    }
  }

  func testSidecarFixtureFromTheBundle() throws {
    guard
      let url = Bundle.module.url(
        forResource: "sidecar", withExtension: "trace.json", subdirectory: "Fixtures")
    else { return XCTFail("fixture Fixtures/sidecar.trace.json not found in the bundle") }
    let trace = try TraceReader.read(path: url.path)
    XCTAssertEqual(trace.program, "sidecar")
    let dir = url.deletingLastPathComponent().path
    let input = try XCTUnwrap(trace.inputs.first)
    let loaded = try XCTUnwrap(input.data).load(
      expectedBytes: 16, directory: dir, input: input.name)
    // float32 [1, 2, 3, 4], little-endian.
    XCTAssertEqual(loaded, [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40, 0, 0, 0x40, 0x40, 0, 0, 0x80, 0x40])
  }
}
