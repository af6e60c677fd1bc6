// swift-tools-version: 6.0
// StubApp: an application that links a drc-compiled program through the DRCStubPlugin.
// The plugin compiles Sources/StubApp/blackscholes.json (a drc trace) into Blackscholes.swift at
// build time; the app calls it like any Swift class. See docs/workflow.md.
import PackageDescription

let package = Package(
  name: "StubApp",
  platforms: [.macOS(.v13)],
  dependencies: [
    // drc itself, by path: provides the plugin (and its `drc` tool) and the DRCReplay runtime.
    .package(name: "drc", path: "../..")
  ],
  targets: [
    .executableTarget(
      name: "StubApp",
      dependencies: [.product(name: "DRCReplay", package: "drc")],
      plugins: [.plugin(name: "DRCStubPlugin", package: "drc")])
  ]
)
