import Foundation
import Templates

/// A stand-in for the scheduler and the kubelet of one node (`fake-node`), for tests that need pods to run:
/// each new pod is bound to the node, then goes `Pending → Running → Succeeded/Failed` in three writes of
/// `pods/status`, with the container statuses the kubelet reports (`running`, then `terminated` with the exit
/// code, reason `Completed` or `Error`); init containers terminate with 0 first. `run` gives each container's exit
/// code and log (default: 0, no log). A pod deleted while it runs (graceful deletion) is removed, as the kubelet
/// does once its containers have stopped. It does not run anything: what a container does is `run`'s answer.
extension FakeKubeServer {
    public struct ContainerRun: Sendable {
        public var exitCode: Int32
        public var log: String
        public init(exitCode: Int32 = 0, log: String = "") {
            self.exitCode = exitCode
            self.log = log
        }
    }

    /// Starts the kubelet; it runs until the server is stopped.
    public func startKubelet(run: @escaping @Sendable (_ pod: JSONValue, _ container: String) -> ContainerRun = { _, _ in ContainerRun() }) {
        // From the version at the call, not at the thread's start: pods created right after the call are this kubelet's.
        let from = store.withLock { store.version }
        let thread = Thread { [weak self] in
            var last = from
            while let self, self.kubeletRunning {
                let pods: [FakeStore.Event] = self.store.withLock {
                    let found = self.store.events(after: last, resource: "pods")
                    if let rv = found.last?.rv { last = rv } else { _ = self.store.lock.wait(until: Date().addingTimeInterval(0.2)) }
                    return found
                }
                for e in pods { self.kubeletStep(e, run) }
            }
        }
        thread.name = "kube-fake-kubelet"
        thread.start()
    }

    var kubeletRunning: Bool { lock.withLock { !stopped } }

    private func kubeletStep(_ e: FakeStore.Event, _ run: (JSONValue, String) -> ContainerRun) {
        let pod = e.object
        let ns = e.key.namespace
        let name = e.key.name
        guard e.type != "DELETED", let r = resources.first(where: { $0.plural == "pods" }) else { return }
        let t = FakeTarget(resource: r, namespace: ns, name: name, subresource: nil)
        let containers = (pod["spec"]?["containers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        let inits = (pod["spec"]?["initContainers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        let now = Self.timestamp()
        func write(_ change: (inout JSONObject) -> Void) {
            store.withLock {
                guard let current = store.object(t.key), case .object(var o) = current else { return }
                change(&o)
                _ = commit(FakeTarget(resource: r, namespace: ns, name: name, subresource: "status"), current: current, proposed: o)
            }
        }
        func bind() {
            store.withLock {
                guard let current = store.object(t.key), case .object(var o) = current, o["spec"]?["nodeName"] == nil else { return }
                var spec = o["spec"]?.objectValue ?? [:]
                spec["nodeName"] = "fake-node"
                o["spec"] = .object(spec)
                _ = commit(t, current: current, proposed: o)
            }
        }
        if pod["metadata"]?["deletionTimestamp"] != nil {
            store.withLock { if let current = store.object(t.key) { removeNow(t.key, current) } }
            return
        }
        guard e.type == "ADDED" else { return }
        func statuses(_ names: [String], _ state: (String) -> JSONValue) -> JSONValue {
            .array(names.map { ["name": .string($0), "state": state($0), "ready": false, "restartCount": 0, "image": "fake",
                                "imageID": "", "containerID": .string("containerd://\(name)-\($0)"), "started": false] })
        }
        let results = Dictionary(uniqueKeysWithValues: containers.map { ($0, run(pod, $0)) })
        bind()
        write { o in
            o["status"] = ["phase": "Running", "hostIP": "127.0.0.1", "podIP": "127.0.0.1", "startTime": .string(now),
                           "initContainerStatuses": statuses(inits) { _ in ["terminated": ["exitCode": 0, "reason": "Completed"]] },
                           "containerStatuses": statuses(containers) { _ in ["running": ["startedAt": .string(now)]] }]
        }
        for c in containers {
            if let log = results[c]?.log, !log.isEmpty { appendLog(namespace: ns, pod: name, container: c, log) }
            endLog(namespace: ns, pod: name, container: c)
        }
        let failed = results.values.contains { $0.exitCode != 0 }
        write { o in
            var status = o["status"]?.objectValue ?? [:]
            status["phase"] = failed ? "Failed" : "Succeeded"
            status["containerStatuses"] = statuses(containers) { c in
                let code = results[c]?.exitCode ?? 0
                return ["terminated": ["exitCode": .int(Int64(code)), "reason": code == 0 ? "Completed" : "Error",
                                       "startedAt": .string(now), "finishedAt": .string(Self.timestamp())]]
            }
            o["status"] = .object(status)
        }
    }
}
