import Testing
import TestSupport
import Foundation
@testable import Controller
@testable import LocalNode
@testable import Executor

/// The built argo-lite (needed to enter namespaces: `argo-lite emissary --exec`), if it has been built.
let builtArgoLite: String? = {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent(".build/debug/argo-lite").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()

/// Both isolation modes this machine supports: always the process-group fallback, plus namespaces when root
/// and `unshare` work and the argo-lite binary is built.
func runners() async -> [PodProcessRunner] {
    var out = [PodProcessRunner(isolation: .processGroup, selfExecutable: builtArgoLite ?? "/nonexistent")]
    if let exe = builtArgoLite, case .namespaces = await Isolation.detect() {
        // argo-lite-executor enters the namespaces itself; argo-lite as its own executor goes through `unshare`.
        let direct = PodProcessRunner(isolation: await Isolation.detect(), selfExecutable: exe)
        var throughUnshare = direct
        throughUnshare.executor = exe
        out += direct.executor == exe ? [direct] : [direct, throughUnshare]
    }
    return out
}

/// Whether every `sleep` process with `token` is gone, allowing the kernel a moment to finish killing them (a
/// SIGKILLed process stays visible, not yet a zombie, for a while on a loaded machine).
func processesGone(containing token: String) async -> Bool {
    for _ in 0..<100 {
        if processes(containing: token).isEmpty { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return processes(containing: token).isEmpty
}

/// Host `sleep` processes whose command line contains `token` (zombies excluded).
func processes(containing token: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { Int32($0) }.filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        let cmdline = String(decoding: data, as: UTF8.self)
        return cmdline.hasPrefix("sleep\0") && cmdline.contains(token) && !state.contains(") Z ")
    }
}

@Suite struct ProcessRunnerTests {
    func temp() throws -> URL {
        let dir = ScratchDirectory.url("runner")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func exitCodeAndOutputInOrderInTheLog() async throws {
        for runner in await runners() {
            let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
            let log = dir.appendingPathComponent("main.log").path
            let outcome = try await runner.run(ContainerProcessSpec(
                argv: ["sh", "-c", "echo one; echo two >&2; echo three; exit 3"],
                environment: ["PATH": "/usr/bin:/bin"], logFile: log))
            #expect(outcome.exitCode == 3, "\(runner.isolation)")
            #expect(outcome.reason == .exited)
            #expect(outcome.finishedAt >= outcome.startedAt)
            #expect(try String(contentsOfFile: log, encoding: .utf8) == "one\ntwo\nthree\n", "\(runner.isolation)")
        }
    }

    @Test func environmentAndWorkingDirectory() async throws {
        for runner in await runners() {
            let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
            let log = dir.appendingPathComponent("main.log").path
            let outcome = try await runner.run(ContainerProcessSpec(
                argv: ["sh", "-c", "echo \"$GREETING\"; pwd"], environment: ["PATH": "/usr/bin:/bin", "GREETING": "hi"],
                workingDirectory: dir.path, logFile: log))
            #expect(outcome.exitCode == 0)
            #expect(try String(contentsOfFile: log, encoding: .utf8) == "hi\n\(dir.path)\n", "\(runner.isolation)")
        }
    }

    @Test func volumesAtTheirMountPathAndAPrivateTmp() async throws {
        let all = await runners()
        guard let runner = all.first(where: { $0.isolation != .processGroup }) else {
            // (mount point under the private /tmp: nothing is left on the host.) Not root, no unshare, or argo-lite not built: the fallback has no mounts to check.
            #expect(all.map(\.isolation) == [.processGroup])
            return
        }
        let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
        let volume = dir.appendingPathComponent("vol")
        try FileManager.default.createDirectory(at: volume, withIntermediateDirectories: true)
        try "from-host".write(to: volume.appendingPathComponent("in.txt"), atomically: true, encoding: .utf8)
        let log = dir.appendingPathComponent("main.log").path
        let outcome = try await runner.run(ContainerProcessSpec(
            argv: ["sh", "-c", "cat /tmp/work/vol/in.txt; echo; ls -A /tmp; echo out > /tmp/work/vol/out.txt; pwd"],
            environment: ["PATH": "/usr/bin:/bin"], workingDirectory: "/tmp/work/vol",
            volumes: [VolumeBind(hostPath: volume.path, mountPath: "/tmp/work/vol")], logFile: log))
        #expect(outcome.exitCode == 0)
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "from-host\nwork\n/tmp/work/vol\n")
        #expect(try String(contentsOf: volume.appendingPathComponent("out.txt"), encoding: .utf8) == "out\n")
    }

    @Test func stoppingKillsTheWholeTree() async throws {
        for runner in await runners() {
            let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
            let token = "100.\(Int.random(in: 100_000...999_999))"
            let spec = ContainerProcessSpec(argv: ["sh", "-c", "sleep \(token) & sleep \(token)"],
                                            environment: ["PATH": "/usr/bin:/bin"],
                                            logFile: dir.appendingPathComponent("log").path, gracePeriod: .seconds(2))
            let task = Task { try await runner.run(spec) }
            for _ in 0..<200 where processes(containing: token).count < 2 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(processes(containing: token).count == 2, "\(runner.isolation)")
            task.cancel()
            let outcome = try await task.value
            #expect(outcome.reason == .stopped)
            #expect(await processesGone(containing: token), "\(runner.isolation)")
        }
    }

    @Test func activeDeadlineStopsTheTree() async throws {
        for runner in await runners() {
            let dir = try temp(); defer { try? FileManager.default.removeItem(at: dir) }
            let token = "100.\(Int.random(in: 100_000...999_999))"
            let outcome = try await runner.run(ContainerProcessSpec(
                argv: ["sh", "-c", "sleep \(token) & sleep \(token)"], environment: ["PATH": "/usr/bin:/bin"],
                logFile: dir.appendingPathComponent("log").path, activeDeadline: .milliseconds(300), gracePeriod: .seconds(2)))
            #expect(outcome.reason == .deadlineExceeded, "\(runner.isolation)")
            #expect(outcome.exitCode == 143 || outcome.exitCode == 137)
            #expect(await processesGone(containing: token), "\(runner.isolation)")
        }
    }

    @Test func namespaceCommandLineReusesAnEmissary() {
        let runner = PodProcessRunner(isolation: .namespaces(unshare: "/usr/bin/unshare"), selfExecutable: "/bin/argo-lite")
        let spec = ContainerProcessSpec(argv: ["/bin/argo-lite", "emissary", "--task-result", "/r", "--", "echo"],
                                        workingDirectory: "/w", volumes: [VolumeBind(hostPath: "/h", mountPath: "/m")], logFile: "/l")
        #expect(runner.commandLine(for: spec).argv == [
            "/usr/bin/unshare", "--mount", "--pid", "--fork", "--kill-child", "--propagation", "private", "--",
            "/bin/argo-lite", "emissary", "--tmpfs", "/tmp", "--bind", "/h:/m", "--mount-proc", "--chdir", "/w",
            "--task-result", "/r", "--", "echo"])
        var plain = spec
        plain.argv = ["echo", "hi"]
        #expect(runner.commandLine(for: plain).argv.suffix(5) == ["/w", "--exec", "--", "echo", "hi"])
        // A program under the private /tmp (argo-lite built there) is bound back at its path, read-only.
        var hidden = plain
        hidden.argv = ["/bin/argo-lite", "emissary", "--task-result", "/r", "--", "/tmp/build/argo-lite-executor", "argosay"]
        #expect(runner.commandLine(for: hidden).argv.contains("/tmp/build:/tmp/build:ro"))
        #expect(!runner.commandLine(for: plain).argv.contains { $0.hasSuffix(":ro") })
        // Without a workingDir the container starts at `/`, not in the agent's directory.
        plain.workingDirectory = nil
        #expect(runner.commandLine(for: plain).argv.suffix(6) == ["--chdir", "/", "--exec", "--", "echo", "hi"])
    }

    @Test func theExecutorEntersTheNamespacesItself() {
        var runner = PodProcessRunner(isolation: .namespaces(unshare: "/usr/bin/unshare"), selfExecutable: "/bin/argo-lite")
        runner.executor = "/bin/argo-lite-executor"
        let spec = ContainerProcessSpec(argv: ["/bin/argo-lite-executor", "emissary", "--task-result", "/r", "--", "true"],
                                        logFile: "/l")
        #expect(runner.commandLine(for: spec).argv == [
            "/bin/argo-lite-executor", "emissary", "--unshare", "--tmpfs", "/tmp", "--mount-proc", "--chdir", "/",
            "--task-result", "/r", "--", "true"])
        var plain = spec
        plain.argv = ["echo", "hi"]
        #expect(runner.commandLine(for: plain).argv.prefix(3) == ["/bin/argo-lite-executor", "emissary", "--unshare"])
    }
}
