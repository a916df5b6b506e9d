import Templates
import ClusterAPI

/// What the operator sees of one pod: its phase, containers and timestamps, as the kubelet (or argo-lite's local
/// node agent) reports them.
public struct PodObservation: Sendable, Hashable {
    public enum Phase: String, Sendable, Hashable { case pending = "Pending", running = "Running", succeeded = "Succeeded", failed = "Failed", unknown = "Unknown" }
    public var phase: Phase
    /// `status.message` of the pod (e.g. an eviction or deadline message).
    public var message: String?
    public var containers: [ContainerObservation]
    public var initContainers: [ContainerObservation]
    public var startedAt: KubeTime?
    public var finishedAt: KubeTime?
    public var hostNodeName: String?
    public var podIP: String?
    /// The pod has a deletionTimestamp.
    public var deleting: Bool

    public init(phase: Phase, message: String? = nil, containers: [ContainerObservation] = [],
                initContainers: [ContainerObservation] = [], startedAt: KubeTime? = nil, finishedAt: KubeTime? = nil,
                hostNodeName: String? = nil, podIP: String? = nil, deleting: Bool = false) {
        self.phase = phase
        self.message = message
        self.containers = containers
        self.initContainers = initContainers
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.hostNodeName = hostNodeName
        self.podIP = podIP
        self.deleting = deleting
    }
}

public struct ContainerObservation: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case waiting(reason: String?, message: String?)
        case running
        case terminated(exitCode: Int, reason: String?, message: String?, finishedAt: KubeTime?)
    }
    public var name: String
    public var state: State
    public init(name: String, state: State) { self.name = name; self.state = state }
}

/// A `WorkflowTaskResult` as the executor reports it for one node (keyed by node ID in the snapshot).
public struct TaskResultObservation: Sendable, Hashable {
    public var outputs: Outputs?
    public var phase: NodePhase?
    public var message: String?
    public var progress: String?
    /// Its `workflows.argoproj.io/report-outputs-completed` label is not `false`: the executor has reported all
    /// the outputs (on Kubernetes it creates the result `false` as the pod starts and sets it `true` at the end).
    public var outputsCompleted: Bool
    public init(outputs: Outputs? = nil, phase: NodePhase? = nil, message: String? = nil, progress: String? = nil,
                outputsCompleted: Bool = true) {
        self.outputs = outputs
        self.phase = phase
        self.message = message
        self.progress = progress
        self.outputsCompleted = outputsCompleted
    }
}

/// Everything one reconcile reads: the workflow (spec and current status), its pods, its task results, templates.
public struct WorkflowSnapshot: Sendable {
    public var workflow: Workflow
    /// Pods of this workflow by pod name.
    public var pods: [String: PodObservation]
    /// WorkflowTaskResults by node ID.
    public var taskResults: [String: TaskResultObservation]
    public var templates: TemplateCatalog
    /// The ConfigMaps the workflow's memoized templates name as caches, by name, in the workflow's namespace (one
    /// that does not exist is absent). Empty for a workflow without `memoize`.
    public var memoCaches: [String: MemoCacheObservation]
    /// The ConfigMaps that parameters name in `valueFrom.configMapKeyRef`, by name, in the workflow's namespace (one
    /// that does not exist is absent). Empty for a workflow without such parameters.
    public var parameterConfigMaps: [String: ParameterConfigMapObservation]

    public init(workflow: Workflow, pods: [String: PodObservation] = [:],
                taskResults: [String: TaskResultObservation] = [:], templates: TemplateCatalog = TemplateCatalog(),
                memoCaches: [String: MemoCacheObservation] = [:],
                parameterConfigMaps: [String: ParameterConfigMapObservation] = [:]) {
        self.workflow = workflow
        self.pods = pods
        self.taskResults = taskResults
        self.templates = templates
        self.memoCaches = memoCaches
        self.parameterConfigMaps = parameterConfigMaps
    }
}

public enum OperatorAction: Sendable, Hashable {
    /// Create this pod (its full Pod manifest is `json`). "Already exists" is success.
    case createPod(PodToCreate)
    /// Delete the pod with this name (in the workflow's namespace).
    case deletePod(String)
    /// Operate on this workflow again after this many seconds (the earliest timer of the pass).
    case requeue(after: Double)
    /// A Kubernetes event about the workflow: type (Normal/Warning), reason, message.
    case emitEvent(type: String, reason: String, message: String)
    /// Write a memoization cache entry: get or create the ConfigMap (labelled as a cache) and set `data[key]`.
    /// Writing the same entry again changes nothing.
    case saveMemo(MemoSave)
}

public struct OperateResult: Sendable {
    /// The full new status.
    public var status: WorkflowStatus
    /// IDs of nodes added or changed in this pass (persist only these).
    public var changedNodeIDs: Set<String>
    /// Whether anything outside the nodes (phase, message, times, outputs, progress) changed.
    public var workflowFieldsChanged: Bool
    public var actions: [OperatorAction]
    /// Nothing to persist and nothing to do.
    public var isNoop: Bool { changedNodeIDs.isEmpty && !workflowFieldsChanged && actions.isEmpty }
}
