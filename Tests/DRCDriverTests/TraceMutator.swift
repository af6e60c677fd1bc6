// Deterministic mutations of valid traces into hostile ones, for HostileTraceTests.
//
// A mutant is a valid trace with one to three edits drawn by a seeded generator: an integer
// (a dimension, a slice bound, an axis, an id, an operand, a position) set to an extreme; an
// exact-scalar text (`value`, `start`, `step`, a param's value) set to an extreme; a dtype
// changed; two nodes' ops swapped; an array attribute emptied, lengthened or reordered; an
// attribute duplicated, dropped or the attributes reordered; or one dimension resized to an
// extreme everywhere it occurs (so the trace may stay consistent and reach the interpreter and
// the compiler with a huge or empty shape). Half the mutants first drop the inputs' saved data,
// so a changed input shape is not simply refused for its byte count. Besides these random
// mutants, every trace gets a few systematic ones (`systematic()`): its first slice step at
// Int64's edges and its first input's last dimension resized to 2^31.

/// SplitMix64 as a `RandomNumberGenerator`: a small, fast, seedable generator (the same seed gives the same mutants).
struct MutantRNG: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Makes mutants of one trace.
struct TraceMutator {
  /// Integers at the edges of Int32, Int64, doubles' exact integers and element-count limits.
  static let extremeInts = [
    "0", "-1", "1", "2", "-2", "2147483647", "-2147483648", "2147483648", "4294967296",
    "1099511627776", "9007199254740992", "4611686018427387904", "9223372036854775807",
    "-9223372036854775808", "-9223372036854775807", "9223372036854775808", "1e3", "-0",
  ]

  /// Scalar texts at the edges of every dtype, and some that are no dtype's.
  static let extremeScalars = [
    "0", "-1", "1", "2147483647", "-2147483648", "2147483648", "9223372036854775807",
    "-9223372036854775808", "9223372036854775808", "9007199254740993", "0x1p+1023",
    "0x1.fffffffffffffp+1023", "-0x1.fffffffffffffp+1023", "0x1p-1074", "0x1p+127", "inf", "-inf",
    "nan", "-0x0p+0", "1e308", "1e-320", "true", "false", "", "0x", "+5", "0x1p+64",
  ]

  /// Dimensions for resizing: empty, tiny, and products that overflow or exceed any memory.
  static let extremeDims = [
    "0", "1", "257", "2147483647", "2147483648", "2147483649", "4294967295", "4294967296",
    "8589934593", "68719476736", "1099511627776", "4611686018427387904", "9223372036854775807",
  ]

  static let dtypes = ["bool", "int32", "int64", "float32", "float64", "float16", "Int32"]

  let original: MutantJSON
  var rng: MutantRNG

  init(_ trace: MutantJSON, seed: UInt64) {
    original = trace
    rng = MutantRNG(state: seed)
  }

  /// A mutant and a description of its edits.
  mutating func mutant() -> (json: MutantJSON, edits: [String]) {
    var json = original
    var edits: [String] = []
    if Bool.random(using: &rng) {
      json = Self.withoutData(json)
      edits.append("inputs' data dropped")
    }
    // Mostly one edit: a trace with several problems is refused at the first layer that sees
    // one, so single edits reach deeper.
    let count = [1, 1, 1, 1, 1, 1, 2, 2, 3].randomElement(using: &rng)!
    for _ in 0..<count {
      if let edit = mutate(&json) { edits.append(edit) }
    }
    return (json, edits)
  }

  /// The trace with every input's `data` removed.
  static func withoutData(_ json: MutantJSON) -> MutantJSON {
    guard case .array(let inputs)? = json[[.key("inputs")]] else { return json }
    var result = json
    let stripped = inputs.map { input -> MutantJSON in
      guard case .object(let pairs) = input else { return input }
      return .object(pairs.filter { $0.key != "data" })
    }
    result.set([.key("inputs")], to: .array(stripped))
    return result
  }

  /// Applies one random edit; returns its description, or nil when it found nothing to edit.
  mutating func mutate(_ json: inout MutantJSON) -> String? {
    // Numbers by what they are (`shape`, `step`, `args`, `position`, ...): a category is drawn
    // first, so the rare ones (a slice step, an axis) are edited as often as dimensions.
    var numbers: [String: [[MutantJSON.Step]]] = [:]
    var scalars: [[MutantJSON.Step]] = []
    var dtypes: [[MutantJSON.Step]] = []
    var lists: [[MutantJSON.Step]] = []
    var attrs: [[MutantJSON.Step]] = []
    json.walk { path, value in
      let key = path.last.flatMap { step -> String? in
        if case .key(let k) = step { return k } else { return nil }
      }
      switch value {
      case .number:
        let named = path.last { if case .key = $0 { return true } else { return false } }
        if case .key(let category)? = named { numbers[category, default: []].append(path) }
      case .string where ["value", "start", "step"].contains(key ?? ""): scalars.append(path)
      case .string where key == "dtype": dtypes.append(path)
      case .array where ["shape", "axes", "perm", "args", "slice"].contains(key ?? ""):
        lists.append(path)
      case .object where key == "attrs": attrs.append(path)
      default: break
      }
    }
    let nodeCount: Int
    if case .array(let nodes)? = json[[.key("nodes")]] {
      nodeCount = nodes.count
    } else {
      nodeCount = 0
    }
    switch Int.random(in: 0..<11, using: &rng) {
    case 0, 1:
      guard let category = numbers.keys.sorted().randomElement(using: &rng),
        let path = numbers[category]?.randomElement(using: &rng)
      else { return nil }
      let text = Self.extremeInts.randomElement(using: &rng)!
      json.set(path[...], to: .number(text))
      return "\(Self.describe(path)) = \(text)"
    case 2:
      guard let path = scalars.randomElement(using: &rng) else { return nil }
      let text = Self.extremeScalars.randomElement(using: &rng)!
      json.set(path[...], to: .string(text))
      return "\(Self.describe(path)) = \"\(text)\""
    case 3:
      guard let path = dtypes.randomElement(using: &rng) else { return nil }
      let text = Self.dtypes.randomElement(using: &rng)!
      json.set(path[...], to: .string(text))
      return "\(Self.describe(path)) = \(text)"
    case 4:
      guard nodeCount > 1 else { return nil }
      let a = Int.random(in: 0..<nodeCount, using: &rng)
      let b = Int.random(in: 0..<nodeCount, using: &rng)
      let withAttrs = Bool.random(using: &rng)
      for key in withAttrs ? ["op", "attrs"] : ["op"] {
        let pa: [MutantJSON.Step] = [.key("nodes"), .index(a), .key(key)]
        let pb: [MutantJSON.Step] = [.key("nodes"), .index(b), .key(key)]
        guard let va = json[pa], let vb = json[pb] else { continue }
        json.set(pa[...], to: vb)
        json.set(pb[...], to: va)
      }
      return "nodes \(a) and \(b) swap op\(withAttrs ? " and attrs" : "")"
    case 5:
      guard let path = lists.randomElement(using: &rng),
        case .array(let items)? = json[path]
      else { return nil }
      let (changed, what) = reshapeList(items)
      json.set(path[...], to: .array(changed))
      return "\(Self.describe(path)) \(what)"
    case 6:
      guard let path = attrs.randomElement(using: &rng), case .object(var pairs)? = json[path],
        !pairs.isEmpty
      else { return nil }
      let what: String
      switch Int.random(in: 0..<3, using: &rng) {
      case 0:
        pairs.append(pairs[Int.random(in: 0..<pairs.count, using: &rng)])
        what = "duplicates key '\(pairs.last!.key)'"
      case 1:
        let gone = pairs.remove(at: Int.random(in: 0..<pairs.count, using: &rng))
        what = "drops '\(gone.key)'"
      default:
        pairs.reverse()
        what = "reversed"
      }
      json.set(path[...], to: .object(pairs))
      return "\(Self.describe(path)) \(what)"
    default:
      return resize(&json)
    }
  }

  /// An array attribute made empty, high-rank, duplicated, reversed, shortened or extended.
  mutating func reshapeList(_ items: [MutantJSON]) -> ([MutantJSON], String) {
    let extreme = MutantJSON.number(Self.extremeInts.randomElement(using: &rng)!)
    switch Int.random(in: 0..<6, using: &rng) {
    case 0: return ([], "emptied")
    case 1:
      let fill = items.first ?? .number("1")
      return (Array(repeating: fill, count: 17), "made 17 long")
    case 2: return (items + items, "doubled")
    case 3: return (items.reversed(), "reversed")
    case 4: return (Array(items.dropLast()), "shortened")
    default: return (items + [extreme], "extended with \(extreme.text)")
    }
  }

  /// One dimension length replaced by an extreme in every shape and slice stop that has it, and
  /// the inputs' data dropped.
  mutating func resize(_ json: inout MutantJSON) -> String? {
    var dims: [String] = []
    json.walk { path, value in
      if path.count >= 2, case .key("shape") = path[path.count - 2], case .number(let n) = value,
        n != "1"
      {
        dims.append(n)
      }
    }
    guard let old = dims.randomElement(using: &rng) else { return nil }
    return Self.resize(&json, old, to: Self.extremeDims.randomElement(using: &rng)!)
  }

  /// Every `old` in a shape or a slice stop replaced by `new`, and the inputs' data dropped.
  static func resize(_ json: inout MutantJSON, _ old: String, to new: String) -> String {
    var paths: [[MutantJSON.Step]] = []
    json.walk { path, value in
      guard case .number(let n) = value, n == old, path.count >= 2 else { return }
      if case .key("shape") = path[path.count - 2] {
        paths.append(path)
      } else if case .key("stop") = path[path.count - 1] {
        paths.append(path)
      }
    }
    for path in paths { json.set(path[...], to: .number(new)) }
    json = withoutData(json)  // saved data would only be refused for its byte count
    return "dimension \(old) resized to \(new) (\(paths.count) places)"
  }

  /// The mutants every trace gets besides the random ones: its first slice step at Int64's
  /// edges, and the last dimension of its first input resized to 2^31.
  func systematic() -> [(json: MutantJSON, edits: [String])] {
    var result: [(json: MutantJSON, edits: [String])] = []
    var step: [MutantJSON.Step]?
    original.walk { path, value in
      if step == nil, case .number = value, path.contains(.key("slice")),
        path.last == .key("step")
      {
        step = path
      }
    }
    if let step {
      for text in ["-9223372036854775808", "9223372036854775807"] {
        var json = original
        json.set(step[...], to: .number(text))
        result.append((json, ["\(Self.describe(step)) = \(text)"]))
      }
    }
    let shape: [MutantJSON.Step] = [.key("inputs"), .index(0), .key("shape")]
    if case .array(let dims)? = original[shape], case .number(let last)? = dims.last, last != "1" {
      var json = original
      result.append((json, [Self.resize(&json, last, to: "2147483648")]))
    }
    return result
  }

  /// `nodes[3].attrs.slice[0].start`.
  static func describe(_ path: [MutantJSON.Step]) -> String {
    path.map(\.description).joined().drop { $0 == "." }.description
  }
}
