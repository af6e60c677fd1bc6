// The `drc` commands that run on an OpenCL device: run, verify and bench.

import ArgumentParser
import DRCDriver
import DRCTrace
import Foundation

/// Prints a report as JSON: sorted snake_case keys, non-finite numbers as strings.
func printJSON<T: Encodable>(_ report: T) throws {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
  encoder.keyEncodingStrategy = .convertToSnakeCase
  encoder.nonConformingFloatEncodingStrategy = .convertToString(
    positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
  print(String(decoding: try encoder.encode(report), as: UTF8.self))
}

/// Options shared by the commands that run a trace on a device.
struct DeviceFlags: ParsableArguments {
  @Option(
    help:
      "Device index or name substring (default: DRC_DEVICE, else the first GPU, else the first device)."
  )
  var device: String?
  @Option(help: "Seed for random values of inputs the trace did not save.") var seed: UInt64 = 0
}

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Compile a trace, run it on an OpenCL device and check every output against the float64 oracle."
  )
  @Argument(help: "The trace file (JSON).") var trace: String
  @Option(help: "Timed runs after the first (profiled) one.") var `repeat` = 3
  @Flag(help: "Print JSON instead of text.") var json = false
  @Option(help: "Also write every device output as <outputs>/<name>.npy (NumPy format 1.0).")
  var outputs: String?
  @OptionGroup var device: DeviceFlags
  @OptionGroup var flags: CompileFlags

  func run() throws {
    do {
      let report = try DeviceRun.run(
        path: trace,
        options: DeviceRunOptions(
          device: device.device,
          compile: try flags.options(device: device.device, fallback: .device), repeats: `repeat`,
          seed: device.seed, outputsDirectory: outputs))
      if json {
        try printJSON(report)
      } else {
        print(DeviceRun.text(report), terminator: "")
      }
      if !report.passed {
        FileHandle.standardError.write(
          Data(
            "error: some outputs differ from the float64 oracle beyond their error bounds\n".utf8))
        Foundation.exit(1)
      }
    } catch {
      fail(error, path: trace)
    }
  }
}

struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract:
      "Run the plan kernel by kernel against the reference and report the first kernel that diverges."
  )
  @Argument(help: "The trace file (JSON).") var trace: String
  @OptionGroup var device: DeviceFlags
  @OptionGroup var flags: CompileFlags

  func run() throws {
    do {
      let report = try DeviceVerify.run(
        path: trace,
        options: DeviceRunOptions(
          device: device.device,
          compile: try flags.options(device: device.device, fallback: .device), seed: device.seed))
      if let divergence = report.divergence {
        FileHandle.standardError.write(Data("error: \(divergence)\n".utf8))
        Foundation.exit(1)
      }
      print(
        "all \(report.launchesChecked) launches agree with the reference (\(report.valuesChecked) values checked)"
      )
    } catch {
      fail(error, path: trace)
    }
  }
}

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Time a trace fused and unfused in one process, against the device's memory floor.",
    discussion:
      "Given one program recorded at two or three sizes, times the size-generic plan of all of them against the first trace's fixed-size plan instead, on the first trace's inputs."
  )
  @Argument(help: "The trace file (JSON); more recordings of the program at other sizes.")
  var traces: [String]
  @Option(help: "Timed runs of each configuration.") var `repeat` = 5
  @Flag(help: "Print JSON instead of text.") var json = false
  @OptionGroup var device: DeviceFlags
  @Option(help: "Lanes per work-item of generated kernels: portable, device (default), N or N,M.")
  var vectorWidth: String?

  func run() throws {
    do {
      let compile = CompileOptions(
        vectorWidths: try VectorWidthChoice.widths(
          vectorWidth, fallback: .device, device: device.device))
      let report = try DeviceBench.run(
        paths: traces,
        options: DeviceRunOptions(
          device: device.device, compile: compile, repeats: `repeat`, seed: device.seed))
      if json {
        try printJSON(report)
      } else {
        print(DeviceBench.text(report), terminator: "")
      }
    } catch {
      fail(error, path: traces.first)
    }
  }
}
