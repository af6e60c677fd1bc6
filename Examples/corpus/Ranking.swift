// Ranking and counting, ported from python/ranking.py.

import DRCArray

func rankingProgram(_ sizes: [Int]) throws {
  let (n, c, k) = (size(sizes, 0, 96), size(sizes, 1, 7), size(sizes, 2, 3))
  let scores = try detInput("scores", [n, c], seed: 151)
  let y = try detInput("y", [n], seed: 152, 0.0, Double(c)).astype(.int64)
  // topk = np.argsort(-scores, axis=1, kind="stable")[:, :k]
  let topk: NDArray = try argsort(-scores, axis: 1)[.all, ..<k]
  // topk_acc = np.mean(np.any(topk == y[:, None], axis=1))
  let topk_acc = try (topk == y[.all, .newAxis]).anyTrue(axis: 1).mean()
  // ranks = np.argsort(np.argsort(scores[:, 0]))
  let ranks = try argsort(argsort(scores[.all, 0] as NDArray))
  // values, counts = np.unique(y, return_counts=True)
  let uc = try uniqueCounts(y)
  // hist, edges = np.histogram(scores[:, 1], bins=8)
  let (hist, edges) = try histogram(scores[.all, 1] as NDArray, bins: 8)
  // bc = np.bincount(y, minlength=c)
  let bc = try bincount(y, minlength: c)
  // med = np.median(scores, axis=0)
  let med = try scores.median(axis: 0)
  // above = scores[scores[:, 2] > med[2]]
  let above: NDArray = scores[try (scores[.all, 2] as NDArray) > (med[2] as NDArray)]
  try report("topk", topk)
  try report("topk_acc", topk_acc)
  try report("ranks", ranks)
  try report("values", uc.values)
  try report("counts", uc.counts)
  try report("hist", hist)
  try report("edges", edges)
  try report("bc", bc)
  try report("above_mean", try above.mean(axis: 0))
}
