import Foundation
import Templates
import Testing
import TestSupport
@testable import Executor

/// The executor's start-up shortcuts (hand-written JSON, in-place PATH walk, POSIX file reads) must say exactly
/// what the general code says.
@Suite struct ExecutorFastPathTests {
    @Test(arguments: [
        TaskResultReport(phase: "Succeeded", result: "hello", exitCode: 0),
        TaskResultReport(phase: "Succeeded", exitCode: 0),
        TaskResultReport(phase: "Failed", message: "Error (exit code 3)", result: "", exitCode: 3),
        TaskResultReport(phase: "Failed", message: "", exitCode: -1),
        TaskResultReport(phase: "Succeeded", result: "quote \" back\\slash <tag> & \n\t\u{1} \u{2028} ünï", exitCode: 0,
                         parameters: [["name": "p", "value": "1", "valueFrom": ["path": "/tmp/p"]], ["name": "q"]]),
    ])
    func taskResultTextIsItsJSONValueText(_ report: TaskResultReport) {
        #expect(report.compactJSON == report.json.compactJSON)
    }

    @Test func lookupTakesTheFirstExecutableEntryOnPath() throws {
        let dir = ScratchDirectory.url("lookup")
        defer { try? FileManager.default.removeItem(at: dir) }
        for sub in ["a", "b"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let plain = dir.appendingPathComponent("a/tool").path, exec = dir.appendingPathComponent("b/tool").path
        #expect(FileManager.default.createFile(atPath: plain, contents: Data()))
        #expect(FileManager.default.createFile(atPath: exec, contents: Data(), attributes: [.posixPermissions: 0o755]))
        let a = dir.appendingPathComponent("a").path, b = dir.appendingPathComponent("b").path
        #expect(ExecutableLookup.path("tool", path: "\(a):\(b)") == exec)
        #expect(ExecutableLookup.path("tool", path: "::\(a)::\(b):") == exec)
        #expect(ExecutableLookup.path("tool", path: b) == exec)
        #expect(ExecutableLookup.path("tool", path: a) == nil)
        #expect(ExecutableLookup.path("tool", path: "") == nil)
        #expect(ExecutableLookup.path("./x/y", path: a) == "./x/y")
        #expect(ExecutableLookup.path("sh", path: nil) != nil)
    }

    @Test func fileBytesReadsWhatFileManagerReads() throws {
        let dir = ScratchDirectory.url("bytes")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, size) in [("empty", 0), ("line", 6), ("page", 4096), ("big", 300_000)] {
            let path = dir.appendingPathComponent(name).path
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            #expect(FileBytes.read(path) == bytes)
            #expect(FileBytes.read(path).map { Data($0) } == FileManager.default.contents(atPath: path))
        }
        // Files that report no size (procfs) are read to their end too.
        #expect(FileBytes.read("/proc/self/status").map { String(decoding: $0, as: UTF8.self).hasPrefix("Name:") } == true)
        #expect(FileBytes.read(dir.appendingPathComponent("missing").path) == nil)
    }
}
