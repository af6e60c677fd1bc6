// Moving data between host arrays and a runner's device buffers: no copy, or at most one each way.
//
// Three modes (`TransferMode`). On a device that shares the host's memory (PoCL's CPU device
// reports CL_DEVICE_HOST_UNIFIED_MEMORY) the default is `direct`: kernels read the caller's input
// arrays and write the result arrays in place, through buffers wrapping that memory
// (CL_MEM_USE_HOST_PTR, `OpenCLPlanRunner+Direct.swift`), so no element is copied. `mapped` is the
// one-copy form on the same devices: the runner's input and output buffers live in
// host-accessible memory (CL_MEM_ALLOC_HOST_PTR) and an input is copied once into the mapped
// buffer, an output once out of it. Elsewhere (discrete GPUs) transfers are blocking read and
// write commands straight from and into the arrays' own storage: the driver's copy is the only
// one. Where a direct run cannot wrap a value (a buffer some kernel also writes, a size that
// differs) it falls back to the mapped copy. Arrays under `mappedMinimumBytes` take the read and
// write commands when copied: a map costs queue round trips that a small copy does not repay.
// Hosts are little-endian, so elements are copied as bytes.

import DRCIR
import DRCOpenCL
import DRCPlan
import DRCRuntime
import Foundation

/// How a runner moves inputs and outputs between host arrays and device buffers.
public enum TransferMode: String, Sendable, CaseIterable {
  /// Kernels use the caller's arrays and the result arrays in place (buffers over host memory,
  /// CL_MEM_USE_HOST_PTR): no copy; the default on devices with host-unified memory.
  case direct
  /// Buffers in host-accessible memory, written and read through `clEnqueueMapBuffer` with one
  /// copy each way; the default on devices with host-unified memory.
  case mapped
  /// Blocking read and write commands from and into the arrays' storage; the default elsewhere.
  case copying

  /// Below this many bytes a mapped-mode runner still uses a blocking read or write command: a
  /// map and unmap are two queue round trips (measured on PoCL: 5 maps for 256-element arrays
  /// took 0.17 ms a call against 0.05 ms for the commands), which only large arrays repay.
  public static let mappedMinimumBytes = 1 << 20

  /// The environment variable that forces a mode (`direct`, `mapped` or `copying`) for every runner that
  /// was not given one explicitly; other values are ignored.
  public static let environmentVariable = "DRC_TRANSFERS"

  /// The mode a runner on `device` uses: `requested` if given, else the environment's, else
  /// `direct` exactly when the device shares the host's memory.
  public static func choose(
    _ requested: TransferMode?, for device: CLDevice,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> TransferMode {
    if let requested { return requested }
    if let named = environment[environmentVariable].flatMap(TransferMode.init(rawValue:)) {
      return named
    }
    return device.hostUnifiedMemory ? .direct : .copying
  }
}

extension OpenCLPlanRunner {
  /// Uploads inputs after checking their dtype and shape.
  func upload(_ inputs: [String: HostArray]) throws {
    for input in plan.inputs {
      try upload(try value(of: input, in: inputs), to: input.buffer)
    }
  }

  /// `input`'s value in `inputs`, row-major, after checking its dtype and shape.
  func value(of input: PlanInput, in inputs: [String: HostArray]) throws -> HostArray {
    guard let value = inputs[input.name] else {
      throw ReplayError("no value for input '\(input.name)'")
    }
    guard value.dtype == input.dtype, value.shape == input.shape else {
      throw ReplayError(
        "input '\(input.name)' is \(value.dtype)\(value.shape), expected \(input.dtype)\(input.shape)"
      )
    }
    return value.contiguous()
  }

  /// Writes a contiguous array's elements into device buffer `id` with one copy; returns when
  /// the bytes are in the buffer (the array is not needed afterwards).
  func upload(_ value: HostArray, to id: Int) throws {
    guard id >= 0, id < buffers.count else { throw ReplayError("no buffer \(id) to write") }
    try OpenCLPlanRunner.write(value, into: buffers[id], mode: transferMode)
    copiedBytes += value.count * value.dtype.size
  }

  /// Writes a contiguous array's elements into `buffer` with one copy (mapped in `.mapped` and
  /// `.direct` modes when the array is large), returning when the bytes are there.
  public static func write(_ value: HostArray, into buffer: CLBuffer, mode: TransferMode) throws {
    func copy(_ bytes: UnsafeRawBufferPointer) throws {
      guard bytes.count <= buffer.size else {
        throw ReplayError("cannot write \(bytes.count) bytes into a buffer of \(buffer.size)")
      }
      if mode == .copying || bytes.count < TransferMode.mappedMinimumBytes {
        try buffer.upload(bytes)
      } else {
        try buffer.withMappedBytes(.overwrite, count: bytes.count) { target in
          if let to = target.baseAddress, let from = bytes.baseAddress {
            HostCopy.copy(to: to, from: from, count: bytes.count)
          }
        }
      }
    }
    switch value.storage.buffer {
    case .bool(let v): try v.withUnsafeBytes(copy)
    case .int32(let v): try v.withUnsafeBytes(copy)
    case .int64(let v): try v.withUnsafeBytes(copy)
    case .float32(let v): try v.withUnsafeBytes(copy)
    case .float64(let v): try v.withUnsafeBytes(copy)
    }
  }

  /// Reads every bounds check's count (a blocking read: the queue finishes first) and throws
  /// the first failure's error (`PlanCheck`); nothing to do for a plan without checks.
  func checkBounds() throws {
    let failure = try plan.checkFailure { check in
      try download(check.buffer, dtype: .int64, shape: []).int64s().first ?? 0
    }
    if let failure { throw ReplayError(failure) }
  }

  /// Reads a buffer's first `shape` elements as a new array, waiting for the commands before.
  /// After a direct run the runner's own input and output buffers were not used (the run bound
  /// the caller's arrays and the result arrays in their place): read the results instead.
  public func download(_ buffer: Int, dtype: DType, shape: [Int]) throws -> HostArray {
    guard buffer >= 0, buffer < buffers.count, buffer < plan.buffers.count else {
      throw ReplayError("no buffer \(buffer) to read")
    }
    let value = try OpenCLPlanRunner.read(
      buffers[buffer], dtype: dtype, shape: shape, limit: plan.buffers[buffer].bytes,
      mode: transferMode)
    copiedBytes += value.count * dtype.size
    return value
  }

  /// Reads `source`'s first `shape` elements (at most `limit` bytes) as a new array with one
  /// copy, waiting for the commands before.
  public static func read(
    _ source: CLBuffer, dtype: DType, shape: [Int], limit: Int? = nil, mode: TransferMode
  ) throws -> HostArray {
    var bytes = dtype.size
    for extent in shape {
      let (product, overflow) = bytes.multipliedReportingOverflow(by: extent)
      guard extent >= 0, !overflow else { throw ReplayError("bad shape \(shape) to read") }
      bytes = product
    }
    guard bytes <= (limit ?? source.size), bytes <= source.size else {
      throw ReplayError("cannot read \(bytes) bytes from a buffer of \(limit ?? source.size)")
    }
    let count = bytes / max(dtype.size, 1)
    func read<T: HostElement>(_: T.Type) throws -> HostArray {
      guard MemoryLayout<T>.stride == dtype.size else {
        throw ReplayError("\(dtype) elements are not \(dtype.size) bytes on this host")
      }
      let values = try [T](unsafeUninitializedCapacity: count) { elements, initialized in
        let target = UnsafeMutableRawBufferPointer(
          start: elements.baseAddress, count: bytes)
        if let base = target.baseAddress { HugePages.advise(base, count: bytes) }
        if mode == .copying || bytes < TransferMode.mappedMinimumBytes {
          try source.download(into: target)
        } else {
          try source.withMappedBytes(.read, count: target.count) { mapped in
            if let to = target.baseAddress, let from = mapped.baseAddress {
              HostCopy.copy(to: to, from: UnsafeRawPointer(from), count: target.count)
            }
          }
        }
        initialized = count
      }
      return try HostArray(typed: values, shape: shape)
    }
    switch dtype {
    case .bool: return try read(Bool.self)
    case .int32: return try read(Int32.self)
    case .int64: return try read(Int64.self)
    case .float32: return try read(Float.self)
    case .float64: return try read(Double.self)
    }
  }
}
