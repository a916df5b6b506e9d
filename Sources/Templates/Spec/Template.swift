// Template: a reusable unit of execution. Exactly one of its kinds (container, script, resource, suspend, steps, dag,
// containerSet, http, data, plugin) is set in a valid template; `kind`/`kinds` tell which.

/// A template (`spec.templates[]`, `inline`, `templateDefaults`), with every field of Argo's `Template`.
public struct Template: Codable, Sendable, Hashable {
    @usableFromInline var storage: CopyOnWrite<TemplateFields>

    public init(
        name: String? = nil, inputs: Inputs? = nil, outputs: Outputs? = nil, nodeSelector: [String: String]? = nil,
        affinity: JSONValue? = nil, metadata: Metadata? = nil, daemon: Bool? = nil, steps: [[WorkflowStep]]? = nil,
        container: Container? = nil, containerSet: ContainerSetTemplate? = nil, script: ScriptTemplate? = nil,
        resource: ResourceTemplate? = nil, dag: DAGTemplate? = nil, suspend: SuspendTemplate? = nil,
        data: DataTemplate? = nil, http: HTTPTemplate? = nil, plugin: JSONValue? = nil, volumes: [Volume]? = nil,
        initContainers: [UserContainer]? = nil, sidecars: [UserContainer]? = nil,
        archiveLocation: ArtifactLocation? = nil, activeDeadlineSeconds: IntOrString? = nil,
        retryStrategy: RetryStrategy? = nil, parallelism: Int? = nil, failFast: Bool? = nil,
        tolerations: [JSONValue]? = nil, schedulerName: String? = nil, priorityClassName: String? = nil,
        priority: Int? = nil, serviceAccountName: String? = nil, automountServiceAccountToken: Bool? = nil,
        executor: ExecutorConfig? = nil, hostAliases: [JSONValue]? = nil, securityContext: JSONValue? = nil,
        podSpecPatch: String? = nil, metrics: Metrics? = nil, synchronization: Synchronization? = nil,
        memoize: Memoize? = nil, timeout: String? = nil, annotations: [String: String]? = nil,
        podResources: JSONValue? = nil, resourceClaims: [JSONValue]? = nil
    ) {
        storage = CopyOnWrite(TemplateFields(
            name: name, inputs: inputs, outputs: outputs, nodeSelector: nodeSelector, affinity: affinity,
            metadata: metadata, daemon: daemon, steps: steps, container: container, containerSet: containerSet,
            script: script, resource: resource, dag: dag, suspend: suspend, data: data, http: http, plugin: plugin,
            volumes: volumes, initContainers: initContainers, sidecars: sidecars, archiveLocation: archiveLocation,
            activeDeadlineSeconds: activeDeadlineSeconds, retryStrategy: retryStrategy, parallelism: parallelism,
            failFast: failFast, tolerations: tolerations, schedulerName: schedulerName,
            priorityClassName: priorityClassName, priority: priority, serviceAccountName: serviceAccountName,
            automountServiceAccountToken: automountServiceAccountToken, executor: executor, hostAliases: hostAliases,
            securityContext: securityContext, podSpecPatch: podSpecPatch, metrics: metrics,
            synchronization: synchronization, memoize: memoize, timeout: timeout, annotations: annotations,
            podResources: podResources, resourceClaims: resourceClaims))
    }

    @inlinable public var name: String? {
        get { storage.value.name }
        _modify { yield &storage.value.name }
    }

    @inlinable public var inputs: Inputs? {
        get { storage.value.inputs }
        _modify { yield &storage.value.inputs }
    }

    @inlinable public var outputs: Outputs? {
        get { storage.value.outputs }
        _modify { yield &storage.value.outputs }
    }

    @inlinable public var nodeSelector: [String: String]? {
        get { storage.value.nodeSelector }
        _modify { yield &storage.value.nodeSelector }
    }

    @inlinable public var affinity: JSONValue? {
        get { storage.value.affinity }
        _modify { yield &storage.value.affinity }
    }

    @inlinable public var metadata: Metadata? {
        get { storage.value.metadata }
        _modify { yield &storage.value.metadata }
    }

    @inlinable public var daemon: Bool? {
        get { storage.value.daemon }
        _modify { yield &storage.value.daemon }
    }

    @inlinable public var steps: [[WorkflowStep]]? {
        get { storage.value.steps }
        _modify { yield &storage.value.steps }
    }

    @inlinable public var container: Container? {
        get { storage.value.container }
        _modify { yield &storage.value.container }
    }

    @inlinable public var containerSet: ContainerSetTemplate? {
        get { storage.value.containerSet }
        _modify { yield &storage.value.containerSet }
    }

    @inlinable public var script: ScriptTemplate? {
        get { storage.value.script }
        _modify { yield &storage.value.script }
    }

    @inlinable public var resource: ResourceTemplate? {
        get { storage.value.resource }
        _modify { yield &storage.value.resource }
    }

    @inlinable public var dag: DAGTemplate? {
        get { storage.value.dag }
        _modify { yield &storage.value.dag }
    }

    @inlinable public var suspend: SuspendTemplate? {
        get { storage.value.suspend }
        _modify { yield &storage.value.suspend }
    }

    @inlinable public var data: DataTemplate? {
        get { storage.value.data }
        _modify { yield &storage.value.data }
    }

    @inlinable public var http: HTTPTemplate? {
        get { storage.value.http }
        _modify { yield &storage.value.http }
    }

    /// `plugin: {<plugin name>: {...}}`, passed to the plugin as is
    @inlinable public var plugin: JSONValue? {
        get { storage.value.plugin }
        _modify { yield &storage.value.plugin }
    }

    @inlinable public var volumes: [Volume]? {
        get { storage.value.volumes }
        _modify { yield &storage.value.volumes }
    }

    @inlinable public var initContainers: [UserContainer]? {
        get { storage.value.initContainers }
        _modify { yield &storage.value.initContainers }
    }

    @inlinable public var sidecars: [UserContainer]? {
        get { storage.value.sidecars }
        _modify { yield &storage.value.sidecars }
    }

    @inlinable public var archiveLocation: ArtifactLocation? {
        get { storage.value.archiveLocation }
        _modify { yield &storage.value.archiveLocation }
    }

    @inlinable public var activeDeadlineSeconds: IntOrString? {
        get { storage.value.activeDeadlineSeconds }
        _modify { yield &storage.value.activeDeadlineSeconds }
    }

    @inlinable public var retryStrategy: RetryStrategy? {
        get { storage.value.retryStrategy }
        _modify { yield &storage.value.retryStrategy }
    }

    @inlinable public var parallelism: Int? {
        get { storage.value.parallelism }
        _modify { yield &storage.value.parallelism }
    }

    @inlinable public var failFast: Bool? {
        get { storage.value.failFast }
        _modify { yield &storage.value.failFast }
    }

    @inlinable public var tolerations: [JSONValue]? {
        get { storage.value.tolerations }
        _modify { yield &storage.value.tolerations }
    }

    @inlinable public var schedulerName: String? {
        get { storage.value.schedulerName }
        _modify { yield &storage.value.schedulerName }
    }

    @inlinable public var priorityClassName: String? {
        get { storage.value.priorityClassName }
        _modify { yield &storage.value.priorityClassName }
    }

    @inlinable public var priority: Int? {
        get { storage.value.priority }
        _modify { yield &storage.value.priority }
    }

    @inlinable public var serviceAccountName: String? {
        get { storage.value.serviceAccountName }
        _modify { yield &storage.value.serviceAccountName }
    }

    @inlinable public var automountServiceAccountToken: Bool? {
        get { storage.value.automountServiceAccountToken }
        _modify { yield &storage.value.automountServiceAccountToken }
    }

    @inlinable public var executor: ExecutorConfig? {
        get { storage.value.executor }
        _modify { yield &storage.value.executor }
    }

    @inlinable public var hostAliases: [JSONValue]? {
        get { storage.value.hostAliases }
        _modify { yield &storage.value.hostAliases }
    }

    @inlinable public var securityContext: JSONValue? {
        get { storage.value.securityContext }
        _modify { yield &storage.value.securityContext }
    }

    @inlinable public var podSpecPatch: String? {
        get { storage.value.podSpecPatch }
        _modify { yield &storage.value.podSpecPatch }
    }

    @inlinable public var metrics: Metrics? {
        get { storage.value.metrics }
        _modify { yield &storage.value.metrics }
    }

    @inlinable public var synchronization: Synchronization? {
        get { storage.value.synchronization }
        _modify { yield &storage.value.synchronization }
    }

    @inlinable public var memoize: Memoize? {
        get { storage.value.memoize }
        _modify { yield &storage.value.memoize }
    }

    @inlinable public var timeout: String? {
        get { storage.value.timeout }
        _modify { yield &storage.value.timeout }
    }

    /// node annotations such as workflows.argoproj.io/display-name
    @inlinable public var annotations: [String: String]? {
        get { storage.value.annotations }
        _modify { yield &storage.value.annotations }
    }

    /// pod-level resource requirements (ResourceRequirements)
    @inlinable public var podResources: JSONValue? {
        get { storage.value.podResources }
        _modify { yield &storage.value.podResources }
    }

    /// pod resource claims (Dynamic Resource Allocation)
    @inlinable public var resourceClaims: [JSONValue]? {
        get { storage.value.resourceClaims }
        _modify { yield &storage.value.resourceClaims }
    }
}

extension Template {
    public init(from decoder: any Decoder) throws {
        storage = CopyOnWrite(try TemplateFields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.value.encode(to: encoder)
    }
}

extension Template {
    /// Whether both share one storage, so they are equal without comparing fields (false says nothing).
    public func isIdentical(to other: Template) -> Bool { storage.storage === other.storage.storage }
}

extension Template: CustomReflectable {
    /// The fields as if stored inline, in declaration order.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: storage.value).children, displayStyle: .struct)
    }
}

/// The stored fields of `Template`, kept behind one copy-on-write reference so copying a `Template` costs one
/// retain. Synthesized Codable: the JSON keys and their order are the declaration order here.
@usableFromInline struct TemplateFields: Codable, Sendable, Hashable {
    @usableFromInline var name: String?
    @usableFromInline var inputs: Inputs?
    @usableFromInline var outputs: Outputs?
    @usableFromInline var nodeSelector: [String: String]?
    @usableFromInline var affinity: JSONValue?
    @usableFromInline var metadata: Metadata?
    @usableFromInline var daemon: Bool?
    @usableFromInline var steps: [[WorkflowStep]]?
    @usableFromInline var container: Container?
    @usableFromInline var containerSet: ContainerSetTemplate?
    @usableFromInline var script: ScriptTemplate?
    @usableFromInline var resource: ResourceTemplate?
    @usableFromInline var dag: DAGTemplate?
    @usableFromInline var suspend: SuspendTemplate?
    @usableFromInline var data: DataTemplate?
    @usableFromInline var http: HTTPTemplate?
    @usableFromInline var plugin: JSONValue?
    @usableFromInline var volumes: [Volume]?
    @usableFromInline var initContainers: [UserContainer]?
    @usableFromInline var sidecars: [UserContainer]?
    @usableFromInline var archiveLocation: ArtifactLocation?
    @usableFromInline var activeDeadlineSeconds: IntOrString?
    @usableFromInline var retryStrategy: RetryStrategy?
    @usableFromInline var parallelism: Int?
    @usableFromInline var failFast: Bool?
    @usableFromInline var tolerations: [JSONValue]?
    @usableFromInline var schedulerName: String?
    @usableFromInline var priorityClassName: String?
    @usableFromInline var priority: Int?
    @usableFromInline var serviceAccountName: String?
    @usableFromInline var automountServiceAccountToken: Bool?
    @usableFromInline var executor: ExecutorConfig?
    @usableFromInline var hostAliases: [JSONValue]?
    @usableFromInline var securityContext: JSONValue?
    @usableFromInline var podSpecPatch: String?
    @usableFromInline var metrics: Metrics?
    @usableFromInline var synchronization: Synchronization?
    @usableFromInline var memoize: Memoize?
    @usableFromInline var timeout: String?
    @usableFromInline var annotations: [String: String]?
    @usableFromInline var podResources: JSONValue?
    @usableFromInline var resourceClaims: [JSONValue]?
}
