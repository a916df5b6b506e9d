// WorkflowSpec: what a Workflow, WorkflowTemplate or ClusterWorkflowTemplate runs.

/// The specification of a workflow (`spec`), with every field of Argo's `WorkflowSpec`.
public struct WorkflowSpec: Codable, Sendable, Hashable {
    @usableFromInline var storage: CopyOnWrite<WorkflowSpecFields>

    public init(
        templates: [Template]? = nil, entrypoint: String? = nil, arguments: Arguments? = nil,
        serviceAccountName: String? = nil, automountServiceAccountToken: Bool? = nil, executor: ExecutorConfig? = nil,
        volumes: [Volume]? = nil, volumeClaimTemplates: [JSONValue]? = nil, parallelism: Int? = nil,
        artifactRepositoryRef: ArtifactRepositoryRef? = nil, suspend: Bool? = nil,
        nodeSelector: [String: String]? = nil, affinity: JSONValue? = nil, tolerations: [JSONValue]? = nil,
        imagePullSecrets: [JSONValue]? = nil, hostNetwork: Bool? = nil, dnsPolicy: String? = nil,
        dnsConfig: JSONValue? = nil, onExit: String? = nil, ttlStrategy: TTLStrategy? = nil,
        activeDeadlineSeconds: Int? = nil, priority: Int? = nil, schedulerName: String? = nil, podGC: PodGC? = nil,
        podPriorityClassName: String? = nil, podPriority: Int? = nil, hostAliases: [JSONValue]? = nil,
        securityContext: JSONValue? = nil, podSpecPatch: String? = nil, podDisruptionBudget: JSONValue? = nil,
        metrics: Metrics? = nil, shutdown: String? = nil, workflowTemplateRef: WorkflowTemplateRef? = nil,
        synchronization: Synchronization? = nil, volumeClaimGC: VolumeClaimGC? = nil,
        retryStrategy: RetryStrategy? = nil, podMetadata: Metadata? = nil, templateDefaults: Template? = nil,
        archiveLogs: Bool? = nil, hooks: [String: LifecycleHook]? = nil, workflowMetadata: WorkflowMetadata? = nil,
        artifactGC: WorkflowLevelArtifactGC? = nil, podResources: JSONValue? = nil,
        resourceClaims: [JSONValue]? = nil, executorPlugins: [JSONValue]? = nil
    ) {
        storage = CopyOnWrite(WorkflowSpecFields(
            templates: templates, entrypoint: entrypoint, arguments: arguments,
            serviceAccountName: serviceAccountName, automountServiceAccountToken: automountServiceAccountToken,
            executor: executor, volumes: volumes, volumeClaimTemplates: volumeClaimTemplates,
            parallelism: parallelism, artifactRepositoryRef: artifactRepositoryRef, suspend: suspend,
            nodeSelector: nodeSelector, affinity: affinity, tolerations: tolerations,
            imagePullSecrets: imagePullSecrets, hostNetwork: hostNetwork, dnsPolicy: dnsPolicy, dnsConfig: dnsConfig,
            onExit: onExit, ttlStrategy: ttlStrategy, activeDeadlineSeconds: activeDeadlineSeconds,
            priority: priority, schedulerName: schedulerName, podGC: podGC,
            podPriorityClassName: podPriorityClassName, podPriority: podPriority, hostAliases: hostAliases,
            securityContext: securityContext, podSpecPatch: podSpecPatch, podDisruptionBudget: podDisruptionBudget,
            metrics: metrics, shutdown: shutdown, workflowTemplateRef: workflowTemplateRef,
            synchronization: synchronization, volumeClaimGC: volumeClaimGC, retryStrategy: retryStrategy,
            podMetadata: podMetadata, templateDefaults: templateDefaults, archiveLogs: archiveLogs, hooks: hooks,
            workflowMetadata: workflowMetadata, artifactGC: artifactGC, podResources: podResources,
            resourceClaims: resourceClaims, executorPlugins: executorPlugins))
    }

    @inlinable public var templates: [Template]? {
        get { storage.value.templates }
        _modify { yield &storage.value.templates }
    }

    @inlinable public var entrypoint: String? {
        get { storage.value.entrypoint }
        _modify { yield &storage.value.entrypoint }
    }

    @inlinable public var arguments: Arguments? {
        get { storage.value.arguments }
        _modify { yield &storage.value.arguments }
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

    @inlinable public var volumes: [Volume]? {
        get { storage.value.volumes }
        _modify { yield &storage.value.volumes }
    }

    @inlinable public var volumeClaimTemplates: [JSONValue]? {
        get { storage.value.volumeClaimTemplates }
        _modify { yield &storage.value.volumeClaimTemplates }
    }

    @inlinable public var parallelism: Int? {
        get { storage.value.parallelism }
        _modify { yield &storage.value.parallelism }
    }

    @inlinable public var artifactRepositoryRef: ArtifactRepositoryRef? {
        get { storage.value.artifactRepositoryRef }
        _modify { yield &storage.value.artifactRepositoryRef }
    }

    @inlinable public var suspend: Bool? {
        get { storage.value.suspend }
        _modify { yield &storage.value.suspend }
    }

    @inlinable public var nodeSelector: [String: String]? {
        get { storage.value.nodeSelector }
        _modify { yield &storage.value.nodeSelector }
    }

    @inlinable public var affinity: JSONValue? {
        get { storage.value.affinity }
        _modify { yield &storage.value.affinity }
    }

    @inlinable public var tolerations: [JSONValue]? {
        get { storage.value.tolerations }
        _modify { yield &storage.value.tolerations }
    }

    @inlinable public var imagePullSecrets: [JSONValue]? {
        get { storage.value.imagePullSecrets }
        _modify { yield &storage.value.imagePullSecrets }
    }

    @inlinable public var hostNetwork: Bool? {
        get { storage.value.hostNetwork }
        _modify { yield &storage.value.hostNetwork }
    }

    @inlinable public var dnsPolicy: String? {
        get { storage.value.dnsPolicy }
        _modify { yield &storage.value.dnsPolicy }
    }

    @inlinable public var dnsConfig: JSONValue? {
        get { storage.value.dnsConfig }
        _modify { yield &storage.value.dnsConfig }
    }

    @inlinable public var onExit: String? {
        get { storage.value.onExit }
        _modify { yield &storage.value.onExit }
    }

    @inlinable public var ttlStrategy: TTLStrategy? {
        get { storage.value.ttlStrategy }
        _modify { yield &storage.value.ttlStrategy }
    }

    @inlinable public var activeDeadlineSeconds: Int? {
        get { storage.value.activeDeadlineSeconds }
        _modify { yield &storage.value.activeDeadlineSeconds }
    }

    @inlinable public var priority: Int? {
        get { storage.value.priority }
        _modify { yield &storage.value.priority }
    }

    @inlinable public var schedulerName: String? {
        get { storage.value.schedulerName }
        _modify { yield &storage.value.schedulerName }
    }

    @inlinable public var podGC: PodGC? {
        get { storage.value.podGC }
        _modify { yield &storage.value.podGC }
    }

    @inlinable public var podPriorityClassName: String? {
        get { storage.value.podPriorityClassName }
        _modify { yield &storage.value.podPriorityClassName }
    }

    @inlinable public var podPriority: Int? {
        get { storage.value.podPriority }
        _modify { yield &storage.value.podPriority }
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

    @inlinable public var podDisruptionBudget: JSONValue? {
        get { storage.value.podDisruptionBudget }
        _modify { yield &storage.value.podDisruptionBudget }
    }

    @inlinable public var metrics: Metrics? {
        get { storage.value.metrics }
        _modify { yield &storage.value.metrics }
    }

    /// Terminate, Stop
    @inlinable public var shutdown: String? {
        get { storage.value.shutdown }
        _modify { yield &storage.value.shutdown }
    }

    @inlinable public var workflowTemplateRef: WorkflowTemplateRef? {
        get { storage.value.workflowTemplateRef }
        _modify { yield &storage.value.workflowTemplateRef }
    }

    @inlinable public var synchronization: Synchronization? {
        get { storage.value.synchronization }
        _modify { yield &storage.value.synchronization }
    }

    @inlinable public var volumeClaimGC: VolumeClaimGC? {
        get { storage.value.volumeClaimGC }
        _modify { yield &storage.value.volumeClaimGC }
    }

    @inlinable public var retryStrategy: RetryStrategy? {
        get { storage.value.retryStrategy }
        _modify { yield &storage.value.retryStrategy }
    }

    @inlinable public var podMetadata: Metadata? {
        get { storage.value.podMetadata }
        _modify { yield &storage.value.podMetadata }
    }

    @inlinable public var templateDefaults: Template? {
        get { storage.value.templateDefaults }
        _modify { yield &storage.value.templateDefaults }
    }

    @inlinable public var archiveLogs: Bool? {
        get { storage.value.archiveLogs }
        _modify { yield &storage.value.archiveLogs }
    }

    @inlinable public var hooks: [String: LifecycleHook]? {
        get { storage.value.hooks }
        _modify { yield &storage.value.hooks }
    }

    @inlinable public var workflowMetadata: WorkflowMetadata? {
        get { storage.value.workflowMetadata }
        _modify { yield &storage.value.workflowMetadata }
    }

    @inlinable public var artifactGC: WorkflowLevelArtifactGC? {
        get { storage.value.artifactGC }
        _modify { yield &storage.value.artifactGC }
    }

    @inlinable public var podResources: JSONValue? {
        get { storage.value.podResources }
        _modify { yield &storage.value.podResources }
    }

    @inlinable public var resourceClaims: [JSONValue]? {
        get { storage.value.resourceClaims }
        _modify { yield &storage.value.resourceClaims }
    }

    /// workflow-level executor plugins (metadata + spec.sidecar)
    @inlinable public var executorPlugins: [JSONValue]? {
        get { storage.value.executorPlugins }
        _modify { yield &storage.value.executorPlugins }
    }
}

extension WorkflowSpec {
    public init(from decoder: any Decoder) throws {
        storage = CopyOnWrite(try WorkflowSpecFields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.value.encode(to: encoder)
    }
}

extension WorkflowSpec: CustomReflectable {
    /// The fields as if stored inline, in declaration order.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: storage.value).children, displayStyle: .struct)
    }
}

/// The stored fields of `WorkflowSpec`, kept behind one copy-on-write reference so copying a `WorkflowSpec` costs one
/// retain. Synthesized Codable: the JSON keys and their order are the declaration order here.
@usableFromInline struct WorkflowSpecFields: Codable, Sendable, Hashable {
    @usableFromInline var templates: [Template]?
    @usableFromInline var entrypoint: String?
    @usableFromInline var arguments: Arguments?
    @usableFromInline var serviceAccountName: String?
    @usableFromInline var automountServiceAccountToken: Bool?
    @usableFromInline var executor: ExecutorConfig?
    @usableFromInline var volumes: [Volume]?
    @usableFromInline var volumeClaimTemplates: [JSONValue]?
    @usableFromInline var parallelism: Int?
    @usableFromInline var artifactRepositoryRef: ArtifactRepositoryRef?
    @usableFromInline var suspend: Bool?
    @usableFromInline var nodeSelector: [String: String]?
    @usableFromInline var affinity: JSONValue?
    @usableFromInline var tolerations: [JSONValue]?
    @usableFromInline var imagePullSecrets: [JSONValue]?
    @usableFromInline var hostNetwork: Bool?
    @usableFromInline var dnsPolicy: String?
    @usableFromInline var dnsConfig: JSONValue?
    @usableFromInline var onExit: String?
    @usableFromInline var ttlStrategy: TTLStrategy?
    @usableFromInline var activeDeadlineSeconds: Int?
    @usableFromInline var priority: Int?
    @usableFromInline var schedulerName: String?
    @usableFromInline var podGC: PodGC?
    @usableFromInline var podPriorityClassName: String?
    @usableFromInline var podPriority: Int?
    @usableFromInline var hostAliases: [JSONValue]?
    @usableFromInline var securityContext: JSONValue?
    @usableFromInline var podSpecPatch: String?
    @usableFromInline var podDisruptionBudget: JSONValue?
    @usableFromInline var metrics: Metrics?
    @usableFromInline var shutdown: String?
    @usableFromInline var workflowTemplateRef: WorkflowTemplateRef?
    @usableFromInline var synchronization: Synchronization?
    @usableFromInline var volumeClaimGC: VolumeClaimGC?
    @usableFromInline var retryStrategy: RetryStrategy?
    @usableFromInline var podMetadata: Metadata?
    @usableFromInline var templateDefaults: Template?
    @usableFromInline var archiveLogs: Bool?
    @usableFromInline var hooks: [String: LifecycleHook]?
    @usableFromInline var workflowMetadata: WorkflowMetadata?
    @usableFromInline var artifactGC: WorkflowLevelArtifactGC?
    @usableFromInline var podResources: JSONValue?
    @usableFromInline var resourceClaims: [JSONValue]?
    @usableFromInline var executorPlugins: [JSONValue]?
}
