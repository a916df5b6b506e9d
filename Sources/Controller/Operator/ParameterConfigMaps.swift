import Templates
import ClusterAPI

/// One ConfigMap that parameters read with `valueFrom.configMapKeyRef`, as the sync read it.
public struct ParameterConfigMapObservation: Sendable, Hashable {
    public static let typeValue = "Parameter"
    /// The value of its `workflows.argoproj.io/configmap-type` label, nil without one.
    public var typeLabelValue: String?
    public var data: [String: String]

    public init(typeLabelValue: String? = ParameterConfigMapObservation.typeValue, data: [String: String] = [:]) {
        self.typeLabelValue = typeLabelValue
        self.data = data
    }

    public init(configMap: JSONValue) {
        typeLabelValue = configMap["metadata"]?["labels"]?[Common.labelKeyConfigMapType]?.stringValue
        data = [:]
        for (key, value) in configMap["data"]?.objectValue ?? [:] { if let s = value.stringValue { data[key] = s } }
    }

    /// Every ConfigMap name a `valueFrom.configMapKeyRef` of parameters names: the workflow's arguments, the
    /// templates' inputs, and the arguments of their steps and tasks (of the workflow and of the stored templates).
    public static func names(_ spec: WorkflowSpec, _ catalog: TemplateCatalog) -> Set<String> {
        var names = Set<String>()
        func add(_ params: [Parameter]?) {
            for p in params ?? [] { if let name = p.valueFrom?.configMapKeyRef?.name, !name.isEmpty { names.insert(name) } }
        }
        func add(_ templates: [Template]?) {
            for t in templates ?? [] {
                add(t.inputs?.parameters)
                for group in t.steps ?? [] { for step in group { add(step.arguments?.parameters) } }
                for task in t.dag?.tasks ?? [] { add(task.arguments?.parameters) }
            }
        }
        add(spec.arguments?.parameters)
        add(spec.templates)
        for wft in catalog.workflowTemplates.values { add(wft.spec.arguments?.parameters); add(wft.spec.templates) }
        for cwft in catalog.clusterWorkflowTemplates.values { add(cwft.spec.arguments?.parameters); add(cwft.spec.templates) }
        return names
    }
}

/// Argo's `common.GetConfigMapValue` over the ConfigMaps of the snapshot: its controller sees only ConfigMaps
/// that carry the `workflows.argoproj.io/configmap-type` label, and reads parameters only from those labelled
/// `Parameter`.
extension OperationContext {
    enum ConfigMapValueError: Error, CustomStringConvertible {
        case notFound(String)
        case other(String)
        var description: String {
            switch self { case .notFound(let m), .other(let m): return m }
        }
    }

    func configMapValue(_ ref: ConfigMapKeySelector) -> Result<String, ConfigMapValueError> {
        let name = ref.name ?? ""
        guard let cm = snapshot.parameterConfigMaps[name], let label = cm.typeLabelValue else {
            return .failure(.notFound("configmaps.v1 \"\(name)\" not found"))
        }
        guard label == ParameterConfigMapObservation.typeValue else {
            return .failure(.other("ConfigMap '\(name)' needs to have the label \(Common.labelKeyConfigMapType): "
                + "\(ParameterConfigMapObservation.typeValue) to load parameters"))
        }
        guard let value = cm.data[ref.key ?? ""] else {
            return .failure(.other("ConfigMap '\(name)' does not have the key '\(ref.key ?? "")'"))
        }
        return .success(value)
    }

    /// A parameter's value from its ConfigMap, or its `valueFrom.default` when the ConfigMap is not there.
    func configMapParameter(_ valueFrom: ValueFrom, _ ref: ConfigMapKeySelector) -> Result<String, ConfigMapValueError> {
        switch configMapValue(ref) {
        case .success(let v): return .success(v)
        case .failure(.notFound) where valueFrom.default != nil: return .success(valueFrom.default?.value ?? "")
        case .failure(let e): return .failure(e)
        }
    }
}
