import Executor
import Foundation
import Templates
import ClusterAPI
import LocalStore

/// What the agent will run for one pod: its containers as host processes, in Kubernetes' order.
struct PodPlan: Sendable {
    var namespace: String
    var name: String
    var nodeID: String?
    var files: PodFiles
    var initContainers: [(name: String, spec: ContainerProcessSpec)]
    var main: (name: String, spec: ContainerProcessSpec)
    var sidecars: [(name: String, spec: ContainerProcessSpec)]
    var taskResultFile: URL?
    /// A container set's containers with what each waits for; nil for other pods.
    var containerSet: [ContainerSetMember]?
    /// Where `main` writes its termination message (Kubernetes' `terminationMessagePath`), when it has one.
    var terminationMessageFile: URL?
    /// `main`'s log, archived as the `main-logs` artifact after the pod ends (`archiveLocation.archiveLogs`).
    var archivedLog: (log: URL, workflow: String, artifacts: PodArtifacts)?
    var containerNames: [String] { containerSet?.map(\.name) ?? ([main.name] + sidecars.map(\.name)) }
}

/// One container of a container-set pod and the containers it runs after.
struct ContainerSetMember: Sendable {
    var name: String
    var spec: ContainerProcessSpec
    var dependencies: [String]
}

/// How a pod's containers ended.
struct PodOutcome: Sendable {
    var initContainers: [(name: String, outcome: ContainerProcessOutcome)] = []
    var main: ContainerProcessOutcome?
    var sidecars: [(name: String, outcome: ContainerProcessOutcome)] = []
    /// A container set's containers, in the order they ended.
    var containerSet: [(name: String, outcome: ContainerProcessOutcome)] = []
    var message: String?
    var taskResult: JSONValue?
    /// `main`'s termination message: the container status's `terminated.message`.
    var terminationMessage: String?
}

/// Turns a Pod object into process specs (image catalog, environment, volumes, the emissary around `main`) and
/// runs them: init containers one after another, then `main` with its sidecars, which stop when `main` ends.
struct PodLauncher: Sendable {
    let cluster: LocalCluster
    let runner: PodProcessRunner
    let catalog: ImageCatalog

    func plan(_ pod: JSONValue) async throws -> PodPlan {
        let meta = pod["metadata"] ?? [:]
        let namespace = meta["namespace"]?.stringValue ?? "default"
        let name = meta["name"]?.stringValue ?? ""
        let files = PodFiles(stateDirectory: cluster.directory, namespace: namespace, name: name)
        try files.prepare()
        let dir = files.directory
        let volumes = PodVolumes(cluster: cluster, namespace: namespace, podDirectory: dir, volumes: pod["spec"]?["volumes"]?.arrayValue ?? [])
        let env = PodEnv(cluster: cluster, pod: pod)
        let deadline = pod["spec"]?["activeDeadlineSeconds"]?.intValue.map { Duration.seconds($0) }
        let stopFlags = PodLauncher.emissaryStopFlags(pod, stateDirectory: cluster.directory)
        // What no pod may see: the store, its pods' files and the artifact repository (the emissary reaches the
        // files it needs through descriptors it opened before the mounts).
        let hidden = [cluster.directory.path] + (HostMounts.isSameOrBelow(cluster.artifactRepository.path, cluster.directory.path)
            ? [] : [cluster.artifactRepository.path])

        func spec(_ container: JSONValue, emissary: [String]? = nil) async throws -> (String, ContainerProcessSpec) {
            let cname = container["name"]?.stringValue ?? "main"
            var environment = try await env.variables(for: container)
            let resolved = try catalog.resolve(
                image: container["image"]?.stringValue ?? "",
                command: container["command"]?.arrayValue?.compactMap(\.stringValue),
                args: container["args"]?.arrayValue?.compactMap(\.stringValue))
            for (k, v) in resolved.imageEnv where environment[k] == nil { environment[k] = v }
            var argv = resolved.argv.map { PodEnv.expand($0, environment) }
            if let emissary { argv = [runner.executor, "emissary"] + emissary + stopFlags + ["--"] + argv }
            let log = cluster.logPath(namespace: namespace, pod: name, container: cname)
            try FileManager.default.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
            let binds = try await volumes.binds(for: container["volumeMounts"]?.arrayValue ?? [])
            var process = ContainerProcessSpec(
                argv: argv, environment: environment, workingDirectory: container["workingDir"]?.stringValue,
                volumes: binds, logFile: log.path, activeDeadline: deadline)
            let security = try ContainerSecurity.resolve(pod: pod, container: container).get()
            process.root = PodLauncher.layersOnDisk
                ? ContainerRoot(layer: files.layer(container: cname).path, hidden: hidden, readOnly: security.readOnlyRoot)
                : .memory(size: ContainerLimits.ephemeralStorage(of: container), hidden: hidden, readOnly: security.readOnlyRoot)
            process.capabilities = security.capabilities
            process.runAs = security.runAs
            process.cgroup = ContainerLimits.cgroup(for: container, namespace: namespace, pod: name)
            return (cname, process)
        }

        let containers = pod["spec"]?["containers"]?.arrayValue ?? []
        guard let mainContainer = containers.first(where: { $0["name"]?.stringValue == "main" }) ?? containers.first else {
            throw PodLaunchError("pod \(namespace)/\(name) has no containers")
        }
        let template = PodEnv.template(of: mainContainer)
        let taskResult = files.taskResult
        if let action = ResourcePod.action(of: mainContainer) {
            var main = try await spec(mainContainer)
            let termination = try files.makeDirectory().appendingPathComponent("termination-message")
            try? FileManager.default.removeItem(at: termination)
            main.1 = ResourcePod.spec(main.1, action: action, selfExecutable: runner.selfExecutable,
                                      stateDirectory: cluster.directory, taskResult: taskResult, termination: termination)
            return PodPlan(
                namespace: namespace, name: name,
                nodeID: meta["annotations"]?[Common.annotationKeyNodeID]?.stringValue,
                files: files, initContainers: [], main: (name: main.0, spec: main.1), sidecars: [],
                taskResultFile: taskResult, terminationMessageFile: termination)
        }
        var emissary = ["--task-result", taskResult.path]
        if let outputs = template?["outputs"]?["parameters"], outputs.arrayValue?.isEmpty == false {
            emissary += ["--output-params", outputs.compactJSON]
        }
        if let source = template?["script"]?["source"]?.stringValue {
            let sourceFile = try files.makeDirectory().appendingPathComponent("script-source")
            try PodFiles.write(source, to: sourceFile)
            emissary += ["--script-file", "/argo/staging/script", "--script-source-from", "file:\(sourceFile.path)"]
        }
        let artifacts = PodArtifacts(repository: cluster.artifactRepository)
        let workflow = meta["labels"]?[Common.labelKeyWorkflow]?.stringValue ?? ""
        emissary += artifacts.inputFlags(template)
        emissary += artifacts.outputFlags(template, workflow: workflow, pod: name)
        for artifact in template?["inputs"]?["artifacts"]?.arrayValue ?? [] {
            guard let data = artifact["raw"]?["data"]?.stringValue, let path = artifact["path"]?.stringValue else { continue }
            let file = try files.makeDirectory().appendingPathComponent("input-\(artifact["name"]?.stringValue ?? "artifact")")
            try PodFiles.write(data, to: file)
            emissary += ["--input-file", "\(file.path):\(path)"]
        }
        if let set = template?["containerSet"]?["containers"]?.arrayValue {
            // Every container runs through the emissary; only `main` reports outputs (Argo: the set's result).
            var members: [ContainerSetMember] = []
            var mainSpec: (String, ContainerProcessSpec)?
            for c in containers {
                let cname = c["name"]?.stringValue ?? ""
                let isMain = cname == "main"
                let s = try await spec(c, emissary: isMain ? emissary : [])
                if isMain || mainSpec == nil { mainSpec = s }
                let declared = set.first { $0["name"]?.stringValue == cname }
                let dependencies = declared?["dependencies"]?.arrayValue?.compactMap(\.stringValue) ?? []
                members.append(ContainerSetMember(name: cname, spec: s.1, dependencies: dependencies))
            }
            guard let main = mainSpec else { throw PodLaunchError("pod \(namespace)/\(name) has no containers") }
            return PodPlan(
                namespace: namespace, name: name,
                nodeID: meta["annotations"]?[Common.annotationKeyNodeID]?.stringValue,
                files: files, initContainers: [], main: (name: main.0, spec: main.1), sidecars: [],
                taskResultFile: taskResult, containerSet: members)
        }
        var main = try await spec(mainContainer, emissary: emissary)
        if emissary.contains("--script-file") {
            // `/argo/staging` is not under the pod's private /tmp: each pod gets its own, or concurrent script pods
            // would overwrite each other's scripts. Without a mount namespace, the script's path is rewritten to
            // the pod's folder (both where the emissary writes it and where the command reads it).
            let staging = dir.appendingPathComponent("staging")
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            if case .processGroup = runner.isolation {
                let staged = staging.appendingPathComponent("script").path
                main.1.argv = main.1.argv.map { $0 == "/argo/staging/script" ? staged : $0 }
            } else {
                main.1.volumes.append(VolumeBind(hostPath: staging.path, mountPath: "/argo/staging"))
            }
        }
        var inits: [(String, ContainerProcessSpec)] = []
        for c in pod["spec"]?["initContainers"]?.arrayValue ?? [] { inits.append(try await spec(c)) }
        var sidecars: [(String, ContainerProcessSpec)] = []
        for c in containers where c["name"]?.stringValue != main.0 { sidecars.append(try await spec(c)) }
        var plan = PodPlan(
            namespace: namespace, name: name,
            nodeID: meta["annotations"]?[Common.annotationKeyNodeID]?.stringValue,
            files: files, initContainers: inits.map { (name: $0.0, spec: $0.1) }, main: (name: main.0, spec: main.1),
            sidecars: sidecars.map { (name: $0.0, spec: $0.1) }, taskResultFile: taskResult)
        if PodArtifacts.archivesLogs(template) {
            plan.archivedLog = (cluster.logPath(namespace: namespace, pod: name, container: main.0), workflow, artifacts)
        }
        return plan
    }

    func run(_ plan: PodPlan) async -> PodOutcome {
        var outcome = PodOutcome()
        if let members = plan.containerSet {
            outcome.containerSet = await ContainerSetRun(runner: runner, members: members).run()
            readTaskResult(plan, into: &outcome)
            return outcome
        }
        for c in plan.initContainers {
            do {
                let o = try await runner.run(c.spec)
                outcome.initContainers.append((c.name, o))
                if o.exitCode != 0 || o.reason != .exited { return outcome }
            } catch {
                outcome.message = "init container \(c.name): \(error)"
                return outcome
            }
        }
        let sidecarTasks = plan.sidecars.map { c in
            (c.name, Task { try? await runner.run(c.spec) })
        }
        do {
            outcome.main = try await runner.run(plan.main.spec)
        } catch {
            outcome.message = "\(error)"
        }
        for (name, task) in sidecarTasks {
            task.cancel()
            if let o = await task.value { outcome.sidecars.append((name, o)) }
        }
        readTaskResult(plan, into: &outcome)
        if let archived = plan.archivedLog {
            archived.artifacts.archiveMainLog(archived.log, workflow: archived.workflow, pod: plan.name, into: &outcome.taskResult)
        }
        return outcome
    }

    /// `ARGO_LITE_POD_LAYERS=disk`: containers' upper layers in the pod's folder of the state directory, kept until
    /// the pod is deleted (for looking into what a container wrote), instead of in memory, gone with the container.
    static let layersOnDisk = ProcessInfo.processInfo.environment["ARGO_LITE_POD_LAYERS"] == "disk"

    /// What the pod enforces on its own (`CommandStopper`): its deadline, as an absolute time from the pod's start
    /// (its claim, else now), so that a restarted agent cannot extend it; the grace period; the state directory.
    static func emissaryStopFlags(_ pod: JSONValue, stateDirectory: URL, now: Date = Date()) -> [String] {
        var flags = ["--stop-if-gone", stateDirectory.path]
        if let seconds = pod["spec"]?["activeDeadlineSeconds"]?.intValue {
            // `startTime` has whole seconds (as in Kubernetes): the pod started within the second after it, and
            // at the latest now, as the plan is made once the pod is claimed.
            let stored = pod["status"]?["startTime"]?.stringValue.flatMap { KubeTime(rfc3339: $0) }.map { Double($0.seconds) }
            let start = min(now.timeIntervalSince1970, (stored ?? .infinity) + 1)
            flags += ["--deadline", String(start + Double(seconds))]
        }
        let grace = pod["spec"]?["terminationGracePeriodSeconds"]?.intValue ?? 30
        return flags + ["--grace", String(grace)]
    }

    private func readTaskResult(_ plan: PodPlan, into outcome: inout PodOutcome) {
        if let file = plan.taskResultFile {
            switch Self.taskResult(in: file) {
            case .success(let result): outcome.taskResult = result
            case .failure(let problem):
                // The process ended without a readable result (its write failed on a full disk, or it was killed
                // first): the pod failed, and says why, rather than passing with no outputs.
                if outcome.message == nil, outcome.main?.reason == .exited { outcome.message = problem.description }
            }
        }
        if let file = plan.terminationMessageFile, let data = try? Data(contentsOf: file), !data.isEmpty {
            outcome.terminationMessage = String(decoding: data.prefix(4096), as: UTF8.self)
        }
    }
}

struct PodLaunchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
