// One context per device for a process's compiled programs.
//
// Device values (`DeviceArray` in DRCReplay) belong to the context whose queue computed them: a
// buffer of one context cannot be bound in another, and only one in-order queue orders one
// program's writes before the next program's reads without events. So every `CompiledProgram`
// of a process that selects the same device shares one context and its queue, created on first
// use and kept for the process's life (as a GPU runtime's primary context is). Programs still own
// their buffers; sharing the queue only serialises their commands, which one thread's calls are
// anyway.

import COpenCL
import Foundation

extension CLContext {
  private static let sharedLock = NSLock()
  nonisolated(unsafe) private static var sharedContexts: [Int: CLContext] = [:]

  /// The process's context on the device `selector` (or `DRC_DEVICE`) names; see
  /// `CLDevice.select`. Every call selecting the same device returns the same context.
  public static func shared(selecting selector: String? = nil) throws -> CLContext {
    let device = try CLDevice.select(selector)
    let key = Int(bitPattern: UnsafeRawPointer(device.id))
    sharedLock.lock()
    defer { sharedLock.unlock() }
    if let context = sharedContexts[key] { return context }
    let context = try CLContext(device: device)
    sharedContexts[key] = context
    return context
  }
}
