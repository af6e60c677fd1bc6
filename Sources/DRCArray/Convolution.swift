// NumPy's 1-D `convolve` as a sum of shifted, scaled slices: out[n] = sum_k v[k] a[n - k]; and
// `correlate` (real inputs) as the convolution with the shorter operand reversed.
//
// The longer operand is `a` (convolution commutes, as NumPy's swap does); it is padded with
// M - 1 zeros on each side, and each of the M taps adds v[k] times a slice of it: one
// elementwise expression of M terms, which fuses with the padding into one kernel (device mode:
// one launch, `DeviceModeTests.testConvolveIsOneKernel`). Modes as NumPy's: `full` (N + M - 1
// values), `same` (max(N, M), centred at (M - 1) / 2 into the full result) and `valid`
// (N - M + 1). At most `maxTaps` taps are recorded (a longer filter throws at the call: it would
// want a matrix product or an FFT, which this form does not do).

import DRCIR

/// Which part of the full convolution `convolve` returns.
public enum ConvolveMode: Sendable {
  /// Every overlap: N + M - 1 values.
  case full
  /// max(N, M) values, centred.
  case same
  /// Only complete overlaps: max(N, M) - min(N, M) + 1 values.
  case valid
}

/// The discrete linear convolution of two 1-D arrays, as NumPy's `convolve` (default `full`).
public func convolve(
  _ a: NDArray, _ v: NDArray, mode: ConvolveMode = .full, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  func fail(_ message: String) -> ArrayError {
    ArrayError(op: "convolve", message, location: Session.shared.location(site, force: true))
  }
  guard a.ndim == 1, v.ndim == 1 else {
    throw fail("takes 1-D arrays, got \(a.shape) and \(v.shape)")
  }
  guard a.count > 0, v.count > 0 else { throw fail("operands cannot be empty") }
  let (long, short) = a.count >= v.count ? (a, v) : (v, a)
  let (n, m) = (long.count, short.count)
  guard m <= NDArray.maxTaps else {
    throw fail("a filter of \(m) taps is longer than the \(NDArray.maxTaps) this form records")
  }
  // Padding checks the sizes for overflow, so n + m - 1 below cannot overflow.
  let padded = try pad(long, [(m - 1, m - 1)], file: file, line: line)
  let (start, length): (Int, Int) =
    switch mode {
    case .full: (0, n + m - 1)
    case .same: ((m - 1) / 2, n)
    case .valid: (m - 1, n - m + 1)
    }
  // Tap k times the window that output s + i reads it from: padded[s + i + m - 1 - k].
  func term(_ k: Int) throws(ArrayError) -> NDArray {
    let from = start + m - 1 - k
    let window = padded.view(
      .slice([SliceRange(start: from, stop: from + length, step: 1)]), site: site)
    let tap = short.view(.slice([SliceRange(start: k, stop: k + 1, step: 1)]), site: site)
      .view(.reshape, shape: [], site: site)
    return try NDArray.binary(.mul, tap, window, site: site)
  }
  var total = try term(0)
  for k in 1..<m { total = try NDArray.binary(.add, total, try term(k), site: site) }
  return total
}

/// The cross-correlation of two real 1-D arrays, as NumPy's `correlate` (default `valid`):
/// z[k] = sum_n a[n + k] v[n], computed as `convolve(a, v reversed)` (and reversed back when `v`
/// is the longer, as NumPy's swap does).
public func correlate(
  _ a: NDArray, _ v: NDArray, mode: ConvolveMode = .valid, file: String = #filePath,
  line: Int = #line
) throws(ArrayError) -> NDArray {
  guard a.ndim == 1, v.ndim == 1 else {
    throw ArrayError(
      op: "correlate", "takes 1-D arrays, got \(a.shape) and \(v.shape)",
      location: Session.shared.location(.source(file, line), force: true))
  }
  if a.count >= v.count {
    return try convolve(
      a, try v.flip(axis: 0, file: file, line: line), mode: mode, file: file, line: line)
  }
  return try convolve(
    v, try a.flip(axis: 0, file: file, line: line), mode: mode, file: file, line: line
  )
  .flip(axis: 0, file: file, line: line)
}

extension NDArray {
  /// The most taps `convolve` records.
  public static let maxTaps = 1024
}
