// Writing the recorded trace: outputs defaulted, inputs saved on request, an atomic write.
//
// The trace is streamed (one node converted and written at a time, in 1 MB chunks) to a temporary
// file beside the target and renamed into place, so a reader never sees half a trace and the
// writing needs no more memory than a chunk. Saved inputs up to `TraceData.inlineLimit` bytes are inlined; larger
// ones go to `<program>.<input>.bin` beside the trace.

import DRCIR
import DRCTrace
import Foundation

extension Session {
  /// Writes the trace now (once); later operations are not recorded into it.
  func flush() throws {
    lock.lock()
    defer { lock.unlock() }
    guard let path = outputPath, !flushed else { return }
    flushed = true
    var graph = self.graph
    if graph.outputs.isEmpty {
      // Without declared outputs, whatever the program read back is what it computed.
      var seen = Set<Int>()
      for r in graph.readbacks where seen.insert(r.node).inserted {
        graph.outputs.append(OutputDecl(name: "readback\(graph.outputs.count)", node: r.node))
      }
    }
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    if saveInputs {
      for index in graph.inputs.indices {
        guard let value = inputValues[graph.inputs[index].name] else { continue }
        let bytes = value.littleEndianBytes()
        if bytes.count <= TraceData.inlineLimit {
          graph.inputs[index].data = .inline(bytes)
        } else {
          // Named after the trace file, so two recordings of one program in one folder (at two
          // sizes) keep their own data.
          let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
          let file = "\(stem).\(graph.inputs[index].name).bin"
          graph.inputs[index].data = try TraceData.sidecar(bytes, file: file, directory: directory)
        }
      }
    }
    let url = URL(fileURLWithPath: path)
    let pid = ProcessInfo.processInfo.processIdentifier
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(pid).tmp")
    do {
      guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
        throw TraceError("cannot create '\(temporary.path)'")
      }
      let handle = try FileHandle(forWritingTo: temporary)
      defer { try? handle.close() }
      let nodes = graph.nodes
      try TraceWriter.write(
        graph.toTrace(includingNodes: false), nodeCount: nodes.count,
        node: { nodes[$0].toTraceNode() }, to: { try handle.write(contentsOf: $0) })
      guard rename(temporary.path, url.path) == 0 else {
        throw TraceError("cannot rename '\(temporary.path)': \(String(cString: strerror(errno)))")
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      let why = (error as? TraceError)?.description ?? error.localizedDescription
      throw TraceError("cannot write the trace to '\(path)': \(why)")
    }
  }

  /// The `atexit` hook: flushes and reports a failure on standard error.
  func flushAtExit() {
    if let pending = takePendingError() {
      // An assignment failed and nothing threw it: the run is wrong, so fail it, with no trace.
      FileHandle.standardError.write(Data("error: \(pending)\n".utf8))
      _exit(1)
    }
    do {
      try flush()
    } catch {
      FileHandle.standardError.write(Data("drc: \(error)\n".utf8))
    }
  }
}
