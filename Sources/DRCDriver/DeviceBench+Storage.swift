// `drc bench`'s third measurement: the fused plan writing its outputs into memory the caller
// owns and passes to every call (`OpenCLPlanRunner.run(into:)`, the stubs' `into:` form).
//
// A call that returns new arrays hands the kernels fresh memory whose pages fault in on first
// touch: on this machine kind (2 cores, PoCL 3.1) a kernel adding two float32[16M] arrays took
// 48 ms writing a fresh array and 6 ms writing one written before, at one time (a standalone
// OpenCL C program, huge pages advised either way). Direct runs now fault new result arrays in
// on the host first (`HugePages.prefault`), which the plain measurement's device and wall time
// include. This measurement allocates each output once, writes it once, and reuses it for every
// run, as a caller that keeps its result buffers would: no faults at all.

import DRCPlan
import DRCReplay
import DRCRuntime
import Foundation

/// Output memory allocated once and written once, reused by every run.
final class ReusedOutputs {
  /// The memory of each output, by name.
  let storage: [String: UnsafeMutableRawBufferPointer]

  /// Memory for each of `plan`'s outputs, or nil when together they would exceed `limit` bytes
  /// (the benchmark then leaves this measurement out rather than allocate it).
  init?(plan: Plan, limit: Int) {
    var total = 0
    var sizes: [(String, Int)] = []
    for output in plan.outputs {
      let bytes = MemoryBudget.bytes(output.shape, size: output.dtype.size)
      total = MemoryBudget.add(total, bytes)
      sizes.append((output.name, bytes))
    }
    guard total <= limit else { return nil }
    var storage: [String: UnsafeMutableRawBufferPointer] = [:]
    for (name, bytes) in sizes where bytes > 0 && storage[name] == nil {
      let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 64)
      if let base = memory.baseAddress { HugePages.advise(base, count: bytes) }
      memory.initializeMemory(as: UInt8.self, repeating: 0)
      storage[name] = memory
    }
    self.storage = storage
  }

  deinit {
    for memory in storage.values { memory.deallocate() }
  }
}
