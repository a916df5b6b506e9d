// WorkflowSpec: what a Workflow, WorkflowTemplate or ClusterWorkflowTemplate runs.

/// The specification of a workflow (`spec`), with every field of Argo's `WorkflowSpec`.
public struct WorkflowSpec: Codable, Sendable, Hashable {
    public var templates: [Template]?
    public var entrypoint: String?
    public var arguments: Arguments?
    public var serviceAccountName: String?
    public var automountServiceAccountToken: Bool?
    public var executor: ExecutorConfig?
    public var volumes: [Volume]?
    public var volumeClaimTemplates: [JSONValue]?
    public var parallelism: Int?
    public var artifactRepositoryRef: ArtifactRepositoryRef?
    public var suspend: Bool?
    public var nodeSelector: [String: String]?
    public var affinity: JSONValue?
    public var tolerations: [JSONValue]?
    public var imagePullSecrets: [JSONValue]?
    public var hostNetwork: Bool?
    public var dnsPolicy: String?
    public var dnsConfig: JSONValue?
    public var onExit: String?
    public var ttlStrategy: TTLStrategy?
    public var activeDeadlineSeconds: Int?
    public var priority: Int?
    public var schedulerName: String?
    public var podGC: PodGC?
    public var podPriorityClassName: String?
    public var podPriority: Int?
    public var hostAliases: [JSONValue]?
    public var securityContext: JSONValue?
    public var podSpecPatch: String?
    public var podDisruptionBudget: JSONValue?
    public var metrics: Metrics?
    /// Terminate, Stop
    public var shutdown: String?
    public var workflowTemplateRef: WorkflowTemplateRef?
    public var synchronization: Synchronization?
    public var volumeClaimGC: VolumeClaimGC?
    public var retryStrategy: RetryStrategy?
    public var podMetadata: Metadata?
    public var templateDefaults: Template?
    public var archiveLogs: Bool?
    public var hooks: [String: LifecycleHook]?
    public var workflowMetadata: WorkflowMetadata?
    public var artifactGC: WorkflowLevelArtifactGC?
    public var podResources: JSONValue?
    public var resourceClaims: [JSONValue]?
    /// workflow-level executor plugins (metadata + spec.sidecar)
    public var executorPlugins: [JSONValue]?

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
        self.templates = templates
        self.entrypoint = entrypoint
        self.arguments = arguments
        self.serviceAccountName = serviceAccountName
        self.automountServiceAccountToken = automountServiceAccountToken
        self.executor = executor
        self.volumes = volumes
        self.volumeClaimTemplates = volumeClaimTemplates
        self.parallelism = parallelism
        self.artifactRepositoryRef = artifactRepositoryRef
        self.suspend = suspend
        self.nodeSelector = nodeSelector
        self.affinity = affinity
        self.tolerations = tolerations
        self.imagePullSecrets = imagePullSecrets
        self.hostNetwork = hostNetwork
        self.dnsPolicy = dnsPolicy
        self.dnsConfig = dnsConfig
        self.onExit = onExit
        self.ttlStrategy = ttlStrategy
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.priority = priority
        self.schedulerName = schedulerName
        self.podGC = podGC
        self.podPriorityClassName = podPriorityClassName
        self.podPriority = podPriority
        self.hostAliases = hostAliases
        self.securityContext = securityContext
        self.podSpecPatch = podSpecPatch
        self.podDisruptionBudget = podDisruptionBudget
        self.metrics = metrics
        self.shutdown = shutdown
        self.workflowTemplateRef = workflowTemplateRef
        self.synchronization = synchronization
        self.volumeClaimGC = volumeClaimGC
        self.retryStrategy = retryStrategy
        self.podMetadata = podMetadata
        self.templateDefaults = templateDefaults
        self.archiveLogs = archiveLogs
        self.hooks = hooks
        self.workflowMetadata = workflowMetadata
        self.artifactGC = artifactGC
        self.podResources = podResources
        self.resourceClaims = resourceClaims
        self.executorPlugins = executorPlugins
    }
}
