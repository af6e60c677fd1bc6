// Builds and runs Examples/StubApp, a separate package that links a drc-compiled program the
// way an application would: DRCStubPlugin turns its blackscholes.json trace into
// Blackscholes.swift during `swift build`, and the app checks the stub against plain Swift.
//
// The nested build compiles drc (the plugin's tool) and DRCReplay a second time in
// Examples/StubApp/.build, so the first run takes about 50 s on two cores; later runs take
// about 2 s. The app is pinned to the root's Package.resolved, so its dependencies come
// from SwiftPM's shared cache that the root build filled, with no network.
// Set DRC_SKIP_APP_TEST=1 to skip it. The app needs an OpenCL device (CI installs PoCL).

import DRCProcess
import Foundation
import XCTest

final class StubAppTests: XCTestCase {
  /// The example package.
  let app = Repo.root.appendingPathComponent("Examples/StubApp")

  /// Runs `swift` with `arguments` in the repository root; returns status and merged output.
  func swift(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let child = try ChildProcess.run(
      "/usr/bin/env", ["swift"] + arguments, environment: Self.cleanEnvironment(),
      directory: Repo.root.path)
    return (child.signalled ? 128 + child.status : child.status, child.stdout + child.stderr)
  }

  /// The test's environment without what would change how the nested build or the app behaves.
  static func cleanEnvironment() -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "DRC_RECORD")
    return env
  }

  /// Copies the root package's Package.resolved (both are git-ignored) into the app, so the
  /// nested build uses exactly the dependency versions the root build fetched, offline; returns
  /// the flag that forbids resolving anything else. Without a root Package.resolved: no flag.
  func pinToRootVersions() throws -> [String] {
    let rootPins = Repo.root.appendingPathComponent("Package.resolved")
    guard FileManager.default.fileExists(atPath: rootPins.path) else { return [] }
    let pins = app.appendingPathComponent("Package.resolved")
    try? FileManager.default.removeItem(at: pins)
    try FileManager.default.copyItem(at: rootPins, to: pins)
    return ["--disable-automatic-resolution"]
  }

  func testStubAppBuildsAndMatchesPlainSwift() throws {
    if ProcessInfo.processInfo.environment["DRC_SKIP_APP_TEST"] == "1" {
      throw XCTSkip("DRC_SKIP_APP_TEST=1: not building Examples/StubApp")
    }
    let started = Date()
    let build = try swift(["build", "--package-path", app.path] + (try pinToRootVersions()))
    XCTAssertEqual(
      build.status, 0, "swift build --package-path Examples/StubApp failed:\n\(build.output)")
    guard build.status == 0 else { return }
    XCTAssertTrue(
      build.output.contains("Build complete!"), "unexpected build output:\n\(build.output)")

    let binPath = try swift(["build", "--package-path", app.path, "--show-bin-path"])
    XCTAssertEqual(binPath.status, 0, binPath.output)
    guard let folder = binPath.output.split(separator: "\n").last.map(String.init),
      folder.hasPrefix("/")
    else {
      return XCTFail("no bin path in:\n\(binPath.output)")
    }
    // The plugin's output folder layout differs between SwiftPM versions: search for the stub.
    let outputs = app.appendingPathComponent(".build/plugins/outputs")
    let generated =
      FileManager.default.enumerator(atPath: outputs.path)?.compactMap { $0 as? String } ?? []
    XCTAssertTrue(
      generated.contains { $0.hasSuffix("DRCStubPlugin/Blackscholes/Blackscholes.swift") },
      "the plugin's stub is not under \(outputs.path): \(generated)")

    let executable = URL(fileURLWithPath: folder).appendingPathComponent("StubApp").path
    let result = try Repo.run(executable, [], environment: [:])
    XCTAssertEqual(result.status, 0, "StubApp failed:\n\(result.stdout)\(result.stderr)")
    XCTAssertTrue(
      result.stdout.hasSuffix("StubApp: OK\n"), "no OK line:\n\(result.stdout)\(result.stderr)")
    XCTAssertEqual(
      result.stdout.split(separator: "\n").filter { $0.contains(" 0 mismatches") }.count, 7,
      result.stdout)
    for size in [100, 1000, 4099] {
      XCTAssertTrue(
        result.stdout.contains(": \(size) options, "), "not called at \(size):\n\(result.stdout)")
    }
    // The 2-D stub (harris, recorded at 24 x 24 and 32 x 32) at two other resolutions.
    for size in [40, 67] {
      XCTAssertTrue(
        result.stdout.contains(
          "harris at \(size) x \(size): \((size - 1) * (size - 1)) responses, 0 mismatches"),
        "harris not called at \(size):\n\(result.stdout)")
    }
    print(
      "StubAppTests: built and ran Examples/StubApp in \(Int(Date().timeIntervalSince(started))) s")
  }
}
