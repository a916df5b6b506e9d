import Foundation
import Testing
import TestSupport
@testable import Executor

/// `argo-lite-executor init`, the init container of a pod on Kubernetes: the executor copied for the wrapped
/// commands (executable), a script's source written where its `args` name it, and a clear failure otherwise.
@Suite struct ExecutorInitTests {
    @Test(arguments: [
        (template: #"{"name":"s","script":{"image":"python","command":["python"],"source":"print(1)\n"}}"#, script: "print(1)\n" as String?),
        (template: #"{"name":"c","container":{"image":"alpine","command":["true"]}}"#, script: nil),
    ] as [(template: String, script: String?)])
    func copiesItselfAndWritesTheScript(template: String, script: String?) throws {
        let dir = ScratchDirectory.url("executor-init")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let me = dir.appendingPathComponent("me").path
        try Data("#!/bin/sh\necho executor\n".utf8).write(to: URL(fileURLWithPath: me))
        let executor = dir.appendingPathComponent("argo-lite-executor").path
        let scriptFile = dir.appendingPathComponent("script").path
        #expect(ExecutorInit.run(self: me, executor: executor, script: scriptFile, template: template) == 0)
        #expect(FileManager.default.contents(atPath: executor) == FileManager.default.contents(atPath: me))
        #expect(FileManager.default.isExecutableFile(atPath: executor))
        #expect(FileManager.default.contents(atPath: scriptFile).map { String(decoding: $0, as: UTF8.self) } == script)
    }

    @Test func aFolderThatCannotBeWrittenIsSaid() throws {
        let err = ScratchDirectory.url("executor-init-err")
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: err) }
        let fd = open(err.path, O_WRONLY)
        defer { close(fd) }
        #expect(ExecutorInit.run(self: "/proc/self/exe", executor: "/nonexistent-dir/argo-lite-executor", template: nil, stderr: fd) == 64)
        let said = String(decoding: FileManager.default.contents(atPath: err.path) ?? Data(), as: UTF8.self)
        #expect(said == "init: cannot create /nonexistent-dir/argo-lite-executor.tmp: No such file or directory\n")
    }
}
