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
      guard let given = inputs[input.name] else {
        throw ReplayError("no value for input '\(input.name)'")
      }
      guard given.dtype == input.dtype, given.shape == input.shape else {
        throw ReplayError(
          "input '\(input.name)' is \(given.dtype)\(given.shape), expected \(input.dtype)\(input.shape)"
        )
      }
      let value = given.contiguous()
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

  /// The outputs a direct run can write in place, one per buffer.
  func directOutputs() -> [DirectOutput] {
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
      seen.insert(o.buffer)
      result.append(
        DirectOutput(
          buffer: o.buffer, dtype: o.dtype, shape: o.shape, count: count, capacity: capacity))
    }
    return result
  }

  /// Allocates an uninitialised array for each of `outputs`, binds a buffer wrapping each in
  /// place of the runner's, runs `body` (which must leave every launch finished), makes the
  /// kernels' writes visible, restores the runner's buffers and returns the arrays by buffer.
  /// When `body` throws, no array is returned and the error propagates.
  func withDirectOutputs(
    _ outputs: [DirectOutput], _ body: () throws -> Void
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
      do {
        try body()
      } catch {
        // Nothing may still write the arrays when their memory is given back.
        try? context.finish()
        throw error
      }
      for output in outputs {
        try buffers[output.buffer].synchroniseForHost(count: output.count * output.dtype.size)
      }
    }
    func allocate(_ i: Int) throws {
      guard i < outputs.count else { return try innermost() }
      let output = outputs[i]
      func make<T: HostElement>(_: T.Type) throws -> HostArray {
        guard MemoryLayout<T>.stride == output.dtype.size else {
          throw ReplayError("\(output.dtype) elements are not \(output.dtype.size) bytes here")
        }
        let values = try [T](unsafeUninitializedCapacity: output.capacity) { storage, count in
          guard let base = storage.baseAddress else {
            throw ReplayError("no memory for an output of \(output.capacity) elements")
          }
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
