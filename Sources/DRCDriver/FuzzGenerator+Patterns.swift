// Patterns real programs are made of, for the fuzz generator: fusion's harder cases.
//
// Random single steps rarely line up into the shapes fusion treats specially, so some steps
// build a whole pattern at once: a stencil written back through an update (`u[1:-1] = u[2:] +
// u[:-2] - 2u[1:-1]` on a random axis), a row-wise normalisation (softmax: max, exp of the
// difference, sum, divide, with keepdims over a random axis), and a matrix product with an
// epilogue (bias and a ReLU). Each piece is typed by the IR's rules like any other step.

import DRCIR

extension FuzzGenerator {
  /// One pattern built from a random operand; the last node's id, or nil.
  mutating func pattern() -> Int? {
    switch rng.int(0...2) {
    case 0: return stencil()
    case 1: return normalise()
    default: return productWithEpilogue()
    }
  }

  /// `u[1:-1] = u[2:] + u[:-2] - 2 * u[1:-1]` along a random axis of length at least 3.
  mutating func stencil() -> Int? {
    let u = operand()
    let shape = graph.nodes[u].shape
    let axes = shape.indices.filter { shape[$0] >= 3 }
    guard let axis = axes.randomElement(using: &rng) else { return nil }
    func shifted(_ start: Int) -> [SliceRange] {
      var ranges = shape.map { SliceRange(start: 0, stop: $0, step: 1) }
      ranges[axis] = SliceRange(start: start, stop: shape[axis] - 2 + start, step: 1)
      return ranges
    }
    guard let right = add(.slice(shifted(2)), [u]), let left = add(.slice(shifted(0)), [u]),
      let middle = add(.slice(shifted(1)), [u]),
      let two = constant(shape: [], dtype: rng.pick([.int32, .float32, .float64])),
      let scaled = add(.binary(.mul), [two, middle]),
      let sum = add(.binary(.add), [right, left]),
      let laplace = add(.binary(.sub), [sum, scaled])
    else { return nil }
    return add(.update(shifted(1)), [u, laplace])
  }

  /// Softmax along a random axis: `e = exp(x - max(x)); e / sum(e)` with keepdims.
  mutating func normalise() -> Int? {
    let x = operand()
    let shape = graph.nodes[x].shape
    guard !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else { return nil }
    let axis = rng.int(0...(shape.count - 1))
    guard let m = add(.reduce(.max, axes: [axis], keepdims: true), [x]),
      let d = add(.binary(.sub), [x, m]),
      let e = add(.unary(.exp), [d]),
      let s = add(.reduce(rng.pick([.sum, .mean]), axes: [axis], keepdims: true), [e])
    else { return nil }
    return add(.binary(.div), [e, s])
  }

  /// `maximum(a @ b + bias, 0)` with a new input `b` and a bias broadcast along the rows.
  mutating func productWithEpilogue() -> Int? {
    let a = operand()
    let shape = graph.nodes[a].shape
    guard shape.count == 2, let k = shape.last, k <= 256 else { return nil }
    let dtype = rng.pick([DType.int32, .float32, .float64])
    let n = rng.pick([1, 3, 8, 17, 64])
    guard let b = constant(shape: [k, n], dtype: dtype, varying: true),
      let bias = constant(shape: [n], dtype: dtype, varying: true),
      let zero = constant(shape: [], dtype: dtype),
      let product = add(.matmul, [a, b]),
      let shifted = add(.binary(.add), [product, bias])
    else { return nil }
    return add(.binary(.maximum), [shifted, zero])
  }
}
