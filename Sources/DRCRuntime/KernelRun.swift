// One launch of a plan kernel on the host, evaluated a whole value at a time.
//
// Each body value becomes an array over the kernel's outer space (or outer + inner space for
// inner values); constants and parameters stay 0-D and broadcast. Elementwise values and
// accumulations are computed by `Reference.evaluate` on synthetic nodes, so the host run of a
// plan uses exactly the reference semantics; only loads, stores and index arithmetic are here.
// A scan kernel's scan is `Reference.scan` along its one inner axis, and its stores cover the
// full space (`Kernel.storeSpace`).

import DRCIR
import DRCPlan

/// The host execution of one kernel launch.
struct KernelRun {
  let kernel: Kernel
  let bindings: [Int]
  let params: [Scalar]
  private var decoded: [Int: HostArray] = [:]

  init(kernel: Kernel, bindings: [Int], params: [Scalar]) {
    self.kernel = kernel
    self.bindings = bindings
    self.params = params
  }

  /// Evaluates the body and performs the stores into `memory`.
  mutating func run(_ memory: inout [[UInt8]]) throws {
    var values: [HostArray] = []
    values.reserveCapacity(kernel.body.count)
    let outer = kernel.outer
    let full = kernel.fullSpace
    let reduced = Array(outer.count..<full.count)
    for (i, v) in kernel.body.enumerated() {
      let space = v.inner ? full : outer
      func node(_ op: Op, _ shape: [Int]) -> Node {
        Node(id: i, op: op, dtype: v.dtype, shape: shape)
      }
      func shapeOf(_ operands: [Int]) -> [Int] {
        operands.contains { values[$0].rank > 0 } ? space : []
      }
      let result: HostArray
      switch v.op {
      case .load(let arg, let map):
        result = try load(arg, map, space, v.dtype, memory)
      case .sortLine(let op, let arg, let map):
        guard kernel.kind == .sort, reduced.count == 1, arg >= 0, arg < kernel.args.count else {
          throw InterpreterError("kernel \(kernel.name): a sorted line outside a sort kernel")
        }
        let line = try load(arg, map, full, kernel.args[arg].dtype, memory)
        result = try Reference.sort(op, line, axis: reduced[0])
      case .solveLine(let f, let rows, let arg, let map):
        guard kernel.kind == .solve, reduced.count == 1, arg >= 0, arg < kernel.args.count,
          v.dtype.isFloat
        else {
          throw InterpreterError("kernel \(kernel.name): a solved line outside a solve kernel")
        }
        // Lines (outer + [rows * columns]) as matrices; the plan's check reports a zero pivot.
        let line = try load(arg, map, full, v.dtype, memory).contiguous()
        let length = full.last ?? 0
        guard rows > 0, length % rows == 0 else {
          result = line
          break
        }
        let matrices = try line.reshaped(outer + [rows, length / rows])
        let factored =
          f == .cholesky
          ? try Reference.cholesky(matrices, skipping: true)
          : try Reference.gaussSolve(matrices, skipping: true)
        result = try factored.reshaped(full)
      case .scatterLine(let op, let arg, let map, let s):
        guard kernel.kind == .scatter, reduced.count == 1, arg >= 0, arg < kernel.args.count,
          s.indices >= 0, s.indices < kernel.args.count, s.values >= 0,
          s.values < kernel.args.count
        else {
          throw InterpreterError("kernel \(kernel.name): a scatter line outside a scatter kernel")
        }
        // Lines last (outer + [n]) as the kernel sees them; the reference wants them first.
        let r = outer.count
        let first = [r] + Array(0..<r)
        let lines = outer + [s.count]
        let x = try load(arg, map, full, v.dtype, memory).transposed(first).contiguous()
        let values = try load(s.values, s.valueMap, lines, v.dtype, memory)
          .transposed(first).contiguous()
        let indexLines = try load(
          s.indices, s.indexMap, lines, kernel.args[s.indices].dtype, memory
        ).transposed(first).contiguous()
        let back = Array(1..<(r + 1)) + [0]
        if outer.contains(0) || s.count == 0 {
          result = try x.transposed(back).contiguous()  // no lines: nothing to write
        } else {
          // The positions are the same for every line: the first line's.
          let perLine = indexLines.count / max(s.count, 1)
          let indices = try indexLines.reshaped([s.count, perLine])
            .sliced([SliceRange.all(s.count), SliceRange(start: 0, stop: 1, step: 1)])
            .contiguous().reshaped([s.count])
          result = try Reference.scatter(op, x, indices, values, skipping: true)
            .transposed(back).contiguous()
        }
      case .gather(let arg, let map, let index, let extent):
        // The position of each point: wrapped once when negative, clamped into the axis (the
        // plan's checks report an out-of-range index; the kernel only stays inside its buffer).
        let raw = try values[index].broadcast(to: space).contiguous().converted(to: .int64)
        let positions = raw.int64s().map { k -> Int in
          let wrapped = k < 0 ? Int(clamping: k) &+ extent : Int(clamping: k)
          return min(max(wrapped, 0), max(extent - 1, 0))
        }
        result = try load(arg, map, space, v.dtype, memory, positions: positions)
      case .param(let arg):
        guard arg < bindings.count, bindings[arg] < params.count else {
          throw InterpreterError("bad param argument")
        }
        result = HostArray(scalar: params[bindings[arg]].converted(to: v.dtype), dtype: v.dtype)
      case .constant(let s):
        result = HostArray(scalar: s.converted(to: v.dtype), dtype: v.dtype)
      case .index(let coefficients, let offset):
        result = try indexArray(space) { idx in Int64(affine(coefficients, offset, idx)) }
      case .inRange(let coefficients, let offset, let lo, let hi):
        result = try boolArray(space) { idx in (lo..<hi).contains(affine(coefficients, offset, idx))
        }
      case .unary(let op, let a):
        result = try Reference.evaluate(
          node(.unary(op), values[a].shape), operands: [values[a]], params: [:], inputs: [:])
      case .binary(let op, let a, let b):
        let shape = shapeOf([a, b])
        result = try Reference.evaluate(
          node(.binary(op), shape),
          operands: [try values[a].broadcast(to: shape), try values[b].broadcast(to: shape)],
          params: [:], inputs: [:])
      case .select(let c, let a, let b):
        let shape = shapeOf([c, a, b])
        result = try Reference.evaluate(
          node(.select, shape),
          operands: try [c, a, b].map { try values[$0].broadcast(to: shape) }, params: [:],
          inputs: [:])
      case .cast(let a):
        result = values[a].converted(to: v.dtype)
      case .accumulate(let op, let a):
        let x = try values[a].broadcast(to: full).contiguous()
        result = try Reference.reduce(op, x, axes: reduced, keepdims: false).converted(to: v.dtype)
      case .scan(let op, let a):
        guard kernel.kind == .scan, reduced.count == 1 else {
          throw InterpreterError("kernel \(kernel.name): a scan outside a one-axis scan kernel")
        }
        let x = try values[a].broadcast(to: full).contiguous()
        result = try Reference.scan(op, x, axis: reduced[0]).converted(to: v.dtype)
      }
      values.append(result)
    }
    for store in kernel.stores {
      let value = try values[store.value].broadcast(to: kernel.storeSpace).contiguous()
      try scatter(value, store.arg, store.map, &memory)
    }
  }

  private func affine(_ coefficients: [Int], _ offset: Int, _ idx: [Int]) -> Int {
    var c = offset
    for k in idx.indices { c += coefficients[k] * idx[k] }
    return c
  }

  /// Reads argument `arg` through `map` at every point of `space`.
  private mutating func load(
    _ arg: Int, _ map: IndexMap, _ space: [Int], _ dtype: DType, _ memory: [[UInt8]],
    positions: [Int]? = nil
  ) throws
    -> HostArray
  {
    guard arg >= 0, arg < bindings.count else {
      throw InterpreterError("load of a missing argument")
    }
    let buffer = bindings[arg]
    if decoded[buffer] == nil || decoded[buffer]?.dtype != dtype {
      let count = memory[buffer].count / dtype.size
      decoded[buffer] = try HostArray(
        littleEndianBytes: Array(memory[buffer].prefix(count * dtype.size)), dtype: dtype,
        shape: [count])
    }
    guard let source = decoded[buffer] else { throw InterpreterError("load failed") }
    let flat = source.count
    var indices: [Int] = []
    indices.reserveCapacity(space.reduce(1, *))
    var failure: Int?
    var point = 0
    forEachIndex(space) { idx in
      // A gather's map has one more axis: the point's gathered position.
      let e = map.element(at: positions.map { idx + [$0[point]] } ?? idx)
      point += 1
      if e < 0 || e >= flat { failure = e }
      indices.append(min(max(e, 0), max(flat - 1, 0)))
    }
    if let failure {
      throw InterpreterError("kernel \(kernel.name) reads element \(failure) outside its buffer")
    }
    return try source.gathered(indices, shape: space)
  }

  /// Writes `value` (shaped like the outer space) through `map` into argument `arg`.
  private mutating func scatter(
    _ value: HostArray, _ arg: Int, _ map: IndexMap, _ memory: inout [[UInt8]]
  ) throws {
    let buffer = bindings[arg]
    let bytes = value.littleEndianBytes()
    let size = value.dtype.size
    var point = 0
    var failure: Int?
    forEachIndex(kernel.storeSpace) { idx in
      let e = map.element(at: idx) * size
      if e < 0 || e + size > memory[buffer].count {
        failure = e
      } else {
        for b in 0..<size { memory[buffer][e + b] = bytes[point * size + b] }
      }
      point += 1
    }
    if let failure {
      throw InterpreterError("kernel \(kernel.name) writes byte \(failure) outside its buffer")
    }
    decoded[buffer] = nil
  }

  private func indexArray(_ space: [Int], _ f: ([Int]) -> Int64) throws -> HostArray {
    var out: [Int64] = []
    forEachIndex(space) { out.append(f($0)) }
    return try HostArray(out, shape: space)
  }

  private func boolArray(_ space: [Int], _ f: ([Int]) -> Bool) throws -> HostArray {
    var out: [Bool] = []
    forEachIndex(space) { out.append(f($0)) }
    return try HostArray(out, shape: space)
  }
}

/// Calls `body` with every index of `space` in row-major order.
func forEachIndex(_ space: [Int], _ body: ([Int]) -> Void) {
  if space.contains(0) { return }
  var idx = Array(repeating: 0, count: space.count)
  while true {
    body(idx)
    var axis = space.count - 1
    while axis >= 0 {
      idx[axis] += 1
      if idx[axis] < space[axis] { break }
      idx[axis] = 0
      axis -= 1
    }
    if axis < 0 { return }
  }
}

extension HostArray {
  /// The elements at flat positions `indices` of this contiguous array, shaped `shape`.
  func gathered(_ indices: [Int], shape: [Int]) throws -> HostArray {
    func pick<T: HostElement>(_ v: [T]) -> HostArray { .make(indices.map { v[$0] }, shape: shape) }
    let flat = contiguous()
    switch flat.storage.buffer {
    case .bool(let v): return pick(v)
    case .int32(let v): return pick(v)
    case .int64(let v): return pick(v)
    case .float32(let v): return pick(v)
    case .float64(let v): return pick(v)
    }
  }
}
