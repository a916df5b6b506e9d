// Template: a reusable unit of execution. Exactly one of its kinds (container, script, resource, suspend, steps, dag,
// containerSet, http, data, plugin) is set in a valid template; `kind`/`kinds` tell which.

/// A template (`spec.templates[]`, `inline`, `templateDefaults`), with every field of Argo's `Template`.
public struct Template: Codable, Sendable, Hashable {
    public var name: String?
    public var inputs: Inputs?
    public var outputs: Outputs?
    public var nodeSelector: [String: String]?
    public var affinity: JSONValue?
    public var metadata: Metadata?
    public var daemon: Bool?
    public var steps: [[WorkflowStep]]?
    public var container: Container?
    public var containerSet: ContainerSetTemplate?
    public var script: ScriptTemplate?
    public var resource: ResourceTemplate?
    public var dag: DAGTemplate?
    public var suspend: SuspendTemplate?
    public var data: DataTemplate?
    public var http: HTTPTemplate?
    /// `plugin: {<plugin name>: {...}}`, passed to the plugin as is
    public var plugin: JSONValue?
    public var volumes: [Volume]?
    public var initContainers: [UserContainer]?
    public var sidecars: [UserContainer]?
    public var archiveLocation: ArtifactLocation?
    public var activeDeadlineSeconds: IntOrString?
    public var retryStrategy: RetryStrategy?
    public var parallelism: Int?
    public var failFast: Bool?
    public var tolerations: [JSONValue]?
    public var schedulerName: String?
    public var priorityClassName: String?
    public var priority: Int?
    public var serviceAccountName: String?
    public var automountServiceAccountToken: Bool?
    public var executor: ExecutorConfig?
    public var hostAliases: [JSONValue]?
    public var securityContext: JSONValue?
    public var podSpecPatch: String?
    public var metrics: Metrics?
    public var synchronization: Synchronization?
    public var memoize: Memoize?
    public var timeout: String?
    /// node annotations such as workflows.argoproj.io/display-name
    public var annotations: [String: String]?
    /// pod-level resource requirements (ResourceRequirements)
    public var podResources: JSONValue?
    /// pod resource claims (Dynamic Resource Allocation)
    public var resourceClaims: [JSONValue]?

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
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.nodeSelector = nodeSelector
        self.affinity = affinity
        self.metadata = metadata
        self.daemon = daemon
        self.steps = steps
        self.container = container
        self.containerSet = containerSet
        self.script = script
        self.resource = resource
        self.dag = dag
        self.suspend = suspend
        self.data = data
        self.http = http
        self.plugin = plugin
        self.volumes = volumes
        self.initContainers = initContainers
        self.sidecars = sidecars
        self.archiveLocation = archiveLocation
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.retryStrategy = retryStrategy
        self.parallelism = parallelism
        self.failFast = failFast
        self.tolerations = tolerations
        self.schedulerName = schedulerName
        self.priorityClassName = priorityClassName
        self.priority = priority
        self.serviceAccountName = serviceAccountName
        self.automountServiceAccountToken = automountServiceAccountToken
        self.executor = executor
        self.hostAliases = hostAliases
        self.securityContext = securityContext
        self.podSpecPatch = podSpecPatch
        self.metrics = metrics
        self.synchronization = synchronization
        self.memoize = memoize
        self.timeout = timeout
        self.annotations = annotations
        self.podResources = podResources
        self.resourceClaims = resourceClaims
    }
}
