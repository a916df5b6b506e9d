import Foundation
import Templates
import Controller

/// The local engine in-process over a fresh temporary state directory (as the end-to-end tests start it), with
/// the release `argo-lite` beside the bench as the pods' executable.
struct BenchEngine {
    let directory: URL
    let cluster: LocalCluster
    let runtime: LocalRuntime
    static let namespace = "bench"

    static func start(maxPods: Int) async throws -> BenchEngine {
        let dir = try Paths.temporaryDirectory("argo-lite-bench")
        let cluster = try LocalCluster(directory: dir)
        guard let runtime = try await LocalRuntime.startIfNeeded(
            cluster: cluster, maxPods: maxPods, executable: try Paths.argoLite())
        else { throw Spawn.Failure(description: "the lease of a fresh state directory was already held") }
        return BenchEngine(directory: dir, cluster: cluster, runtime: runtime)
    }

    func stop() async {
        await runtime.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    struct Outcome {
        /// Submit to completion, seconds.
        var seconds: Double
        /// The final phase, or nil when the timeout came first.
        var phase: String?
    }

    /// Submits the workflow (JSON text) and waits, watching, until it completes or `timeout` passes.
    func run(_ workflowJSON: String, timeout: Double) async throws -> Outcome {
        var object = try JSONBridge.parse(workflowJSON)
        object["metadata"]?["namespace"] = .string(Self.namespace)
        let start = ContinuousClock.now
        let created = try await cluster.create(.workflow, object)
        let name = created["metadata"]?["name"]?.stringValue ?? ""
        let phase = try await waitForCompletion(
            name: name, since: created["metadata"]?["resourceVersion"]?.stringValue, timeout: timeout)
        return Outcome(seconds: Clock.seconds(ContinuousClock.now - start), phase: phase)
    }

    static func completed(_ phase: String?) -> Bool { ["Succeeded", "Failed", "Error"].contains(phase ?? "") }

    /// The phase as the watch sees it: from the event's merge patch when the store sent one (so a 10,000-node
    /// object is never rebuilt here), else from the object. A slow `get` every 5 s backs the watch up.
    private func waitForCompletion(name: String, since version: String?, timeout: Double) async throws -> String? {
        let stream = try await cluster.watch(
            .workflow, namespace: Self.namespace, labelSelector: nil, resourceVersion: version)
        let cluster = self.cluster
        return try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                for try await event in stream {
                    let phase = event.delta.map { $0.mergePatch["status"]?["phase"]?.stringValue }
                        ?? event.object["status"]?["phase"]?.stringValue
                    if Self.completed(phase) { return phase }
                }
                try await Task.sleep(for: .seconds(timeout + 10))
                return nil
            }
            group.addTask {
                let deadline = ContinuousClock.now + .seconds(timeout)
                while ContinuousClock.now < deadline {
                    try await Task.sleep(for: .seconds(5))
                    let object = try await cluster.get(.workflow, namespace: Self.namespace, name: name)
                    let phase = object["status"]?["phase"]?.stringValue
                    if Self.completed(phase) { return phase }
                }
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// How far a workflow got: node count by phase.
    func progress(of name: String) async throws -> [String: Int] {
        let wf = try await cluster.get(Workflow.self, .workflow, namespace: Self.namespace, name: name)
        var counts: [String: Int] = [:]
        for node in (wf.status?.nodes ?? [:]).values { counts[node.phase?.rawValue ?? "None", default: 0] += 1 }
        return counts
    }
}
