// The on-disk format of one program-cache entry, and its verification.
//
// An entry is a 112-byte header followed by the payload (a device program binary):
//   magic "DRCPRG01" (8) | key, 64 ASCII hex digits (64) | payload length, UInt64 LE (8) |
//   SHA-256 of the payload (32) | payload.
// Decoding checks all four, so a truncated, overwritten or foreign file, or one written under
// another key (stale), is reported with a reason and never handed to the driver.
// Keys and checksums use the SHA-256 of DRCHash, which DRCTrace shares.

import DRCHash

/// Encodes and verifies program-cache entry files.
enum CacheEntry {
  /// The format's magic bytes, which also version it.
  static let magic: [UInt8] = Array("DRCPRG01".utf8)
  /// The header's size in bytes.
  static let headerSize = 8 + 64 + 8 + 32

  /// The bytes of an entry holding `payload` under `key` (64 hex digits).
  static func encode(key: String, payload: [UInt8]) -> [UInt8] {
    var bytes = magic
    bytes.reserveCapacity(headerSize + payload.count)
    bytes += keyBytes(key)
    let length = UInt64(payload.count)
    for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: length >> (UInt64(i) * 8))) }
    bytes += SHA256.digest(payload)
    bytes += payload
    return bytes
  }

  /// The payload of a valid entry for `key`, or the reason the entry cannot be trusted.
  static func decode(_ bytes: [UInt8], key: String) -> Result<[UInt8], EntryProblem> {
    guard bytes.count >= headerSize else {
      return .failure(
        EntryProblem("truncated: \(bytes.count) bytes, shorter than the \(headerSize)-byte header"))
    }
    guard Array(bytes[0..<8]) == magic else {
      return .failure(EntryProblem("bad magic (not a drc program cache entry)"))
    }
    guard Array(bytes[8..<72]) == keyBytes(key) else {
      return .failure(EntryProblem("stale: written under another key"))
    }
    var length: UInt64 = 0
    for i in 0..<8 { length |= UInt64(bytes[72 + i]) << (UInt64(i) * 8) }
    guard length == UInt64(bytes.count - headerSize) else {
      return .failure(
        EntryProblem(
          "length mismatch: header says \(length) bytes, file holds \(bytes.count - headerSize)"))
    }
    let payload = Array(bytes[headerSize...])
    guard SHA256.digest(payload) == Array(bytes[80..<112]) else {
      return .failure(EntryProblem("checksum mismatch: the payload is corrupt"))
    }
    return .success(payload)
  }

  /// The key as exactly 64 ASCII bytes (padded or cut, so a malformed key cannot shift the header).
  private static func keyBytes(_ key: String) -> [UInt8] {
    let utf8 = Array(key.utf8.prefix(64))
    return utf8 + [UInt8](repeating: UInt8(ascii: " "), count: 64 - utf8.count)
  }
}

/// Why a cache entry was not trusted.
struct EntryProblem: Error, CustomStringConvertible {
  /// A short reason, e.g. "checksum mismatch: the payload is corrupt".
  let description: String
  init(_ description: String) { self.description = description }
}
