#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import CLinux
import Templates
#if canImport(Glibc)
import Glibc
#endif

/// Where a script template's source comes from: `env:NAME` or `file:PATH`.
public enum ScriptSource: Sendable, Equatable {
    case environment(String)
    case file(String)

    public init?(argument: String) {
        if argument.hasPrefix("env:"), argument.count > 4 { self = .environment(String(argument.dropFirst(4))) }
        else if argument.hasPrefix("file:"), argument.count > 5 { self = .file(String(argument.dropFirst(5))) }
        else { return nil }
    }
}

/// `argo-lite emissary [flags] -- COMMAND ARGS...`, as library values.
public struct EmissaryOptions: Sendable {
    public var command: [String]
    /// Mounts to make first (the process was started by `unshare --mount --pid --fork`); `nil` for none.
    public var mounts: MountPlan?
    /// Directory to change to after mounting (the container's `workingDir`).
    public var workingDirectory: String?
    /// Mount, change directory and `exec` the command in place: no capture, no task result.
    public var execOnly = false
    /// Also write `outputs.result` to this file.
    public var resultFile: String?
    /// Write the task result JSON (see `TaskResultReport`) here.
    public var taskResultFile: String?
    /// The template's `outputs.parameters` (JSON objects).
    public var outputParameters: [JSONValue] = []
    /// Whether to report `outputs.result` (Argo: `ARGO_INCLUDE_SCRIPT_OUTPUT`).
    public var includeResult = true
    /// For script templates: write the source here before running (Argo: `/argo/staging/script`).
    public var scriptFile: String?
    public var scriptSource: ScriptSource?
    /// Files to place in the pod before the command runs (raw input artifacts, and artifacts from the repository):
    /// read on the host before the mounts, written (or unpacked) at `destination` inside the pod after them.
    public var inputFiles: [InputFile] = []
    /// The template's `outputs.artifacts` (JSON objects), saved after the command exits.
    public var outputArtifacts: [JSONValue] = []
    /// Where output artifacts go; required when `outputArtifacts` has any with a path.
    public var artifactTarget: OutputArtifactTarget?
    /// The pod's `activeDeadlineSeconds` as an absolute time (seconds since 1970, from the pod's start): the
    /// command's tree is stopped then, by the pod itself (`CommandStopper`).
    public var deadline: Double?
    /// Seconds between SIGTERM and SIGKILL when the emissary stops its command.
    public var gracePeriod: Double = 30
    /// The state directory: when it is deleted, the command's tree is stopped.
    public var stopIfGone: String?
    /// The capabilities the command keeps (`Capabilities.limitChildren`); nil leaves them as they are.
    public var capabilities: Capabilities?
    /// The user the command runs as; nil for this process's.
    public var runAs: RunAs?
    /// The container's `resources.limits`, applied through a cgroup the emissary makes.
    public var cgroup: ContainerCgroup?

    public init(command: [String]) { self.command = command }
}

/// The executor that wraps a container's command: tees its output, captures `outputs.result`, collects output
/// parameters after it exits and writes the task result. Its exit code is the command's (128 + signal when a
/// signal ended it); 64 when the executor itself fails before the command runs, 127 when the command cannot
/// be started.
public enum Emissary {
    public static let setupFailureExitCode: Int32 = 64
    public static let notFoundExitCode: Int32 = 127
    /// What Kubernetes reports for a pod stopped at its `activeDeadlineSeconds` (status reason and message).
    public static let deadlineReason = "DeadlineExceeded"
    public static let deadlineMessage = "Pod was active on the node longer than the specified deadline"

    public static func run(_ options: EmissaryOptions, stdout: Int32 = 1, stderr: Int32 = 2) -> Int32 {
        // Everything on the host side is opened before mounting: a private /tmp may hide it afterwards.
        let taskResult = options.taskResultFile.map { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        let resultOut = options.resultFile.map { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        var stopper = CommandStopper(deadline: options.deadline, grace: options.gracePeriod, watchedDirectory: options.stopIfGone)
        defer {
            if stopper.watched >= 0 { close(stopper.watched) }
            if let taskResult, taskResult >= 0 { close(taskResult) }
            if let resultOut, resultOut >= 0 { close(resultOut) }
        }
        func fail(_ message: String, code: Int32) -> Int32 {
            writeAll(stderr, Array((message + "\n").utf8))
            report(TaskResultReport(phase: "Failed", message: message, exitCode: code), to: taskResult)
            return code
        }
        guard !options.command.isEmpty else { return fail("emissary: no command given after --", code: setupFailureExitCode) }
        var script: String?
        switch options.scriptSource {
        case .environment(let name)?: script = ProcessInfo.processInfo.environment[name] ?? ""
        case .file(let path)?:
            guard let data = FileManager.default.contents(atPath: path) else {
                return fail("emissary: cannot read the script source \(path)", code: setupFailureExitCode)
            }
            script = String(decoding: data, as: UTF8.self)
        case nil: break
        }
        var inputs: [(file: InputFile, content: InputFile.Content)] = []
        for file in options.inputFiles {
            guard let content = file.read() else {
                if file.optional { continue }
                return fail(file.missingMessage, code: setupFailureExitCode)
            }
            inputs.append((file, content))
        }
        // The repository folder is opened before the mounts too; output artifacts are written through it.
        let saving = options.outputArtifacts.contains { $0["path"]?.stringValue != nil }
        var repository: ArtifactRepositoryFolder?
        if saving {
            guard let target = options.artifactTarget, let folder = ArtifactRepositoryFolder.open(target.repositoryDirectory) else {
                return fail("emissary: cannot open the artifact repository \(options.artifactTarget?.repositoryDirectory ?? "(none given: --artifact-repository)")",
                            code: setupFailureExitCode)
            }
            repository = folder
        }
        defer { repository?.close() }
        // The cgroup is made before the mounts replace /sys, and this process joins it so the command starts in it.
        // A command `exec`ed in place leaves it behind: the node agent collects it (`ContainerCgroup.collect`).
        var limits: ContainerCgroup.Entered?
        if let cgroup = options.cgroup, let hierarchy = ContainerCgroup.hierarchy() {
            switch cgroup.enter(hierarchy) {
            case .success(let entered): limits = options.execOnly ? nil : entered
            case .failure(let error): return fail("emissary: \(error)", code: setupFailureExitCode)
            }
        }
        defer { limits?.leave() }
        var mounted: MountPlan.Applied?
        do {
            mounted = try options.mounts?.apply()
        } catch {
            return fail("emissary: \(error)", code: setupFailureExitCode)
        }
        for input in inputs {
            if let message = input.file.place(input.content, stderr: stderr) { return fail(message, code: setupFailureExitCode) }
        }
        if let dir = options.workingDirectory, chdir(dir) != 0 {
            // Created only when it is missing: every pod passes `--chdir`, usually to a directory that exists, and
            // `FileManager.default` costs more to set up than the rest of a short pod's start.
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            guard chdir(dir) == 0 else {
                return fail("emissary: cannot change to the working directory \(dir): \(String(cString: strerror(errno)))",
                            code: setupFailureExitCode)
            }
        }
        if let file = options.scriptFile, let script {
            let dir = parentDirectory(of: file)
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: file, contents: Data(script.utf8), attributes: [.posixPermissions: 0o755])
            else { return fail("emissary: cannot write the script to \(file)", code: setupFailureExitCode) }
        }
        do {
            try mounted?.seal()
        } catch {
            return fail("emissary: \(error)", code: setupFailureExitCode)
        }
        if let capabilities = options.capabilities {
            if let problem = capabilities.limitChildren() { return fail("emissary: \(problem)", code: setupFailureExitCode) }
            // The command cannot read this process's /proc entries (its root is the host's, its descriptors reach
            // the state directory) once it lacks CAP_SYS_PTRACE.
            _ = argo_set_dumpable(0)
        }
        if options.execOnly {
            if let runAs = options.runAs, let call = runAs.become() {
                return fail("emissary: cannot run as \(runAs.argument): \(call): \(String(cString: strerror(errno)))", code: setupFailureExitCode)
            }
            return execInPlace(options.command, stderr: stderr)
        }

        var capture = ResultCapture()
        let termination: TeedProcess.Termination
        do {
            termination = try TeedProcess.run(options.command, stdout: stdout, stderr: stderr, stopper: &stopper, runAs: options.runAs) {
                capture.append($0)
            }
        } catch {
            let reason = error.errno == ENOENT ? "executable file not found in $PATH" : String(cString: strerror(error.errno))
            return fail("failed to start command \"\(options.command[0])\": \(reason)", code: notFoundExitCode)
        }
        let exitCode: Int32 = switch termination {
        case .exited(let c): c
        case .signaled(let s): 128 + s
        }
        let result = options.includeResult || resultOut != nil ? capture.result : nil
        if let resultOut, resultOut >= 0, let result { writeAll(resultOut, Array(result.utf8)) }
        let collected = OutputParameters.collect(options.outputParameters)
        var phase = exitCode == 0 ? "Succeeded" : "Failed"
        var message: String? = exitCode == 0 ? nil : "Error (exit code \(exitCode))"
        if let error = collected.error, exitCode == 0 {
            phase = "Failed"
            message = error.message
            writeAll(stderr, Array((error.message + "\n").utf8))
        }
        var reason: String?
        if exitCode == 128 + SIGKILL, limits?.oomKilled() == true {
            (phase, message, reason) = ("Failed", "OOMKilled (exit code \(exitCode))", "OOMKilled")
        }
        switch stopper.why {
        case .deadline?:
            (phase, message, reason) = ("Failed", deadlineMessage, deadlineReason)
            writeAll(stderr, Array((deadlineMessage + "\n").utf8))
        case .stateDirectoryGone?:
            (phase, message) = ("Failed", "the state directory \(options.stopIfGone ?? "") was deleted while the pod ran")
        case nil: break
        }
        var artifacts: [JSONValue] = []
        if let repository, let target = options.artifactTarget {
            let saved = OutputArtifacts.save(options.outputArtifacts, keyPrefix: target.keyPrefix, repository: repository, stderr: stderr)
            artifacts = saved.artifacts
            if let error = saved.error, phase == "Succeeded" {
                phase = "Failed"
                message = error
                writeAll(stderr, Array((error + "\n").utf8))
            }
        }
        report(TaskResultReport(phase: phase, message: message, result: options.includeResult ? result : nil,
                                exitCode: exitCode, parameters: collected.parameters, artifacts: artifacts, reason: reason),
               to: taskResult)
        return exitCode
    }

    /// How long the task result's write is tried again while the disk is full: the pod's outputs survive a full
    /// state directory that frees up within it (the node agent's own writes wait the same way, `untilStored`);
    /// after it, the agent fails the pod and says the disk was full.
    static let fullDiskRetrySeconds = 60.0

    static func report(_ report: TaskResultReport, to fd: Int32?, retryFor fullDiskRetrySeconds: Double = fullDiskRetrySeconds) {
        guard let fd, fd >= 0 else { return }
        let bytes = Array(report.compactJSON.utf8)
        var waited = 0.0, pause = 0.1
        while true {
            if writeAll(fd, bytes) { return }
            guard errno == ENOSPC || errno == EDQUOT, waited < fullDiskRetrySeconds else { return }
            usleep(UInt32(pause * 1_000_000))
            waited += pause
            pause = min(pause * 2, 2)
            // Start again from the beginning: a short write may have left part of the report.
            _ = ftruncate(fd, 0)
            _ = lseek(fd, 0, SEEK_SET)
        }
    }

    /// `execvp` in place of this process; returns only on failure.
    private static func execInPlace(_ command: [String], stderr: Int32) -> Int32 {
        var cargs = command.map { strdup($0) } + [nil]
        execvp(command[0], &cargs)
        let message = "failed to start command \"\(command[0])\": \(String(cString: strerror(errno)))\n"
        writeAll(stderr, Array(message.utf8))
        return errno == ENOENT ? notFoundExitCode : 126
    }
}

/// Writes all bytes to a file descriptor (retrying short writes and EINTR). False when a write failed.
@discardableResult
package func writeAll<C: Collection>(_ fd: Int32, _ bytes: C) -> Bool where C.Element == UInt8 {
    if let written = bytes.withContiguousStorageIfAvailable({ writeAll(fd, UnsafeRawBufferPointer($0)) }) { return written }
    return Array(bytes).withUnsafeBytes { writeAll(fd, $0) }
}

/// Writes all bytes to a file descriptor (retrying short writes and EINTR), without copying them first. False
/// when a write failed (`errno` says why).
@discardableResult
package func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Bool {
    var offset = 0
    while offset < raw.count {
        let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 { if errno == EINTR { continue } else { return false } }
        offset += n
    }
    return true
}

/// The directory part of a path (`/a/b/c` → `/a/b`, `c` → `.`), as `dirname` computes it.
func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let parent = String(path[..<slash])
    return parent.isEmpty ? "/" : parent
}
