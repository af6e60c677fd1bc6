// Checking one plan kernel: its extents, body, index maps and stores (see PlanVerifier.swift).
//
// Extents and maps are checked with overflow-checked arithmetic (`Checked`) before anything
// computes with them unchecked (`IndexMap.staysInBounds`, `LaunchGeometry.entries`), so a
// hand-edited coefficient or offset near Int64's limits is refused with a message, not a trap.

import DRCIR

extension PlanVerifier {
  /// The bytes argument `arg` must have for every map of `kernel` that uses it.
  static func requiredBytes(_ kernel: Kernel, arg: Int) throws -> Int {
    var elements = 0
    let what = "\(kernel.name) argument \(arg)"
    for value in kernel.body {
      for read in value.op.bufferReads where read.arg == arg {
        elements = max(elements, try Checked.elements(read.map.shape, what))
      }
    }
    for store in kernel.stores where store.arg == arg {
      elements = max(elements, try Checked.elements(store.map.shape, what))
    }
    return try Checked.multiply(elements, kernel.args[arg].dtype.size, what)
  }

  /// The arguments `kernel` loads from.
  static func loadedArguments(_ kernel: Kernel) -> Set<Int> {
    var args = Set<Int>()
    for value in kernel.body { for read in value.op.bufferReads { args.insert(read.arg) } }
    return args
  }

  /// Checks one kernel's extents, body and stores.
  static func check(_ kernel: Kernel) throws {
    if let width = kernel.vectorWidth, !VectorWidths.allowed.contains(width) {
      throw PlanError("vector width \(width) (allowed: \(VectorWidths.allowedText))")
    }
    if let groups = kernel.vectorGroups, !(1...LaunchGeometry.maxGroups).contains(groups) {
      throw PlanError("\(groups) vector groups (allowed: 1 to \(LaunchGeometry.maxGroups))")
    }
    if kernel.symbolic == true {
      // Its code reads every size from arguments; they must exist and fit (elementwise only).
      guard kernel.dynamic != true else {
        throw PlanError("\(kernel.name) is both dynamic and symbolic")
      }
      _ = try LaunchGeometry.sizeArguments(kernel)
    }
    let outer = kernel.outer
    let full = kernel.fullSpace
    let isScan =
      kernel.kind == .scan || kernel.kind == .sort || kernel.kind == .scatter
      || kernel.kind == .solve
    if isScan && kernel.inner.count != 1 {
      throw PlanError("a scan kernel needs exactly one inner axis, not \(kernel.inner.count)")
    }
    if kernel.kind == .scatter {
      let lines = kernel.body.filter { if case .scatterLine = $0.op { true } else { false } }
      guard lines.count == 1, kernel.body.count == 1, kernel.symbolic != true,
        kernel.dynamic != true, kernel.strategy == .serial
      else {
        throw PlanError("a scatter kernel holds exactly one scatter line, serial, fixed size")
      }
    }
    if kernel.kind == .solve {
      let lines = kernel.body.filter { if case .solveLine = $0.op { true } else { false } }
      guard lines.count == 1, kernel.body.count == 1, kernel.symbolic != true,
        kernel.dynamic != true, kernel.strategy == .serial
      else {
        throw PlanError("a solve kernel holds exactly one solved line, serial, fixed size")
      }
    }
    if kernel.kind == .sort {
      let lines = kernel.body.filter { if case .sortLine = $0.op { true } else { false } }
      guard lines.count == 1, kernel.body.count == 1, kernel.symbolic != true,
        kernel.dynamic != true,
        kernel.strategy == .serial || kernel.outer.allSatisfy({ $0 == 1 })
      else {
        throw PlanError(
          "a sort kernel holds exactly one sorted line, fixed size, blocked only for one line")
      }
      // A blocked sort's scratch line (`LaunchGeometry.scratchBytes`): 8 bytes an element.
      _ = try Checked.multiply(kernel.inner[0], 8, "the scratch of a blocked sort")
    }
    let points = try Checked.elements(outer, "outer extent")
    _ = try Checked.elements(full, "iteration space")
    // Launch sizes round the point count up to a multiple of the width (at most 16).
    _ = try Checked.add(points, 16, "outer extent \(outer)")
    func map(_ m: IndexMap, space: [Int], _ what: String) throws {
      guard m.coefficients.count == m.shape.count, m.offsets.count == m.shape.count,
        m.coefficients.allSatisfy({ $0.count == space.count })
      else {
        throw PlanError("\(what): map rank does not match buffer \(m.shape) over space \(space)")
      }
      try Checked.map(m, space: space, what)
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
      case .gather(let arg, let m, let index, let extent):
        guard arg >= 0, arg < kernel.args.count, kernel.args[arg].access != .scalar else {
          throw PlanError("\(what): gather from argument \(arg), which is not a buffer")
        }
        guard kernel.args[arg].dtype == v.dtype, kernel.body[index].dtype == .int64 else {
          throw PlanError("\(what): gather dtype differs from its argument, or index not int64")
        }
        guard kernel.symbolic != true, extent >= 1 || (v.inner ? full : outer).contains(0) else {
          throw PlanError("\(what): gather from an empty axis or in a symbolic kernel")
        }
        // Every clamped position 0..<extent, at every point, must stay inside the buffer.
        try map(m, space: (v.inner ? full : outer) + [max(extent, 1)], what)
      case .sortLine(let f, let arg, let m):
        guard kernel.kind == .sort, v.inner, arg >= 0, arg < kernel.args.count,
          kernel.args[arg].access != .scalar,
          v.dtype == (f == .argsort ? .int64 : kernel.args[arg].dtype)
        else { throw PlanError("\(what): a sorted line must be an inner value of a sort kernel") }
        try map(m, space: full, what)
        if m.clamp { throw PlanError("\(what): a sorted line's map is clamped") }
      case .scatterLine(_, let arg, let m, let s):
        let buffers = [arg, s.indices, s.values]
        guard kernel.kind == .scatter, v.inner,
          buffers.allSatisfy({ $0 >= 0 && $0 < kernel.args.count }),
          buffers.allSatisfy({ kernel.args[$0].access != .scalar }),
          kernel.args[arg].dtype == v.dtype, kernel.args[s.values].dtype == v.dtype,
          kernel.args[s.indices].dtype.isInteger, s.count >= 0
        else {
          throw PlanError("\(what): a scatter line must be an inner value of a scatter kernel")
        }
        try map(m, space: full, what)
        try map(s.indexMap, space: outer + [s.count], what)
        try map(s.valueMap, space: outer + [s.count], what)
        if m.clamp || s.indexMap.clamp || s.valueMap.clamp {
          throw PlanError("\(what): a scatter line's maps are clamped")
        }
      case .solveLine(let f, let rows, let arg, let m):
        let length = full.last ?? 0
        let columns = rows > 0 ? length / rows : 0
        guard kernel.kind == .solve, v.inner, arg >= 0, arg < kernel.args.count,
          kernel.args[arg].access != .scalar, kernel.args[arg].dtype == v.dtype, v.dtype.isFloat,
          rows >= 0, rows <= 1 << 24,
          rows == 0 ? length == 0 : length % rows == 0 && columns >= rows,
          f == .gaussSolve || columns == rows
        else {
          throw PlanError(
            "\(what): a solved line must be an inner float value of a solve kernel, its length "
              + "a multiple of its rows, with at least as many columns as rows (as many for "
              + "cholesky)")
        }
        try map(m, space: full, what)
        if m.clamp { throw PlanError("\(what): a solved line's map is clamped") }
      case .param(let arg):
        guard arg >= 0, arg < kernel.args.count, kernel.args[arg].access == .scalar else {
          throw PlanError("\(what): parameter argument \(arg) is not a scalar")
        }
      case .index(let c, let offset), .inRange(let c, let offset, _, _):
        let space = v.inner ? full : outer
        guard c.count == space.count else {
          throw PlanError("\(what): index rank mismatch")
        }
        if !space.contains(0) {
          _ = try Checked.affineRange(offset: offset, coefficients: c, space: space, what)
        }
      case .accumulate:
        guard !v.inner else { throw PlanError("\(what): an accumulation must be an outer value") }
        guard !isScan else { throw PlanError("\(what): an accumulation in a scan kernel") }
      case .scan(_, let a):
        guard isScan, v.inner, kernel.body[a].inner else {
          throw PlanError("\(what): a scan must be an inner value of a scan kernel")
        }
      default: break
      }
    }
    for store in kernel.stores {
      guard store.arg >= 0, store.arg < kernel.args.count,
        kernel.args[store.arg].access == .write || kernel.args[store.arg].access == .readWrite
      else { throw PlanError("store to argument \(store.arg), which is not writable") }
      guard store.value >= 0, store.value < kernel.body.count,
        kernel.body[store.value].inner == isScan
      else {
        throw PlanError(
          "store of value \(store.value), which is not \(isScan ? "an inner" : "an outer") value")
      }
      guard kernel.body[store.value].dtype == kernel.args[store.arg].dtype else {
        throw PlanError("store dtype differs from argument \(store.arg)")
      }
      try map(store.map, space: kernel.storeSpace, "store to argument \(store.arg)")
      if store.map.clamp { throw PlanError("store to argument \(store.arg) is clamped") }
    }
  }
}
