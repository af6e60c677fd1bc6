// One step of `einsum` (Einsum.swift): two labelled operands combined into one, the labels
// neither the output nor a later operand needs summed out, shared labels still needed kept as
// batch axes and the other shared ones contracted by a matrix product.

import DRCIR

/// The pairwise step of `einsum`.
enum EinsumPair {
  /// An operand and the label of each of its axes.
  typealias Term = (labels: [Character], array: NDArray)

  /// `term` with the axes whose labels are not in `keep` summed out.
  static func sumOut(_ term: Term, keep: Set<Character>, site: CallSite) throws(ArrayError)
    -> Term
  {
    let axes = term.labels.indices.filter { !keep.contains(term.labels[$0]) }
    if axes.isEmpty { return term }
    let summed = try term.array.reduce(.sum, axes, keepdims: false, site: site)
    return (term.labels.filter { keep.contains($0) }, summed)
  }

  /// `a` and `b` combined: labels in `keep` (needed later) stay, the others are summed.
  static func combine(
    _ a: Term, _ b: Term, keep: Set<Character>, sizes: [Character: Int], file: String,
    line: Int
  ) throws(ArrayError) -> Term {
    let site = CallSite.source(file, line)
    let a1 = try sumOut(a, keep: keep.union(b.labels), site: site)
    let b1 = try sumOut(b, keep: keep.union(a1.labels), site: site)
    let shared = a1.labels.filter { b1.labels.contains($0) }
    let batch = shared.filter { keep.contains($0) }
    let contracted = shared.filter { !keep.contains($0) }
    let freeA = a1.labels.filter { !b1.labels.contains($0) }
    let freeB = b1.labels.filter { !a1.labels.contains($0) }
    func size(_ labels: [Character]) throws(ArrayError) -> Int {
      var n = 1
      for label in labels {
        let (p, overflow) = n.multipliedReportingOverflow(by: sizes[label] ?? 1)
        guard !overflow else {
          throw ArrayError(
            op: "einsum", "the result of labels \(String(labels)) has too many elements",
            location: Session.shared.location(site, force: true))
        }
        n = p
      }
      return n
    }
    let (nb, na, nc, nf) = (try size(batch), try size(freeA), try size(contracted), try size(freeB))
    let resultLabels = batch + freeA + freeB
    let resultShape = resultLabels.map { sizes[$0] ?? 1 }
    _ = try size(resultLabels)
    let product: NDArray
    if contracted.isEmpty {
      // Nothing to contract: a broadcast product [nb, na, 1] * [nb, 1, nf].
      let x = arranged(a1, batch + freeA, shape: [nb, na, 1], site: site)
      let y = arranged(b1, batch + freeB, shape: [nb, 1, nf], site: site)
      product = try NDArray.binary(.mul, x, y, site: site)
    } else if batch.isEmpty {
      let x = arranged(a1, freeA + contracted, shape: [na, nc], site: site)
      let y = arranged(b1, contracted + freeB, shape: [nc, nf], site: site)
      product = try NDArray.apply(.matmul, [x, y], dtype: x.dtype, shape: [na, nf], site: site)
    } else if nb <= NDArray.maxMatrices {
      let x = arranged(a1, batch + freeA + contracted, shape: [nb, na, nc], site: site)
      let y = arranged(b1, batch + contracted + freeB, shape: [nb, nc, nf], site: site)
      product = try NDArray.batchedMatmul(x, y, file: file, line: line)
    } else {
      // Too many batch points for one product each: a broadcast product summed over nc.
      let x = arranged(a1, batch + freeA + contracted, shape: [nb, na, nc, 1], site: site)
      let y = arranged(b1, batch + contracted + freeB, shape: [nb, 1, nc, nf], site: site)
      product = try NDArray.binary(.mul, x, y, site: site).reduce(
        .sum, [2], keepdims: false, site: site)
    }
    return (resultLabels, product.view(.reshape, shape: resultShape, site: site))
  }

  /// `term`'s array with its axes in the order of `labels`, reshaped to `shape`.
  static func arranged(_ term: Term, _ labels: [Character], shape: [Int], site: CallSite)
    -> NDArray
  {
    let perm = labels.compactMap { term.labels.firstIndex(of: $0) }
    let moved =
      perm == Array(perm.indices) ? term.array : term.array.view(.transpose(perm), site: site)
    return moved.view(.reshape, shape: shape, site: site)
  }

  /// `term` with each label repeated within it reduced to one axis: the diagonal of the two
  /// axes (moved last, flattened to n*n, every (n+1)-th element).
  static func diagonals(_ term: Term, site: CallSite) throws(ArrayError) -> Term {
    var (labels, array) = term
    while let q = labels.indices.first(where: { labels[..<$0].contains(labels[$0]) }),
      let p = labels.firstIndex(of: labels[q])
    {
      let n = array.shape[q]
      let (square, overflow) = n.multipliedReportingOverflow(by: n)
      guard !overflow else {
        throw ArrayError(
          op: "einsum", "the diagonal of two axes of length \(n) is too large",
          location: Session.shared.location(site, force: true))
      }
      let others = labels.indices.filter { $0 != p && $0 != q }
      let moved = array.view(.transpose(others + [p, q]), site: site)
      let flat = moved.view(.reshape, shape: others.map { array.shape[$0] } + [square], site: site)
      var ranges = flat.shape.map { SliceRange(start: 0, stop: $0, step: 1) }
      ranges[ranges.count - 1] =
        n == 0
        ? SliceRange(start: 0, stop: 0, step: 1)
        : SliceRange(start: 0, stop: square, step: n + 1)
      array = flat.view(.slice(ranges), site: site)
      labels = others.map { labels[$0] } + [labels[p]]
    }
    return (labels, array)
  }
}
