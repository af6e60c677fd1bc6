// Device-resident values between calls: one call's outputs feed the next without a round trip.
//
// `CompiledProgram.callOnDevice` runs a fixed-size plan as a resident run
// (`OpenCLPlanRunner.runResident`): nothing is downloaded and nothing waits; each output comes
// back as a `DeviceArray`, a buffer the caller now owns (the runner takes a fresh one for its
// next call). A `DeviceArray` passed to a later call, of this program or of any other program
// on the same device (they share one context and in-order queue, `CLContext.shared`), is bound
// in place; the queue orders the call after the one that computed it. Host arguments are copied
// to a buffer of their own first (one copy; kept alive by that buffer, never the caller's
// memory, so a caller may change or drop its array as soon as the call returns). Reading a
// `DeviceArray` (`host()`, `values(as:)`) waits for what computes it and copies it once.

import DRCIR
import DRCOpenCL
import DRCPlan
import DRCRuntime

/// A value on the device, produced by `CompiledProgram.callOnDevice` or `upload`.
public final class DeviceArray: @unchecked Sendable {
  /// The element type.
  public let dtype: DType
  /// The extent of each axis (row-major).
  public let shape: [Int]
  /// The buffer holding the elements (at least `shape`'s bytes).
  public let buffer: CLBuffer
  /// How reads copy (the mode of the program that made it).
  let transfers: TransferMode

  init(dtype: DType, shape: [Int], buffer: CLBuffer, transfers: TransferMode) {
    self.dtype = dtype
    self.shape = shape
    self.buffer = buffer
    self.transfers = transfers
  }

  /// The value on the host: waits for the call that computes it, then copies it once.
  public func host() throws -> HostArray {
    try OpenCLPlanRunner.read(buffer, dtype: dtype, shape: shape, mode: transfers)
  }

  /// The elements as `T` (which must be the value's element type), row-major.
  public func values<T: HostElement>(as type: T.Type) throws -> [T] {
    guard T.dtype == dtype else {
      throw CallError("a \(dtype) device value cannot be read as \(T.dtype)")
    }
    return try host().values(as: T.self)
  }
}

/// An argument of `CompiledProgram.callOnDevice`: host values (copied to the device) or a value
/// already there.
public enum ProgramArgument {
  case host(HostArray)
  case device(DeviceArray)
}

extension CompiledProgram {
  /// Copies `values` to the device as a value fit for input `name` (checked as `input` checks).
  public func upload<T: HostElement>(_ name: String, _ values: [T], shape: [Int]) throws
    -> DeviceArray
  {
    try upload(name, input(name, values, shape: shape))
  }

  /// Copies `value` (which must match input `name` exactly) to a buffer of its own.
  public func upload(_ name: String, _ value: HostArray) throws -> DeviceArray {
    let decl = try residentInput(name)
    guard value.dtype == decl.dtype, value.shape == decl.shape else {
      throw CallError(
        "input '\(name)' must be \(decl.dtype)\(decl.shape), not \(value.dtype)\(value.shape)")
    }
    // The shape is the verified plan's, so its byte count fits.
    let bytes = value.count * value.dtype.size
    let buffer = try CLBuffer(context: runner.context, size: max(bytes, 1))
    if bytes > 0 {
      try OpenCLPlanRunner.write(value.contiguous(), into: buffer, mode: runner.transferMode)
    }
    return DeviceArray(
      dtype: value.dtype, shape: value.shape, buffer: buffer, transfers: runner.transferMode)
  }

  /// Runs the program on `inputs` and leaves every output on the device; fixed-size plans only.
  /// The launches do not wait (a `.host` input's copy does): errors the device reports later
  /// surface when a result is read.
  public func callOnDevice(inputs: [String: ProgramArgument], params: [String: Scalar] = [:])
    throws -> [String: DeviceArray]
  {
    for name in inputs.keys where !plan.inputs.contains(where: { $0.name == name }) {
      throw CallError("no input named '\(name)'")
    }
    var buffers: [String: CLBuffer] = [:]
    for decl in plan.inputs {
      guard let argument = inputs[decl.name] else {
        throw CallError("input '\(decl.name)' is missing")
      }
      let value: DeviceArray
      switch argument {
      case .host(let host): value = try upload(decl.name, host)
      case .device(let device): value = device
      }
      guard value.dtype == decl.dtype, value.shape == decl.shape else {
        throw CallError(
          "input '\(decl.name)' must be \(decl.dtype)\(decl.shape), not \(value.dtype)\(value.shape)"
        )
      }
      guard value.buffer.context === runner.context else {
        throw CallError(
          "input '\(decl.name)' is on another device context: programs chain device values only on the device they share"
        )
      }
      buffers[decl.name] = value.buffer
    }
    let context = runner.context
    let result = try runner.runResident(inputs: buffers, params: params) { bytes in
      try CLBuffer(context: context, size: bytes)
    }
    var outputs: [String: DeviceArray] = [:]
    for o in plan.outputs {
      guard let buffer = result.outputs[o.name] else {
        throw CallError("the program produced no output '\(o.name)'")
      }
      outputs[o.name] = DeviceArray(
        dtype: o.dtype, shape: o.shape, buffer: buffer, transfers: runner.transferMode)
    }
    return outputs
  }

  /// The declaration of input `name` of a fixed-size plan.
  private func residentInput(_ name: String) throws -> PlanInput {
    guard plan.symbols.isEmpty else {
      throw CallError("\(plan.program) has a symbolic size: device values need a fixed-size plan")
    }
    guard let decl = plan.inputs.first(where: { $0.name == name }) else {
      throw CallError("no input named '\(name)'")
    }
    return decl
  }
}

/// A typed stub's input for `onDevice`: a host array (copied to the device for the call) or a
/// value already there.
public enum DeviceInput<T> {
  case host([T])
  case device(DeviceArray)
}

extension CompiledProgram {
  /// `input` as an argument of `callOnDevice`, a host array checked as `input(_:_:shape:)`
  /// checks it.
  public func argument<T: HostElement>(_ name: String, _ input: DeviceInput<T>, shape: [Int])
    throws -> ProgramArgument
  {
    switch input {
    case .host(let values): return .host(try self.input(name, values, shape: shape))
    case .device(let value): return .device(value)
    }
  }

  /// Output `name` of a `callOnDevice` result.
  public static func device(_ outputs: [String: DeviceArray], _ name: String) throws -> DeviceArray
  {
    guard let value = outputs[name] else {
      throw CallError("the program produced no output '\(name)'")
    }
    return value
  }
}
