// A branch-free, vectorisable float32 erf for generated kernels.
//
// PoCL's builtin `erf` does not vectorise (measured: a float8 Black-Scholes kernel takes 133 ms
// with it and 58 ms with a polynomial, opencl-facts.md), so float32 erf is generated code:
//   |x| < 0.5: the Maclaurin series x * (c0 + c1 x² + ... + c6 x¹²), c_n = 2/sqrt(pi) *
//              (-1)^n / (n! (2n+1)); the first omitted term is below 2^-33 relative there;
//   |x| >= 0.5: erf = 1 - erfc(|x|) with the Chebyshev-fitted erfc of Press et al. (Numerical
//              Recipes, "erfcc", fractional error below 1.2e-7), sign restored with copysign.
// Both branches are computed and one is selected per lane, so there is no divergence. NaN
// propagates, erf(±inf) = ±1 and erf(-0) = -0. docs/numerics.md records the measured accuracy;
// a device test checks it against the C library over a dense grid of float32 values.

extension CLHelper {
  /// The definition of a float32 erf over `type` (float, float4, float8) with mask type `mask`.
  static func erfDefinition(name: String, type: String, mask: String) -> [String] {
    let c = [
      "0x1.20dd76p+0f", "-0x1.812746p-2f", "0x1.ce2f22p-4f", "-0x1.b82ce4p-6f", "0x1.565bcep-8f",
      "-0x1.c02db4p-11f", "0x1.f9a326p-14f",
    ]
    let r = [
      "-0x1.43f89cp+0f", "0x1.00018ep+0f", "0x1.7f11f6p-2f", "0x1.8c6d92p-4f", "-0x1.7d8498p-3f",
      "0x1.1d8f98p-2f", "-0x1.229cbap+0f", "0x1.7d0f6p+0f", "-0x1.a4f124p-1f", "0x1.5df28ap-3f",
    ]
    func horner(_ coefficients: [String], _ v: String) -> String {
      var text = coefficients[coefficients.count - 1]
      for k in stride(from: coefficients.count - 2, through: 0, by: -1) {
        text = "\(coefficients[k]) + \(v) * (\(text))"
      }
      return text
    }
    return [
      "/// float32 erf: series below 0.5, 1 - erfc (Chebyshev fit) above; branch-free (CLErf.swift).",
      "static \(type) \(name)(\(type) x) {",
      "  const \(type) ax = fabs(x);",
      "  const \(type) x2 = x * x;",
      "  const \(type) series = x * (\(horner(c, "x2")));",
      "  const \(type) t = 1.0f / (1.0f + 0.5f * ax);",
      "  const \(type) tail = t * exp(-x2 + (\(horner(Array(r.dropFirst()), "t"))) * t + \(r[0]));",
      "  const \(type) rest = copysign(1.0f - tail, x);",
      "  return select(rest, series, (\(mask))(ax < 0.5f));",
      "}",
    ]
  }
}
