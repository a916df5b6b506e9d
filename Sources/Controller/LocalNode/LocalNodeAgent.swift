import DequeModule
import Foundation
import Logging
import Templates
import ClusterAPI
import LocalStore

/// The kubelet of the local cluster: watches Pods in the store and runs each one's containers as host processes
/// (through `PodProcessRunner`), reporting phase, exit codes and times back into the pod's status and the
/// executor's outputs as a `WorkflowTaskResult` named after the node. Deleting a pod stops its process tree.
/// At most `maxPods` pods run at once (as a kubelet's `maxPods`); the rest wait in order. When the agent stops,
/// its running pods run on, as containers outlive a stopped kubelet: the next agent adopts them.
public actor LocalNodeAgent {
    public static let defaultMaxPods = 8

    let cluster: LocalCluster
    let launcher: PodLauncher
    let reporter: PodReporter
    let maxPods: Int
    let logger: Logger
    private var informer: Informer?
    private var running: [String: Task<Void, Never>] = [:]
    private var waiting: Deque<String> = []
    private var queued: Set<String> = []
    private var pods: [String: JSONValue] = [:]
    /// Pods this agent ran to the end: a late event showing one still Running is not an orphan to adopt.
    private var finishedHere: Set<String> = []
    /// Deleted pods whose processes are still being stopped: their files go once they have.
    private var deleted: [String: JSONValue] = [:]
    /// Set when the agent stops: its pods' tasks then start and report nothing more (the next agent does).
    private let left = Flag()

    public init(cluster: LocalCluster, runner: PodProcessRunner, catalog: ImageCatalog, maxPods: Int = defaultMaxPods,
                logger: Logger = Logger(label: "argo-lite.agent")) {
        self.cluster = cluster
        self.launcher = PodLauncher(cluster: cluster, runner: runner, catalog: catalog)
        self.reporter = PodReporter(cluster: cluster)
        self.maxPods = max(1, maxPods)
        self.logger = logger
    }

    /// Runs until the surrounding task is cancelled; running pods are left running then (`leave`).
    public func run() async {
        await sweepFiles()
        if Task.isCancelled { return }
        cluster.podClaims.open(maxPods: maxPods)
        defer { cluster.podClaims.close() }
        let informer = Informer(cluster: cluster, resource: .pod, logger: logger) { [weak self] event in
            await self?.handle(event)
        }
        self.informer = informer
        await withTaskCancellationHandler {
            await informer.run()
        } onCancel: {
            Task { await self.leave() }
        }
    }

    private func handle(_ event: InformerEvent) {
        switch event {
        case .upsert(let pod):
            let key = Informer.key(pod)
            pods[key] = pod
            let deleting = pod["metadata"]?["deletionTimestamp"].map { !$0.isNull } ?? false
            startIfClaimedAtCreation(key, pod)
            if deleting {
                stop(key)
            } else if PodReporter.isRunning(pod), running[key] == nil, !finishedHere.contains(key) {
                // Running, but not started by this agent: a previous agent's pod, left running when it stopped.
                _ = cluster.podClaims.take(force: true)
                running[key] = Task { [cluster, reporter, left] in
                    await Self.adopt(pod, cluster: cluster, reporter: reporter, left: left)
                    self.finished(key)
                }
            } else if PodClaim.isUnclaimed(pod), running[key] == nil, !queued.contains(key) {
                queued.insert(key)
                waiting.append(key)
                startWaiting()
            }
        case .delete(let pod):
            let key = Informer.key(pod)
            pods[key] = nil
            finishedHere.remove(key)
            if cluster.podClaims.takeClaimed(Self.uid(pod)) { cluster.podClaims.release() }
            if running[key] == nil {
                removeFiles(pod)
            } else {
                deleted[key] = pod
            }
            stop(key)
        }
    }

    private func startWaiting() {
        while !waiting.isEmpty, cluster.podClaims.take() {
            let key = waiting.removeFirst()
            queued.remove(key)
            guard let pod = pods[key], PodClaim.isUnclaimed(pod) else {
                cluster.podClaims.release()
                continue
            }
            running[key] = Task { [launcher, reporter, left] in
                await Self.runPod(pod, launcher: launcher, reporter: reporter, left: left)
                self.finished(key)
            }
        }
        cluster.podClaims.setWaiting(waiting.count)
    }

    /// A pod claimed by its creation (`LocalPodClaims`) has a slot taken for it: it starts now, unless a pod of the
    /// same name is still being stopped (then when that one has).
    private func startIfClaimedAtCreation(_ key: String, _ pod: JSONValue) {
        guard running[key] == nil, cluster.podClaims.takeClaimed(Self.uid(pod)) else { return }
        running[key] = Task { [launcher, reporter, left] in
            await Self.runPod(pod, launcher: launcher, reporter: reporter, left: left, claimed: true)
            self.finished(key)
        }
    }

    private static func uid(_ pod: JSONValue) -> String { pod["metadata"]?["uid"]?.stringValue ?? "" }

    private func finished(_ key: String) {
        running[key] = nil
        cluster.podClaims.release()
        finishedHere.insert(key)
        if let pod = deleted.removeValue(forKey: key), pods[key] == nil { removeFiles(pod) }
        if let pod = pods[key] { startIfClaimedAtCreation(key, pod) }
        // A pod handed back to Pending (adopted but never started) while its task ran: run it now.
        if let pod = pods[key], PodClaim.isUnclaimed(pod), !queued.contains(key) {
            queued.insert(key)
            waiting.append(key)
        }
        startWaiting()
    }

    private func removeFiles(_ pod: JSONValue) {
        let files = PodFiles(stateDirectory: cluster.directory, namespace: pod["metadata"]?["namespace"]?.stringValue ?? "default",
                             name: pod["metadata"]?["name"]?.stringValue ?? "")
        guard !files.name.isEmpty else { return }
        files.removeAll(logsIn: cluster, containers: PodFiles.containerNames(pod))
    }

    /// Clears up after pods deleted while no agent ran (before this agent runs any pod of its own): their processes
    /// are stopped, as a kubelet kills containers whose pod is gone, and their files go once they have.
    private func sweepFiles() async {
        guard let existing = try? await cluster.list(.pod, namespace: nil, labelSelector: nil) else { return }
        let keep = Set(existing.items.map(Informer.key))
        let directory = cluster.directory
        var stopping: Set<String> = []
        for (namespace, name) in PodFiles.podsWithProcessFiles(stateDirectory: directory)
        where !keep.contains("\(namespace)/\(name)") {
            let files = PodFiles(stateDirectory: directory, namespace: namespace, name: name)
            guard let process = PodReporter.recordedProcess(in: files.processFile), process.isAlive else { continue }
            stopping.insert("\(namespace)/\(name)")
            logger.info("stopping the processes of pod \(namespace)/\(name), deleted while no agent ran")
            Task.detached {
                await process.stopGroup()
                PodFiles.removeFiles(stateDirectory: directory) { $0 == namespace && $1 == name }
            }
        }
        let removed = PodFiles.removeFiles(stateDirectory: directory) { ns, name in
            !keep.contains("\(ns)/\(name)") && !stopping.contains("\(ns)/\(name)")
        }
        if removed > 0 { logger.info("removed \(removed) files and folders of pods deleted while no agent ran") }
    }

    private func stop(_ key: String) {
        running[key]?.cancel()
        if queued.remove(key) != nil { waiting.removeAll { $0 == key } }
        cluster.podClaims.setWaiting(waiting.count)
    }

    /// The agent stops (argo-lite exits, or another agent took over the state directory): no pod starts any more,
    /// and running ones run on without it. Stopping them would fail the work of every workflow whose pods this
    /// process ran, whenever it ends (`submit --wait` ends with its own workflow); the next agent adopts them.
    private func leave() {
        left.set()
        cluster.podClaims.close()
        waiting.removeAll()
        queued.removeAll()
        cluster.podClaims.setWaiting(0)
    }

    /// Stops the process trees of every pod this agent started or adopted, without reporting how they ended.
    package func stopPods() {
        for task in running.values { task.cancel() }
    }

    /// One pod from claim to final status (`claimed`: its creation claimed it). Never throws: every failure ends
    /// as a Failed pod with a message. Once the agent has `left`, it starts nothing and reports nothing: a pod
    /// claimed but not started goes back to Pending under the next agent, and one that ran is reported by it.
    static func runPod(_ pod: JSONValue, launcher: PodLauncher, reporter: PodReporter, left: Flag, claimed: Bool = false) async {
        let started = Date()
        do {
            var plan = try await launcher.plan(pod)
            let processFile = plan.files.processFile
            plan.main.spec.onStart = { pid in PodReporter.recordProcess(pid: pid, in: processFile) }
            if !claimed {
                guard !left.isSet, try await reporter.markRunning(pod, containers: plan.containerNames, at: started) else { return }
            }
            if left.isSet { return }
            let outcome = await launcher.run(plan)
            if left.isSet { return }
            await reporter.finish(pod, plan: plan, outcome: outcome)
        } catch {
            if left.isSet { return }
            await reporter.fail(pod, message: "\(error)", at: started)
        }
    }
}
