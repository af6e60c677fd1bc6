// A fused kernel: its iteration space, arguments, body and stores.
//
// The outer space is what work-items cover (one point per output element); the inner space, if
// any, is what each output point reduces over (reduction axes, or k for a matrix product). A
// kernel is independent of which buffers it runs on: launches bind buffers to its arguments, so
// a segment recorded once per loop iteration compiles to one kernel launched many times.

import DRCIR

/// What a kernel mainly does; the code generator picks a strategy per kind.
public enum KernelKind: String, Codable, Sendable {
  /// Elementwise (possibly multi-output, stencil, masked update).
  case elementwise
  /// Reductions over the inner space with an elementwise prologue and epilogue.
  case reduction
  /// A matrix product (a sum over k of a product of two operands), with fused prologue/epilogue.
  case matmul
  /// A scan (cumsum/cumprod) along the one inner axis, with a fused elementwise prologue: every
  /// point of the full space (outer + inner) is an output, so stores map the full space.
  case scan
  /// A sort (or argsort) of each line along the one inner axis (`SortEmitter`): one work-item
  /// per line (outer point); like a scan, every point of the full space is an output.
  case sort
  /// A scatter (`scatter`, `scatter_add`) into each line along the one inner axis
  /// (`ScatterEmitter`): one work-item per line (outer point) copies it and applies the writes
  /// in index order; every point of the full space is an output.
  case scatter
  /// Gaussian elimination (`gauss_solve`) of the matrix held row-major in each line along the
  /// one inner axis (`SolveEmitter`): one work-item per line (outer point) copies it and
  /// eliminates it in place; every point of the full space is an output.
  case solve
}

/// How a reduction is split into launches.
public enum ReductionStrategy: String, Codable, Sendable {
  /// Each work-item loops over the inner space for its output point: one launch.
  case serial
  /// Work-groups reduce slices of the inner space into partial results, then a final launch
  /// combines them in a fixed order (the outer space must be a single point). A `scan` kernel
  /// with this strategy scans blocks of its one line: block totals first, then each block again
  /// from the combined totals of the blocks before it (LaunchGeometry).
  case partials
}

/// One fused kernel.
public struct Kernel: Codable, Hashable, Sendable {
  /// Its name in generated code.
  public var name: String
  /// Its kind.
  public var kind: KernelKind
  /// The outer iteration space.
  public var outer: [Int]
  /// The inner (reduction) space; empty for elementwise kernels.
  public var inner: [Int]
  /// For reductions: how launches are split.
  public var strategy: ReductionStrategy
  /// Buffer and scalar arguments.
  public var args: [KernelArg]
  /// The body, in SSA order.
  public var body: [KernelValue]
  /// The writes.
  public var stores: [KernelStore]
  /// Whether the kernel's one varying axis has the plan's symbolic length `n`, passed at launch
  /// as a `const long n` argument after the plan arguments (see `PlanSymbol`).
  public var dynamic: Bool?
  /// Whether the kernel's sizes vary with the plan's symbol in more than one extent (an N-D
  /// elementwise kernel): its code then spells no size and takes every extent, stride, offset
  /// and bound as a `const long` argument (`LaunchGeometry.sizeArguments`), one point per
  /// work-item.
  public var symbolic: Bool?
  /// Vector lanes per work-item, chosen for a compile target (`VectorWidths`): points of an
  /// elementwise kernel, the block loop of a `partials` reduction, output points of a serial
  /// reduction or matrix product. Nil means the portable width (`LaunchGeometry.portableWidth`)
  /// for the first two and 1 for the last.
  public var vectorWidth: Int?
  /// Vectors of `vectorWidth` output points a work-item of a serial column reduction computes
  /// (`LaunchGeometry.groups`); nil means 1.
  public var vectorGroups: Int?

  /// Creates a kernel.
  public init(
    name: String, kind: KernelKind, outer: [Int], inner: [Int] = [],
    strategy: ReductionStrategy = .serial, args: [KernelArg], body: [KernelValue],
    stores: [KernelStore]
  ) {
    self.name = name
    self.kind = kind
    self.outer = outer
    self.inner = inner
    self.strategy = strategy
    self.args = args
    self.body = body
    self.stores = stores
  }

  /// The full iteration space of inner values: outer axes then inner axes.
  public var fullSpace: [Int] { outer + inner }

  /// The space stores iterate: the full space for a scan, else the outer space.
  public var storeSpace: [Int] {
    kind == .scan || kind == .sort || kind == .scatter || kind == .solve ? fullSpace : outer
  }

  /// The number of launches one run of the kernel takes.
  public var launchCount: Int {
    guard strategy == .partials else { return 1 }
    // A blocked sort: its blocks, then one launch per merge level.
    if kind == .sort { return 1 + LaunchGeometry.sortBlocks(inner.first ?? 0).levels }
    return 2
  }

  /// The kernel with names and source annotations removed: equal signatures mean one kernel.
  public var signature: Kernel {
    var k = self
    k.name = ""
    k.body = body.map { KernelValue($0.op, dtype: $0.dtype, inner: $0.inner) }
    return k
  }
}
