// The phases and node types Argo writes into a workflow's status.

/// The phase of a node.
public enum NodePhase: String, ArgoEnum {
    case pending = "Pending"
    case running = "Running"
    case succeeded = "Succeeded"
    case skipped = "Skipped"
    case failed = "Failed"
    case error = "Error"
    /// Not run because its `depends` condition was not met (DAGs only).
    case omitted = "Omitted"

    /// Succeeded, Failed or Error (Argo's `Completed`; Skipped and Omitted are not completed).
    public var isCompleted: Bool { self == .succeeded || self == .failed || self == .error }
    /// Completed, Skipped or Omitted (Argo's `Fulfilled`).
    public var isFulfilled: Bool { isCompleted || self == .skipped || self == .omitted }
    public var isFailedOrError: Bool { self == .failed || self == .error }
}

/// The type of a node.
public enum NodeType: String, ArgoEnum {
    case pod = "Pod"
    case container = "Container"
    case steps = "Steps"
    case stepGroup = "StepGroup"
    case dag = "DAG"
    case taskGroup = "TaskGroup"
    case retry = "Retry"
    case skipped = "Skipped"
    case suspend = "Suspend"
    case http = "HTTP"
    case plugin = "Plugin"
}

/// The phase of a workflow. Argo's empty phase (not yet seen by the controller) is `unknown`.
public enum WorkflowPhase: String, ArgoEnum {
    case unknown = ""
    case pending = "Pending"
    case running = "Running"
    case succeeded = "Succeeded"
    case failed = "Failed"
    case error = "Error"

    /// Succeeded, Failed or Error.
    public var isCompleted: Bool { self == .succeeded || self == .failed || self == .error }
}
