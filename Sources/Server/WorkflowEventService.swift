import Controller
import Hummingbird
import Templates

/// `GET /api/v1/workflow-events/{namespace}`: argo-server's WatchWorkflows. As a Kubernetes watch without a
/// resourceVersion, it first sends every matching workflow as ADDED, then each change as it happens
/// (`{"result": {"type": "MODIFIED", "object": {...}}}`). `listOptions.resourceVersion` resumes after that
/// version instead; `fields` names what of each workflow to send as the message's paths
/// (`result.object.metadata.name`), as argo-server's `WithoutPrefix("result.object.")` takes them.
struct WorkflowEventService {
    let api: APIContext

    func register(_ router: Router<BasicRequestContext>) {
        router.get("/api/v1/workflow-events/:namespace") { request, context in
            let query = request.query
            let options = try ListOptions(query)
            let fields = FieldsFilter(query["fields"])?.withoutPrefix("result.object.")
            let namespace = context.path("namespace")
            let cluster = api.store.cluster
            // the initial list before the stream starts, so that its errors are plain error answers
            var initial: [JSONValue] = []
            var from = options.resourceVersion
            if from.isEmpty || from == "0" {
                let listed = try await api.store.list(.workflow, namespace, options)
                initial = listed.items.sorted { ObjectPlacement.name($0) < ObjectPlacement.name($1) }
                from = listed.resourceVersion
            }
            let version = from, listed = initial
            return api.stream(timeoutSeconds: options.timeoutSeconds).response(request) { send in
                func emit(_ type: String, _ object: JSONValue) {
                    let shaped = ObjectShape.object(object)
                    send(["type": .string(type), "object": fields?.apply(shaped) ?? shaped])
                }
                for object in listed { emit("ADDED", object) }
                let events = try await cluster.watch(.workflow, namespace: namespace, labelSelector: options.labelSelector,
                                                     resourceVersion: version)
                for try await event in events where event.type != .bookmark {
                    let object = event.object
                    guard options.matchesFields(object) else { continue }
                    emit(event.type.rawValue, object)
                }
            }
        }
    }
}
