// Affine accesses: where a kernel's iteration point lands in a node's index space.
//
// Fusion reads values through chains of views. Each step from a node to its operand composes an
// affine map: slices scale and shift, transposes permute rows, broadcasts and squeezes zero them,
// expand_dims drops them, and a reshape that only splits axes (or adds and removes unit axes)
// combines rows. A reshape that merges axes needs division, so `through(_:of:)` returns nil and
// the partitioner materialises its operand instead; the buffer is then read as the new shape.

import DRCIR
import DRCPlan

/// An affine map from a kernel's iteration index to a node's index.
struct Access: Hashable {
  /// `rows[j][k]`: how node axis j moves with iteration axis k.
  var rows: [[Int]]
  /// Node coordinate j at iteration index zero.
  var offsets: [Int]
  /// The rank of the iteration space (every row has this many entries). Stored, not derived
  /// from `rows`, because a 0-d node's access has no rows yet still lives in a space of some rank.
  var spaceRank: Int

  /// Creates an access; `spaceRank` defaults to the length of the first row.
  init(rows: [[Int]], offsets: [Int], spaceRank: Int? = nil) {
    self.rows = rows
    self.offsets = offsets
    self.spaceRank = spaceRank ?? rows.first?.count ?? 0
  }

  /// The identity access of a node whose shape is the iteration space (rank `rank`).
  static func identity(rank: Int) -> Access {
    Access(
      rows: (0..<rank).map { j in (0..<rank).map { $0 == j ? 1 : 0 } },
      offsets: Array(repeating: 0, count: rank), spaceRank: rank)
  }

  /// An access with every iteration axis of a `spaceRank` space mapping to the node axes `axes`
  /// (-1: the node axis is fixed at 0).
  static func selecting(_ axes: [Int], spaceRank: Int) -> Access {
    Access(
      rows: axes.map { a in (0..<spaceRank).map { $0 == a ? 1 : 0 } },
      offsets: Array(repeating: 0, count: axes.count), spaceRank: spaceRank)
  }

  /// The access of a buffer of `shape` through this map.
  func indexMap(shape: [Int], space: [Int]) -> IndexMap {
    var map = IndexMap(shape: shape, coefficients: rows, offsets: offsets)
    map.clamp = !map.staysInBounds(over: space)
    return map
  }

  /// Whether this is the identity on a space of the node's rank.
  var isIdentity: Bool {
    self == Access.identity(rank: rows.count) && rows.allSatisfy { $0.count == rows.count }
  }

  private var zeroRow: [Int] { Array(repeating: 0, count: spaceRank) }

  /// The access of an operand of `shape` broadcast (right-aligned) into this node's shape.
  func broadcastOperand(_ shape: [Int], into nodeShape: [Int]) -> Access {
    let lead = nodeShape.count - shape.count
    var result = Access(rows: [], offsets: [], spaceRank: spaceRank)
    for j in shape.indices {
      if shape[j] == 1 && nodeShape[j + lead] != 1 {
        result.rows.append(zeroRow)
        result.offsets.append(0)
      } else {
        result.rows.append(rows[j + lead])
        result.offsets.append(offsets[j + lead])
      }
    }
    return result
  }

  /// The access of the operand of view `node` (of shape `operandShape`), or nil if not affine.
  func through(_ node: Node, operandShape: [Int]) -> Access? {
    switch node.op {
    case .slice(let ranges):
      var result = self
      for (j, r) in ranges.enumerated() {
        result.rows[j] = rows[j].map { $0 * r.step }
        result.offsets[j] = r.start + r.step * offsets[j]
      }
      return result
    case .transpose(let perm):
      var result = Access(
        rows: Array(repeating: zeroRow, count: perm.count),
        offsets: Array(repeating: 0, count: perm.count), spaceRank: spaceRank)
      for (i, p) in perm.enumerated() {
        result.rows[p] = rows[i]
        result.offsets[p] = offsets[i]
      }
      return result
    case .broadcast:
      return broadcastOperand(operandShape, into: node.shape)
    case .expandDims(let axes):
      let keep = node.shape.indices.filter { !axes.contains($0) }
      return Access(
        rows: keep.map { rows[$0] }, offsets: keep.map { offsets[$0] }, spaceRank: spaceRank)
    case .squeeze(let axes):
      var result = Access(rows: [], offsets: [], spaceRank: spaceRank)
      var next = 0
      for j in operandShape.indices {
        if axes.contains(j) {
          result.rows.append(zeroRow)
          result.offsets.append(0)
        } else {
          result.rows.append(rows[next])
          result.offsets.append(offsets[next])
          next += 1
        }
      }
      return result
    case .reshape:
      return reshaped(from: node.shape, to: operandShape)
    default:
      return nil
    }
  }

  /// The access of a reshape's operand (`operandShape`) given this access of its result
  /// (`resultShape`), when every operand axis is a run of consecutive result axes.
  func reshaped(from resultShape: [Int], to operandShape: [Int]) -> Access? {
    let t = resultShape.indices.filter { resultShape[$0] != 1 }
    var result = Access(rows: [], offsets: [], spaceRank: spaceRank)
    var next = 0
    for j in operandShape.indices {
      if operandShape[j] == 1 {
        result.rows.append(zeroRow)
        result.offsets.append(0)
        continue
      }
      var group: [Int] = []
      var product = 1
      while product < operandShape[j] && next < t.count {
        group.append(t[next])
        product *= resultShape[t[next]]
        next += 1
      }
      guard product == operandShape[j] else { return nil }
      var row = zeroRow
      var offset = 0
      var scale = 1
      for axis in group.reversed() {
        for k in row.indices { row[k] += scale * rows[axis][k] }
        offset += scale * offsets[axis]
        scale *= resultShape[axis]
      }
      result.rows.append(row)
      result.offsets.append(offset)
    }
    return next == t.count ? result : nil
  }
}
