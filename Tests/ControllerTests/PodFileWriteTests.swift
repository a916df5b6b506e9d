import Foundation
import Testing
import TestSupport
@testable import Controller
@testable import LocalNode

/// The agent's pod files are written with plain POSIX calls (no `fsync` on a pod's start path) and still read back
/// as before: the process file is what a restarted agent adopts a running pod by.
@Suite struct PodFileWriteTests {
    static func scratch() throws -> URL {
        let dir = ScratchDirectory.url("argo-lite-podfile")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func theRecordedProcessIsReadBackForAdoption() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pod.process")
        PodReporter.recordProcess(pid: getpid(), in: file)
        let recorded = PodReporter.recordedProcess(in: file)
        #expect(recorded == ProcessIdentity(running: getpid()))
        #expect(recorded?.isAlive == true)
    }

    @Test func aRewrittenFileHoldsOnlyTheNewText() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("script-source")
        try PodFiles.write("echo a much longer first version", to: file)
        try PodFiles.write("echo hi", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "echo hi")
    }

    @Test func aFileThatCannotBeWrittenIsAnErrorNamingIt() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("missing-folder/input-art")
        #expect(throws: PodFileWriteError.self) { try PodFiles.write("x", to: file) }
        do { try PodFiles.write("x", to: file) } catch let error as PodFileWriteError {
            #expect(error.description.contains(file.path))
        }
    }

    /// A full disk: the write itself fails (`/dev/full` answers every write with ENOSPC), and a pod must not start
    /// with a truncated script or input.
    @Test func aWriteThatFailsIsAnErrorNotATruncatedFile() throws {
        let full = URL(fileURLWithPath: "/dev/full")
        #expect(throws: PodFileWriteError.self) { try PodFiles.write("echo hi", to: full) }
        do { try PodFiles.write("echo hi", to: full) } catch let error as PodFileWriteError {
            #expect(error.description == "cannot write /dev/full: No space left on device")
        }
    }
}
