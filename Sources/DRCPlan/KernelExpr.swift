// The expression language of a fused kernel body.
//
// A kernel body is a list of typed values in SSA form; each refers to earlier values by index.
// Every binary op's operands already have the op's computation dtype (the optimiser inserts the
// casts NumPy promotion implies), so a code generator prints ops without re-deriving promotion.
// Values marked `inner` are computed once per point of the kernel's reduction space; an
// `accumulate` reduces an inner value over that space and yields an outer value.

import DRCIR

/// What one body value computes.
public enum ExprOp: Hashable, Sendable {
  /// Reads kernel argument `arg` (a buffer) through an index map.
  case load(arg: Int, map: IndexMap)
  /// Reads buffer argument `arg` at a position computed at run time (a `take`): `map` has one
  /// iteration axis more than the kernel's space, the last one, which stands for the gathered
  /// position `k`; `k` is body value `index` (int64), counted from the end when negative and
  /// then clamped into `0..<extent`, so no value of `index` reads outside the buffer (an
  /// out-of-range index is reported by the plan's checks, not here).
  case gather(arg: Int, map: IndexMap, index: Int, extent: Int)
  /// In a `sort` kernel: the line of buffer argument `arg` through `map` (over the full space,
  /// the line along its one inner axis) sorted, or the positions that sort it (`argsort`,
  /// int64): an inner value, element k the k-th of the sorted line.
  case sortLine(SortOp, arg: Int, map: IndexMap)
  /// In a `scatter` kernel: the line of buffer argument `arg` through `map` (over the full
  /// space, the line along its one inner axis) with the values of `sources` written or added at
  /// its positions, in index order: an inner value.
  case scatterLine(ScatterOp, arg: Int, map: IndexMap, sources: ScatterSources)
  /// In a `solve` kernel: the `rows x (line / rows)` matrix held row-major in the line of buffer
  /// argument `arg` through `map` (over the full space, the line along its one inner axis),
  /// factored as the `MatrixOp` defines (`gauss_solve`: `[A | B]` to `[U | X]`; `cholesky`: `A`
  /// to `L`): an inner value.
  case solveLine(MatrixOp, rows: Int, arg: Int, map: IndexMap)
  /// Kernel argument `arg`, a scalar parameter.
  case param(arg: Int)
  /// A constant, exactly.
  case constant(Scalar)
  /// `offset + sum_k coefficients[k] * i_k` over the iteration index, as int64.
  case index(coefficients: [Int], offset: Int)
  /// Whether `lo <= offset + sum_k coefficients[k] * i_k < hi` (bool).
  case inRange(coefficients: [Int], offset: Int, lo: Int, hi: Int)
  /// A unary function of value `a`.
  case unary(UnaryOp, Int)
  /// A binary function of values `a` and `b` (same dtype, except comparisons yield bool).
  case binary(BinaryOp, Int, Int)
  /// `c ? a : b`.
  case select(Int, Int, Int)
  /// Conversion of value `a` to this value's dtype (docs/ops.md's cast rules).
  case cast(Int)
  /// The reduction of inner value `a` over the whole reduction space. For argmin/argmax the
  /// value is int64: the position of the first extreme in the row-major inner space.
  case accumulate(ReduceOp, Int)
  /// The inclusive scan of inner value `a` along a `scan` kernel's one inner axis: an inner
  /// value, element k combining points 0...k of the same outer point in order.
  case scan(ScanOp, Int)

  /// The values this one reads.
  public var operands: [Int] {
    switch self {
    case .load, .param, .constant, .index, .inRange, .sortLine, .scatterLine, .solveLine:
      return []
    case .unary(_, let a), .cast(let a), .accumulate(_, let a), .scan(_, let a): return [a]
    case .gather(_, _, let index, _): return [index]
    case .binary(_, let a, let b): return [a, b]
    case .select(let c, let a, let b): return [c, a, b]
    }
  }
}

/// What a scatter line writes: `count` positions read from buffer argument `indices` (int32 or
/// int64) and as many values (or sub-arrays) from buffer argument `values`. Both maps are over
/// the kernel's outer space plus one axis of length `count` (the index order); the indices' map
/// ignores the outer axes.
public struct ScatterSources: Hashable, Sendable {
  /// The buffer argument holding the positions, and how it is read.
  public var indices: Int
  public var indexMap: IndexMap
  /// The buffer argument holding the values, and how it is read.
  public var values: Int
  public var valueMap: IndexMap
  /// The number of positions.
  public var count: Int

  public init(indices: Int, indexMap: IndexMap, values: Int, valueMap: IndexMap, count: Int) {
    self.indices = indices
    self.indexMap = indexMap
    self.values = values
    self.valueMap = valueMap
    self.count = count
  }
}

extension ExprOp {
  /// Every buffer argument the value reads and its map (a gather's map has the extra axis; a
  /// scatter line reads its target, its positions and its values).
  public var bufferReads: [(arg: Int, map: IndexMap)] {
    switch self {
    case .load(let arg, let map), .gather(let arg, let map, _, _), .sortLine(_, let arg, let map),
      .solveLine(_, _, let arg, let map):
      return [(arg, map)]
    case .scatterLine(_, let arg, let map, let s):
      return [(arg, map), (s.indices, s.indexMap), (s.values, s.valueMap)]
    default: return []
    }
  }
}

/// One value of a kernel body.
public struct KernelValue: Hashable, Sendable {
  /// What it computes.
  public var op: ExprOp
  /// Its dtype.
  public var dtype: DType
  /// Whether it varies over the reduction space (computed per inner point).
  public var inner: Bool
  /// The trace node it implements, when it implements one.
  public var node: Int?

  /// Creates a value.
  public init(_ op: ExprOp, dtype: DType, inner: Bool = false, node: Int? = nil) {
    self.op = op
    self.dtype = dtype
    self.inner = inner
    self.node = node
  }
}

/// A kernel argument: a buffer or a scalar.
public struct KernelArg: Codable, Hashable, Sendable {
  /// How the kernel uses a buffer argument.
  public enum Access: String, Codable, Sendable {
    case read, write
    case readWrite = "read_write"
    case scalar
  }
  /// The argument's name in generated code (`a0`, `a1`, ...).
  public var name: String
  /// Element dtype.
  public var dtype: DType
  /// Read, write, both, or a scalar passed by value.
  public var access: Access

  /// Creates an argument.
  public init(name: String, dtype: DType, access: Access) {
    self.name = name
    self.dtype = dtype
    self.access = access
  }
}

/// A write of a body value to a buffer argument.
public struct KernelStore: Codable, Hashable, Sendable {
  /// The buffer argument written.
  public var arg: Int
  /// The body value stored (an outer value).
  public var value: Int
  /// Where each outer iteration point goes.
  public var map: IndexMap

  /// Creates a store.
  public init(arg: Int, value: Int, map: IndexMap) {
    self.arg = arg
    self.value = value
    self.map = map
  }
}
