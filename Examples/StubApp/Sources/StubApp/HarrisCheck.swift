// StubApp's 2-D check: the Harris corner response stub, compiled by DRCStubPlugin from two
// recordings (harris.json at 24 x 24 and harris-32.json at 32 x 32), called at two image
// resolutions it was not recorded at and compared with a plain-Swift float64 Harris.
//
// The stub's input `I` is an n x n image (n - 1 x n - 1 responses); because it has two axes, the
// stub takes its shape as `IShape`. Both recordings were square, so the two sides are one
// symbol n: the stub accepts square images of any size (three recordings, one of them not
// square, would make them independent; see docs/workflow.md).

/// The Harris response of an n x n row-major image, in float64, exactly as the program writes
/// it: differences along each axis, their products, `det - 0.05 * trace^2`.
func harrisResponse(_ image: [Double], n: Int) -> [Double] {
  var out: [Double] = []
  for i in 0..<(n - 1) {
    for j in 0..<(n - 1) {
      let dx = image[(i + 1) * n + j + 1] - image[i * n + j + 1]
      let dy = image[(i + 1) * n + j + 1] - image[(i + 1) * n + j]
      let (a, b, c) = (dx * dx, dy * dy, dx * dy)
      out.append((a * b - c * c) - 0.05 * (a + b) * (a + b))
    }
  }
  return out
}

/// Calls the Harris stub at two resolutions; returns the number of mismatching responses.
func runHarris() throws -> Int {
  let harris = try Harris()
  var rng = SplitMix64(state: 77)
  var total = 0
  for n in [40, 67] {
    let image = (0..<(n * n)).map { _ in Double.random(in: 0...1, using: &rng) }
    let got = try harris(I: image, IShape: [n, n]).response
    let want = harrisResponse(image, n: n)
    var bad = got.count == want.count ? 0 : 1
    for (g, w) in zip(got, want) where abs(g - w) > 1e-12 * max(1, abs(w)) { bad += 1 }
    print("StubApp: harris at \(n) x \(n): \(got.count) responses, \(bad) mismatches")
    total += bad
  }
  return total
}
