// Checking a plan before anything runs it: every index in range, every access inside its buffer.
//
// Plans are produced by drc, but a runtime may load one from disk (a shipped plan, a cache), so
// the runtime verifies it as untrusted input: SSA operands come earlier, arguments have the kind
// and dtype their uses need, inner values never leak into outer ones except through an
// accumulation, every map has the right rank and (unless clamped) stays inside the buffer as
// viewed, every launch binds buffers large enough for every map of its kernel, and interface
// entries name real buffers of the right size. The compiler runs it on its own output too, so a
// fusion bug is an internal error naming the kernel, not an out-of-bounds write on a device.

import DRCIR

/// Verifies plans.
public enum PlanVerifier {
  /// Throws a `PlanError` describing the first problem found in `plan`.
  public static func check(_ plan: Plan) throws {
    for (k, kernel) in plan.kernels.enumerated() {
      do { try check(kernel) } catch let error as PlanError {
        throw PlanError("kernel \(k) (\(kernel.name)): \(error.message)")
      }
    }
    func buffer(_ id: Int, bytes: Int, _ what: String) throws {
      guard id >= 0, id < plan.buffers.count else {
        throw PlanError("\(what) names missing buffer \(id)")
      }
      guard plan.buffers[id].bytes >= bytes else {
        throw PlanError(
          "\(what) needs \(bytes) bytes but buffer \(id) has \(plan.buffers[id].bytes)")
      }
    }
    for input in plan.inputs {
      try buffer(
        input.buffer, bytes: input.shape.reduce(1, *) * input.dtype.size, "input '\(input.name)'")
    }
    for output in plan.outputs {
      try buffer(
        output.buffer, bytes: output.shape.reduce(1, *) * output.dtype.size,
        "output '\(output.name)'")
    }
    for (s, step) in plan.steps.enumerated() {
      switch step.kind {
      case .readback:
        guard let b = step.buffer, let dtype = step.dtype, let shape = step.shape else {
          throw PlanError("step \(s): read-back without buffer, dtype or shape")
        }
        try buffer(b, bytes: shape.reduce(1, *) * dtype.size, "step \(s) read-back")
      case .launch:
        guard let k = step.kernel, k >= 0, k < plan.kernels.count else {
          throw PlanError("step \(s): no such kernel")
        }
        let kernel = plan.kernels[k]
        guard step.bindings.count == kernel.args.count else {
          throw PlanError(
            "step \(s): \(step.bindings.count) bindings for \(kernel.args.count) arguments")
        }
        for (i, arg) in kernel.args.enumerated() {
          let bound = step.bindings[i]
          if arg.access == .scalar {
            guard bound >= 0, bound < plan.params.count else {
              throw PlanError("step \(s): parameter \(bound) missing")
            }
          } else {
            try buffer(
              bound, bytes: requiredBytes(kernel, arg: i), "step \(s) argument \(arg.name)")
          }
        }
      }
    }
  }

  /// The bytes argument `arg` must have for every map of `kernel` that uses it.
  static func requiredBytes(_ kernel: Kernel, arg: Int) -> Int {
    var elements = 0
    for value in kernel.body {
      if case .load(arg, let map) = value.op { elements = max(elements, map.shape.reduce(1, *)) }
    }
    for store in kernel.stores where store.arg == arg {
      elements = max(elements, store.map.shape.reduce(1, *))
    }
    return elements * kernel.args[arg].dtype.size
  }

  /// Checks one kernel's body and stores.
  static func check(_ kernel: Kernel) throws {
    if let width = kernel.vectorWidth, !VectorWidths.allowed.contains(width) {
      throw PlanError("vector width \(width) (allowed: \(VectorWidths.allowedText))")
    }
    let outer = kernel.outer
    let full = kernel.fullSpace
    func map(_ m: IndexMap, space: [Int], _ what: String) throws {
      guard m.coefficients.count == m.shape.count, m.offsets.count == m.shape.count,
        m.coefficients.allSatisfy({ $0.count == space.count })
      else {
        throw PlanError("\(what): map rank does not match buffer \(m.shape) over space \(space)")
      }
      if !m.clamp && !m.staysInBounds(over: space) {
        throw PlanError("\(what): map leaves buffer \(m.shape)")
      }
      if m.clamp && m.shape.contains(0) && !space.contains(0) {
        throw PlanError("\(what): clamped read of an empty buffer")
      }
    }
    for (i, v) in kernel.body.enumerated() {
      let what = "value \(i)"
      for o in v.op.operands {
        guard o >= 0 && o < i else {
          throw PlanError("\(what): operand \(o) is not an earlier value")
        }
        if case .accumulate = v.op {
          guard kernel.body[o].inner else { throw PlanError("\(what): accumulates an outer value") }
        } else if kernel.body[o].inner && !v.inner {
          throw PlanError("\(what): outer value reads inner value \(o)")
        }
      }
      if v.inner && kernel.inner.isEmpty {
        throw PlanError("\(what): inner value in a kernel without inner space")
      }
      switch v.op {
      case .load(let arg, let m):
        guard arg >= 0, arg < kernel.args.count, kernel.args[arg].access != .scalar else {
          throw PlanError("\(what): load of argument \(arg), which is not a buffer")
        }
        guard kernel.args[arg].dtype == v.dtype else {
          throw PlanError("\(what): load dtype differs from its argument")
        }
        try map(m, space: v.inner ? full : outer, what)
      case .param(let arg):
        guard arg >= 0, arg < kernel.args.count, kernel.args[arg].access == .scalar else {
          throw PlanError("\(what): parameter argument \(arg) is not a scalar")
        }
      case .index(let c, _), .inRange(let c, _, _, _):
        guard c.count == (v.inner ? full : outer).count else {
          throw PlanError("\(what): index rank mismatch")
        }
      case .accumulate:
        guard !v.inner else { throw PlanError("\(what): an accumulation must be an outer value") }
      default: break
      }
    }
    for store in kernel.stores {
      guard store.arg >= 0, store.arg < kernel.args.count,
        kernel.args[store.arg].access == .write || kernel.args[store.arg].access == .readWrite
      else { throw PlanError("store to argument \(store.arg), which is not writable") }
      guard store.value >= 0, store.value < kernel.body.count, !kernel.body[store.value].inner
      else {
        throw PlanError("store of value \(store.value), which is not an outer value")
      }
      guard kernel.body[store.value].dtype == kernel.args[store.arg].dtype else {
        throw PlanError("store dtype differs from argument \(store.arg)")
      }
      try map(store.map, space: outer, "store to argument \(store.arg)")
      if store.map.clamp { throw PlanError("store to argument \(store.arg) is clamped") }
    }
  }
}
