// Solve kernels (`gauss_solve`): Gaussian elimination with partial pivoting of the matrix
// `[A | B]` held row-major in each line along the kernel's one inner axis.
//
// One work-item per matrix (outer point): it copies its line into the output and eliminates it
// there, in exactly the reference's arithmetic (`Reference+GaussSolve.swift`): elements read as
// double, multipliers and running sums kept in double, every store rounded to the dtype (round
// to nearest even, as a C cast does), the same loops in the same order, and no contraction
// (the program's `FP_CONTRACT OFF`); double `+ - * /` and `fabs` are correctly rounded or exact
// in OpenCL, so the result equals the reference's bit for bit. A zero pivot leaves its column
// as it is (with right-hand sides the plan's check reports it, so no result reaches the caller).
// The pivot row of each step is stored on the subdiagonal (`(T)p`, exact below 2^24). The work is
// O(n^2 (n + k)) per matrix in one work-item: a batch of small systems runs in parallel, one
// large system serially.

import DRCIR
import DRCPlan

/// Emits the function of a solve kernel.
struct SolveEmitter {
  let kernel: Kernel

  /// The kernel's function.
  func emit(signature: (String, Bool) -> String) throws -> [CodePrinter] {
    guard kernel.inner.count == 1, kernel.body.count == 1, kernel.stores.count == 1,
      case .solveLine(let f, let n, let arg, let map) = kernel.body[0].op,
      let store = kernel.stores.first, store.value == 0, arg >= 0, arg < kernel.args.count,
      kernel.body[0].dtype.isFloat
    else {
      throw CodegenError(kernel: kernel.name, "a solve kernel holds exactly one solved line")
    }
    let length = kernel.inner[0]
    guard n >= 0, n == 0 ? length == 0 : length % n == 0 && length / n >= n,
      f == .gaussSolve || length == n * n
    else {
      throw CodegenError(kernel: kernel.name, "a solved line of \(length) is no \(n)-row matrix")
    }
    let m = n == 0 ? 0 : length / n
    func start(_ m: IndexMap) -> (base: String, stride: Int) {
      Addressing.lineStart(m, outer: kernel.outer)
    }
    let (xBase, xStride) = start(map)
    let (oBase, oStride) = start(store.map)
    let t = CLSyntax.scalarType(kernel.body[0].dtype)
    /// Element (r, c) of the output matrix.
    func w(_ r: String, _ c: String) -> String {
      "a\(store.arg)[ob + \(oStride)L * ((\(r)) * \(m)L + (\(c)))]"
    }
    func d(_ r: String, _ c: String) -> String { "(double)\(w(r, c))" }
    if f == .cholesky {
      /// Element (r, c) of the input matrix.
      func a(_ r: String, _ c: String) -> String {
        "(double)a\(arg)[xb + \(xStride)L * ((\(r)) * \(n)L + (\(c)))]"
      }
      return [cholesky(n: n, t: t, xBase: xBase, oBase: oBase, a: a, w: w, d: d, signature)]
    }
    var p = CodePrinter()
    p.block(signature("", false)) { p in
      p.lines(Addressing.lineWorkItem(outer: kernel.outer, bases: [("xb", xBase), ("ob", oBase)]))
      p.line("// The matrix [A | B] (\(n) x \(m)), then its elimination in place.")
      p.block("for (long e = 0; e < \(length)L; ++e)") {
        $0.line("a\(store.arg)[ob + \(oStride)L * e] = a\(arg)[xb + \(xStride)L * e];")
      }
      p.block("for (long c = 0; c < \(n)L; ++c)") { p in
        p.line("long p = c;")
        p.line("double best = fabs(\(d("c", "c")));")
        p.block("for (long r = c + 1; r < \(n)L; ++r)") { p in
          p.line("const double a = fabs(\(d("r", "c")));")
          p.line("if (a > best) { best = a; p = r; }")
        }
        p.block("if (p != c)") { p in
          p.block("for (long j = 0; j < \(m)L; ++j)") { p in
            p.line("const \(t) s = \(w("c", "j"));")
            p.line("\(w("c", "j")) = \(w("p", "j"));")
            p.line("\(w("p", "j")) = s;")
          }
        }
        p.line("const double pivot = \(d("c", "c"));")
        p.line("// A zero pivot: singular (with right-hand sides the plan's check reports it).")
        p.block("if (pivot != 0.0)") { p in
          p.block("for (long r = c + 1; r < \(n)L; ++r)") { p in
            p.line("const double f = \(d("r", "c")) / pivot;")
            p.line("\(w("r", "c")) = (\(t))0;")
            p.block("for (long j = c + 1; j < \(m)L; ++j)") {
              $0.line("\(w("r", "j")) = (\(t))(\(d("r", "j")) - f * \(d("c", "j")));")
            }
          }
        }
        p.line(
          "if (c + 1 < \(n)L) \(w("c + 1", "c")) = (\(t))p;  // the pivot row, on the subdiagonal")
      }
      p.line("// Back substitution, one column of B at a time.")
      p.block("for (long j = \(n)L; j < \(m)L; ++j)") { p in
        p.block("for (long r = \(n)L - 1; r >= 0; --r)") { p in
          p.line("double s = \(d("r", "j"));")
          p.block("for (long q = r + 1; q < \(n)L; ++q)") {
            $0.line("s = s - \(d("r", "q")) * \(d("q", "j"));")
          }
          p.line("\(w("r", "j")) = (\(t))(s / \(d("r", "r")));")
        }
      }
    }
    return [p]
  }

  /// The Cholesky kernel: L written column by column into a zeroed output, in the reference's
  /// arithmetic (`Reference+Cholesky.swift`); a pivot not above 0 leaves its column 0.
  private func cholesky(
    n: Int, t: String, xBase: String, oBase: String, a: (String, String) -> String,
    w: (String, String) -> String, d: (String, String) -> String,
    _ signature: (String, Bool) -> String
  ) -> CodePrinter {
    var p = CodePrinter()
    p.block(signature("", false)) { p in
      p.lines(Addressing.lineWorkItem(outer: kernel.outer, bases: [("xb", xBase), ("ob", oBase)]))
      p.line("// L (\(n) x \(n)) from the lower triangle of A, column by column.")
      p.block("for (long e = 0; e < \(n * n)L; ++e)") {
        $0.line("\(w("e / \(Swift.max(n, 1))L", "e % \(Swift.max(n, 1))L")) = (\(t))0;")
      }
      p.block("for (long j = 0; j < \(n)L; ++j)") { p in
        p.line("double s = \(a("j", "j"));")
        p.block("for (long k = 0; k < j; ++k)") {
          $0.line("s = s - \(d("j", "k")) * \(d("j", "k"));")
        }
        p.line("if (!(s > 0.0)) continue;  // not positive definite: reported by the plan's check")
        p.line("const double piv = sqrt(s);")
        p.line("\(w("j", "j")) = (\(t))piv;")
        p.block("for (long i = j + 1; i < \(n)L; ++i)") { p in
          p.line("double u = \(a("i", "j"));")
          p.block("for (long k = 0; k < j; ++k)") {
            $0.line("u = u - \(d("i", "k")) * \(d("j", "k"));")
          }
          p.line("\(w("i", "j")) = (\(t))(u / piv);")
        }
      }
    }
    return p
  }
}
