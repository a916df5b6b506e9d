import Controller
import Hummingbird
import Templates

/// argo-server's WorkflowTemplateService, ClusterWorkflowTemplateService and the stored-object part of
/// CronWorkflowService, which share one shape: create, lint, get, list, update, delete of one kind, the object
/// in the request body under one key (`template`, `cronWorkflow`), validated as argo-server validates it.
struct StoredObjectService {
    let api: APIContext
    let resource: ResourceKind
    /// The path before the name: `/api/v1/workflow-templates/:namespace`, `/api/v1/cluster-workflow-templates`.
    let base: String
    /// The body's key for the object.
    let key: String
    /// What argo-server says when the body has no object.
    let missing: String

    static func workflowTemplates(_ api: APIContext) -> StoredObjectService {
        StoredObjectService(api: api, resource: .workflowTemplate, base: "/api/v1/workflow-templates/:namespace",
                            key: "template", missing: "workflow template was not found in the request body")
    }
    static func clusterWorkflowTemplates(_ api: APIContext) -> StoredObjectService {
        StoredObjectService(api: api, resource: .clusterWorkflowTemplate, base: "/api/v1/cluster-workflow-templates",
                            key: "template", missing: "cluster workflow template was not found in the request body")
    }
    static func cronWorkflows(_ api: APIContext) -> StoredObjectService {
        StoredObjectService(api: api, resource: .cronWorkflow, base: "/api/v1/cron-workflows/:namespace",
                            key: "cronWorkflow", missing: "cron workflow was not found in the request body")
    }

    var namespaced: Bool { resource.namespaced }

    func register(_ router: Router<BasicRequestContext>) {
        router.post(RouterPath(base)) { request, context in try await create(request, namespace(context)) }
        router.get(RouterPath(base)) { request, context in try await list(request, namespace(context)) }
        router.post(RouterPath(base + "/lint")) { request, context in
            let object = try await checked(try await api.body(request), namespace(context))
            return JSONIO.response(ObjectShape.object(object))
        }
        router.get(RouterPath(base + "/:name")) { _, context in
            JSONIO.response(ObjectShape.object(try await api.store.get(resource, namespace(context), context.path("name"))))
        }
        router.put(RouterPath(base + "/:name")) { request, context in
            try await update(request, namespace(context), context.path("name"))
        }
        router.delete(RouterPath(base + "/:name")) { _, context in
            try await api.store.delete(resource, namespace(context), context.path("name"))
            return JSONIO.response([:])
        }
    }

    func namespace(_ context: BasicRequestContext) -> String? { namespaced ? context.path("namespace") : nil }

    /// The body's object, placed in the namespace and validated.
    func checked(_ body: JSONValueBody, _ namespace: String?) async throws -> JSONValue {
        guard var object = try body.object(key) else { throw APIError.invalid(missing) }
        if let namespace { try ObjectPlacement.place(&object, in: namespace) }
        return try await ServerLint.check(object, kind: resource.kind, store: api.store, namespace: namespace ?? "default")
    }

    func create(_ request: Request, _ namespace: String?) async throws -> Response {
        let body = try await api.body(request)
        let object = try await checked(body, namespace)
        if try body.dryRun { return JSONIO.response(ObjectShape.object(ObjectPlacement.dryRunNamed(object))) }
        return JSONIO.response(ObjectShape.object(try await api.store.create(resource, object)))
    }

    func list(_ request: Request, _ namespace: String?) async throws -> Response {
        let options = try ListOptions(request.query)
        let (items, version) = try await api.store.list(resource, namespace, options)
        let page = try options.page(items.sorted { ObjectPlacement.name($0) < ObjectPlacement.name($1) })
        return JSONIO.response(ObjectShape.list(kind: resource.kind, items: page.items, resourceVersion: version,
                                                continueToken: page.next))
    }

    /// Replaces the stored object. The object's name is the one updated (argo-server ignores the path's); without
    /// a `metadata.resourceVersion` it replaces whatever version is stored.
    func update(_ request: Request, _ namespace: String?, _ pathName: String) async throws -> Response {
        var object = try await checked(try await api.body(request), namespace)
        var metadata = object["metadata"] ?? [:]
        if (metadata["name"]?.stringValue ?? "").isEmpty { metadata["name"] = .string(pathName) }
        let name = metadata["name"]?.stringValue ?? pathName
        if (metadata["resourceVersion"]?.stringValue ?? "").isEmpty {
            metadata["resourceVersion"] = try await api.store.get(resource, namespace, name)["metadata"]?["resourceVersion"]
        }
        object["metadata"] = metadata
        do {
            return JSONIO.response(ObjectShape.object(try await api.store.cluster.update(resource, object)))
        } catch {
            throw APIError(error)
        }
    }
}

/// CronWorkflowService's own verbs: `PUT /api/v1/cron-workflows/{ns}/{name}/suspend|resume` set `spec.suspend`.
struct CronWorkflowService {
    let api: APIContext

    func register(_ router: Router<BasicRequestContext>) {
        for (verb, suspend) in [("suspend", true), ("resume", false)] {
            router.put(RouterPath("/api/v1/cron-workflows/:namespace/:name/\(verb)")) { request, context in
                _ = try await api.body(request)
                let written = try await api.store.mutate(.cronWorkflow, context.path("namespace"), context.path("name")) { cron in
                    if (cron["spec"]?["suspend"]?.boolValue ?? false) == suspend { return false }
                    var spec = cron["spec"] ?? [:]
                    spec["suspend"] = .bool(suspend)
                    cron["spec"] = spec
                    return true
                }
                return JSONIO.response(ObjectShape.object(written))
            }
        }
    }
}
