// NumPy's `lexsort`: an indirect sort by several keys, the last one first.
//
// Stable sorts compose: sorting by the first key, then stably by the second, and so on to the
// last, leaves the elements ordered by the last key with ties in the order of the keys before
// it, which is `lexsort`'s order. Each pass is one stable `argsort` (NaN last) of the key read
// in the order so far (`take`), and the order is permuted by it.

import DRCIR

/// NumPy's `lexsort(keys)`: the positions that sort by the last key, ties broken by the one
/// before it, and so on (1-D keys of one length, NaN last): one stable `argsort` per key, from
/// the first key to the last, each of the key read in the order so far.
public func lexsort(_ keys: [NDArray], file: String = #filePath, line: Int = #line)
  throws(ArrayError) -> NDArray
{
  let site = CallSite.source(file, line)
  guard let n = keys.first?.count, keys.allSatisfy({ $0.ndim == 1 && $0.count == n }) else {
    throw ArrayError(
      op: "lexsort", "needs one or more 1-D keys of one length, not \(keys.map(\.shape))",
      location: Session.shared.location(site, force: true))
  }
  var order = try NDArray.apply(
    .arange(start: .int(0), step: .int(1)), [], dtype: .int64, shape: [n], site: site)
  for key in keys {
    let step = try key.gather(order, axis: 0, site: site).sorting(.argsort, axis: 0, site: site)
    order = try order.gather(step, axis: 0, site: site)
  }
  return order
}
