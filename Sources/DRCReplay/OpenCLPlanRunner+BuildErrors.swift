// Explaining a program the device would not build, down to the trace line.
//
// The OpenCL build log names lines of the generated program; each generated statement carries a
// comment with its trace node and source location, so the explanation quotes, after every log
// line that names a line, that line of the program and the kernel it belongs to.

import DRCOpenCL

extension OpenCLPlanRunner {
  /// A build failure with each log line that names a source line followed by that line of the
  /// generated program, whose comment names the trace node and its source location.
  static func explainBuildFailure(_ error: CLError, source: String, program: String) -> String {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    var text = "the device could not build the program of \(program): \(error.codeName)"
    for logLine in (error.buildLog ?? "").split(separator: "\n") {
      text += "\n  " + logLine
      // Diagnostics look like `<source>:12:5: error: ...`: find the first `:<line>:`.
      let parts = logLine.split(separator: ":", omittingEmptySubsequences: false)
      guard let number = parts.dropFirst().lazy.compactMap({ Int($0) }).first, number >= 1,
        number <= lines.count
      else { continue }
      let code = lines[number - 1].trimmingCharacters(in: .whitespaces)
      var kernel = ""
      for l in lines[..<number].reversed() where l.hasPrefix("__kernel void ") {
        kernel = String(l.dropFirst("__kernel void ".count).prefix { $0 != "(" })
        break
      }
      text += "\n    -> line \(number) of kernel \(kernel): \(code)"
    }
    return text
  }
}
