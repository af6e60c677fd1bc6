// Random valid programs for `drc fuzz`: every op of docs/ops.md over every dtype.
//
// A program starts from one to three inputs (ranks 0 to 3, extents drawn from 0, 1, 2, 3, 17,
// 1023 and 4097 under an element budget) and grows by random steps: elementwise ops with
// broadcasting (0-d and length-1 axes included), selects, casts, reductions (argmin/argmax
// included) with and without keepdims, scans (cumsum/cumprod along one axis), views (slices with steps and negative steps, integer indices, reshapes, transposes,
// broadcasts, expand_dims, squeeze), concatenations, matrix products, updates through views and
// sources (`full` of special values, `arange`, `iota`, params), and whole patterns fusion
// treats specially (FuzzGenerator+Patterns.swift). Each candidate node is typed by
// the IR's own rules (`TypeInference`); candidates they reject are dropped, so every program is
// valid. Generation is deterministic in the seed.

import DRCIR
import DRCRuntime

/// A small deterministic random source (SplitMix64).
struct FuzzRandom {
  /// The state.
  var state: UInt64
  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state = state &+ 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// A uniform integer in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    let span = UInt64(range.upperBound - range.lowerBound) &+ 1
    return range.lowerBound + Int(span == 0 ? next() : next() % span)
  }
  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) * 0x1p-53 < p }
  /// A uniform element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
  /// A uniform double in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// Generates random valid programs and their inputs.
public struct FuzzGenerator {
  var rng: FuzzRandom
  /// The program being built.
  var graph: Graph
  /// Node ids steps may use as operands.
  var values: [Int] = []
  /// Whether inputs and constants include extremes (huge values, infinities, NaN, int limits).
  var extremes: Bool
  /// Whether the program may reduce (float reductions of extremes depend on the order).
  var reductions: Bool
  /// The values of the inputs made so far.
  var pendingInputs: [String: HostArray] = [:]

  /// The dtypes, for random choices.
  static let dtypes: [DType] = [.bool, .int32, .int64, .float32, .float64]
  /// Extents inputs are made of.
  static let extents = [0, 1, 1, 2, 3, 3, 5, 17, 1023, 4097]
  /// The most elements one input may have.
  static let elementBudget = 20_000

  /// The program for `seed` (its name is `fuzz_<seed>`).
  public init(seed: UInt64) {
    rng = FuzzRandom(state: seed &* 0x2545_F491_4F6C_DD1D &+ 0x1234_5678)
    graph = Graph(name: "fuzz_\(seed)")
    extremes = false
    reductions = true
    extremes = rng.chance(0.3)
    reductions = !extremes || rng.chance(0.3)
  }

  /// Builds a program of `steps / 2` to `2 * steps` steps and returns it with its inputs.
  public mutating func generate(steps: Int = 10) -> (Graph, [String: HostArray]) {
    for _ in 0..<rng.int(1...3) {
      _ = constant(shape: randomShape(), dtype: rng.pick(FuzzGenerator.dtypes), varying: true)
    }
    if rng.chance(0.2) {
      let dtype = rng.pick([DType.int32, .int64, .float32, .float64])
      let value = FuzzValues.scalar(dtype, extremes: extremes, rng: &rng)
      graph.params.append(ParamDecl(name: "p0", dtype: dtype, value: value))
      values.append(graph.add(.param("p0"), dtype: dtype, shape: [], loc: loc))
    }
    let target = rng.int(max(steps / 2, 1)...max(steps * 2, 1))
    var made = 0
    var attempts = 0
    while made < target && attempts < target * 20 {
      attempts += 1
      if step() != nil { made += 1 }
    }
    chooseOutputs()
    return (graph, pendingInputs)
  }

  /// The location of the next node.
  var loc: String { "fuzz.swift:\(graph.nodes.count + 1)" }

  /// A random shape within the element budget.
  mutating func randomShape(rank: Int? = nil) -> [Int] {
    let r = rank ?? rng.pick([0, 1, 1, 2, 2, 3])
    var shape: [Int] = []
    var total = 1
    for _ in 0..<r {
      var d = rng.pick(FuzzGenerator.extents)
      if total * max(d, 1) > FuzzGenerator.elementBudget { d = rng.pick([1, 2, 3]) }
      shape.append(d)
      total *= max(d, 1)
    }
    return shape
  }

  /// Adds `op` when the IR's rules accept it (the declared type is used where the node declares
  /// its own); returns the new node's id, or nil.
  mutating func add(_ op: Op, _ operands: [Int], declared: ValueType? = nil) -> Int? {
    let types = operands.map { ValueType(graph.nodes[$0].dtype, graph.nodes[$0].shape) }
    let claim = declared ?? ValueType(.float64, [])
    guard let result = try? TypeInference.infer(op, types, declared: claim) else { return nil }
    guard let count = ShapeRules.count(result.shape), count <= 4 * FuzzGenerator.elementBudget
    else { return nil }
    let id = graph.add(op, operands, dtype: result.dtype, shape: result.shape, loc: loc)
    values.append(id)
    return id
  }

  /// A random operand, biased towards recent values.
  mutating func operand() -> Int {
    let n = values.count
    return rng.chance(0.6) ? values[max(0, n - rng.int(1...3))] : rng.pick(values)
  }

  /// One random step; the new node's id, or nil when the step did not apply.
  mutating func step() -> Int? {
    switch rng.int(0...99) {
    case 0..<20: return unary()
    case 20..<40: return binary()
    case 40..<45: return select()
    case 45..<50: return cast()
    case 50..<57: return reductions ? reduce() : unary()
    case 57..<60: return reductions ? scan() : unary()
    case 60..<72: return view()
    case 72..<76: return concatenate()
    case 76..<80: return reductions ? matmul() : binary()
    case 80..<88: return update()
    case 88..<95: return reductions ? pattern() : stencil()
    case 95..<97: return gather()
    case 97..<99:
      if reductions && rng.chance(0.25) { return rng.chance(0.6) ? solving() : factoring() }
      return rng.chance(0.4) ? sorting() : scattering()
    default: return source()
    }
  }

  /// Picks the outputs: the last value, and up to two others.
  mutating func chooseOutputs() {
    var chosen: [Int] = []
    if let last = values.last { chosen.append(last) }
    for _ in 0..<rng.int(0...2) {
      let v = rng.pick(values)
      if !chosen.contains(v) { chosen.append(v) }
    }
    graph.outputs = chosen.enumerated().map { OutputDecl(name: "y\($0.offset)", node: $0.element) }
  }
}
