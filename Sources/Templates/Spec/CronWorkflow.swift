// CronWorkflow: a workflow spec run on a schedule.

/// A CronWorkflow resource.
public struct CronWorkflow: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: CronWorkflowSpec
    public var status: CronWorkflowStatus?

    public init(
        apiVersion: String? = ArgoAPI.version, kind: String? = "CronWorkflow", metadata: ObjectMeta = ObjectMeta(),
        spec: CronWorkflowSpec, status: CronWorkflowStatus? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// When and how to run the workflow. `schedule` is the pre-3.6 singular form of `schedules`.
public struct CronWorkflowSpec: Codable, Sendable, Hashable {
    public var workflowSpec: WorkflowSpec
    public var schedule: String?
    /// Allow (default), Forbid, Replace
    public var concurrencyPolicy: String?
    public var suspend: Bool?
    public var startingDeadlineSeconds: Int?
    public var successfulJobsHistoryLimit: Int?
    public var failedJobsHistoryLimit: Int?
    public var timezone: String?
    public var workflowMetadata: ObjectMeta?
    public var stopStrategy: StopStrategy?
    public var schedules: [String]?
    public var when: String?

    public init(
        workflowSpec: WorkflowSpec, schedule: String? = nil, concurrencyPolicy: String? = nil, suspend: Bool? = nil,
        startingDeadlineSeconds: Int? = nil, successfulJobsHistoryLimit: Int? = nil,
        failedJobsHistoryLimit: Int? = nil, timezone: String? = nil, workflowMetadata: ObjectMeta? = nil,
        stopStrategy: StopStrategy? = nil, schedules: [String]? = nil, when: String? = nil
    ) {
        self.workflowSpec = workflowSpec
        self.schedule = schedule
        self.concurrencyPolicy = concurrencyPolicy
        self.suspend = suspend
        self.startingDeadlineSeconds = startingDeadlineSeconds
        self.successfulJobsHistoryLimit = successfulJobsHistoryLimit
        self.failedJobsHistoryLimit = failedJobsHistoryLimit
        self.timezone = timezone
        self.workflowMetadata = workflowMetadata
        self.stopStrategy = stopStrategy
        self.schedules = schedules
        self.when = when
    }
}

/// Stops scheduling once `expression` (over `cronworkflow.succeeded`/`failed`) is true.
public struct StopStrategy: Codable, Sendable, Hashable {
    public var expression: String

    public init(expression: String) {
        self.expression = expression
    }
}

/// Runs of a cron workflow.
public struct CronWorkflowStatus: Codable, Sendable, Hashable {
    /// ObjectReferences of running workflows
    public var active: [JSONValue]?
    public var lastScheduledTime: KubeTime?
    public var conditions: [Condition]?
    public var succeeded: Int?
    public var failed: Int?
    /// Active, Stopped
    public var phase: String?

    public init(
        active: [JSONValue]? = nil, lastScheduledTime: KubeTime? = nil, conditions: [Condition]? = nil,
        succeeded: Int? = nil, failed: Int? = nil, phase: String? = nil
    ) {
        self.active = active
        self.lastScheduledTime = lastScheduledTime
        self.conditions = conditions
        self.succeeded = succeeded
        self.failed = failed
        self.phase = phase
    }
}
