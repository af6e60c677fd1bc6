// The size arguments of a symbolic kernel: every integer its code would otherwise spell.
//
// A plan compiled from recordings at several sizes marks a kernel whose sizes vary `symbolic`
// (an elementwise kernel of any rank, a reduction, a matrix product or a scan). Its OpenCL C
// spells no extent, stride, offset or bound: it takes them as `const long` arguments (or, past
// `maxSizeArguments`, in one constant buffer), after the plan arguments, in the order given
// here, so one program serves every size. The order depends only on the kernel's structure (its
// rank and which body values load, index or test a range), never on the values, which the
// runtime computes from the instantiated plan after `PlanVerifier` has checked it: the generic
// code then computes exactly what the fixed-size code of that plan would, so a verified plan
// stays in bounds.
//
// Arguments, in order: `zN` the (outer) point count; `zE<k>` each extent of the full space
// (outer axes, then inner); for a reduction or matrix product `zI` its inner point count; per
// body value i that loads unclamped, or computes an index: `zO<i>` the flat offset and
// `zS<i>_<k>` the stride per axis; per clamped load, per buffer axis j: `zO<i>_<j>` the offset,
// `zC<i>_<j>_<k>` the coefficients, `zH<i>_<j>` the highest coordinate and `zR<i>_<j>` the
// row-major stride; per range test, `zO<i>`, `zS<i>_<k>`, `zL<i>` and `zU<i>` (the bounds); per
// store s, `zT<s>` and `zT<s>_<k>` (its flat offset and strides over the outer axes; a scan's
// over its full space, since it stores every point). A value
// computed per inner point of a reduction has a stride per axis of the full space; any other
// value one per outer axis.

/// One size argument of a symbolic kernel.
public struct SizeArgument: Hashable, Sendable {
  /// Its name in the generated code.
  public var name: String
  /// Its value for the kernel as the (instantiated) plan gives it.
  public var value: Int
}

extension LaunchGeometry {
  /// The most size arguments a symbolic kernel takes by value (OpenCL guarantees 1024 bytes of
  /// arguments: 128 longs, some of which the plan arguments use). A kernel with more (a fused
  /// stencil loads many shifted views) takes them in one `__constant long* zv` buffer argument
  /// instead, entry i holding argument i (`sizesInBuffer`).
  public static let maxSizeArguments = 96

  /// The most size arguments a kernel may take in its buffer (OpenCL guarantees 64 KiB of
  /// constant memory).
  public static let maxBufferedSizeArguments = 4096

  /// Whether `kernel` (symbolic) takes its size arguments in one buffer rather than by value.
  public static func sizesInBuffer(_ kernel: Kernel) throws -> Bool {
    try sizeArguments(kernel).count > maxSizeArguments
  }

  /// The size arguments of a symbolic kernel, in argument order, with their values; refuses a
  /// kernel with too many (`maxBufferedSizeArguments`), or one whose values overflow.
  public static func sizeArguments(_ kernel: Kernel) throws -> [SizeArgument] {
    let what = "\(kernel.name) size arguments"
    // Inner values' loads, indices and range tests are affine in the full space (outer, then
    // inner axes); outer values' and stores in the outer space.
    let outerRank = kernel.outer.count
    var out = [SizeArgument(name: "zN", value: try Checked.elements(kernel.outer, what))]
    for (k, e) in kernel.fullSpace.enumerated() {
      out.append(SizeArgument(name: "zE\(k)", value: e))
    }
    if kernel.kind != .elementwise {
      out.append(SizeArgument(name: "zI", value: try Checked.elements(kernel.inner, what)))
    }
    /// `offset + sum_k coefficients[j][k] * i_k`, flattened row-major, as offset and strides.
    /// Refuses a map whose ranks disagree (a hostile plan), before anything indexes it.
    func checkRanks(_ m: IndexMap) throws {
      guard m.offsets.count == m.shape.count, m.coefficients.count == m.shape.count else {
        throw PlanError("\(what): map rank does not match buffer \(m.shape)")
      }
    }
    func linear(_ offsetName: String, _ strideName: String, _ m: IndexMap, rank: Int) throws {
      try checkRanks(m)
      let rows = try rowStrides(m.shape, what)
      var offset = 0
      var strides = Array(repeating: 0, count: rank)
      for j in m.shape.indices {
        offset = try Checked.add(offset, try Checked.multiply(rows[j], m.offsets[j], what), what)
        for k in 0..<rank where k < m.coefficients[j].count {
          let term = try Checked.multiply(rows[j], m.coefficients[j][k], what)
          strides[k] = try Checked.add(strides[k], term, what)
        }
      }
      out.append(SizeArgument(name: offsetName, value: offset))
      for k in 0..<rank { out.append(SizeArgument(name: "\(strideName)_\(k)", value: strides[k])) }
    }
    func affine(_ i: Int, _ coefficients: [Int], _ offset: Int, rank: Int) {
      out.append(SizeArgument(name: "zO\(i)", value: offset))
      for k in 0..<rank {
        out.append(
          SizeArgument(name: "zS\(i)_\(k)", value: k < coefficients.count ? coefficients[k] : 0))
      }
    }
    for (i, v) in kernel.body.enumerated() {
      let rank = v.inner ? kernel.fullSpace.count : outerRank
      switch v.op {
      case .load(_, let m) where !m.clamp:
        try linear("zO\(i)", "zS\(i)", m, rank: rank)
      case .load(_, let m):
        try checkRanks(m)
        let rows = try rowStrides(m.shape, what)
        for j in m.shape.indices {
          out.append(SizeArgument(name: "zO\(i)_\(j)", value: m.offsets[j]))
          for k in 0..<rank {
            let c = k < m.coefficients[j].count ? m.coefficients[j][k] : 0
            out.append(SizeArgument(name: "zC\(i)_\(j)_\(k)", value: c))
          }
          out.append(SizeArgument(name: "zH\(i)_\(j)", value: m.shape[j] > 0 ? m.shape[j] - 1 : 0))
          out.append(SizeArgument(name: "zR\(i)_\(j)", value: rows[j]))
        }
      case .index(let coefficients, let offset):
        affine(i, coefficients, offset, rank: rank)
      case .inRange(let coefficients, let offset, let lo, let hi):
        affine(i, coefficients, offset, rank: rank)
        out.append(SizeArgument(name: "zL\(i)", value: lo))
        out.append(SizeArgument(name: "zU\(i)", value: hi))
      default: break
      }
    }
    for (s, store) in kernel.stores.enumerated() {
      // A scan stores every point of its full space; other kernels one per outer point.
      try linear("zT\(s)", "zT\(s)", store.map, rank: kernel.storeSpace.count)
    }
    guard out.count <= maxBufferedSizeArguments else {
      throw PlanError(
        "\(kernel.name): \(out.count) size arguments (at most \(maxBufferedSizeArguments)); it cannot be symbolic"
      )
    }
    return out
  }

  /// Row-major strides of `shape`, overflow-checked.
  static func rowStrides(_ shape: [Int], _ what: String) throws -> [Int] {
    var strides = Array(repeating: 1, count: shape.count)
    var step = 1
    for j in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[j] = step
      step = try Checked.multiply(step, shape[j], what)
    }
    return strides
  }
}
