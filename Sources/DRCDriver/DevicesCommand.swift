// `drc devices`: the OpenCL platforms and devices drc can run on, as text or JSON.
//
// Each device is listed with the index `DRC_DEVICE` (or a future `--device`) selects it by, its
// OpenCL and OpenCL C versions, driver, kind, compute units, memory, vector widths and whether it
// supports fp64, SPIR bitcode and IL (SPIR-V). The device the default selection picks is marked.
// With no OpenCL platform the command fails with the library's "install pocl-opencl-icd" error.

import DRCOpenCL
import Foundation

/// The work behind `drc devices`.
public enum DevicesCommand {
  /// One device in the JSON report.
  struct DeviceReport: Codable {
    var index: Int
    var name: String
    var vendor: String
    var type: String
    var version: String
    var openclCVersion: String
    var driverVersion: String
    var computeUnits: Int
    var globalMemoryBytes: UInt64
    var localMemoryBytes: UInt64
    var maxAllocationBytes: UInt64
    var maxWorkGroupSize: Int
    var preferredVectorWidthFloat: Int
    var preferredVectorWidthDouble: Int
    var nativeVectorWidthFloat: Int
    var nativeVectorWidthDouble: Int
    var fp64: Bool
    var spir: Bool
    var il: Bool
    var ilVersion: String
    var extensions: [String]
    var selected: Bool
  }

  /// One platform in the JSON report.
  struct PlatformReport: Codable {
    var index: Int
    var name: String
    var vendor: String
    var version: String
    var profile: String
    var devices: [DeviceReport]
  }

  /// The whole JSON report.
  struct Report: Codable {
    var platforms: [PlatformReport]
    var selected: Int?
    var selectionError: String?
  }

  /// Enumerates every platform and device; throws when there is no OpenCL platform.
  static func report(environment: [String: String]) throws -> Report {
    let devices = try CLDevice.all()
    var selected: Int?
    var selectionError: String?
    do {
      let chosen = try CLDevice.select(nil, environment: environment, from: devices)
      selected = devices.firstIndex { same($0, chosen) }
    } catch {
      selectionError = "\(error)"
    }
    var platforms: [PlatformReport] = []
    for platform in try CLPlatform.all() {
      var entry = PlatformReport(
        index: platform.index, name: platform.name, vendor: platform.vendor,
        version: platform.version,
        profile: platform.profile, devices: [])
      for (index, d) in devices.enumerated() where d.platform.index == platform.index {
        entry.devices.append(
          DeviceReport(
            index: index, name: d.name, vendor: d.vendor, type: d.type.description,
            version: d.version,
            openclCVersion: d.openCLCVersion, driverVersion: d.driverVersion,
            computeUnits: d.computeUnits,
            globalMemoryBytes: d.globalMemory, localMemoryBytes: d.localMemory,
            maxAllocationBytes: d.maxAllocation,
            maxWorkGroupSize: d.maxWorkGroupSize,
            preferredVectorWidthFloat: d.preferredVectorWidthFloat,
            preferredVectorWidthDouble: d.preferredVectorWidthDouble,
            nativeVectorWidthFloat: d.nativeVectorWidthFloat,
            nativeVectorWidthDouble: d.nativeVectorWidthDouble, fp64: d.supportsFP64,
            spir: d.supportsSPIR,
            il: d.supportsIL, ilVersion: d.ilVersion, extensions: d.extensions,
            selected: index == selected))
      }
      platforms.append(entry)
    }
    return Report(platforms: platforms, selected: selected, selectionError: selectionError)
  }

  /// The human-readable listing.
  public static func text(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws -> String
  {
    let report = try report(environment: environment)
    var lines: [String] = []
    for p in report.platforms {
      lines.append("platform \(p.index): \(p.name) (\(p.vendor)), \(p.version)")
      if p.devices.isEmpty { lines.append("  (no devices)") }
      for d in p.devices {
        lines.append(
          "  device \(d.index)\(d.selected ? " [selected]" : ""): \(d.name) (\(d.type), \(d.vendor))"
        )
        lines.append("    OpenCL:        \(d.version); \(d.openclCVersion)")
        lines.append("    driver:        \(d.driverVersion)")
        lines.append(
          "    support:       fp64 \(yes(d.fp64)), SPIR \(yes(d.spir)), IL \(d.il ? d.ilVersion.isEmpty ? "yes" : d.ilVersion : "no")"
        )
        lines.append(
          "    compute units: \(d.computeUnits), max work-group size \(d.maxWorkGroupSize)")
        lines.append(
          "    memory:        global \(bytes(d.globalMemoryBytes)), local \(bytes(d.localMemoryBytes)), "
            + "max allocation \(bytes(d.maxAllocationBytes))")
        lines.append(
          "    vector width:  float \(d.preferredVectorWidthFloat) (native \(d.nativeVectorWidthFloat)), "
            + "double \(d.preferredVectorWidthDouble) (native \(d.nativeVectorWidthDouble))")
      }
    }
    if let error = report.selectionError {
      lines.append("selection: \(error)")
    } else {
      let how =
        environment[CLDevice.environmentVariable].map { "DRC_DEVICE=\($0)" }
        ?? "default; set DRC_DEVICE to an index or name"
      lines.append("selected: device \(report.selected.map(String.init) ?? "?") (\(how))")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The JSON report: platforms with their devices, and the selected device's index.
  public static func json(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws -> String
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    let data = try encoder.encode(try report(environment: environment))
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private static func same(_ a: CLDevice, _ b: CLDevice) -> Bool {
    a.platform.index == b.platform.index && a.indexInPlatform == b.indexInPlatform
  }

  private static func yes(_ flag: Bool) -> String { flag ? "yes" : "no" }

  /// Bytes in the largest binary unit that keeps the number at least 1, e.g. "2.0 GiB".
  static func bytes(_ n: UInt64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(n)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
  }
}
