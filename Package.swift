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
    .library(name: "DRCPlan", targets: ["DRCPlan"]),
    .library(name: "DRCOpt", targets: ["DRCOpt"]),
    .library(name: "DRCOpenCL", targets: ["DRCOpenCL"]),
    .library(name: "DRCReplay", targets: ["DRCReplay"]),
    .library(name: "DRCLazy", targets: ["DRCLazy"]),
    // Compiles the drc traces among a target's files into Swift stubs (docs/workflow.md).
    .plugin(name: "DRCStubPlugin", targets: ["DRCStubPlugin"]),
  ],
  dependencies: [
    // Command-line parsing for the `drc` tool: subcommands, help and errors for free.
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // Trace format v1: Codable schema, hardened reading, deterministic writing, structural checks.
    // SHA-256, shared by trace checksums and the program cache.
    .target(name: "DRCHash"),
    // Child processes through posix_spawn (Foundation's Process crashes with many descriptors).
    .target(name: "CSpawn"),
    .target(name: "DRCProcess", dependencies: ["CSpawn"]),
    .target(name: "DRCTrace", dependencies: ["DRCHash"]),
    // Core IR: dtypes, shapes, ops, graph, printer, verifier, lowering from a trace.
    .target(name: "DRCIR", dependencies: ["DRCTrace"]),
    // Runtime without compiler dependencies: host arrays and the reference interpreter.
    .target(name: "DRCRuntime", dependencies: ["DRCIR", "DRCPlan"]),
    // The plan: fused kernels, buffers and the launch sequence, shared by compiler and runtime.
    .target(name: "DRCPlan", dependencies: ["DRCIR"]),
    // The optimiser: pass manager, graph passes, fusion into kernels, memory planning.
    .target(name: "DRCOpt", dependencies: ["DRCIR", "DRCTrace", "DRCPlan"]),
    // libclang opened at run time (dlopen): no header or library needed to build; only
    // DRCCodegen imports it, for the in-process syntax check.
    .target(name: "CLibClang", linkerSettings: [.linkedLibrary("dl")]),
    // OpenCL C generation from plans, and its offline syntax check (libclang, or clang-14).
    .target(
      name: "DRCCodegen", dependencies: ["DRCPlan", "DRCIR", "DRCTrace", "CLibClang", "DRCProcess"]),
    // Frame-pointer walking (C): the cheap call-path key behind recorded source locations.
    .target(name: "DRCFrames"),
    // The NumPy-like array library programs import; records traces under `drc record`, and in
    // device mode (`DRC_MODE=device`) defers operations to DRCLazy.
    .target(
      name: "DRCArray", dependencies: ["DRCIR", "DRCRuntime", "DRCTrace", "DRCFrames", "DRCLazy"]),
    // The OpenCL C API (ICD loader and headers); only DRCOpenCL imports it.
    .systemLibrary(
      name: "COpenCL", pkgConfig: nil, providers: [.apt(["ocl-icd-opencl-dev", "opencl-c-headers"])]),
    // A safe Swift layer over OpenCL: devices, context, buffers, programs, kernels, binary cache.
    .target(name: "DRCOpenCL", dependencies: ["COpenCL", "DRCHash"]),
    // The command implementations behind `drc`, testable without spawning a process.
    // Replaying plans on OpenCL devices: buffers, launches, read-backs (no compiler inside).
    .target(name: "DRCReplay", dependencies: ["DRCPlan", "DRCRuntime", "DRCOpenCL"]),
    .target(name: "DRCDriver", dependencies: ["DRCReplay", "DRCTrace", "DRCIR", "DRCRuntime", "DRCOpenCL", "DRCOpt", "DRCPlan", "DRCCodegen"]),
    // Device mode: deferred operations flushed as fused segments through the same compiler.
    .target(
      name: "DRCLazy",
      dependencies: [
        "DRCIR", "DRCOpt", "DRCPlan", "DRCCodegen", "DRCOpenCL", "DRCReplay", "DRCRuntime",
        "DRCTrace", "DRCDriver",
      ]),
    .executableTarget(
      name: "drc",
      dependencies: [
        "DRCDriver",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Build-tool plugin: `drc compile --emit swift` for every trace in the target using it.
    .plugin(name: "DRCStubPlugin", capability: .buildTool(), dependencies: ["drc"]),
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
    // Jacobi until a residual read on the host each step is small (device mode's own case).
    .executableTarget(
      name: "jacobiconverge", dependencies: ["DRCArray"], path: "Examples/jacobiconverge"),
    // Public NumPy programs ported line by line (Examples/corpus; `corpus <name> [sizes]`).
    .executableTarget(
      name: "corpus", dependencies: ["DRCArray"], path: "Examples/corpus",
      exclude: ["python", "expected"]),
    // Not a benchmark program: device mode's flush overhead and steady-state time (bench-lazy.sh).
    .executableTarget(
      name: "lazybench", dependencies: ["DRCArray", "DRCIR", "DRCRuntime"], path: "Examples/lazybench"),
    // Not a benchmark program: measures recording cost (tools/bench-record.sh).
    .executableTarget(name: "recordscale", dependencies: ["DRCArray"], path: "Examples/recordscale"),
    .testTarget(name: "DRCTraceTests", dependencies: ["DRCTrace"], resources: [.copy("Fixtures")]),
    .testTarget(name: "DRCIRTests", dependencies: ["DRCIR"]),
    .testTarget(name: "DRCRuntimeTests", dependencies: ["DRCRuntime", "DRCProcess"]),
    .testTarget(name: "DRCOptTests", dependencies: ["DRCOpt", "DRCRuntime"]),
    .testTarget(name: "DRCArrayTests", dependencies: ["DRCArray"]),
    .testTarget(
      name: "DRCLazyTests", dependencies: ["DRCArray", "DRCLazy", "DRCDriver", "DRCProcess"]),
    .testTarget(name: "DRCOpenCLTests", dependencies: ["DRCOpenCL", "DRCProcess"]),
    .testTarget(name: "DRCReplayTests", dependencies: ["DRCReplay", "DRCOpt", "DRCCodegen"]),
    // Compiles and calls the generated stubs of the benchmark traces (golden files).
    .testTarget(name: "DRCStubTests", dependencies: ["DRCReplay"]),
    .testTarget(
      name: "DRCCodegenTests",
      dependencies: [
        "DRCCodegen", "DRCOpt", "DRCRuntime", "DRCOpenCL", "DRCReplay", "DRCDriver", "DRCProcess",
      ],
      exclude: ["Goldens"]),
    .testTarget(
      name: "DRCDriverTests", dependencies: ["DRCDriver", "DRCProcess"], resources: [.copy("Fixtures")]),
  ]
)
