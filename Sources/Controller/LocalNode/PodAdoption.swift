import Foundation
import Templates
import ClusterAPI
import LocalStore

/// Pods that outlive their agent. Pod processes do not depend on the agent (output goes to the log file, the
/// emissary writes its task result to a file), so when argo-lite is killed — even with SIGKILL — they run on.
/// The next agent finds each pod it did not start in phase Running and adopts it: it waits for the recorded
/// process, then finishes the pod from the emissary's task-result file, exactly as if it had run it. A pod whose
/// process is gone without a result fails with a message that says so. Nothing is started twice.
extension PodReporter {
    /// Records a pod's main process (`PID START_TICKS`) in its process file (`PodFiles.processFile`) as soon as it
    /// runs. The agent's own bookkeeping: a file, not a store write that every pod watcher would have to process.
    static func recordProcess(pid: Int32, in file: URL) {
        guard let identity = ProcessIdentity(running: pid) else { return }
        try? PodFiles.write("\(identity.pid) \(identity.startTicks)\n", to: file)
    }

    static func recordedProcess(in file: URL) -> ProcessIdentity? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        let words = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard words.count == 2, let pid = Int32(words[0]), let ticks = UInt64(words[1]) else { return nil }
        return ProcessIdentity(pid: pid, startTicks: ticks)
    }

    static func isRunning(_ pod: JSONValue) -> Bool { pod["status"]?["phase"]?.stringValue == "Running" }

    /// Gives a claimed pod that never started back to Pending (conditional on the version read), so the agent
    /// runs it. False when the pod changed meanwhile.
    func release(_ pod: JSONValue) async -> Bool {
        let ns = pod["metadata"]?["namespace"]?.stringValue ?? "default"
        let name = pod["metadata"]?["name"]?.stringValue ?? ""
        let patch: JSONValue = [
            "metadata": ["resourceVersion": pod["metadata"]?["resourceVersion"] ?? .null],
            "status": ["phase": "Pending", "startTime": nil, "containerStatuses": nil, "hostIP": nil, "podIP": nil],
        ]
        return (try? await cluster.patch(.pod, namespace: ns, name: name, patch: patch, type: .merge)) != nil
    }
}

extension LocalNodeAgent {
    /// Waits for an adopted pod's process and reports how it ended (unless this agent has `left` meanwhile: then
    /// the next one does).
    static func adopt(_ pod: JSONValue, cluster: LocalCluster, reporter: PodReporter, left: Flag) async {
        let ns = pod["metadata"]?["namespace"]?.stringValue ?? "default"
        let name = pod["metadata"]?["name"]?.stringValue ?? ""
        let files = PodFiles(stateDirectory: cluster.directory, namespace: ns, name: name)
        let started = pod["status"]?["startTime"]?.stringValue.flatMap { KubeTime(rfc3339: $0) }
            .map { Date(timeIntervalSince1970: TimeInterval($0.seconds)) } ?? Date()
        // The recorded process, else one started but not yet recorded when the previous agent died.
        let recorded = PodReporter.recordedProcess(in: files.processFile).flatMap { $0.isAlive ? $0 : nil }
        let identity = pod["metadata"]?["uid"]?.stringValue.map { ["ARGO_POD_UID=\($0)"] }
            ?? ["ARGO_POD_NAME=\(name)", "ARGO_NAMESPACE=\(ns)"]
        if let process = recorded ?? ProcessIdentity.find(environment: identity) {
            await withTaskCancellationHandler {
                await process.waitForExit()
            } onCancel: {
                Task { await process.stopGroup() }
            }
        }
        if Task.isCancelled || left.isSet { return }
        let resultFile = files.taskResult
        let result: JSONValue
        switch PodLauncher.taskResult(in: resultFile) {
        case .success(let r): result = r
        case .failure(let problem):
            // The emissary creates its result file before the command runs: a file there, even empty, means the
            // process ran and its result write failed (a full disk).
            if FileManager.default.fileExists(atPath: resultFile.path) {
                await reporter.fail(pod, message: problem.description, at: started)
                return
            }
            let log = cluster.logPath(namespace: ns, pod: name, container: "main")
            let wrote = ((try? FileManager.default.attributesOfItem(atPath: log.path)[.size]) as? Int ?? 0) > 0
            if !wrote, await reporter.release(pod) {
                return  // claimed but never started: it is Pending again and runs now, for the first time
            }
            await reporter.fail(pod, message: "the pod's process ended while argo-lite's node agent was not running, and left no result", at: started)
            return
        }
        let code = Int32(result["outputs"]?["exitCode"]?.stringValue ?? "") ?? (result["phase"]?.stringValue == "Succeeded" ? 0 : 1)
        // The emissary writes its result as the process ends: that is when the pod finished, as a kubelet would
        // record it, not when this agent came to look (argo-lite may have been down for a while).
        let written = (try? FileManager.default.attributesOfItem(atPath: resultFile.path)[.modificationDate]) as? Date
        let finished = min(max(written ?? Date(), started), Date())
        let outcome = ContainerProcessOutcome(exitCode: code, signal: nil, reason: .exited, startedAt: started, finishedAt: finished)
        let plan = PodPlan(
            namespace: ns, name: name,
            nodeID: pod["metadata"]?["annotations"]?[Common.annotationKeyNodeID]?.stringValue,
            files: files, initContainers: [],
            main: (name: "main", spec: ContainerProcessSpec(argv: [], logFile: "")),
            sidecars: [], taskResultFile: resultFile)
        await reporter.finish(pod, plan: plan, outcome: PodOutcome(main: outcome, taskResult: result))
    }
}
