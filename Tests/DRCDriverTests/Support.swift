// Shared helpers for the driver tests: where the repository and the built products are, and
// running a built executable.

import DRCProcess
import Foundation
import XCTest

enum Repo {
  /// The package root (this file is Tests/DRCDriverTests/Support.swift).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  /// A path inside the repository.
  static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  /// The folder holding the built executables (beside the test bundle).
  static var products: URL {
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      return bundle.bundleURL.deletingLastPathComponent()
    }
    return Bundle.main.bundleURL
  }

  /// Runs a built product (or any executable path) and returns its status and output.
  static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:])
    throws -> (
      status: Int32, stdout: String, stderr: String
    )
  {
    let path =
      executable.hasPrefix("/") ? executable : products.appendingPathComponent(executable).path
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "DRC_RECORD")
    for (k, v) in environment { env[k] = v }
    // Not Foundation's Process: it crashes in a process holding as many descriptors as a long
    // test run does (ChildProcess.swift).
    let child = try ChildProcess.run(path, arguments, environment: env, directory: root.path)
    return (child.signalled ? 128 + child.status : child.status, child.stdout, child.stderr)
  }

  /// A fresh temporary folder.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "drc-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Writes `text` as `name` in `directory`; returns its path.
  static func write(_ text: String, _ name: String, in directory: URL) throws -> String {
    let url = directory.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }
}
