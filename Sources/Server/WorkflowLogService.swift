import Controller
import Foundation
import Hummingbird
import Templates

/// argo-server's WorkflowLogs: `GET /api/v1/workflows/{ns}/{name}/log` (every pod of the workflow, or
/// `podName`) and `/{ns}/{name}/{podName}/log`, streamed as `{"result": {"content": LINE, "podName": POD}}`.
/// `logOptions.container` (default `main`), `logOptions.follow` (go on until the pods end; a whole workflow until
/// it finishes), `logOptions.tailLines` (each pod's last N lines; not with follow), `grep` (a regular expression
/// a line must match).
struct WorkflowLogService {
    let api: APIContext

    func register(_ router: Router<BasicRequestContext>) {
        let base = "/api/v1/workflows/:namespace/:name"
        router.get(RouterPath(base + "/log")) { request, context in
            try await logs(request, context.path("namespace"), context.path("name"), pod: request.query["podName"])
        }
        router.get(RouterPath(base + "/:podName/log")) { request, context in
            try await logs(request, context.path("namespace"), context.path("name"), pod: context.path("podName"))
        }
    }

    func logs(_ request: Request, _ namespace: String, _ name: String, pod: String) async throws -> Response {
        let query = request.query
        let follow = try query.bool("logOptions.follow")
        let container = query["logOptions.container"].isEmpty ? "main" : query["logOptions.container"]
        let grep = query["grep"]
        let tail = try query.int64("logOptions.tailLines").map { Int(max(0, $0)) }
        if !grep.isEmpty, (try? Regex(grep)) == nil { throw APIError.invalid("grep \(QueryParameters.goQuote(grep)): not a valid regular expression") }
        let workflow = try await api.store.get(.workflow, namespace, name)
        let store = api.store, poll = api.configuration.pollInterval
        let timeout = try query.int64("logOptions.timeoutSeconds") ?? query.int64("listOptions.timeoutSeconds")
        return api.stream(timeoutSeconds: timeout).response(request) { send in
            let stream = PodLogStream(cluster: store.cluster, namespace: namespace, container: container, grep: grep,
                                      tailLines: follow ? nil : tail, send: send)
            if !pod.isEmpty { return try await stream.pod(pod, follow: follow) }
            guard follow else {
                for pod in Self.podNames(workflow) { try await stream.pod(pod, follow: false) }
                return
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                var started = Set<String>()
                var current = workflow
                while true {
                    for pod in Self.podNames(current, startedOnly: true) where started.insert(pod).inserted {
                        group.addTask { try await stream.pod(pod, follow: true) }
                    }
                    if WorkflowView(current).isFinished { break }
                    try await Task.sleep(for: poll)
                    guard let next = try? await store.get(.workflow, namespace, name) else { break }
                    current = next
                }
                try await group.waitForAll()
            }
        }
    }

    /// The workflow's pods in the order they started, named as Argo names them (pod-name version v2 unless the
    /// workflow's annotation says v1).
    static func podNames(_ workflow: JSONValue, startedOnly: Bool = false) -> [String] {
        let view = WorkflowView(workflow)
        return view.nodes.values.filter { $0.type == "Pod" && (!startedOnly || !["", "Pending"].contains($0.phase)) }
            .sorted { ($0.startedAt ?? .distantPast, $0.id) < ($1.startedAt ?? .distantPast, $1.id) }
            .map { node in
                if view.annotations[Common.annotationKeyPodNameVersion] == "v1" { return node.id }
                return NodeNames.podName(workflow: view.name, nodeName: node.name, templateName: node.templateForPodName)
            }
    }
}

/// One pod's log as log entries.
struct PodLogStream: Sendable {
    let cluster: any Cluster
    let namespace: String
    let container: String
    let grep: String
    /// Only the last lines (of those `grep` keeps), as Kubernetes' `tailLines`.
    let tailLines: Int?
    let send: @Sendable (JSONValue) -> Void

    /// The container's log; nil for a pod that never ran, or was cleaned up (it has no log).
    func chunks(_ pod: String, follow: Bool) async throws -> AsyncThrowingStream<String, any Error>? {
        do {
            return try await cluster.logs(namespace: namespace, pod: pod, container: container, follow: follow)
        } catch {
            if case .notFound = error { return nil }
            throw error
        }
    }

    func pod(_ pod: String, follow: Bool) async throws {
        guard let chunks = try await chunks(pod, follow: follow) else { return }
        let pattern = grep.isEmpty ? nil : try? Regex(grep)
        var kept: [String] = []
        for try await chunk in chunks {
            let body = chunk.hasSuffix("\n") ? chunk.dropLast() : Substring(chunk)
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
                if let pattern, (try? pattern.firstMatch(in: line)) == nil { continue }
                if tailLines == nil {
                    send(entry(String(line), pod))
                } else {
                    kept.append(String(line))
                }
            }
        }
        for line in kept.suffix(tailLines ?? 0) { send(entry(line, pod)) }
    }

    func entry(_ line: String, _ pod: String) -> JSONValue { ["content": .string(line), "podName": .string(pod)] }
}
