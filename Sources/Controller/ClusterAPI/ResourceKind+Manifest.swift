import Templates

/// Resource kinds for objects a Resource template names by `apiVersion`/`kind` (or by a kubectl type argument
/// such as `pod`, `configmaps`, `jobs.batch`), without API discovery.
///
/// The plural is what Kubernetes' own naming gives for almost every kind (lowercased kind, then the usual English
/// rule: `...s`/`...x`/`...ch`/`...sh` → `+es`, consonant + `y` → `ies`, else `+s`; `Endpoints` stays as it is).
/// For the local store the plural is only a stable key, so a rare kind whose real plural differs still round-trips;
/// against a real API server, such a kind needs its real plural. Cluster-scoped kinds are a fixed list of the
/// built-in ones (plus Argo's ClusterWorkflowTemplate); every other kind is treated as namespaced.
extension ResourceKind {
    public init(apiVersion: String, kind: String) {
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        let group = parts.count == 2 ? parts[0] : ""
        let version = parts.last ?? "v1"
        self.init(group: group, version: version, kind: kind, plural: ResourceKind.plural(of: kind),
                  namespaced: !ResourceKind.clusterScopedKinds.contains(kind))
    }

    /// The kind a kubectl type argument names (`pod`, `pods`, `po`, `cm`, `job.batch`, `workflows.argoproj.io`),
    /// or nil when it is not a kind this table knows.
    public init?(kubectlType text: String) {
        let lower = text.lowercased()
        let dot = lower.firstIndex(of: ".")
        let name = dot.map { String(lower[..<$0]) } ?? lower
        let group = dot.map { String(lower[lower.index(after: $0)...]) }
        for (kind, apiVersion, aliases) in ResourceKind.knownTypes {
            let candidate = ResourceKind(apiVersion: apiVersion, kind: kind)
            let names = [kind.lowercased(), candidate.plural] + aliases
            guard names.contains(name) else { continue }
            if let group, group != candidate.group, !(group.isEmpty && candidate.group.isEmpty) { continue }
            self = candidate
            return
        }
        return nil
    }

    /// `ConfigMap` → `configmaps`, `Policy` → `policies`, `Ingress` → `ingresses`, `Endpoints` → `endpoints`.
    public static func plural(of kind: String) -> String {
        let lower = kind.lowercased()
        if lower.isEmpty || lower == "endpoints" { return lower }
        if ["s", "x", "z"].contains(where: { lower.hasSuffix($0) }) || lower.hasSuffix("ch") || lower.hasSuffix("sh") {
            return lower + "es"
        }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return String(lower.dropLast()) + "ies"
        }
        return lower + "s"
    }

    static let clusterScopedKinds: Set<String> = [
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "StorageClass",
        "CustomResourceDefinition", "PriorityClass", "ClusterWorkflowTemplate", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "CSIDriver", "CSINode", "RuntimeClass",
        "IngressClass", "VolumeAttachment",
    ]

    /// Kinds kubectl type arguments may name: kind, apiVersion, short names.
    static let knownTypes: [(String, String, [String])] = [
        ("Pod", "v1", ["po"]), ("ConfigMap", "v1", ["cm"]), ("Secret", "v1", []), ("Service", "v1", ["svc"]),
        ("ServiceAccount", "v1", ["sa"]), ("PersistentVolumeClaim", "v1", ["pvc"]), ("Namespace", "v1", ["ns"]),
        ("Event", "v1", ["ev"]), ("Endpoints", "v1", ["ep"]), ("Node", "v1", ["no"]),
        ("PersistentVolume", "v1", ["pv"]), ("Job", "batch/v1", []), ("CronJob", "batch/v1", ["cj"]),
        ("Deployment", "apps/v1", ["deploy"]), ("StatefulSet", "apps/v1", ["sts"]),
        ("DaemonSet", "apps/v1", ["ds"]), ("ReplicaSet", "apps/v1", ["rs"]), ("Lease", "coordination.k8s.io/v1", []),
        ("Workflow", "argoproj.io/v1alpha1", ["wf"]), ("WorkflowTemplate", "argoproj.io/v1alpha1", ["wftmpl"]),
        ("ClusterWorkflowTemplate", "argoproj.io/v1alpha1", ["cwftmpl"]),
        ("CronWorkflow", "argoproj.io/v1alpha1", ["cwf", "cronwf"]),
        ("WorkflowTaskResult", "argoproj.io/v1alpha1", []),
    ]
}
