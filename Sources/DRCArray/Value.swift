// An array value as the library passes it around: computed on the host, or deferred.
//
// In reference mode (and while recording) every value is a host array computed eagerly by the
// reference interpreter. In device mode a value is a `LazyNode` of DRCLazy's pending graph,
// computed on the OpenCL device when the program needs it (`host()`). The dtype and shape are
// known either way, so type checks and errors happen when the operation is written.

import DRCIR
import DRCLazy
import DRCRuntime

/// An array value and, when recording, the trace node that produced it.
struct Value {
  /// Where the value is.
  enum Payload {
    /// Computed on the host.
    case host(HostArray)
    /// Deferred (device mode).
    case lazy(LazyNode)
  }

  let payload: Payload
  /// The trace node, when recording.
  var node: Int?
  /// The element type.
  let dtype: DType
  /// The dimensions.
  let shape: [Int]

  /// A host value.
  init(array: HostArray, node: Int?) {
    payload = .host(array)
    self.node = node
    dtype = array.dtype
    shape = array.shape
  }

  /// A deferred value.
  init(lazy: LazyNode) {
    payload = .lazy(lazy)
    node = nil
    dtype = lazy.dtype
    shape = lazy.shape
  }

  /// The values on the host: a deferred value is computed (with every live pending value) and
  /// read back from the device.
  func host() throws(ArrayError) -> HostArray {
    switch payload {
    case .host(let array): return array
    case .lazy(let node):
      do {
        return try LazyEngine.shared.host(node)
      } catch {
        throw ArrayError(op: "device", "\(error)", location: nil)
      }
    }
  }

  /// `HostArray.checksum()` of the value; a deferred value is summed where the device keeps it.
  func checksum() throws(ArrayError) -> Double {
    switch payload {
    case .host(let array): return array.checksum()
    case .lazy(let node):
      do {
        return try LazyEngine.shared.checksum(node)
      } catch {
        throw ArrayError(op: "device", "\(error)", location: nil)
      }
    }
  }

  /// The value as a node of the pending graph (host data becomes a materialised node).
  var lazyNode: LazyNode {
    switch payload {
    case .host(let array): return LazyEngine.shared.hostNode(array, loc: nil)
    case .lazy(let node): return node
    }
  }

  /// Counts an array base holding this value (device mode's liveness; see LazyNode).
  func retain() {
    if case .lazy(let node) = payload { LazyEngine.shared.hold(node) }
  }

  /// Uncounts an array base holding this value.
  func release() {
    if case .lazy(let node) = payload { LazyEngine.shared.release(node) }
  }
}
