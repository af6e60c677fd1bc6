// Moving data between host arrays and a runner's device buffers.
//
// Inputs are copied into host staging memory owned by the runner and uploaded without waiting;
// outputs are read back into staging memory, all with one wait, then copied into arrays. The
// staging memory stays alive and unchanged until the queue has finished, which is what OpenCL
// requires of transfers that do not block. Hosts are little-endian, so elements are copied as
// bytes.

import DRCIR
import DRCOpenCL
import DRCPlan
import DRCRuntime

extension OpenCLPlanRunner {
  /// Staging memory of at least `bytes` for buffer `buffer`.
  func stage(_ buffer: Int, bytes: Int) -> UnsafeMutableRawBufferPointer {
    if let memory = staging[buffer], memory.count >= bytes { return memory }
    staging[buffer]?.deallocate()
    let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes, 1), alignment: 64)
    staging[buffer] = memory
    return memory
  }

  /// Uploads inputs after checking their dtype and shape.
  func upload(_ inputs: [String: HostArray]) throws {
    for input in plan.inputs {
      guard let value = inputs[input.name] else {
        throw ReplayError("no value for input '\(input.name)'")
      }
      guard value.dtype == input.dtype, value.shape == input.shape else {
        throw ReplayError(
          "input '\(input.name)' is \(value.dtype)\(value.shape), expected \(input.dtype)\(input.shape)"
        )
      }
      try upload(value.contiguous(), to: input.buffer)
    }
  }

  /// Copies a contiguous array's elements into staging memory and enqueues their upload to
  /// device buffer `id` without waiting (hosts are little-endian).
  func upload(_ value: HostArray, to id: Int) throws {
    func copy(_ bytes: UnsafeRawBufferPointer) throws {
      let memory = stage(id, bytes: bytes.count)
      if let base = bytes.baseAddress, bytes.count > 0 {
        memory.baseAddress?.copyMemory(from: base, byteCount: bytes.count)
      }
      if let target = memory.baseAddress {
        try buffers[id].enqueueUpload(from: target, count: bytes.count)
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

  /// The first `shape` elements of buffer `id`'s staging memory (after a finished download).
  func staged(_ id: Int, dtype: DType, shape: [Int]) throws -> HostArray {
    let n = shape.reduce(1, *)
    let memory = stage(id, bytes: n * dtype.size)
    func read<T: HostElement>(_ zero: T) throws -> HostArray {
      var values = [T](repeating: zero, count: n)
      values.withUnsafeMutableBytes { target in
        if let to = target.baseAddress, let from = memory.baseAddress, target.count > 0 {
          to.copyMemory(from: from, byteCount: target.count)
        }
      }
      return try HostArray(typed: values, shape: shape)
    }
    switch dtype {
    case .bool: return try read(false)
    case .int32: return try read(Int32(0))
    case .int64: return try read(Int64(0))
    case .float32: return try read(Float(0))
    case .float64: return try read(Double(0))
    }
  }

  /// Reads a buffer's first `shape` elements as an array (waits for the queue).
  public func download(_ buffer: Int, dtype: DType, shape: [Int]) throws -> HostArray {
    guard buffer >= 0, buffer < buffers.count, buffer < plan.buffers.count else {
      throw ReplayError("no buffer \(buffer) to read")
    }
    var bytes = dtype.size
    for extent in shape {
      let (product, overflow) = bytes.multipliedReportingOverflow(by: extent)
      guard extent >= 0, !overflow else { throw ReplayError("bad shape \(shape) to read") }
      bytes = product
    }
    guard bytes <= plan.buffers[buffer].bytes else {
      throw ReplayError(
        "cannot read \(bytes) bytes from buffer \(buffer) of \(plan.buffers[buffer].bytes)")
    }
    if let target = stage(buffer, bytes: bytes).baseAddress {
      try buffers[buffer].enqueueDownload(into: target, count: bytes)
    }
    try context.finish()
    return try staged(buffer, dtype: dtype, shape: shape)
  }
}
