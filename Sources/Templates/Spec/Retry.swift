// Retry and continuation settings.

/// How to retry a template when it fails (`retryStrategy`).
public struct RetryStrategy: Codable, Sendable, Hashable {
    public var limit: IntOrString?
    /// Always, OnFailure (default), OnError, OnTransientError
    public var retryPolicy: String?
    public var backoff: Backoff?
    public var affinity: RetryAffinity?
    public var expression: String?

    public init(
        limit: IntOrString? = nil, retryPolicy: String? = nil, backoff: Backoff? = nil,
        affinity: RetryAffinity? = nil, expression: String? = nil
    ) {
        self.limit = limit
        self.retryPolicy = retryPolicy
        self.backoff = backoff
        self.affinity = affinity
        self.expression = expression
    }
}

/// Delay between retries. Durations are strings: seconds by default, or Go durations ("2m", "1h").
public struct Backoff: Codable, Sendable, Hashable {
    public var duration: String?
    public var factor: IntOrString?
    public var maxDuration: String?
    public var cap: String?

    public init(duration: String? = nil, factor: IntOrString? = nil, maxDuration: String? = nil, cap: String? = nil) {
        self.duration = duration
        self.factor = factor
        self.maxDuration = maxDuration
        self.cap = cap
    }
}

/// Keeps retries off the host that failed.
public struct RetryAffinity: Codable, Sendable, Hashable {
    public var nodeAntiAffinity: RetryNodeAntiAffinity?

    public init(nodeAntiAffinity: RetryNodeAntiAffinity? = nil) {
        self.nodeAntiAffinity = nodeAntiAffinity
    }
}

/// Placeholder: only `{}` is allowed (it uses `kubernetes.io/hostname`).
public struct RetryNodeAntiAffinity: Codable, Sendable, Hashable {
    public init() {}
}

/// Lets steps or DAG tasks proceed past a failed or errored step.
public struct ContinueOn: Codable, Sendable, Hashable {
    public var error: Bool?
    public var failed: Bool?

    public init(error: Bool? = nil, failed: Bool? = nil) {
        self.error = error
        self.failed = failed
    }
}

/// How long a finished workflow is kept.
public struct TTLStrategy: Codable, Sendable, Hashable {
    public var secondsAfterCompletion: Int?
    public var secondsAfterSuccess: Int?
    public var secondsAfterFailure: Int?

    public init(secondsAfterCompletion: Int? = nil, secondsAfterSuccess: Int? = nil, secondsAfterFailure: Int? = nil) {
        self.secondsAfterCompletion = secondsAfterCompletion
        self.secondsAfterSuccess = secondsAfterSuccess
        self.secondsAfterFailure = secondsAfterFailure
    }
}

/// When to delete a workflow's completed pods.
public struct PodGC: Codable, Sendable, Hashable {
    /// OnPodCompletion, OnPodSuccess, OnWorkflowCompletion, OnWorkflowSuccess
    public var strategy: String?
    public var labelSelector: JSONValue?
    public var deleteDelayDuration: String?

    public init(strategy: String? = nil, labelSelector: JSONValue? = nil, deleteDelayDuration: String? = nil) {
        self.strategy = strategy
        self.labelSelector = labelSelector
        self.deleteDelayDuration = deleteDelayDuration
    }
}

/// When to delete the volumes from `volumeClaimTemplates`.
public struct VolumeClaimGC: Codable, Sendable, Hashable {
    /// OnWorkflowCompletion, OnWorkflowSuccess (default)
    public var strategy: String?

    public init(strategy: String? = nil) {
        self.strategy = strategy
    }
}

/// Settings of the executor container.
public struct ExecutorConfig: Codable, Sendable, Hashable {
    public var serviceAccountName: String?

    public init(serviceAccountName: String? = nil) {
        self.serviceAccountName = serviceAccountName
    }
}
