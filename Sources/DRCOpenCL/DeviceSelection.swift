// Choosing the device to run on: by index or by name, from an explicit string or `DRC_DEVICE`.
//
// A selector is either a decimal index into `CLDevice.all()` (platforms in loader order, then each
// platform's devices) or a case-insensitive substring of the device name (the first match wins;
// the platform name is also searched, so "nvidia" or "pocl" work). With no selector the first
// GPU is taken, else the first device. A selector that matches nothing is an error listing every
// device, so the user can pick one.

import COpenCL
import Foundation

extension CLDevice {
  /// The environment variable consulted when no explicit selector is given.
  public static let environmentVariable = "DRC_DEVICE"

  /// Selects a device from `devices` by `selector`, falling back to `DRC_DEVICE` in `environment`.
  ///
  /// - Parameters:
  ///   - selector: an index ("0") or a name substring ("pthread"); nil or empty consults the
  ///     environment, and if that is unset too the first GPU (else the first device) is taken.
  ///   - environment: the variables to read `DRC_DEVICE` from (the process's by default).
  ///   - devices: the candidates; all devices of all platforms when nil.
  public static func select(
    _ selector: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
    from devices: [CLDevice]? = nil
  ) throws -> CLDevice {
    let candidates = try devices ?? all()
    var source = "selector"
    var spec = selector?.trimmingCharacters(in: .whitespaces) ?? ""
    if spec.isEmpty,
      let env = environment[environmentVariable]?.trimmingCharacters(in: .whitespaces), !env.isEmpty
    {
      spec = env
      source = environmentVariable
    }
    guard let first = candidates.first else {
      throw CLError(
        call: "select device", code: CL_DEVICE_NOT_FOUND,
        detail: "no OpenCL device found on any platform")
    }
    if spec.isEmpty {
      return candidates.first { $0.type.contains(.gpu) } ?? first
    }
    if let index = Int(spec) {
      if candidates.indices.contains(index) { return candidates[index] }
      throw noMatch("no OpenCL device has index \(index) (\(source) '\(spec)')", candidates)
    }
    let needle = spec.lowercased()
    if let byName = candidates.first(where: { $0.name.lowercased().contains(needle) }) {
      return byName
    }
    if let byPlatform = candidates.first(where: { $0.platform.name.lowercased().contains(needle) })
    {
      return byPlatform
    }
    throw noMatch("no OpenCL device matches '\(spec)' (\(source))", candidates)
  }

  /// The numbered device list used in selection errors, one device per line.
  public static func listing(_ devices: [CLDevice]) -> String {
    devices.enumerated().map { "  \($0.offset): \($0.element.summary)" }.joined(separator: "\n")
  }

  private static func noMatch(_ what: String, _ devices: [CLDevice]) -> CLError {
    CLError(
      call: "select device", code: CL_DEVICE_NOT_FOUND,
      detail: "\(what); available devices (select by index or name substring, e.g. "
        + "\(environmentVariable)=0):\n\(listing(devices))")
  }
}
