import Controller
import Foundation
import Hummingbird
import Templates

/// argo-server's WorkflowService, the actions on one workflow (`PUT /api/v1/workflows/{ns}/{name}/ACTION`). Each
/// is the project's pure action on the stored object (`WorkflowActions`, `WorkflowRetry`, `WorkflowResubmit`),
/// written back with conflict retry; the answer is the workflow as written.
struct WorkflowActionService {
    let api: APIContext

    typealias Action = @Sendable (JSONValueBody, inout JSONValue) async throws -> Bool

    func register(_ router: Router<BasicRequestContext>) {
        let now = api.now
        let base = "/api/v1/workflows/:namespace/:name/"
        let actions: [(String, Action)] = [
            ("suspend", { _, wf in try WorkflowActions.suspend(&wf) }),
            ("resume", { body, wf in try WorkflowActions.resume(&wf, selector: try Self.selector(body), now: now()) }),
            ("terminate", { _, wf in try WorkflowActions.shutdown(&wf, strategy: "Terminate") }),
            ("stop", { body, wf in
                var changed = false
                if let selector = try Self.selector(body) {
                    changed = try WorkflowActions.failSuspendNodes(&wf, selector: selector, message: try body.string("message"), now: now())
                }
                return try WorkflowActions.shutdown(&wf, strategy: "Stop") || changed
            }),
            ("set", { body, wf in try Self.set(body, &wf, now: now()) }),
        ]
        for (verb, action) in actions {
            router.put(RouterPath(base + verb)) { request, context in
                let body = try await api.body(request)
                let written = try await api.store.mutate(.workflow, context.path("namespace"), context.path("name")) { wf in
                    try await action(body, &wf)
                }
                return JSONIO.response(ObjectShape.object(written))
            }
        }
        router.put(RouterPath(base + "retry")) { request, context in
            try await retry(request, context.path("namespace"), context.path("name"))
        }
        router.put(RouterPath(base + "resubmit")) { request, context in
            try await resubmit(request, context.path("namespace"), context.path("name"))
        }
    }

    static func selector(_ body: JSONValueBody) throws(APIError) -> FieldSelector? {
        let text = try body.string("nodeFieldSelector")
        guard !text.isEmpty else { return nil }
        do {
            return try FieldSelector(text)
        } catch {
            throw .invalid(error.description)
        }
    }

    /// `set`: the Suspend nodes the selector picks end Succeeded (with `outputParameters`, a JSON object of names to
    /// values, as argo-server takes it) or Failed (with `message`).
    static func set(_ body: JSONValueBody, _ wf: inout JSONValue, now: Date) throws -> Bool {
        guard let selector = try selector(body) else { throw APIError.invalid("nodeFieldSelector is required") }
        let phase = try body.string("phase")
        var outputs: [String: String] = [:]
        let text = try body.string("outputParameters")
        if !text.isEmpty {
            guard let object = (try? JSONParser.parse(text))?.objectValue else {
                throw APIError.invalid("outputParameters: expected a JSON object of names to values, got \(text)")
            }
            for (name, value) in object { outputs[name] = value.argoString }
        }
        switch phase {
        case "Succeeded": return try WorkflowActions.resume(&wf, selector: selector, outputParameters: outputs, now: now)
        case "Failed": return try WorkflowActions.failSuspendNodes(&wf, selector: selector, message: try body.string("message"), now: now)
        default: throw APIError.invalid("phase \(QueryParameters.goQuote(phase)): argo-lite sets Suspend nodes to Succeeded or Failed")
        }
    }

    /// `{"restartSuccessful", "nodeFieldSelector", "parameters"}`: the pods of the nodes it removes are deleted
    /// before the workflow is written back.
    func retry(_ request: Request, _ namespace: String, _ name: String) async throws -> Response {
        let body = try await api.body(request)
        let retry = WorkflowRetry(restartSuccessful: try body.bool("restartSuccessful"),
                                  nodeFieldSelector: try body.string("nodeFieldSelector"),
                                  parameters: try body.strings("parameters"))
        let cluster = api.store.cluster, now = api.now
        let written = try await api.store.mutate(.workflow, namespace, name) { wf in
            let plan = try retry.formulate(wf, now: now())
            for pod in plan.podsToDelete { try await cluster.deleteIfPresent(.pod, namespace: namespace, name: pod) }
            wf = plan.workflow
            return true
        }
        return JSONIO.response(ObjectShape.object(written))
    }

    /// `{"memoized", "parameters"}`: a new workflow from this one, validated and created.
    func resubmit(_ request: Request, _ namespace: String, _ name: String) async throws -> Response {
        let body = try await api.body(request)
        if try body.bool("memoized") {
            throw APIError.invalid("memoized resubmit is not supported by argo-lite yet: resubmit without it to run every step again")
        }
        let old = try await api.store.get(.workflow, namespace, name)
        var workflow = try WorkflowResubmit.formulate(old, parameters: try body.strings("parameters"))
        workflow = try await ServerLint.check(workflow, kind: "Workflow", store: api.store, namespace: namespace)
        return JSONIO.response(ObjectShape.object(try await api.store.create(.workflow, workflow)))
    }
}
