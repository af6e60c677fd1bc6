// `--vector-width`: how a compilation picks the lanes per work-item of elementwise kernels.
//
// `portable` is 8 lanes for 4-byte values and 4 for 8-byte ones, whatever the machine, so
// `drc compile` writes the same files everywhere unless asked otherwise. `device` takes the
// preferred widths of the OpenCL device chosen by `--device` or `DRC_DEVICE` (16 and 8 on an
// AVX-512 CPU under PoCL, 1 on NVIDIA GPUs); it is the default of `drc run`, `drc verify` and
// `drc bench`, which compile for the device they run on. `N` or `N,M` gives the widths for
// 4-byte and 8-byte kernels directly.

import DRCOpenCL
import DRCPlan
import DRCTrace

/// A `--vector-width` choice.
public enum VectorWidthChoice: Sendable, Equatable {
  /// `VectorWidths.portable`.
  case portable
  /// The chosen OpenCL device's preferred widths.
  case device
  /// Given widths.
  case fixed(VectorWidths)

  /// Parses `portable`, `device`, `N` or `N,M`; an error lists the accepted forms.
  public init(parsing text: String) throws {
    switch text.trimmingCharacters(in: .whitespaces).lowercased() {
    case "portable": self = .portable
    case "device": self = .device
    default:
      guard let widths = VectorWidths(parsing: text) else {
        throw TraceError(
          "--vector-width \(text) is not valid: use portable, device, N or N,M"
            + " (lanes for 4-byte and 8-byte values; each \(VectorWidths.allowedText))")
      }
      self = .fixed(widths)
    }
  }

  /// The widths `--vector-width text` means (`fallback` when the option is absent), resolved
  /// against `device`.
  public static func widths(_ text: String?, fallback: VectorWidthChoice, device: String?) throws
    -> VectorWidths
  {
    try (text.map { try VectorWidthChoice(parsing: $0) } ?? fallback).resolve(device: device)
  }

  /// The widths this choice means; `device` selects a device as `drc run` does.
  public func resolve(device: String?) throws -> VectorWidths {
    switch self {
    case .portable: return .portable
    case .fixed(let widths): return widths
    case .device:
      let chosen = try CLDevice.select(device)
      return VectorWidths(
        preferredFloat: chosen.preferredVectorWidthFloat,
        preferredDouble: chosen.preferredVectorWidthDouble)
    }
  }
}
