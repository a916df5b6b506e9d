// Which kind of template a Template is.

/// The kinds of template. A valid template has exactly one.
public enum TemplateKind: String, Sendable, Hashable, CaseIterable {
    case container, containerSet, steps, dag, script, resource, data, suspend, http, plugin

    /// Argo's name for the kind (`TemplateType`): "Container", "DAG", "HTTP", ...
    public var argoName: String {
        switch self {
        case .container: return "Container"
        case .containerSet: return "ContainerSet"
        case .steps: return "Steps"
        case .dag: return "DAG"
        case .script: return "Script"
        case .resource: return "Resource"
        case .data: return "Data"
        case .suspend: return "Suspend"
        case .http: return "HTTP"
        case .plugin: return "Plugin"
        }
    }
}

extension Template {
    /// Every kind set on this template, in Argo's precedence order. More than one is a validation error
    /// ("template X has more than one template type"); none means the template has no type.
    public var kinds: [TemplateKind] {
        var out: [TemplateKind] = []
        if container != nil { out.append(.container) }
        if containerSet != nil { out.append(.containerSet) }
        if steps != nil { out.append(.steps) }
        if dag != nil { out.append(.dag) }
        if script != nil { out.append(.script) }
        if resource != nil { out.append(.resource) }
        if data != nil { out.append(.data) }
        if suspend != nil { out.append(.suspend) }
        if http != nil { out.append(.http) }
        if plugin != nil { out.append(.plugin) }
        return out
    }

    /// The template's kind as Argo's `GetType` picks it (the first set, in precedence order), or nil when none is set.
    public var kind: TemplateKind? { kinds.first }

    /// Whether the template runs as a pod (container, container set, script, resource, data).
    public var isPodType: Bool {
        switch kind {
        case .container, .containerSet, .script, .resource, .data: return true
        default: return false
        }
    }

    /// Whether the template is a leaf (everything but steps, DAG and suspend).
    public var isLeaf: Bool {
        switch kind {
        case .steps, .dag, .suspend, nil: return false
        default: return true
        }
    }
}
