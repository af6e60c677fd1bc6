// Statements for the values of a kernel body, at one width, each commented with its trace node.
//
// A value is either uniform (the same for every point a work-item covers: constants, scalar
// parameters, loads of a single element, and ops on uniform values) or varying; in vector code
// uniform values stay scalar and are splatted only where they meet a varying one, so constants
// and parameters cost nothing per lane. Loads use the forms `Addressing` picks. Every statement
// is `const T vN = ...; // nID op  location` so a diagnostic can be traced to its node.

import DRCIR
import DRCPlan

/// A value already computed: its name, dtype and whether it is the same for all lanes.
struct ValueRef {
  var name: String
  var dtype: DType
  var uniform: Bool
}

/// Emits body values into a printer.
struct BodyEmitter {
  let kernel: Kernel
  let locations: [Int: String]
  /// Lanes per varying value (1: scalar code, coordinates `i0...` in scope).
  let width: Int
  /// Index arithmetic over the space the current values iterate.
  var addressing: Addressing
  var ops: CLOps
  var refs: [Int: ValueRef] = [:]
  var out = CodePrinter()
  /// Vector code needs the coordinates `b0...` of `p0` / the per-lane coordinates `q0...`.
  var needsBase = false
  var needsLanes = false
  /// Values computed from constants alone (see `opaque`).
  var constantValues: Set<Int> = []

  /// An emitter for `kernel` at `width` lanes over iteration `space`.
  init(kernel: Kernel, locations: [Int: String], width: Int, space: [Int]) {
    self.kernel = kernel
    self.locations = locations
    self.width = width
    addressing = Addressing(space: space)
    ops = CLOps(width: width)
  }

  /// The comment naming value `i`'s node, op and source location.
  func comment(_ i: Int) -> String {
    let v = kernel.body[i]
    var text = "//"
    if let node = v.node { text += " n\(node)" }
    text += " " + BodyEmitter.opName(v.op)
    if let node = v.node, let loc = locations[node] {
      let safe = CLSyntax.commentSafe(loc)
      if !safe.isEmpty { text += "  " + safe }
    }
    return text
  }

  /// A short name of an op for comments.
  static func opName(_ op: ExprOp) -> String {
    switch op {
    case .load(let arg, _): return "load a\(arg)"
    case .gather(let arg, _, _, _): return "take a\(arg)"
    case .sortLine(let s, let arg, _): return "\(s.rawValue) a\(arg)"
    case .scatterLine(let s, let arg, _, _): return "\(s.rawValue) a\(arg)"
    case .solveLine(let f, _, let arg, _): return "\(f.rawValue) a\(arg)"
    case .param(let arg): return "param a\(arg)"
    case .constant: return "constant"
    case .index: return "index"
    case .inRange: return "in_range"
    case .unary(let u, _): return u.rawValue
    case .binary(let b, _, _): return b.rawValue
    case .select: return "where"
    case .cast: return "cast"
    case .accumulate(let r, _): return r.rawValue
    case .scan(let s, _): return s.rawValue
    }
  }

  /// An error about value `i`, naming this kernel and the value's node.
  func error(_ i: Int, _ message: String) -> CodegenError {
    CodegenError(kernel: kernel.name, node: kernel.body[i].node, message)
  }

  /// `ref` at this width: splatted when uniform and the code is vector code.
  func widened(_ ref: ValueRef, uniform: Bool) -> String {
    (uniform || width == 1 || !ref.uniform)
      ? ref.name : "(\(CLSyntax.type(ref.dtype, width: width)))(\(ref.name))"
  }

  /// Declares value `i` as `expression` and records it.
  mutating func define(_ i: Int, _ expression: String, uniform: Bool) {
    let v = kernel.body[i]
    let t = CLSyntax.type(v.dtype, width: uniform ? 1 : width)
    out.line("const \(t) v\(i) = \(expression); \(comment(i))")
    refs[i] = ValueRef(name: "v\(i)", dtype: v.dtype, uniform: uniform)
  }

  /// Emits value `i` (not an accumulation).
  mutating func emit(_ i: Int) throws {
    let v = kernel.body[i]
    func ref(_ j: Int) throws -> ValueRef {
      guard let r = refs[j] else { throw error(i, "value v\(j) is used before it is computed") }
      return r
    }
    do {
      switch v.op {
      case .load(let arg, let map): try load(i, arg, map)
      case .gather(let arg, let map, let index, let extent):
        try gatherLoad(i, arg, map, index: try ref(index), extent: extent)
      case .param(let arg):
        guard arg < kernel.args.count, kernel.args[arg].access == .scalar else {
          throw error(i, "argument \(arg) is not a scalar parameter")
        }
        define(i, ops.cast("a\(arg)", from: kernel.args[arg].dtype, to: v.dtype), uniform: true)
      case .constant(let s):
        define(i, CLSyntax.literal(s, v.dtype), uniform: true)
        constantValues.insert(i)
      case .index(let coefficients, let offset):
        guard v.dtype == .int64 else { throw error(i, "index must be int64") }
        let (text, uniform) =
          kernel.symbolic == true
          ? (SymbolicAddressing(kernel).index(i, inner: v.inner), false)
          : affineValue(coefficients, offset)
        define(i, text, uniform: uniform)
      case .inRange(let coefficients, let offset, let lo, let hi):
        let symbolic = kernel.symbolic == true
        let (x, uniform) =
          symbolic
          ? (SymbolicAddressing(kernel).index(i, inner: v.inner), false)
          : affineValue(coefficients, offset)
        let t = "t\(i)"
        out.line("const \(CLSyntax.type(.int64, width: uniform ? 1 : width)) \(t) = \(x);")
        let w = uniform ? CLOps(width: 1) : ops
        let (low, high) = symbolic ? ("zL\(i)", "zU\(i)") : ("\(lo)L", "\(hi)L")
        define(i, w.boolFrom("(\(low) <= \(t)) & (\(t) < \(high))"), uniform: uniform)
      case .unary(let op, let a):
        let x = opaque(i, [a], [try ref(a)])[0]
        try compute(i, [x]) { o, s in try o.unary(op, s[0], from: x.dtype, to: v.dtype) }
      case .binary(let op, let a, let b):
        let xy = opaque(i, [a, b], [try ref(a), try ref(b)])
        let (x, y) = (xy[0], xy[1])
        try compute(i, [x, y]) { o, s in
          let w = o.width
          return try o.binary(op, s[0], s[1], from: x.dtype, fromB: y.dtype, to: v.dtype) { p, q in
            (0..<w).map { l in (BodyEmitter.lane(x, l), BodyEmitter.lane(y, l)) }
          }
        }
      case .select(let c, let a, let b):
        let (cr, x, y) = (try ref(c), try ref(a), try ref(b))
        guard cr.dtype == .bool, x.dtype == v.dtype, y.dtype == v.dtype else {
          throw error(i, "where needs a bool condition and operands of \(v.dtype)")
        }
        if cr.uniform && width > 1 && !(x.uniform && y.uniform) {
          define(
            i, "(\(cr.name) ? \(widened(x, uniform: false)) : \(widened(y, uniform: false)))",
            uniform: false)
        } else {
          try compute(i, [cr, x, y]) { o, s in o.select(s[0], s[1], s[2], v.dtype) }
        }
      case .cast(let a):
        let x = opaque(i, [a], [try ref(a)])[0]
        try compute(i, [x]) { o, s in o.cast(s[0], from: x.dtype, to: v.dtype) }
      case .accumulate:
        throw error(i, "accumulation outside a reduction")
      case .scan:
        throw error(i, "scan outside a scan kernel")
      case .sortLine:
        throw error(i, "a sorted line outside a sort kernel")
      case .scatterLine:
        throw error(i, "a scatter line outside a scatter kernel")
      case .solveLine:
        throw error(i, "a solved line outside a solve kernel")
      }
    } catch let e as CodegenError where e.kernel == nil {
      throw error(i, e.message)
    }
  }

  /// Lane `l` of an operand expression (the scalar itself when uniform).
  static func lane(_ ref: ValueRef, _ l: Int) -> String {
    ref.uniform ? ref.name : "\(ref.name).\(CLSyntax.lane(l))"
  }

  /// Defines value `i` from operands: scalar when all are uniform, else at full width.
  private mutating func compute(
    _ i: Int, _ operands: [ValueRef], _ make: (inout CLOps, [String]) throws -> String
  ) throws {
    let uniform = width == 1 || operands.allSatisfy(\.uniform)
    var o = uniform ? CLOps(width: 1) : ops
    let text = try make(&o, operands.map { widened($0, uniform: uniform) })
    if uniform { ops.helpers.formUnion(o.helpers) } else { ops = o }
    define(i, text, uniform: uniform)
  }

  /// `offset + sum c_k * coordinate_k` over the current space; uniform when no live axis moves it.
  private mutating func affineValue(_ coefficients: [Int], _ offset: Int) -> (String, Bool) {
    let space = addressing.space
    let live = coefficients.indices.filter {
      $0 < space.count && space[$0] > 1 && coefficients[$0] != 0
    }
    if live.isEmpty { return ("\(offset)L", true) }
    if width == 1 {
      return (Addressing.affine(offset, live.map { (coefficients[$0], "i\($0)") }), false)
    }
    if let axes = addressing.laneAxes {
      // Lane mode: lanes move along the outer axes only; inner axes are loop coordinates.
      let moving = live.contains { $0 < axes }
      if moving { needsLanes = true }
      let name = { (k: Int) in k < axes ? "q\(k)" : "i\(k)" }
      return (Addressing.affine(offset, live.map { (coefficients[$0], name($0)) }), !moving)
    }
    needsLanes = true
    return (Addressing.affine(offset, live.map { (coefficients[$0], "q\($0)") }), false)
  }

  /// A load of argument `arg` through `map`.
  private mutating func load(_ i: Int, _ arg: Int, _ map: IndexMap) throws {
    let v = kernel.body[i]
    guard arg < kernel.args.count, kernel.args[arg].access != .scalar else {
      throw error(i, "argument \(arg) is not a buffer")
    }
    guard kernel.args[arg].dtype == v.dtype else {
      throw error(i, "load of a \(kernel.args[arg].dtype) buffer as \(v.dtype)")
    }
    let a = "a\(arg)"
    if kernel.symbolic == true {
      define(
        i, "\(a)[\(SymbolicAddressing(kernel).load(i, map, inner: v.inner))]", uniform: false)
      return
    }
    if width == 1 {
      define(i, "\(a)[\(addressing.element(map, coordinate: { "i\($0)" }))]", uniform: false)
      return
    }
    let access = addressing.vector(
      map, width: width, needsBase: &needsBase, needsLanes: &needsLanes)
    switch access {
    case .uniform(let e): define(i, "\(a)[\(e)]", uniform: true)
    case .contiguous(let e): define(i, "vload\(width)(0, \(a) + \(e))", uniform: false)
    case .gather(let e):
      out.line("const long\(width) e\(i) = \(e);")
      define(i, gather(a, "e\(i)", v.dtype), uniform: false)
    case .lanes(let indices):
      let values = indices.map { "\(a)[\($0)]" }.joined(separator: ", ")
      define(i, "(\(CLSyntax.type(v.dtype, width: width)))(\(values))", uniform: false)
    case .clampedContiguous(let start, let e, let whole), .rowUniform(let start, let e, let whole):
      // Same values either way: the vector load (or the one element, splat) is taken only where
      // the lanes lie in one row and clamping changes nothing.
      let t = CLSyntax.type(v.dtype, width: width)
      out.line("\(t) v\(i); \(comment(i))")
      let read =
        if case .rowUniform = access { "v\(i) = (\(t))(\(a)[\(start)]);" } else {
          "v\(i) = vload\(width)(0, \(a) + \(start));"
        }
      out.block("if (\(whole))") { $0.line(read) }
      let gathered = gather(a, "e\(i)", v.dtype)
      out.block("else") { p in
        p.line("const long\(width) e\(i) = \(e);")
        p.line("v\(i) = \(gathered);")
      }
      refs[i] = ValueRef(name: "v\(i)", dtype: v.dtype, uniform: false)
    }
  }

  /// Lane by lane reads of `a` at the elements of long vector `e`.
  private func gather(_ a: String, _ e: String, _ dtype: DType) -> String {
    let lanes = (0..<width).map { "\(a)[\(e).\(CLSyntax.lane($0))]" }
    return "(\(CLSyntax.type(dtype, width: width)))(\(lanes.joined(separator: ", ")))"
  }

  /// Writes a stored value through its map (vector code: W consecutive points from `p0`).
  mutating func store(_ s: KernelStore) throws {
    guard let r = refs[s.value] else {
      throw CodegenError(kernel: kernel.name, "stored value v\(s.value) is not computed")
    }
    guard s.arg < kernel.args.count,
      kernel.args[s.arg].access == .write || kernel.args[s.arg].access == .readWrite,
      kernel.args[s.arg].dtype == r.dtype
    else {
      throw CodegenError(
        kernel: kernel.name, node: kernel.body[s.value].node,
        "store of \(r.dtype) into argument \(s.arg) is not valid")
    }
    let a = "a\(s.arg)"
    if kernel.symbolic == true, let n = kernel.stores.firstIndex(of: s) {
      let e = SymbolicAddressing(kernel).store(n)
      out.line("\(a)[\(e)] = \(r.name);")
      return
    }
    if width == 1 {
      out.line("\(a)[\(addressing.element(s.map, coordinate: { "i\($0)" }))] = \(r.name);")
      return
    }
    switch addressing.vector(s.map, width: width, needsBase: &needsBase, needsLanes: &needsLanes) {
    case .contiguous(let e) where r.dtype == .bool && addressing.startsAligned(s.map, width: width):
      // PoCL compiles vstoreN of uchar to N byte stores (after a comparison, through a masked
      // load that took 4-6x longer when every lane was false); an aligned vector store is one.
      let type = CLSyntax.type(r.dtype, width: width)
      out.line("*(__global \(type)*)(\(a) + \(e)) = \(widened(r, uniform: false));")
    case .contiguous(let e):
      out.line("vstore\(width)(\(widened(r, uniform: false)), 0, \(a) + \(e));")
    case .uniform(let e):
      // Every lane writes the same element; the last lane's value is the one that stays.
      out.line("\(a)[\(e)] = \(BodyEmitter.lane(r, width - 1));")
    case .gather(let e):
      scatter(a, e, r, s, into: &out)
    case .lanes(let indices):
      for (l, index) in indices.enumerated() {
        out.line("\(a)[\(index)] = \(BodyEmitter.lane(r, l));")
      }
    case .rowUniform(_, let e, _):
      // Every lane of a row writes one element: lane by lane, the last lane's value staying.
      scatter(a, e, r, s, into: &out)
    case .clampedContiguous(let start, let e, let whole):
      let value = widened(r, uniform: false)
      out.block("if (\(whole))") { $0.line("vstore\(width)(\(value), 0, \(a) + \(start));") }
      var fallback = CodePrinter()
      scatter(a, e, r, s, into: &fallback)
      out.block("else") { $0.append(fallback) }
    }
  }

  /// Lane by lane writes of `r` to `a` at the elements of long vector expression `e`.
  private func scatter(
    _ a: String, _ e: String, _ r: ValueRef, _ s: KernelStore, into out: inout CodePrinter
  ) {
    out.line("const long\(width) s\(s.value)_\(s.arg) = \(e);")
    for l in 0..<width {
      out.line("\(a)[s\(s.value)_\(s.arg).\(CLSyntax.lane(l))] = \(BodyEmitter.lane(r, l));")
    }
  }
}
