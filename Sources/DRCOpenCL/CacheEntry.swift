// The on-disk format of one program-cache entry, and its verification.
//
// An entry is a 144-byte header followed by the payload (a device program binary):
//   magic "DRCPRG" (6) | format version, 2 ASCII digits, "02" (2) |
//   key, 64 ASCII hex digits (64) | SHA-256 of the OpenCL C source (32) |
//   payload length, UInt64 LE (8) | SHA-256 of the payload (32) | payload.
// Decoding checks every field against what the caller asked for: the magic, the version, the
// key, the source the binary was built from, the payload's length and its checksum. A truncated,
// overwritten, foreign or older-format file, or one written under another key or for other
// source, is reported with a reason and never handed to the driver. (The driver can still reject
// a well-formed binary, and a binary can lack a kernel the caller needs: `ProgramCache` checks
// both after loading.) Keys and checksums use the SHA-256 of DRCHash, which DRCTrace shares.

import DRCHash

/// Encodes and verifies program-cache entry files.
enum CacheEntry {
  /// The magic bytes every entry starts with, before the version.
  static let magicPrefix: [UInt8] = Array("DRCPRG".utf8)
  /// The format version this build reads and writes (two ASCII digits).
  static let version: [UInt8] = Array("02".utf8)
  /// Magic and version: the first 8 bytes of every entry of this format.
  static var magic: [UInt8] { magicPrefix + version }
  /// The header's size in bytes.
  static let headerSize = 8 + 64 + 32 + 8 + 32

  /// The bytes of an entry holding `payload` under `key` (64 hex digits), built from `source`.
  static func encode(key: String, source: String, payload: [UInt8]) -> [UInt8] {
    encode(key: key, sourceHash: SHA256.digest(Array(source.utf8)), payload: payload)
  }

  /// The bytes of an entry holding `payload` under `key` for source with hash `sourceHash`.
  static func encode(key: String, sourceHash: [UInt8], payload: [UInt8]) -> [UInt8] {
    var bytes = magic
    bytes.reserveCapacity(headerSize + payload.count)
    bytes += keyBytes(key)
    bytes += hashBytes(sourceHash)
    let length = UInt64(payload.count)
    for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: length >> (UInt64(i) * 8))) }
    bytes += SHA256.digest(payload)
    bytes += payload
    return bytes
  }

  /// The payload of a valid entry for `key` built from `source`, or why it cannot be trusted.
  static func decode(_ bytes: [UInt8], key: String, source: String) -> Result<
    [UInt8], EntryProblem
  > {
    decode(bytes, key: key, sourceHash: SHA256.digest(Array(source.utf8)))
  }

  /// The payload of a valid entry for `key` and source hash `sourceHash`, or why it cannot be
  /// trusted.
  static func decode(_ bytes: [UInt8], key: String, sourceHash: [UInt8]) -> Result<
    [UInt8], EntryProblem
  > {
    guard bytes.count >= 8, Array(bytes[0..<6]) == magicPrefix else {
      return .failure(EntryProblem("bad magic (not a drc program cache entry)"))
    }
    guard Array(bytes[6..<8]) == version else {
      let found = String(decoding: bytes[6..<8], as: UTF8.self)
      return .failure(
        EntryProblem(
          "unsupported entry format version '\(found)' (this drc reads and writes "
            + "'\(String(decoding: version, as: UTF8.self))')"))
    }
    guard bytes.count >= headerSize else {
      return .failure(
        EntryProblem("truncated: \(bytes.count) bytes, shorter than the \(headerSize)-byte header"))
    }
    guard Array(bytes[8..<72]) == keyBytes(key) else {
      return .failure(EntryProblem("stale: written under another key"))
    }
    guard Array(bytes[72..<104]) == hashBytes(sourceHash) else {
      return .failure(EntryProblem("source mismatch: the binary was built from other source"))
    }
    var length: UInt64 = 0
    for i in 0..<8 { length |= UInt64(bytes[104 + i]) << (UInt64(i) * 8) }
    let held = bytes.count - headerSize
    guard length == UInt64(held) else {
      return .failure(
        EntryProblem("length mismatch: header says \(length) bytes, file holds \(held)"))
    }
    let payload = Array(bytes[headerSize...])
    guard SHA256.digest(payload) == Array(bytes[112..<144]) else {
      return .failure(EntryProblem("checksum mismatch: the payload is corrupt"))
    }
    return .success(payload)
  }

  /// The key as exactly 64 ASCII bytes (padded or cut, so a malformed key cannot shift the header).
  private static func keyBytes(_ key: String) -> [UInt8] {
    let utf8 = Array(key.utf8.prefix(64))
    return utf8 + [UInt8](repeating: UInt8(ascii: " "), count: 64 - utf8.count)
  }

  /// A hash as exactly 32 bytes (padded or cut, like `keyBytes`).
  private static func hashBytes(_ hash: [UInt8]) -> [UInt8] {
    let prefix = Array(hash.prefix(32))
    return prefix + [UInt8](repeating: 0, count: 32 - prefix.count)
  }
}

/// Why a cache entry was not trusted.
struct EntryProblem: Error, CustomStringConvertible {
  /// A short reason, e.g. "checksum mismatch: the payload is corrupt".
  let description: String
  init(_ description: String) { self.description = description }
}
