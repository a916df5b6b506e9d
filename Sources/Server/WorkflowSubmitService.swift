import Controller
import Hummingbird
import Templates

/// `POST /api/v1/workflows/{namespace}/submit`: argo-server's SubmitWorkflow. `{"resourceKind", "resourceName",
/// "submitOptions"}` runs a stored WorkflowTemplate or ClusterWorkflowTemplate (a workflow with a
/// `workflowTemplateRef`, `generateName` NAME- and the label naming the template) or a CronWorkflow's workflow now;
/// `submitOptions` are applied as `argo submit` applies its flags (`SubmitOverrides`).
struct WorkflowSubmitService {
    let api: APIContext

    static let templateKinds: Set<String> = ["WorkflowTemplate", "workflowtemplate", "workflowtemplates", "wftmpl"]
    static let clusterKinds: Set<String> = [
        "ClusterWorkflowTemplate", "clusterworkflowtemplate", "clusterworkflowtemplates", "cwftmpl",
    ]
    static let cronKinds: Set<String> = ["CronWorkflow", "cronworkflow", "cronworkflows", "cronwf"]

    func register(_ router: Router<BasicRequestContext>) {
        router.post("/api/v1/workflows/:namespace/submit") { request, context in
            try await submit(request, context.path("namespace"))
        }
    }

    func submit(_ request: Request, _ namespace: String) async throws -> Response {
        let body = try await api.body(request)
        let kind = try body.string("resourceKind"), name = try body.string("resourceName")
        guard !name.isEmpty else { throw APIError.invalid("resourceName is required") }
        var workflow: JSONValue
        if Self.cronKinds.contains(kind) {
            let cron = try JSONBridge.decode(CronWorkflow.self, from: try await api.store.get(.cronWorkflow, namespace, name))
            let now = KubeTime(seconds: Int64(api.now().timeIntervalSince1970))
            workflow = try JSONBridge.encode(CronChildWorkflow.submitted(cron, now: now))
        } else if Self.templateKinds.contains(kind) || Self.clusterKinds.contains(kind) {
            let cluster = Self.clusterKinds.contains(kind)
            _ = try await api.store.get(cluster ? .clusterWorkflowTemplate : .workflowTemplate, cluster ? nil : namespace, name)
            workflow = Self.fromTemplate(name, clusterScope: cluster)
        } else {
            throw APIError.invalid("Resource kind '\(kind)' is not supported for submitting")
        }
        let options = JSONValueBody(value: body.value["submitOptions"] ?? [:])
        try Self.overrides(options, namespace: namespace).apply(to: &workflow)
        try ObjectPlacement.place(&workflow, in: namespace)
        workflow = try await ServerLint.check(workflow, kind: "Workflow", store: api.store, namespace: namespace)
        if try options.bool("dryRun") || options.bool("serverDryRun") {
            return JSONIO.response(ObjectShape.object(ObjectPlacement.dryRunNamed(workflow)))
        }
        return JSONIO.response(ObjectShape.object(try await api.store.create(.workflow, workflow)))
    }

    /// Argo's `NewWorkflowFromWorkflowTemplate`.
    static func fromTemplate(_ name: String, clusterScope: Bool) -> JSONValue {
        let label = clusterScope ? Common.labelKeyClusterWorkflowTemplate : Common.labelKeyWorkflowTemplate
        var reference: JSONObject = ["name": .string(name)]
        if clusterScope { reference["clusterScope"] = true }
        let metadata: JSONValue = ["generateName": .string(name + "-"), "labels": .object([label: .string(name)])]
        return ["apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "metadata": metadata,
                "spec": ["workflowTemplateRef": .object(reference)]]
    }

    /// `submitOptions` (argo's SubmitOpts) as the CLI's overrides.
    static func overrides(_ options: JSONValueBody, namespace: String) throws(APIError) -> SubmitOverrides {
        var overrides = SubmitOverrides(namespace: namespace)
        overrides.name = try options.string("name")
        overrides.generateName = try options.string("generateName")
        overrides.entrypoint = try options.string("entryPoint")
        overrides.serviceAccount = try options.string("serviceAccount")
        overrides.labels = try options.string("labels")
        overrides.parameters = try options.strings("parameters")
        if let priority = options.value["priority"], !priority.isNull {
            guard let value = priority.intValue else { throw .invalid("submitOptions.priority: expected an integer") }
            overrides.priority = Int(value)
        }
        return overrides
    }
}
