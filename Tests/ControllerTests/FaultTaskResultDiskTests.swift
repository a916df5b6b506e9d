import Foundation
import Testing
import TestSupport
@testable import Executor
#if canImport(Glibc)
import Glibc
#endif

/// The emissary's task result outlives a full state directory that frees up: its write is tried again (issue 17:
/// a pod whose result could not be written lost its outputs).
@Suite(.tags(.fault), .enabled(if: geteuid() == 0, "mounting a small tmpfs needs root"))
struct FaultTaskResultDiskTests {
    @Test func theTaskResultIsWrittenOnceTheDiskHasRoomAgain() throws {
        let dir = ScratchDirectory.url("argo-lite-result-disk")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        guard mount("tmpfs", dir.path, "tmpfs", 0, "size=64k") == 0 else {
            Issue.record("cannot mount a tmpfs on \(dir.path): \(String(cString: strerror(errno)))")
            return
        }
        defer { umount2(dir.path, 2); try? FileManager.default.removeItem(at: dir) }
        let filler = dir.appendingPathComponent("filler").path
        let fill = open(filler, O_WRONLY | O_CREAT, 0o644)
        var chunk = [UInt8](repeating: 7, count: 4096)
        while write(fill, &chunk, chunk.count) > 0 {}
        close(fill)
        let file = dir.appendingPathComponent("task-result.json").path
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        let freeing = Thread { usleep(500_000); unlink(filler) }
        freeing.start()
        let report = TaskResultReport(phase: "Succeeded", result: String(repeating: "x", count: 8000), exitCode: 0)
        let start = Date()
        Emissary.report(report, to: fd, retryFor: 10)
        #expect(Date().timeIntervalSince(start) >= 0.4, "it waited for the room")
        #expect(String(decoding: FileBytes.read(file) ?? [], as: UTF8.self) == report.compactJSON)
    }
}
