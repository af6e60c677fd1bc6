// Branch-free, vectorisable float32 sin and cos for generated kernels.
//
// PoCL's builtin float32 sin and cos cost about 4x a memory-bound kernel each, so float32 sin
// and cos are generated code, as erf is (CLErf.swift):
//   reduction: j = rint(x * 2/pi), r = x - j*pi/2 with pi/2 split into four parts (Cody-Waite);
//              the first three have 12 significant bits, so for |x| <= 4096 (j < 2^12) their
//              products with j are exact; r lies in [-pi/4, pi/4];
//   polynomials: sin r = r + r^3 (-1/3! + r^2 (1/5! + r^2 (-1/7! + r^2/9!))) and
//              cos r = 1 - r^2/2 + r^4 (1/4! + r^2 (-1/6! + r^2 (1/8! - r^2/10!))), whose first
//              omitted terms are below 2^-28 relative on [-pi/4, pi/4];
//   quadrant:  j mod 4 picks +-sin r or +-cos r;
//   tiny:      below 2^-12 sin x rounds to x and cos x to 1, set exactly on both paths (this
//              keeps sin(-0) = -0 and avoids PoCL's vector builtins, which are wrong for
//              subnormals: sin(0x1p-149) = 0x1.fffeaep-8 at 16 lanes).
// A vector with any lane beyond 4096, infinite or NaN takes the builtin for all its lanes: one
// uniform branch per vector, never per element. Measured on PoCL (16 lanes, 16M values): 7.9 ms
// for the generated sin against 14.3 ms for the builtin, a copy taking 3.5 ms. docs/numerics.md gives the measured accuracy; a
// device test checks it against the C library over a dense grid.

extension CLHelper {
  /// Coefficients of the reduction (pi/2 in four parts) and of the two polynomials.
  private static let halfPi = ["0x1.922p+0f", "-0x1.2aep-18f", "-0x1.deap-31f", "0x1.184698p-44f"]
  private static let sine = [
    "-0x1.555556p-3f", "0x1.111112p-7f", "-0x1.a01a02p-13f", "0x1.71de3ap-19f",
  ]
  private static let cosine = [
    "0x1.555556p-5f", "-0x1.6c16c2p-10f", "0x1.a01a02p-16f", "-0x1.27e4fcp-22f",
  ]

  /// The definition of float32 sin (or cos, with `cosine`) over `type` (float, float2, ...,
  /// float16) with mask type `mask`; `vector` when `type` has more than one lane.
  static func trigDefinition(
    name: String, type: String, mask: String, cosine isCosine: Bool, vector: Bool
  )
    -> [String]
  {
    func horner(_ c: [String]) -> String {
      var text = c[c.count - 1]
      for k in stride(from: c.count - 2, through: 0, by: -1) { text = "\(c[k]) + r2 * (\(text))" }
      return text
    }
    let builtin = isCosine ? "cos" : "sin"
    let outside = "isnan(x) | isgreater(fabs(x), 4096.0f)"
    let truth = vector ? "" : "(\(mask))"
    // Vector comparisons give -1 for true, scalar ones 1; `select` reads the MSB or non-zero.
    let swap = isCosine ? "(q & 1) == 0" : "(q & 1) != 0"
    let negate = isCosine ? "((q + 1) & 2) != 0" : "(q & 2) != 0"
    // Below 2^-12, sin x rounds to x and cos x to 1 (and PoCL's vector builtins are wrong for
    // subnormals: sin(0x1p-149) = 0x1.fffeaep-8), so tiny lanes are set exactly on both paths.
    let exact = isCosine ? (vector ? "(\(type))(1.0f)" : "1.0f") : "x"
    var lines = [
      "/// float32 \(builtin): Cody-Waite reduction by pi/2, Taylor polynomials on [-pi/4, pi/4]; lanes beyond 4096 use the builtin (CLTrig.swift).",
      "static \(type) \(name)(\(type) x) {",
      "  const \(mask) tiny = \(truth)isless(fabs(x), 0x1p-12f);",
    ]
    if vector {
      // `any` is slow on PoCL (a 16-lane sin took 10.6 ms with it, 7.9 ms with this): the mask's
      // halves are or-ed down to two lanes instead.
      lines.append("  const \(mask) out = \(outside);")
      var lanes = Int(mask.drop { !$0.isNumber }) ?? 2
      var name = "out"
      while lanes > 2 {
        lanes /= 2
        lines.append("  const int\(lanes) out\(lanes) = \(name).lo | \(name).hi;")
        name = "out\(lanes)"
      }
      lines.append(
        "  if ((\(name).x | \(name).y) != 0) return select(\(builtin)(x), \(exact), tiny);")
    } else {
      lines.append("  if (\(outside)) return select(\(builtin)(x), \(exact), tiny);")
    }
    lines += [
      "  const \(type) j = rint(x * 0x1.45f306p-1f);",
      "  const \(mask) q = convert_\(mask)(j);",
      "  \(type) r = x - j * \(halfPi[0]);",
      "  r = r - j * \(halfPi[1]);",
      "  r = r - j * \(halfPi[2]);",
      "  r = r - j * \(halfPi[3]);",
      "  const \(type) r2 = r * r;",
      "  const \(type) s = r + r * r2 * (\(horner(sine)));",
      "  const \(type) c = 1.0f - 0.5f * r2 + r2 * r2 * (\(horner(cosine)));",
      "  const \(type) v = select(s, c, \(truth)(\(swap)));",
    ]
    lines.append("  const \(type) w = select(v, -v, \(truth)(\(negate)));")
    lines.append("  return select(w, \(exact), tiny);")
    lines.append("}")
    return lines
  }
}
