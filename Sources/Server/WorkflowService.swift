import Controller
import Hummingbird
import Templates

/// argo-server's WorkflowService, the stored-object part: create, lint, get, list, delete.
struct WorkflowService {
    let api: APIContext

    func register(_ router: Router<BasicRequestContext>) {
        let base = "/api/v1/workflows/:namespace"
        router.post(RouterPath(base)) { request, context in try await create(request, context.path("namespace")) }
        router.get(RouterPath(base)) { request, context in try await list(request, context.path("namespace")) }
        router.post(RouterPath(base + "/lint")) { request, context in try await lint(request, context.path("namespace")) }
        router.get(RouterPath(base + "/:name")) { request, context in
            try await get(request, context.path("namespace"), context.path("name"))
        }
        router.delete(RouterPath(base + "/:name")) { _, context in
            try await api.store.delete(.workflow, context.path("namespace"), context.path("name"))
            return JSONIO.response([:])
        }
    }

    /// `{"workflow": {...}, "serverDryRun": bool}`: validated as argo-server validates, then created (a dry run
    /// returns what would be created).
    func create(_ request: Request, _ namespace: String) async throws -> Response {
        let body = try await api.body(request)
        guard let given = try body.object("workflow") else { throw APIError.invalid("workflow body not specified") }
        var workflow = given
        try ObjectPlacement.place(&workflow, in: namespace)
        workflow = try await ServerLint.check(workflow, kind: "Workflow", store: api.store, namespace: namespace)
        if try body.dryRun { return JSONIO.response(ObjectShape.object(ObjectPlacement.dryRunNamed(workflow))) }
        return JSONIO.response(ObjectShape.object(try await api.store.create(.workflow, workflow)))
    }

    func lint(_ request: Request, _ namespace: String) async throws -> Response {
        let body = try await api.body(request)
        guard var workflow = try body.object("workflow") else { throw APIError.invalid("workflow body not specified") }
        try ObjectPlacement.place(&workflow, in: namespace)
        workflow = try await ServerLint.check(workflow, kind: "Workflow", store: api.store, namespace: namespace)
        return JSONIO.response(ObjectShape.object(workflow))
    }

    func get(_ request: Request, _ namespace: String, _ name: String) async throws -> Response {
        let workflow = ObjectShape.object(try await api.store.get(.workflow, namespace, name))
        return JSONIO.response(FieldsFilter(request.query["fields"])?.apply(workflow) ?? workflow)
    }

    /// Unfinished workflows first, then by finish time (argo-server's order); `listOptions.limit`/`continue` page it.
    func list(_ request: Request, _ namespace: String) async throws -> Response {
        let query = request.query
        let options = try WorkflowListOptions(query, namespace: namespace)
        let (items, version) = try await api.store.list(.workflow, namespace, labels: options.labelSelector, where: options.matches)
        let page = options.page(ObjectShape.workflowOrder(items))
        let list = ObjectShape.list(kind: "Workflow", items: page.items, resourceVersion: version, continueToken: page.next,
                                    remainingItemCount: page.remaining)
        return JSONIO.response(FieldsFilter(query["fields"])?.apply(list) ?? list)
    }
}
