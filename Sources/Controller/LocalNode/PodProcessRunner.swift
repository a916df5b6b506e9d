import Executor
import Foundation
import Subprocess
#if canImport(Glibc)
import Glibc
#endif
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// One container process to run: what the node agent knows after resolving the image and the pod spec.
public struct ContainerProcessSpec: Sendable {
    /// The full command line (`argv[0]` is looked up on `PATH` when it has no `/`).
    public var argv: [String]
    /// The complete environment of the process (nothing is inherited).
    public var environment: [String: String]
    /// The container's `workingDir`; applied after the volumes are mounted.
    public var workingDirectory: String?
    /// The pod's volumes at their mount paths.
    public var volumes: [VolumeBind]
    /// Standard output and standard error are appended here, in the order they are written.
    public var logFile: String
    /// `activeDeadlineSeconds`: the process tree is stopped this long after it starts.
    public var activeDeadline: Duration?
    /// Time between SIGTERM and SIGKILL when stopping (`terminationGracePeriodSeconds`, default 30 s).
    public var gracePeriod: Duration
    /// Called with the process (and process group) ID once it runs: the agent records it so that a restarted
    /// agent can find the process again.
    public var onStart: (@Sendable (Int32) async -> Void)?
    /// Run in the host's mount and PID namespaces even when the runner isolates: for argo-lite's own executors
    /// that work on the state directory (the resource executor), which a private `/tmp` could hide.
    public var hostNamespaces = false
    /// The container's own root filesystem (its layer folder and what it must not see), when the runner isolates.
    public var root: ContainerRoot?
    /// The capabilities the container's command keeps, when the runner isolates.
    public var capabilities: Capabilities?
    /// The user the command runs as (`securityContext.runAsUser`…), when the runner isolates.
    public var runAs: RunAs?
    /// `resources.limits`, when the runner isolates and the machine's cgroups can be written.
    public var cgroup: ContainerCgroup?

    public init(argv: [String], environment: [String: String] = [:], workingDirectory: String? = nil,
                volumes: [VolumeBind] = [], logFile: String, activeDeadline: Duration? = nil,
                gracePeriod: Duration = .seconds(30)) {
        self.argv = argv
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.volumes = volumes
        self.logFile = logFile
        self.activeDeadline = activeDeadline
        self.gracePeriod = gracePeriod
    }
}

/// How a container process ended.
public struct ContainerProcessOutcome: Sendable, Equatable {
    public enum Reason: String, Sendable {
        case exited = "Completed", stopped = "Stopped", deadlineExceeded = "DeadlineExceeded", oomKilled = "OOMKilled"
    }
    /// The exit code as Kubernetes reports it: the process's code, or 128 + signal when a signal ended it.
    public var exitCode: Int32
    /// The signal that ended the process, if one did.
    public var signal: Int32?
    public var reason: Reason
    public var startedAt: Date
    public var finishedAt: Date
}

/// Why a container could not be started.
public enum ContainerStartError: Error, CustomStringConvertible {
    case emptyCommand
    case cannotOpenLog(path: String, errno: Int32)
    case launchFailed(command: String, reason: String)

    public var description: String {
        switch self {
        case .emptyCommand: return "the container has an empty command"
        case .cannotOpenLog(let path, let e): return "cannot open the log file \(path): \(String(cString: strerror(e)))"
        case .launchFailed(let command, let reason): return "failed to start \(command): \(reason)"
        }
    }
}

/// Runs container processes on the host: the node agent's kubelet. Each process gets its own process group
/// (and, with `Isolation.namespaces`, its own mount and PID namespaces, which `argo-lite-executor emissary
/// --unshare` enters itself, and the emissary's mount flags). Output goes straight into the log file (no copy through this process).
///
/// Stopping: cancel the task that awaits `run` (pod deleted, workflow stopped). Then, as for `activeDeadline`,
/// the whole group gets SIGTERM and, after `gracePeriod`, SIGKILL; whatever is left of the group after the
/// main process exits is killed too, as Kubernetes does when a container ends.
public struct PodProcessRunner: Sendable {
    public var isolation: Isolation
    /// The argo-lite executable.
    public var selfExecutable: String
    /// What runs the emissary (and enters the namespaces: `emissary --exec`): `argo-lite-executor` when it is
    /// installed beside `selfExecutable`, else `selfExecutable`.
    public var executor: String

    public init(isolation: Isolation, selfExecutable: String = SelfExecutable.path) {
        self.isolation = isolation
        self.selfExecutable = selfExecutable
        self.executor = SelfExecutable.executor(beside: selfExecutable)
    }

    /// Runs the process to completion, or until the deadline passes or the calling task is cancelled.
    public func run(_ spec: ContainerProcessSpec) async throws -> ContainerProcessOutcome {
        guard !spec.argv.isEmpty else { throw ContainerStartError.emptyCommand }
        let fd = open(spec.logFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ContainerStartError.cannotOpenLog(path: spec.logFile, errno: errno) }
        defer { close(fd) }
        let launch = commandLine(for: spec)
        var options = PlatformOptions()
        options.processGroupID = 0
        options.teardownSequence = [.send(signal: .terminate, toProcessGroup: true, allowedDurationToNextStep: spec.gracePeriod)]
        let env = Dictionary(spec.environment.compactMap { k, v in Environment.Key(rawValue: k).map { ($0, v) } },
                             uniquingKeysWith: { _, b in b })
        let configuration = Configuration(
            executable: ExecutableLookup.executable(launch.argv[0], path: spec.environment["PATH"]),
            arguments: Arguments(Array(launch.argv.dropFirst())),
            environment: .custom(env),
            workingDirectory: launch.workingDirectory.map { FilePath($0) },
            platformOptions: options)

        let started = Date()
        let deadlineHit = Flag()
        let status: TerminationStatus
        do {
            status = try await withThrowingTaskGroup(of: TerminationStatus?.self) { group in
                group.addTask {
                    let result = try await Subprocess.run(
                        configuration, input: .none,
                        output: .fileDescriptor(FileDescriptor(rawValue: fd), closeAfterSpawningProcess: false),
                        error: .combinedWithOutput
                    ) { execution in
                        let pgid = execution.processIdentifier.value
                        await spec.onStart?(pgid)
                        return pgid
                    }
                    // Kubernetes ends a container's whole tree when its main process exits.
                    kill(-result.closureResult, SIGKILL)
                    return result.terminationStatus
                }
                if let deadline = spec.activeDeadline {
                    group.addTask {
                        try? await Task.sleep(for: deadline)
                        if !Task.isCancelled { deadlineHit.set() }
                        return nil
                    }
                }
                while let next = try await group.next() {
                    if let status = next { group.cancelAll(); return status }
                    if deadlineHit.isSet { group.cancelAll() }
                }
                throw CancellationError()
            }
        } catch let error as SubprocessError {
            throw ContainerStartError.launchFailed(command: spec.argv[0], reason: "\(error)")
        }
        let (code, signal): (Int32, Int32?) = switch status {
        case .exited(let c): (c, nil)
        case .signaled(let s): (128 + s, s)
        }
        var reason: ContainerProcessOutcome.Reason =
            deadlineHit.isSet ? .deadlineExceeded : (Task.isCancelled ? .stopped : .exited)
        // What the container's emissary could not clean up itself (an init container or sidecar it `exec`ed, or
        // one killed with SIGKILL): its cgroup, and whether the OOM killer ended it.
        if let cgroup = spec.cgroup, case .namespaces = isolation, !spec.hostNamespaces, let hierarchy = ContainerCgroup.hierarchy(),
           cgroup.collect(hierarchy), code == 128 + SIGKILL, reason == .exited {
            reason = .oomKilled
        }
        return ContainerProcessOutcome(exitCode: code, signal: signal, reason: reason, startedAt: started, finishedAt: Date())
    }

    /// The command line actually spawned: the container's own, or wrapped to enter new namespaces.
    func commandLine(for spec: ContainerProcessSpec) -> (argv: [String], workingDirectory: String?) {
        guard case .namespaces(let unshare) = isolation, !spec.hostNamespaces else { return (spec.argv, spec.workingDirectory) }
        var plan = MountPlan(tmpfs: ["/tmp"], binds: spec.volumes, mountProc: true, root: spec.root)
        plan.binds += PodProcessRunner.hiddenProgramBinds(spec.argv, tmpfs: plan.tmpfs)
        let security = (spec.capabilities.map { ["--capabilities", $0.argument] } ?? []) + (spec.runAs.map { ["--run-as", $0.argument] } ?? [])
            + (spec.cgroup.map { ["--cgroup", $0.argument] } ?? [])
        // A container starts in its `workingDir`, else at `/` (a container image's default WORKDIR): never in the
        // agent's own directory, which the pod's private /tmp may hide (the agent started under /tmp).
        let chdir = ["--chdir", spec.workingDirectory ?? "/"]
        // `argo-lite-executor` enters the namespaces itself (`emissary --unshare`); argo-lite, when it is its own
        // executor, has threads by then and cannot fork safely, so `unshare` starts it in them.
        let enter = executor == selfExecutable
            ? [unshare, "--mount", "--pid", "--fork", "--kill-child", "--propagation", "private", "--", executor, "emissary"]
            : [executor, "emissary", PodNamespaces.flag]
        if spec.argv.count >= 2, spec.argv[0] == executor, spec.argv[1] == "emissary" {
            // Already an emissary: let it do the mounts (one process start instead of two).
            return (enter + plan.arguments + security + chdir + spec.argv.dropFirst(2), nil)
        }
        return (enter + plan.arguments + security + chdir + ["--exec", "--"] + spec.argv, nil)
    }

    /// The pod's program (the command after an emissary's `--`, else `argv[0]`) may live under a folder the pod's
    /// private tmpfs hides, as argo-lite's own executor does when argo-lite was built under /tmp: its folder is
    /// bound back, read-only, at the same path.
    static func hiddenProgramBinds(_ argv: [String], tmpfs: [String]) -> [VolumeBind] {
        let program = argv.count >= 2 && argv[1] == "emissary" ? argv.firstIndex(of: "--").flatMap { argv.dropFirst($0 + 1).first } : argv.first
        guard let program, program.hasPrefix("/"), let slash = program.lastIndex(of: "/") else { return [] }
        let folder = String(program[..<slash])
        guard tmpfs.contains(where: { folder == $0 || folder.hasPrefix($0 + "/") }) else { return [] }
        return [VolumeBind(hostPath: folder, mountPath: folder, readOnly: true)]
    }
}

/// A flag set once from one task and read from others.
final class Flag: Sendable {
    private let value = Locked(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

import Synchronization
import ClusterAPI
