// The computing steps of the fuzz generator: elementwise ops, selects, casts, reductions
// (argmin/argmax among them), scans, sorts, concatenations, gathers, matrix products and
// sources.

import DRCIR

extension FuzzGenerator {
  /// A unary op of a random operand.
  mutating func unary() -> Int? {
    add(.unary(rng.pick(UnaryOp.allCases)), [operand()])
  }

  /// A shape `shape` broadcasts with: itself, a suffix, or with some extents set to 1.
  mutating func partner(of shape: [Int]) -> [Int] {
    switch rng.int(0...3) {
    case 0: return shape
    case 1: return Array(shape.suffix(rng.int(0...shape.count)))
    case 2: return shape.map { rng.chance(0.5) ? 1 : $0 }
    default: return [rng.pick([1, 2])] + shape.map { rng.chance(0.3) ? 1 : $0 }
    }
  }

  /// A value that broadcasts with `id`: an existing one when some does, else a new constant.
  mutating func broadcastPartner(_ id: Int) -> Int? {
    let shape = graph.nodes[id].shape
    let fitting = values.filter { ShapeRules.broadcast(graph.nodes[$0].shape, shape) != nil }
    if !fitting.isEmpty && rng.chance(0.6) { return rng.pick(fitting) }
    return constant(shape: partner(of: shape), dtype: rng.pick(FuzzGenerator.dtypes))
  }

  /// A binary op between a random operand and a broadcast partner, in random order.
  mutating func binary() -> Int? {
    let a = operand()
    guard let b = broadcastPartner(a) else { return nil }
    let op = rng.pick(BinaryOp.allCases)
    return rng.chance(0.5) ? add(.binary(op), [a, b]) : add(.binary(op), [b, a])
  }

  /// A bool value: an existing one, or a comparison of a random operand with a partner.
  mutating func condition() -> Int? {
    let bools = values.filter { graph.nodes[$0].dtype == .bool }
    if !bools.isEmpty && rng.chance(0.5) { return rng.pick(bools) }
    let a = operand()
    guard let b = broadcastPartner(a) else { return nil }
    return add(.binary(rng.pick([.lt, .le, .gt, .ge, .eq, .ne])), [a, b])
  }

  /// `where(c, a, b)` with all three broadcasting together.
  mutating func select() -> Int? {
    guard let c = condition(), let a = broadcastPartner(c), let b = broadcastPartner(c) else {
      return nil
    }
    return add(.select, [c, a, b])
  }

  /// A cast of a random operand to a random dtype.
  mutating func cast() -> Int? {
    let x = operand()
    let dtype = rng.pick(FuzzGenerator.dtypes)
    return add(.cast, [x], declared: ValueType(dtype, graph.nodes[x].shape))
  }

  /// A reduction over a random non-empty set of axes, with or without keepdims.
  mutating func reduce() -> Int? {
    let x = operand()
    let rank = graph.nodes[x].shape.count
    guard rank > 0 else { return nil }
    var axes = (0..<rank).filter { _ in rng.chance(0.5) }
    if axes.isEmpty { axes = [rng.int(0...(rank - 1))] }
    return add(.reduce(rng.pick(ReduceOp.allCases), axes: axes, keepdims: rng.chance(0.4)), [x])
  }

  /// A cumsum or cumprod of a random operand along a random axis.
  mutating func scan() -> Int? {
    let x = operand()
    let rank = graph.nodes[x].shape.count
    guard rank > 0 else { return nil }
    return add(.scan(rng.pick(ScanOp.allCases), axis: rng.int(0...(rank - 1))), [x])
  }

  /// A `take` along a random axis with indices in range: an existing integer value or index
  /// arithmetic (`iota * k + c`, a 0-d constant), clamped into `-n...n-1` (negative ones count
  /// from the end), sometimes as int32.
  mutating func gather() -> Int? {
    let x = operand()
    let shape = graph.nodes[x].shape
    guard !shape.isEmpty else { return nil }
    let axis = rng.int(0...(shape.count - 1))
    let n = shape[axis]
    guard n > 0 else { return nil }
    func int(_ v: Int) -> Int? { add(.full(.int(Int64(v))), [], declared: ValueType(.int64, [])) }
    let ints = values.filter {
      graph.nodes[$0].dtype.isInteger && graph.nodes[$0].shape.count <= 2
    }
    var raw: Int?
    if !ints.isEmpty && rng.chance(0.4) {
      raw = rng.pick(ints)
    } else {
      let indexShape = randomShape(rank: rng.int(0...2))
      if indexShape.isEmpty {
        raw = int(rng.int(-n...(n - 1)))
      } else if let i = add(
        .iota(axis: rng.int(0...(indexShape.count - 1))), [],
        declared: ValueType(.int64, indexShape)),
        let k = int(rng.pick([1, 2, 3, -1])), let c = int(rng.int(-n...n)),
        let scaled = add(.binary(.mul), [i, k])
      {
        raw = add(.binary(.add), [scaled, c])
      }
    }
    guard let raw, let high = int(n - 1), let low = int(-n),
      let below = add(.binary(.minimum), [raw, high]),
      var index = add(.binary(.maximum), [below, low])
    else { return nil }
    if rng.chance(0.3),
      let narrow = add(.cast, [index], declared: ValueType(.int32, graph.nodes[index].shape))
    {
      index = narrow
    }
    return add(.take(axis: axis), [x, index])
  }

  /// A `scatter` or `scatter_add` into a random operand along axis 0: 1-D in-range positions
  /// (`iota * k + c` clamped, so they repeat), values gathered from the operand itself and
  /// shifted by a constant (numbers) so every write changes something.
  mutating func scattering() -> Int? {
    let x = operand()
    let shape = graph.nodes[x].shape
    let dtype = graph.nodes[x].dtype
    guard let n = shape.first, n > 0 else { return nil }
    let m = rng.int(1...9)
    func int(_ v: Int) -> Int? { add(.full(.int(Int64(v))), [], declared: ValueType(.int64, [])) }
    guard let i = add(.iota(axis: 0), [], declared: ValueType(.int64, [m])),
      let k = int(rng.pick([1, 2, 3, -1, -2])), let c = int(rng.int(-n...n)),
      let scaled = add(.binary(.mul), [i, k]), let raw = add(.binary(.add), [scaled, c]),
      let high = int(n - 1), let low = int(-n), let below = add(.binary(.minimum), [raw, high]),
      var index = add(.binary(.maximum), [below, low]),
      let source = add(.binary(.maximum), [raw, int(0) ?? raw]),
      let picks = add(.binary(.minimum), [source, high]),
      var values = add(.take(axis: 0), [x, picks])
    else { return nil }
    if rng.chance(0.3), let narrow = add(.cast, [index], declared: ValueType(.int32, [m])) {
      index = narrow
    }
    if dtype != .bool,
      let shift = add(
        .full(.int(Int64(rng.int(1...3))).converted(to: dtype)), [],
        declared: ValueType(dtype, [])),
      let shifted = add(.binary(.add), [values, shift])
    {
      values = shifted
    }
    let op: ScatterOp = dtype == .bool ? .scatter : rng.pick(ScatterOp.allCases)
    return add(.scatter(op), [x, index, values])
  }

  /// A sort or argsort of a random operand along a random axis.
  mutating func sorting() -> Int? {
    let x = operand()
    let rank = graph.nodes[x].shape.count
    guard rank > 0 else { return nil }
    return add(.sort(rng.pick(SortOp.allCases), axis: rng.int(0...(rank - 1))), [x])
  }

  /// Two or three pieces of one value (slices along an axis, or itself) joined along that axis.
  mutating func concatenate() -> Int? {
    let x = operand()
    let shape = graph.nodes[x].shape
    guard !shape.isEmpty else { return nil }
    let axis = rng.int(0...(shape.count - 1))
    var parts: [Int] = []
    for _ in 0..<rng.int(1...3) {
      if rng.chance(0.5) {
        parts.append(x)
      } else {
        var ranges = shape.map { SliceRange(start: 0, stop: $0, step: 1) }
        ranges[axis] = randomRange(shape[axis])
        guard let piece = add(.slice(ranges), [x]) else { return nil }
        parts.append(piece)
      }
    }
    if rng.chance(0.3), let other = cast() { parts.append(other) }
    return add(.concatenate(axis: axis), parts)
  }

  /// A matrix product of a random 1-D or 2-D operand with a new input of fitting shape.
  mutating func matmul() -> Int? {
    let a = operand()
    let shape = graph.nodes[a].shape
    guard shape.count == 1 || shape.count == 2, let k = shape.last, k <= 256 else { return nil }
    let dtype = rng.pick([DType.int32, .int64, .float32, .float64])
    // 64 columns: row tiles, where the rows allow (LaunchGeometry.tileRows).
    let other = rng.chance(0.5) ? [k] : [k, rng.pick([1, 2, 3, 5, 17, 64])]
    guard let b = constant(shape: other, dtype: dtype, varying: true) else { return nil }
    return rng.chance(0.8) || other.count == 1 ? add(.matmul, [a, b]) : add(.matmul, [b, a])
  }

  /// A source: a constant, an `arange` or an `iota`.
  mutating func source() -> Int? {
    switch rng.int(0...2) {
    case 0:
      return constant(
        shape: randomShape(rank: rng.int(0...2)), dtype: rng.pick(FuzzGenerator.dtypes))
    case 1:
      let dtype = rng.pick([DType.int32, .int64, .float32, .float64])
      let n = rng.pick([0, 1, 3, 17, 100])
      let start: Scalar =
        dtype.isFloat ? .float(Double(rng.int(-8...8)) / 4) : .int(Int64(rng.int(-5...5)))
      let step: Scalar =
        dtype.isFloat ? .float(Double(rng.int(-8...8)) / 8) : .int(Int64(rng.int(-3...3)))
      return add(.arange(start: start, step: step), [], declared: ValueType(dtype, [n]))
    default:
      let shape = randomShape(rank: rng.int(1...3))
      return add(
        .iota(axis: rng.int(0...(shape.count - 1))), [],
        declared: ValueType(rng.pick([.int32, .int64]), shape))
    }
  }

  /// A constant of `shape` and `dtype`: a `full` of a random (possibly special) value, or, with
  /// `varying`, a new input of random values.
  mutating func constant(shape: [Int], dtype: DType, varying: Bool = false) -> Int? {
    if varying {
      let name = "x\(graph.inputs.count)"
      graph.inputs.append(InputDecl(name: name, dtype: dtype, shape: shape))
      pendingInputs[name] = FuzzValues.array(
        dtype: dtype, shape: shape, extremes: extremes, rng: &rng)
      let id = graph.add(.input(name), dtype: dtype, shape: shape, loc: loc)
      values.append(id)
      return id
    }
    let value = FuzzValues.scalar(dtype, extremes: extremes, rng: &rng)
    return add(.full(value), [], declared: ValueType(dtype, shape))
  }
}

extension FuzzGenerator {
  /// A `gauss_solve` of fresh matrices `[b, n, n + k]` (or one `[n, n + k]`): varying values plus
  /// 1000.5 on the diagonal, so that a zero pivot (an error) is not a plausible outcome.
  mutating func solving() -> Int? {
    let dtype = rng.pick([DType.float32, .float64])
    let (n, k) = (rng.int(1...5), rng.int(0...3))
    let shape = rng.chance(0.3) ? [n, n + k] : [rng.int(1...3), n, n + k]
    let rank = shape.count
    guard let x = constant(shape: shape, dtype: dtype, varying: true),
      let i = add(.iota(axis: rank - 2), [], declared: ValueType(.int64, shape)),
      let j = add(.iota(axis: rank - 1), [], declared: ValueType(.int64, shape)),
      let onDiagonal = add(.binary(.eq), [i, j]),
      let big = add(.full(.float(1000.5)), [], declared: ValueType(dtype, [])),
      let zero = add(.full(.float(0)), [], declared: ValueType(dtype, [])),
      let diagonal = add(.select, [onDiagonal, big, zero]),
      let matrices = add(.binary(.add), [x, diagonal])
    else { return nil }
    return add(.matrix(.gaussSolve), [matrices])
  }

  /// A `cholesky` of matrices `[b, n, n]` (or one `[n, n]`) that are positive definite whatever
  /// the inputs: sin(i + j) (symmetric, within [-1, 1]) plus n + 1.5 on the diagonal.
  mutating func factoring() -> Int? {
    let dtype = rng.pick([DType.float32, .float64])
    let n = rng.int(1...6)
    let shape = rng.chance(0.3) ? [n, n] : [rng.int(1...3), n, n]
    let rank = shape.count
    guard let i = add(.iota(axis: rank - 2), [], declared: ValueType(.int64, shape)),
      let j = add(.iota(axis: rank - 1), [], declared: ValueType(.int64, shape)),
      let sum = add(.binary(.add), [i, j]), let wave = add(.unary(.sin), [sum]),
      let typed = add(.cast, [wave], declared: ValueType(dtype, shape)),
      let onDiagonal = add(.binary(.eq), [i, j]),
      let big = add(.full(.float(Double(n) + 1.5)), [], declared: ValueType(dtype, [])),
      let zero = add(.full(.float(0)), [], declared: ValueType(dtype, [])),
      let diagonal = add(.select, [onDiagonal, big, zero]),
      let definite = add(.binary(.add), [typed, diagonal])
    else { return nil }
    return add(.matrix(.cholesky), [definite])
  }
}
