// Algebraic simplification: identities that hold exactly under IEEE-754 (and two's complement).
//
// Each rule replaces a node by an operand, or by a short expression, only when the replacement
// has exactly the node's dtype and shape; otherwise the node stays. Exact rules: `x*1`, `1*x`,
// `x-(+0)`, `x+(-0.0)` and `(-0.0)+x` (but `x+0.0` only for integers, since `-0.0+0.0` is
// `+0.0`), `x/1`, `-(-x)`, `x**1`, a cast to the operand's own dtype, `not(not(b))` for bool `b`,
// and `x/2^k -> x*2^-k` when `2^-k` is representable (both are the real `x*2^-k` rounded once).
// Small integer powers become products (`x**2 -> x*x`, `x**3 -> (x*x)*x`, `x**4 -> t*t` with
// `t = x*x`): exact for integers, within pow's accuracy bound for floats. A comparison of an
// integer or bool value with itself is known (`x == x`, `x <= x`, `x >= x` are true; `!=`,
// `<`, `>` false); floats keep theirs (NaN compares unequal to itself). Under
// `--fast-math` only: `x**0.5 -> sqrt(x)` and `x/c -> x*(1/c)` (see docs/numerics.md).
// Constants are `full` nodes of any shape. Operands are looked up in the graph being built, so
// rewrites compose within one sweep (`-(-(-(-x)))` becomes `x`).

import DRCIR

/// Applies exact algebraic identities.
public struct AlgebraicSimplification: Pass {
  /// Creates the pass.
  public init() {}
  /// `simplify`.
  public var name: String { "simplify" }

  /// Returns `graph` with every applicable identity applied.
  public func run(_ graph: Graph, context: PassContext) throws -> Graph {
    var rewriter = GraphRewriter(graph)
    for node in graph.nodes {
      rewriter.begin(node.id)
      let site = Site(node: node, operands: rewriter.operands(of: node))
      if let value = simplify(site, &rewriter, context: context) {
        rewriter.replace(node.id, with: value)
      } else {
        rewriter.keep(node)
      }
    }
    return rewriter.finish()
  }

  /// The new id holding `site.node`'s value after a rewrite, or nil when no rule applies.
  func simplify(_ site: Site, _ r: inout GraphRewriter, context: PassContext) -> Int? {
    let node = site.node
    let ops = site.operands
    switch node.op {
    case .binary(.mul):
      if site.constant(in: r, 1)?.isExactly(1) == true, site.same(in: r, ops[0]) { return ops[0] }
      if site.constant(in: r, 0)?.isExactly(1) == true, site.same(in: r, ops[1]) { return ops[1] }
    case .binary(.sub):
      if site.constant(in: r, 1)?.isPositiveZero == true, site.same(in: r, ops[0]) { return ops[0] }
    case .binary(.add):
      for (c, x) in [(1, 0), (0, 1)] {
        guard let zero = site.constant(in: r, c), site.same(in: r, ops[x]) else { continue }
        if node.dtype.isInteger ? zero.isExactly(0) : zero.isNegativeZero { return ops[x] }
      }
    case .binary(.div):
      return divide(site, &r, context: context)
    case .binary(.pow):
      return power(site, &r, context: context)
    case .unary(.neg):
      let inner = site.new(in: r, ops[0])
      if inner.op == .unary(.neg), site.same(in: r, inner.operands[0]) { return inner.operands[0] }
    case .unary(.logicalNot):
      let inner = site.new(in: r, ops[0])
      if inner.op == .unary(.logicalNot), site.same(in: r, inner.operands[0]) {
        return inner.operands[0]
      }
    case .cast:
      if site.same(in: r, ops[0]) { return ops[0] }
    case .binary(let b) where [.eq, .ne, .lt, .le, .gt, .ge].contains(b):
      guard ops[0] == ops[1], !site.new(in: r, ops[0]).dtype.isFloat else { return nil }
      let known = b == .eq || b == .le || b == .ge
      return r.emit(
        .full(.bool(known)), [], dtype: node.dtype, shape: node.shape, loc: node.loc)
    default:
      break
    }
    return nil
  }

  /// `x/1 -> x`; `x/2^k -> x*2^-k`; under fast-math `x/c -> x*(1/c)`.
  func divide(_ site: Site, _ r: inout GraphRewriter, context: PassContext) -> Int? {
    let (node, x) = (site.node, site.operands[0])
    guard let c = site.constant(in: r, 1), node.dtype.isFloat else { return nil }
    if c.isExactly(1), site.same(in: r, x) { return x }
    let divisor = c.converted(to: node.dtype).doubleValue
    guard DType.promote(r.new.nodes[x].dtype, node.dtype) == node.dtype, divisor.isFinite,
      divisor != 0
    else { return nil }
    let reciprocal: Double
    if node.dtype == .float32 {
      let single = 1 / Float(divisor)
      guard single.isFinite, single != 0 else { return nil }
      reciprocal = Double(single)
    } else {
      reciprocal = 1 / divisor
      guard reciprocal.isFinite, reciprocal != 0 else { return nil }
    }
    // A power of two whose reciprocal is exact: both forms are the real x*2^-k rounded once.
    // float32 constants must be normal too, since a device may flush float32 denormals.
    let normal =
      node.dtype == .float32
      ? Float(divisor).isNormal && Float(reciprocal).isNormal : divisor.isNormal
    let exact = normal && divisor.significandBitPattern == 0 && reciprocal * divisor == 1
    guard exact || context.options.fastMath else { return nil }
    if !exact {
      context.remark(
        Remark(
          pass: name, node: node.id, loc: node.loc,
          "--fast-math: x/\(c) rewritten to x*\(Scalar.float(reciprocal)) (not exact)"))
    }
    let shape = r.new.nodes[site.operands[1]].shape
    let splat = r.emit(
      .full(.float(reciprocal)), [], dtype: node.dtype, shape: shape, loc: node.loc)
    return site.emit(.binary(.mul), [x, splat], into: &r)
  }

  /// `x**1 -> x`, `x**2`, `x**3`, `x**4` to products; `x**0.5 -> sqrt(x)` under fast-math.
  func power(_ site: Site, _ r: inout GraphRewriter, context: PassContext) -> Int? {
    let (node, x) = (site.node, site.operands[0])
    guard let e = site.constant(in: r, 1), site.same(in: r, x) else { return nil }
    func note(_ message: String) {
      if node.dtype.isFloat {
        context.remark(Remark(pass: name, node: node.id, loc: node.loc, message))
      }
    }
    if e.isExactly(1) { return x }
    if e.isExactly(2) {
      note("x**2 rewritten to x*x (correctly rounded; within pow's accuracy bound)")
      return site.emit(.binary(.mul), [x, x], into: &r)
    }
    if e.isExactly(3) {
      note("x**3 rewritten to (x*x)*x (two roundings; within pow's 16 ulp bound)")
      let square = site.emit(.binary(.mul), [x, x], into: &r)
      return site.emit(.binary(.mul), [square, x], into: &r)
    }
    if e.isExactly(4) {
      note("x**4 rewritten to (x*x)*(x*x) (two roundings; within pow's 16 ulp bound)")
      let square = site.emit(.binary(.mul), [x, x], into: &r)
      return site.emit(.binary(.mul), [square, square], into: &r)
    }
    if e.isExactly(0.5), node.dtype.isFloat {
      guard context.options.fastMath else {
        note("x**0.5 kept: sqrt differs from pow at -0.0 and -inf (allowed under --fast-math)")
        return nil
      }
      note("--fast-math: x**0.5 rewritten to sqrt(x)")
      return site.emit(.unary(.sqrt), [x], into: &r)
    }
    return nil
  }
}

/// The node being simplified and its remapped operands.
struct Site {
  /// The old node.
  let node: Node
  /// Its operands' ids in the new graph.
  let operands: [Int]

  /// The new graph's node `id`.
  func new(in r: GraphRewriter, _ id: Int) -> Node { r.new.nodes[id] }

  /// The splat value of operand `index`, when it is a `full`.
  func constant(in r: GraphRewriter, _ index: Int) -> Scalar? { new(in: r, operands[index]).splat }

  /// Whether new node `id` has exactly the old node's dtype and shape.
  func same(in r: GraphRewriter, _ id: Int) -> Bool {
    let n = r.new.nodes[id]
    return n.dtype == node.dtype && n.shape == node.shape
  }

  /// Emits `op(operands)` with the old node's dtype, shape and location.
  func emit(_ op: Op, _ operands: [Int], into r: inout GraphRewriter) -> Int {
    r.emit(op, operands, dtype: node.dtype, shape: node.shape, loc: node.loc)
  }
}
