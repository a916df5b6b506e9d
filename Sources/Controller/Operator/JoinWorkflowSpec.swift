import Templates
import ClusterAPI

/// Argo's `JoinWorkflowSpec` (`workflow/util`): a Workflow that runs a WorkflowTemplate (`workflowTemplateRef`) runs
/// with its own spec laid over the template's as a Kubernetes strategic merge patch. Objects merge field by field;
/// a field the Workflow sets replaces the template's; lists replace, except those Argo's types tag
/// `patchStrategy:"merge"`, which merge element by element on their merge key (`templates` and `parameters` by
/// `name`, a container's `volumeMounts` by `mountPath`, …); a `null` removes the field.
enum JoinWorkflowSpec {
    /// The lists merged by key, by field name (WorkflowSpec, Template, Inputs/Outputs/Arguments, and the
    /// Kubernetes types inside them).
    static let mergeKeys: [(field: String, key: String)] = [
        ("templates", "name"), ("parameters", "name"), ("artifacts", "name"), ("volumes", "name"),
        ("initContainers", "name"), ("sidecars", "name"), ("containers", "name"), ("env", "name"),
        ("volumeMounts", "mountPath"), ("ports", "containerPort"), ("imagePullSecrets", "name"),
        ("hostAliases", "ip"), ("tolerations", "key"),
    ]

    /// The Workflow's spec joined over the template's, with `workflowTemplateRef` left out (the spec now holds
    /// the template).
    static func join(workflow: WorkflowSpec, onto template: WorkflowSpec) -> WorkflowSpec {
        guard let own = try? JSONValue(encoding: workflow), let base = try? JSONValue(encoding: template),
              var joined = try? merge(own, onto: base).decode(WorkflowSpec.self) else { return template }
        joined.workflowTemplateRef = nil
        return joined
    }

    static func merge(_ patch: JSONValue, onto base: JSONValue, field: String? = nil) -> JSONValue {
        switch (patch, base) {
        case (.object(let p), .object(let b)):
            var out = b
            for (k, v) in p {
                if v.isNull { out.removeValue(forKey: k); continue }
                out[k] = b[k].map { merge(v, onto: $0, field: k) } ?? v
            }
            return .object(out)
        case (.array(let p), .array(let b)):
            guard let field, let key = mergeKeys.first(where: { $0.field == field })?.key else { return patch }
            var out = b
            for element in p {
                guard let id = element[key], !id.isNull,
                      let i = out.firstIndex(where: { $0[key] == id }) else { out.append(element); continue }
                out[i] = merge(element, onto: out[i])
            }
            return .array(out)
        default:
            return patch
        }
    }
}
