// Direct runs: kernels read the caller's arrays and write the result arrays in place.
//
// In `TransferMode.direct` (the default on host-unified devices such as PoCL's CPU device) a run
// binds, for each input, a read-only buffer wrapping the caller's contiguous array
// (`CLBuffer.wrapping`), and for each output a buffer wrapping a new, uninitialised result array;
// after the last launch one map per output makes the kernels' writes visible to the host. No
// element is copied on the way in or out. The wrapping buffers replace the runner's own for that
// one run and are released before the result arrays are handed back.
//
// What cannot be wrapped is copied as in `mapped` mode: an input whose buffer some kernel also
// writes (plans never do, as `UpdateIsolation` copies a base an update would overwrite, but a
// hand-edited plan might, and the caller's array must not change), an input whose array is smaller
// than its buffer, an empty value, an output that shares an input's buffer, and a second output
// of one buffer with another dtype or shape.

import DRCIR
import DRCOpenCL
import DRCPlan
import DRCRuntime

/// A result array a direct run writes in place: which buffer, and the array's form.
struct DirectOutput {
  /// The output's name.
  var name: String
  /// The plan buffer the output lives in.
  var buffer: Int
  /// Its element type.
  var dtype: DType
  /// Its shape.
  var shape: [Int]
  /// Elements in the output.
  var count: Int
  /// Elements the array is allocated with: the whole buffer, which kernels may also use for
  /// other values earlier in the run.
  var capacity: Int
  /// The caller's memory for it (`run(into:)`), or nil for a new array.
  var provided: UnsafeMutableRawPointer? = nil
}

extension OpenCLPlanRunner {
  /// Buffers some launch of `plan` stores into.
  static func storedBuffers(_ plan: Plan) -> Set<Int> {
    var stored = Set<Int>()
    for step in plan.steps where step.kind == .launch {
      guard let k = step.kernel, k >= 0, k < plan.kernels.count else { continue }
      for store in plan.kernels[k].stores where store.arg >= 0 && store.arg < step.bindings.count {
        stored.insert(step.bindings[store.arg])
      }
    }
    return stored
  }

  /// Binds a read-only buffer over each input's array where it can (the buffer keeps the array's
  /// storage alive), copies the others into the runner's buffers, and returns the buffers it
  /// replaced, to restore after the run.
  func bindInputsDirectly(_ inputs: [String: HostArray]) throws -> [(Int, CLBuffer)] {
    let stored = storedBuffers
    var replaced: [(Int, CLBuffer)] = []
    for input in plan.inputs {
      let value = try value(of: input, in: inputs)
      let b = input.buffer
      guard b >= 0, b < buffers.count, b < plan.buffers.count else {
        throw ReplayError("input '\(input.name)' names no buffer")
      }
      let bytes = value.count * value.dtype.size
      if !stored.contains(b), bytes > 0, bytes >= plan.buffers[b].bytes,
        replaced.allSatisfy({ $0.0 != b }), let address = value.elementAddress
      {
        let wrapper = try CLBuffer.wrapping(
          address, count: bytes, access: .readOnly, keeper: value.storage, context: context)
        replaced.append((b, buffers[b]))
        buffers[b] = wrapper
      } else {
        try upload(value, to: b)
      }
    }
    return replaced
  }

  /// The outputs a direct run can write in place, one per buffer: into the caller's `storage`
  /// when it holds the output's whole buffer, else into a new array.
  func directOutputs(_ storage: [String: UnsafeMutableRawBufferPointer] = [:]) -> [DirectOutput] {
    let inputBuffers = Set(plan.inputs.map(\.buffer))
    var seen = Set<Int>()
    var result: [DirectOutput] = []
    for o in plan.outputs where !inputBuffers.contains(o.buffer) && !seen.contains(o.buffer) {
      guard o.buffer >= 0, o.buffer < plan.buffers.count, o.dtype.size > 0 else { continue }
      var count = 1
      for extent in o.shape {
        let (product, overflow) = count.multipliedReportingOverflow(by: extent)
        guard extent >= 0, !overflow else { return [] }
        count = product
      }
      let bytes = plan.buffers[o.buffer].bytes
      let capacity = max(count, (bytes + o.dtype.size - 1) / o.dtype.size)
      guard count > 0 else { continue }
      var provided: UnsafeMutableRawPointer? = nil
      if let given = storage[o.name] {
        // Memory smaller than the buffer (which other values also use) gets a copy instead.
        guard given.count >= capacity * o.dtype.size, let base = given.baseAddress else { continue }
        provided = base
      }
      seen.insert(o.buffer)
      result.append(
        DirectOutput(
          name: o.name, buffer: o.buffer, dtype: o.dtype, shape: o.shape, count: count,
          capacity: capacity, provided: provided))
    }
    return result
  }

  /// Allocates an uninitialised array for each of `outputs` (or takes the caller's memory),
  /// binds a buffer wrapping each in place of the runner's, runs `body`, which calls the closure
  /// it is given after its last command and before its final wait (the maps that make the
  /// kernels' writes visible on the host join that wait), completes the maps, restores the
  /// runner's buffers and returns the new arrays by buffer. When `body` throws, no array is
  /// returned and the error propagates.
  func withDirectOutputs(
    _ outputs: [DirectOutput], _ body: (_ beforeWait: () throws -> Void) throws -> Void
  ) throws -> [Int: HostArray] {
    var addresses: [UnsafeMutableRawPointer] = []
    var results: [Int: HostArray] = [:]
    func innermost() throws {
      var replaced: [(Int, CLBuffer)] = []
      // The wrapping buffers die here, before any result array leaves its closure.
      defer { for (b, buffer) in replaced.reversed() { buffers[b] = buffer } }
      for (output, address) in zip(outputs, addresses) {
        let wrapper = try CLBuffer.wrapping(
          address, count: output.capacity * output.dtype.size, access: .readWrite, keeper: nil,
          context: context)
        replaced.append((output.buffer, buffers[output.buffer]))
        buffers[output.buffer] = wrapper
      }
      var mapped: [UnsafeMutableRawPointer?] = []
      do {
        try body {
          for output in outputs {
            mapped.append(
              try buffers[output.buffer].enqueueHostSynchronisation(
                count: output.count * output.dtype.size))
          }
        }
        guard mapped.count == outputs.count else {
          throw ReplayError("the run did not make its outputs visible to the host")
        }
      } catch {
        // Nothing may still write the arrays when their memory is given back.
        try? context.finish()
        throw error
      }
      for (output, pointer) in zip(outputs, mapped) {
        try buffers[output.buffer].completeHostSynchronisation(
          pointer, count: output.count * output.dtype.size)
      }
    }
    func allocate(_ i: Int) throws {
      guard i < outputs.count else { return try innermost() }
      let output = outputs[i]
      if let provided = output.provided {
        addresses.append(provided)
        return try allocate(i + 1)
      }
      func make<T: HostElement>(_: T.Type) throws -> HostArray {
        guard MemoryLayout<T>.stride == output.dtype.size else {
          throw ReplayError("\(output.dtype) elements are not \(output.dtype.size) bytes here")
        }
        let values = try [T](unsafeUninitializedCapacity: output.capacity) { storage, count in
          guard let base = storage.baseAddress else {
            throw ReplayError("no memory for an output of \(output.capacity) elements")
          }
          HugePages.prefault(
            UnsafeMutableRawPointer(base), count: output.capacity * output.dtype.size)
          addresses.append(UnsafeMutableRawPointer(base))
          try allocate(i + 1)
          count = output.count
        }
        return try HostArray(typed: values, shape: output.shape)
      }
      switch output.dtype {
      case .bool: results[output.buffer] = try make(Bool.self)
      case .int32: results[output.buffer] = try make(Int32.self)
      case .int64: results[output.buffer] = try make(Int64.self)
      case .float32: results[output.buffer] = try make(Float.self)
      case .float64: results[output.buffer] = try make(Double.self)
      }
    }
    try allocate(0)
    return results
  }

  /// Checks that each named output exists and that its memory has exactly its bytes.
  func checkStorage(_ storage: [String: UnsafeMutableRawBufferPointer]) throws {
    for (name, memory) in storage {
      guard let o = plan.outputs.first(where: { $0.name == name }) else {
        throw ReplayError("no output named '\(name)' to write into the memory given")
      }
      var bytes = o.dtype.size
      for extent in o.shape {
        let (product, overflow) = bytes.multipliedReportingOverflow(by: extent)
        guard extent >= 0, !overflow else { throw ReplayError("output '\(name)' is too large") }
        bytes = product
      }
      guard memory.count == bytes, bytes == 0 || memory.baseAddress != nil else {
        throw ReplayError(
          "output '\(name)' is \(o.dtype)\(o.shape) (\(bytes) bytes); the memory given has \(memory.count)"
        )
      }
    }
  }

  /// Writes output `o` into the caller's `target`: from `value` when the run already read it,
  /// else straight from its buffer with one copy.
  func copyOut(_ o: PlanOutput, _ value: HostArray?, to target: UnsafeMutableRawBufferPointer)
    throws
  {
    guard target.count > 0, let to = target.baseAddress else { return }
    let contiguous = value?.contiguous()
    if let contiguous, let from = contiguous.elementAddress {
      withExtendedLifetime(contiguous) { HostCopy.copy(to: to, from: from, count: target.count) }
      copiedBytes += target.count
      return
    }
    guard o.buffer >= 0, o.buffer < buffers.count else {
      throw ReplayError("output '\(o.name)' names no buffer")
    }
    let buffer = buffers[o.buffer]
    if transferMode == .copying || target.count < TransferMode.mappedMinimumBytes {
      try buffer.download(into: target)
    } else {
      try buffer.withMappedBytes(.read, count: target.count) { mapped in
        if let from = mapped.baseAddress {
          HostCopy.copy(to: to, from: UnsafeRawPointer(from), count: target.count)
        }
      }
    }
    copiedBytes += target.count
  }
}

extension HostArray {
  /// The address of the first element of a row-major array with offset 0 (`contiguous()`), or
  /// nil when it has none. The storage is an immutable array inside `storage`, a class instance:
  /// the address stays valid, and its bytes unchanged, for as long as `storage` is alive.
  public var elementAddress: UnsafeMutableRawPointer? {
    guard offset == 0, isContiguous, count > 0 else { return nil }
    func address<T>(_ values: [T]) -> UnsafeMutableRawPointer? {
      values.withUnsafeBytes { UnsafeMutableRawPointer(mutating: $0.baseAddress) }
    }
    switch storage.buffer {
    case .bool(let v): return address(v)
    case .int32(let v): return address(v)
    case .int64(let v): return address(v)
    case .float32(let v): return address(v)
    case .float64(let v): return address(v)
    }
  }
}
