// swift-tools-version: 6.0
// drc: an ahead-of-time trace compiler for array programs.
// Modules follow the pipeline: trace -> IR -> (optimiser -> codegen) -> runtime.
import PackageDescription

let package = Package(
  name: "drc",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "drc", targets: ["drc"]),
    .library(name: "DRCTrace", targets: ["DRCTrace"]),
    .library(name: "DRCIR", targets: ["DRCIR"]),
    .library(name: "DRCRuntime", targets: ["DRCRuntime"]),
    .library(name: "DRCArray", targets: ["DRCArray"]),
  ],
  dependencies: [
    // Command-line parsing for the `drc` tool: subcommands, help and errors for free.
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // Trace format v1: Codable schema, hardened reading, deterministic writing, structural checks.
    .target(name: "DRCTrace"),
    // Core IR: dtypes, shapes, ops, graph, printer, verifier, lowering from a trace.
    .target(name: "DRCIR", dependencies: ["DRCTrace"]),
    // Runtime without compiler dependencies: host arrays and the reference interpreter.
    .target(name: "DRCRuntime", dependencies: ["DRCIR"]),
    // Frame-pointer walking (C): the cheap call-path key behind recorded source locations.
    .target(name: "DRCFrames"),
    // The NumPy-like array library programs import; records traces under `drc record`.
    .target(name: "DRCArray", dependencies: ["DRCIR", "DRCRuntime", "DRCTrace", "DRCFrames"]),
    // The command implementations behind `drc`, testable without spawning a process.
    .target(name: "DRCDriver", dependencies: ["DRCTrace", "DRCIR", "DRCRuntime"]),
    .executableTarget(
      name: "drc",
      dependencies: [
        "DRCDriver",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // The benchmark programs of DelayRepay's evaluation, ported to DRCArray (Examples/).
    .executableTarget(name: "sincos", dependencies: ["DRCArray"], path: "Examples/sincos"),
    .executableTarget(name: "contrived", dependencies: ["DRCArray"], path: "Examples/contrived"),
    .executableTarget(name: "blackscholes", dependencies: ["DRCArray"], path: "Examples/blackscholes"),
    .executableTarget(name: "grayscott", dependencies: ["DRCArray"], path: "Examples/grayscott"),
    .executableTarget(name: "harris", dependencies: ["DRCArray"], path: "Examples/harris"),
    .executableTarget(name: "loglikelihood", dependencies: ["DRCArray"], path: "Examples/loglikelihood"),
    .executableTarget(name: "lstsqr", dependencies: ["DRCArray"], path: "Examples/lstsqr"),
    .executableTarget(name: "cronbach", dependencies: ["DRCArray"], path: "Examples/cronbach"),
    .executableTarget(name: "jacobi", dependencies: ["DRCArray"], path: "Examples/jacobi"),
    // Not a benchmark program: measures recording cost (tools/bench-record.sh).
    .executableTarget(name: "recordscale", dependencies: ["DRCArray"], path: "Examples/recordscale"),
    .testTarget(name: "DRCTraceTests", dependencies: ["DRCTrace"], resources: [.copy("Fixtures")]),
    .testTarget(name: "DRCIRTests", dependencies: ["DRCIR"]),
    .testTarget(name: "DRCRuntimeTests", dependencies: ["DRCRuntime"]),
    .testTarget(name: "DRCArrayTests", dependencies: ["DRCArray"]),
    .testTarget(name: "DRCDriverTests", dependencies: ["DRCDriver"], resources: [.copy("Fixtures")]),
  ]
)
