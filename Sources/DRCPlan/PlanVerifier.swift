// Checking a plan before anything runs it: every index in range, every access inside its buffer.
//
// Plans are produced by drc, but a runtime may load one from disk (a shipped plan, a cache, a
// stub's embedded plan a user edited), so the runtime verifies it as untrusted input: no
// negative extent, size, count or width; no integer the compiler or runtime derives from the
// plan overflows (`Checked`); SSA operands come earlier, arguments have the kind and dtype
// their uses need, inner values never leak into outer ones except through an accumulation,
// every map has the right rank and (unless clamped) stays inside the buffer as viewed, every
// launch binds buffers large enough for every map of its kernel, interface entries name real
// buffers of the right size, and every buffer is written by an earlier step (or is an input)
// before a kernel loads it, the host reads it back, or it is returned as an output. The
// compiler runs it on its own output too, so a fusion bug is an internal error naming the
// kernel, not an out-of-bounds write on a device. Kernel checks: PlanVerifier+Kernel.swift.

import DRCIR

/// Verifies plans.
public enum PlanVerifier {
  /// Throws a `PlanError` describing the first problem found in `plan`.
  public static func check(_ plan: Plan) throws {
    try checkSizes(plan)
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
      let what = "input '\(input.name)'"
      try buffer(input.buffer, bytes: try Checked.bytes(input.shape, input.dtype, what), what)
    }
    for output in plan.outputs {
      let what = "output '\(output.name)'"
      try buffer(output.buffer, bytes: try Checked.bytes(output.shape, output.dtype, what), what)
    }
    for value in plan.values {
      let what = "value of node \(value.node)"
      try buffer(value.buffer, bytes: try Checked.bytes(value.shape, value.dtype, what), what)
      guard value.step >= 0, value.step < plan.steps.count else {
        throw PlanError("\(what) names missing step \(value.step)")
      }
    }
    // Buffers holding data: inputs at the start, then whatever each launch stores to.
    var written = Set(plan.inputs.map(\.buffer))
    for (s, step) in plan.steps.enumerated() {
      switch step.kind {
      case .readback:
        guard let b = step.buffer, let dtype = step.dtype, let shape = step.shape else {
          throw PlanError("step \(s): read-back without buffer, dtype or shape")
        }
        let what = "step \(s) read-back"
        try buffer(b, bytes: try Checked.bytes(shape, dtype, what), what)
        guard written.contains(b) else {
          throw PlanError("\(what) reads buffer \(b), which no earlier step writes")
        }
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
              bound, bytes: try requiredBytes(kernel, arg: i), "step \(s) argument \(arg.name)")
          }
        }
        for arg in loadedArguments(kernel) where !written.contains(step.bindings[arg]) {
          throw PlanError(
            "step \(s) (\(kernel.name)) reads buffer \(step.bindings[arg]) as argument "
              + "\(kernel.args[arg].name), which no earlier step writes")
        }
        for store in kernel.stores { written.insert(step.bindings[store.arg]) }
      }
    }
    for output in plan.outputs where !written.contains(output.buffer) {
      throw PlanError(
        "output '\(output.name)' is buffer \(output.buffer), which no step writes and no input fills"
      )
    }
    for (c, check) in plan.checks.enumerated() {
      let what = "check \(c)"
      try buffer(check.buffer, bytes: DType.int64.size, what)
      guard written.contains(check.buffer) else {
        throw PlanError("\(what) reads buffer \(check.buffer), which no step writes")
      }
    }
  }

  /// Refuses negative sizes and counts, byte totals that overflow, and a symbol whose sites do
  /// not fit the plan.
  static func checkSizes(_ plan: Plan) throws {
    var total = 0
    for (b, buffer) in plan.buffers.enumerated() {
      try Checked.nonNegative(buffer.bytes, "buffer \(b) size")
      total = try Checked.add(total, buffer.bytes, "the total size of the buffers")
    }
    let stats = plan.stats
    for (name, value) in [
      ("kernels", stats.kernels), ("launches", stats.launches), ("bytesMoved", stats.bytesMoved),
      ("scratchBytes", stats.scratchBytes), ("minimumBytes", stats.minimumBytes),
      ("peakBytes", stats.peakBytes),
    ] {
      try Checked.nonNegative(value, "stats.\(name)")
    }
    var seen = Set<[String]>()
    for symbol in plan.symbols {
      try checkSymbol(symbol, plan)
      guard plan.symbols.filter({ $0.name == symbol.name }).count == 1,
        symbol.recorded.count == plan.symbols[0].recorded.count
      else {
        throw PlanError("symbol \(symbol.name): repeated, or recorded at other sizes than the rest")
      }
      for site in symbol.sites where !seen.insert(site.path).inserted {
        throw PlanError(
          "symbol \(symbol.name): site \(site.path.joined(separator: "/")) has two symbols")
      }
      for site in symbol.sites {
        if let other = site.times, !plan.symbols.contains(where: { $0.name == other }) {
          throw PlanError(
            "symbol \(symbol.name): site \(site.path.joined(separator: "/")) multiplies by \(other), which is no symbol of the plan"
          )
        }
      }
    }
    // A derived parameter's formula names symbols of the plan and computes at the recorded
    // sizes. (An instantiated plan, checked without its symbols, keeps the values it was given.)
    let sizes = Dictionary(
      plan.symbols.map { ($0.name, $0.recorded.first ?? 0) }, uniquingKeysWith: { a, _ in a })
    for param in plan.params where !plan.symbols.isEmpty {
      guard let formula = param.derived else { continue }
      do { _ = try formula.scalar(sizes, as: param.dtype) } catch {
        throw PlanError("parameter '\(param.name)': \(error)")
      }
    }
  }

  /// Checks one symbol: recorded lengths, factors, offsets and its input relations.
  static func checkSymbol(_ symbol: PlanSymbol, _ plan: Plan) throws {
    guard !symbol.recorded.isEmpty, symbol.recorded.allSatisfy({ $0 >= 1 }) else {
      throw PlanError("symbol \(symbol.name): recorded lengths \(symbol.recorded) must be >= 1")
    }
    for site in symbol.sites where site.factor < 1 {
      throw PlanError(
        "symbol \(symbol.name): site \(site.path.joined(separator: "/")) has factor \(site.factor) (must be >= 1)"
      )
    }
    for site in symbol.sites where !(-(1 << 40)...(1 << 40)).contains(site.offset ?? 0) {
      throw PlanError(
        "symbol \(symbol.name): site \(site.path.joined(separator: "/")) has offset \(site.offset ?? 0) (out of range)"
      )
    }
    guard !symbol.inputRelations.isEmpty || symbol.given == true else {
      throw PlanError("symbol \(symbol.name): no input axis has it, so no call could give it")
    }
    if symbol.given == true, !symbol.inputRelations.isEmpty {
      throw PlanError("symbol \(symbol.name): given by the caller, yet an input axis has it")
    }
    for (input, axis, site) in symbol.inputRelations {
      guard input >= 0, input < plan.inputs.count, axis >= 0,
        axis < plan.inputs[input].shape.count
      else {
        throw PlanError("symbol \(symbol.name): no axis \(axis) of input \(input)")
      }
      // The plan is instantiated at the first recorded length: each relation must hold there.
      let value = try site.value(symbol.recorded[0], symbol: symbol.name)
      guard value == plan.inputs[input].shape[axis] else {
        throw PlanError(
          "symbol \(symbol.name): input \(input) axis \(axis) is \(plan.inputs[input].shape[axis]), not \(site.relation(symbol.name)) = \(value)"
        )
      }
    }
  }
}
