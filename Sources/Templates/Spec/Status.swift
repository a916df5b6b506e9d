// WorkflowStatus: everything the controller records about a run.

/// The status of a workflow (`status`).
public struct WorkflowStatus: Codable, Sendable, Hashable {
    public var phase: WorkflowPhase?
    public var startedAt: KubeTime?
    public var finishedAt: KubeTime?
    public var estimatedDuration: Int?
    /// "done/total", e.g. "1/2"
    public var progress: String?
    public var message: String?
    public var compressedNodes: String?
    public var nodes: [String: NodeStatus]?
    public var offloadNodeStatusVersion: String?
    public var storedTemplates: [String: Template]?
    public var persistentVolumeClaims: [Volume]?
    public var outputs: Outputs?
    public var conditions: [Condition]?
    public var resourcesDuration: [String: Int]?
    public var storedWorkflowTemplateSpec: WorkflowSpec?
    public var synchronization: SynchronizationStatus?
    public var artifactRepositoryRef: ArtifactRepositoryRefStatus?
    public var artifactGCStatus: ArtGCStatus?
    public var taskResultsCompletionStatus: [String: Bool]?

    public init(
        phase: WorkflowPhase? = nil, startedAt: KubeTime? = nil, finishedAt: KubeTime? = nil,
        estimatedDuration: Int? = nil, progress: String? = nil, message: String? = nil,
        compressedNodes: String? = nil, nodes: [String: NodeStatus]? = nil, offloadNodeStatusVersion: String? = nil,
        storedTemplates: [String: Template]? = nil, persistentVolumeClaims: [Volume]? = nil, outputs: Outputs? = nil,
        conditions: [Condition]? = nil, resourcesDuration: [String: Int]? = nil,
        storedWorkflowTemplateSpec: WorkflowSpec? = nil, synchronization: SynchronizationStatus? = nil,
        artifactRepositoryRef: ArtifactRepositoryRefStatus? = nil, artifactGCStatus: ArtGCStatus? = nil,
        taskResultsCompletionStatus: [String: Bool]? = nil
    ) {
        self.phase = phase
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.estimatedDuration = estimatedDuration
        self.progress = progress
        self.message = message
        self.compressedNodes = compressedNodes
        self.nodes = nodes
        self.offloadNodeStatusVersion = offloadNodeStatusVersion
        self.storedTemplates = storedTemplates
        self.persistentVolumeClaims = persistentVolumeClaims
        self.outputs = outputs
        self.conditions = conditions
        self.resourcesDuration = resourcesDuration
        self.storedWorkflowTemplateSpec = storedWorkflowTemplateSpec
        self.synchronization = synchronization
        self.artifactRepositoryRef = artifactRepositoryRef
        self.artifactGCStatus = artifactGCStatus
        self.taskResultsCompletionStatus = taskResultsCompletionStatus
    }
}

/// A condition of a workflow or cron workflow.
public struct Condition: Codable, Sendable, Hashable {
    /// Completed, PodRunning, SpecWarning, SpecError, MetricsError, ArtifactGCError, SubmissionError
    public var type: String?
    /// "True", "False", "Unknown"
    public var status: String?
    public var message: String?

    public init(type: String? = nil, status: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.message = message
    }
}
