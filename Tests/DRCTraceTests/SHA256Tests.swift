// SHA-256 against the FIPS 180-4 test vectors and lengths around the padding boundaries.
//
// The boundary digests (55, 56, 63, 64, 65, ... bytes of 'a') were computed with Python's
// hashlib; they exercise the cases where the length field does or does not fit in the last block.

import DRCTrace
import XCTest

final class SHA256Tests: XCTestCase {
  private func hex(_ text: String) -> String { SHA256.hex(Array(text.utf8)) }

  func testEmptyInput() {
    XCTAssertEqual(hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  func testABC() {
    XCTAssertEqual(hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  func testTwoBlockMessage448Bits() {
    XCTAssertEqual(
      hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  func testOneMillionA() {
    let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    XCTAssertEqual(
      SHA256.hex(bytes), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  func testPaddingBoundaries() {
    let expected: [(Int, String)] = [
      (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
      (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
      (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
      (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
      (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
      (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
      (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
      (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
    ]
    for (count, digest) in expected {
      let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: count)
      XCTAssertEqual(SHA256.hex(bytes), digest, "\(count) bytes of 'a'")
    }
  }

  func testAllByteValues() {
    XCTAssertEqual(
      SHA256.hex((0...255).map { UInt8($0) }),
      "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880")
  }

  func testIncrementalUpdatesMatchOneShot() {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    let oneShot = SHA256.hex(bytes)
    for chunk in [1, 3, 55, 63, 64, 65, 999] {
      var h = SHA256()
      var i = 0
      while i < bytes.count {
        h.update(bytes[i..<min(i + chunk, bytes.count)])
        i += chunk
      }
      let digest = h.finalize().map {
        $0 < 16 ? "0" + String($0, radix: 16) : String($0, radix: 16)
      }
      .joined()
      XCTAssertEqual(digest, oneShot, "chunks of \(chunk)")
    }
  }

  func testDigestIsThirtyTwoLowerCaseHexBytes() {
    var h = SHA256()
    h.update([UInt8]())
    XCTAssertEqual(h.finalize().count, 32)
    let text = hex("drc")
    XCTAssertEqual(text.count, 64)
    XCTAssertTrue(text.allSatisfy { "0123456789abcdef".contains($0) })
  }
}
