// The n-dimensional array users write programs with.
//
// An `NDArray` is a view: a shared base buffer (`Storage`) plus the chain of view steps (slices,
// transposes, reshapes, ...) that lead from the base to this array. Copies of an `NDArray` alias
// the same base, as Python references do. Writes (`a[r] = e`, `a += e`) replace the base's value
// with a new version through a functional `update`, so every view sees the write the next time it
// is read, while values computed earlier keep the numbers they had. Views are derived lazily from
// the base's current version and cached until the base changes.

import DRCIR
import DRCRuntime

/// A base buffer: the current version of an array's contents.
///
/// In device mode the base counts as a holder of its current value (`Value.retain`), which is
/// how a flush knows what the program can still read.
final class Storage {
  var value: Value {
    willSet { value.release() }
    didSet { value.retain() }
  }
  var version = 0
  init(_ value: Value) {
    self.value = value
    value.retain()
  }
  deinit { value.release() }
}

/// One step of a view chain, with its result type and where it was written.
struct ViewStep: Equatable {
  var op: Op
  var dtype: DType
  var shape: [Int]
  var loc: String?
}

/// The last value derived for a view, valid while the base's version is unchanged.
final class ViewCache {
  var version = -1
  var value: Value?
}

/// An n-dimensional array with a NumPy-like API, recorded into a trace under `drc record`.
public struct NDArray {
  let storage: Storage
  let steps: [ViewStep]
  let cache: ViewCache
  /// An error found when the array was made by a non-throwing API (a subscript); using it throws.
  let error: ArrayError?
  /// Set on what `x[mask]` returns: the pending values of a masked write (MaskedWrites.swift).
  let masked: MaskedSelection?
  /// The element type.
  public let dtype: DType
  /// The dimensions.
  public let shape: [Int]

  /// An array owning a fresh base holding `value`.
  init(_ value: Value) {
    storage = Storage(value)
    steps = []
    cache = ViewCache()
    error = nil
    masked = nil
    dtype = value.dtype
    shape = value.shape
  }

  /// A view of `storage` through `steps`.
  init(
    storage: Storage, steps: [ViewStep], error: ArrayError? = nil,
    masked: MaskedSelection? = nil, dtype: DType, shape: [Int]
  ) {
    self.storage = storage
    self.steps = steps
    self.cache = ViewCache()
    self.error = error
    self.masked = masked
    self.dtype = dtype
    self.shape = shape
  }

  /// The number of dimensions.
  public var ndim: Int { shape.count }
  /// The number of elements.
  public var count: Int { shape.reduce(1, *) }
  /// The number of elements, as NumPy's `x.size` (the same as `count`).
  public var size: Int { count }

  /// The current value, deriving the view from the base's current version when needed.
  func value() throws(ArrayError) -> Value {
    try throwIfFailed()
    if steps.isEmpty { return storage.value }
    if cache.version == storage.version, let v = cache.value { return v }
    let v = try derive(steps.count)
    cache.version = storage.version
    cache.value = v
    return v
  }

  /// The value of the first `k` view steps applied to the base.
  func derive(_ k: Int) throws(ArrayError) -> Value {
    var v = storage.value
    for step in steps.prefix(k) {
      v = try Session.shared.emit(
        step.op, [v], dtype: step.dtype, shape: step.shape, site: .resolved(step.loc))
    }
    return v
  }

  /// A new view of the same base with one more step, checked by the IR's type rules.
  func view(_ op: Op, shape declared: [Int]? = nil, site: CallSite?) -> NDArray {
    let loc = Session.shared.location(site)
    if let error { return self.failed(error) }
    do {
      let t = try TypeInference.infer(
        op, [ValueType(dtype, shape)], declared: ValueType(dtype, declared ?? shape))
      let step = ViewStep(op: op, dtype: t.dtype, shape: t.shape, loc: loc)
      return NDArray(storage: storage, steps: steps + [step], dtype: t.dtype, shape: t.shape)
    } catch {
      return failed(
        ArrayError(
          op: op.name, "\(error.message) (array \(ValueType(dtype, shape)))",
          location: loc ?? Session.shared.location(site, force: true)))
    }
  }

  /// The same array carrying `error`, thrown when it is used. Views cannot throw (subscripts
  /// cannot), so the error is also left pending until some use throws it (`throwIfFailed`): the
  /// next operation throws it, or the program fails at exit, even if the view is never used.
  func failed(_ error: ArrayError) -> NDArray {
    let carried = self.error ?? error
    Session.shared.postpone(carried)
    return NDArray(storage: storage, steps: steps, error: carried, dtype: dtype, shape: shape)
  }

  /// Throws the array's error, if it has one, which is then no longer pending.
  func throwIfFailed() throws(ArrayError) {
    if let error {
      Session.shared.settle(error)
      throw error
    }
  }

  /// Runs one operation on arrays and wraps the result in a fresh array.
  static func apply(
    _ op: Op, _ operands: [NDArray], dtype: DType, shape: [Int], site: CallSite?
  ) throws(ArrayError) -> NDArray {
    var values: [Value] = []
    for operand in operands { values.append(try operand.value()) }
    return NDArray(try Session.shared.emit(op, values, dtype: dtype, shape: shape, site: site))
  }
}
