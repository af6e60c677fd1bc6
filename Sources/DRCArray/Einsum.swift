// NumPy's `einsum` (explicit `ij,jk->ik` and implicit `ij,jk` forms) and `tensordot`, recorded as
// sums, transposes, reshapes, broadcast products and matrix products.
//
// Labels are letters; every operand has one per axis and a label's axes must have one length.
// Each operand first sums out the labels no other operand and not the output has; operands are
// then combined left to right: a pair's shared labels that are still needed (by the output or a
// later operand) are batch axes, the other shared ones are contracted, and the rest are free.
// The pair becomes [batch, free A, contracted] @ [batch, contracted, free B]: a 2-D matrix product
// without batch labels, a stack of products (BatchedMatmul.swift) with up to
// `NDArray.maxMatrices` batch points, and a broadcast product summed over the contracted axis
// beyond that or when nothing is contracted. The result is transposed to the output's order.
// A label repeated within one operand takes that operand's diagonal first (`ii->i`, `ii` the
// trace). The implicit output is the labels that appear once, in ASCII order, as in NumPy. Not
// supported (an `ArrayError` at the call): ellipses (`...`), labels whose lengths differ, bool
// operands.

import DRCIR

/// `einsum(subscripts, operands)` as NumPy's, without ellipses.
public func einsum(
  _ subscripts: String, _ operands: NDArray..., file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  try einsum(subscripts, operands, file: file, line: line)
}

/// `einsum` with the operands in an array.
public func einsum(
  _ subscripts: String, _ operands: [NDArray], file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "einsum", message, location: Session.shared.location(site, force: true))
  }
  let text = subscripts.filter { !$0.isWhitespace }
  if text.contains(".") { throw fail("ellipses ('...') are not supported; name every axis") }
  let sides = text.components(separatedBy: "->")
  guard sides.count <= 2, let left = sides.first else {
    throw fail("'\(subscripts)' has more than one '->'")
  }
  let terms = left.components(separatedBy: ",").map { Array($0) }
  guard terms.count == operands.count, !operands.isEmpty else {
    throw fail("'\(subscripts)' names \(terms.count) operands, \(operands.count) given")
  }
  var sizes: [Character: Int] = [:]
  for (term, x) in zip(terms, operands) {
    guard term.allSatisfy({ $0.isASCII && $0.isLetter }) else {
      throw fail("labels must be letters, got '\(String(term))'")
    }
    guard term.count == x.ndim else {
      throw fail("'\(String(term))' labels \(term.count) axes of an array of shape \(x.shape)")
    }
    for (label, n) in zip(term, x.shape) {
      if let m = sizes[label], m != n {
        throw fail("label '\(label)' has lengths \(m) and \(n)")
      }
      sizes[label] = n
    }
  }
  let output: [Character]
  if sides.count == 2 {
    output = Array(sides[1])
    guard Set(output).count == output.count, output.allSatisfy({ sizes[$0] != nil }) else {
      throw fail("output '\(sides[1])' repeats a label or names one no operand has")
    }
  } else {
    let all = terms.flatMap { $0 }
    output = Set(all).filter { c in all.filter { $0 == c }.count == 1 }.sorted()
  }
  let dtype = operands.dropFirst().reduce(operands[0].dtype) { DType.promote($0, $1.dtype) }
  guard dtype != .bool else { throw fail("bool operands are not supported; cast them first") }
  var pending: [(labels: [Character], array: NDArray)] = []
  for (term, x) in zip(terms, operands) {
    let typed = x.dtype == dtype ? x : try x.astype(dtype, file: file, line: line)
    pending.append(try EinsumPair.diagonals((term, typed), site: site))
  }
  // Combine left to right; labels needed later are the output's and the remaining operands'.
  var current = pending[0]
  for next in pending.indices.dropFirst() {
    let keep = Set(output).union(pending[(next + 1)...].flatMap(\.labels))
    current = try EinsumPair.combine(
      current, pending[next], keep: keep, sizes: sizes, file: file, line: line)
  }
  let summed = try EinsumPair.sumOut(current, keep: Set(output), site: site)
  let perm = output.compactMap { summed.labels.firstIndex(of: $0) }
  return perm == Array(perm.indices)
    ? summed.array : summed.array.view(.transpose(perm), site: site)
}

/// `tensordot(a, b, axes: n)`: the last `n` axes of `a` contracted with the first `n` of `b`.
public func tensordot(
  _ a: NDArray, _ b: NDArray, axes n: Int = 2, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let count = Swift.max(n, 0)
  return try tensordot(
    a, b, axes: (Array((a.ndim - count)..<a.ndim), Array(0..<count)), file: file, line: line)
}

/// `tensordot(a, b, axes: ([i, j], [k, l]))`: a's axes i, j contracted with b's k, l.
public func tensordot(
  _ a: NDArray, _ b: NDArray, axes: ([Int], [Int]), file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
  let site = CallSite.source(file, line)
  guard axes.0.count == axes.1.count, a.ndim + b.ndim <= letters.count,
    axes.0.allSatisfy({ (-a.ndim..<a.ndim).contains($0) }),
    axes.1.allSatisfy({ (-b.ndim..<b.ndim).contains($0) })
  else {
    throw ArrayError(
      op: "tensordot", "axes \(axes) do not pair axes of \(a.shape) and \(b.shape)",
      location: Session.shared.location(site, force: true))
  }
  let labelsA = Array(letters[0..<a.ndim])
  var labelsB = Array(letters[a.ndim..<(a.ndim + b.ndim)])
  for (i, j) in zip(axes.0, axes.1) {
    labelsB[j < 0 ? j + b.ndim : j] = labelsA[i < 0 ? i + a.ndim : i]
  }
  let shared = Set(labelsA).intersection(labelsB)
  let out = labelsA.filter { !shared.contains($0) } + labelsB.filter { !shared.contains($0) }
  return try einsum(
    String(labelsA) + "," + String(labelsB) + "->" + String(out), [a, b], file: file,
    line: line)
}
