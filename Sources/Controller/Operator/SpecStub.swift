// TEMPORARY: stand-ins for the spec model (Sources/Templates/Spec) until it lands in main. Deleted at merge.
import Templates

public struct KubeTime: Codable, Sendable, Hashable, Comparable {
    public var secondsSinceEpoch: Double
    public init(secondsSinceEpoch: Double) { self.secondsSinceEpoch = secondsSinceEpoch }
    public static func < (a: KubeTime, b: KubeTime) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }
}

public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var uid: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var creationTimestamp: KubeTime?
    public init() {}
}

public struct Workflow: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: WorkflowSpec
    public var status: WorkflowStatus?
    public init(metadata: ObjectMeta, spec: WorkflowSpec) { self.metadata = metadata; self.spec = spec }
}

public struct WorkflowTemplate: Codable, Sendable, Hashable {
    public var metadata: ObjectMeta
    public var spec: WorkflowSpec
}
public typealias ClusterWorkflowTemplate = WorkflowTemplate

public struct WorkflowTemplateRef: Codable, Sendable, Hashable {
    public var name: String?
    public var clusterScope: Bool?
}

public struct WorkflowSpec: Codable, Sendable, Hashable {
    public var entrypoint: String?
    public var arguments: Arguments?
    public var templates: [Template]?
    public var onExit: String?
    public var parallelism: Int?
    public var activeDeadlineSeconds: Int?
    public var suspend: Bool?
    public var shutdown: String?
    public var serviceAccountName: String?
    public var volumes: [JSONValue]?
    public var workflowTemplateRef: WorkflowTemplateRef?
    public init() {}
}

public struct Arguments: Codable, Sendable, Hashable {
    public var parameters: [Parameter]?
    public var artifacts: [Artifact]?
    public init(parameters: [Parameter]? = nil) { self.parameters = parameters }
}
public typealias Inputs = Arguments

public struct Parameter: Codable, Sendable, Hashable {
    public var name: String
    public var value: AnyString?
    public var `default`: AnyString?
    public var valueFrom: ValueFrom?
    public var globalName: String?
    public init(name: String, value: AnyString? = nil) { self.name = name; self.value = value }
}

public struct ValueFrom: Codable, Sendable, Hashable {
    public var path: String?
    public var jsonPath: String?
    public var parameter: String?
    public var expression: String?
    public var `default`: AnyString?
    public var supplied: JSONValue?
    public init() {}
}

public struct Artifact: Codable, Sendable, Hashable {
    public var name: String
    public var path: String?
    public var from: String?
    public var globalName: String?
    public var optional: Bool?
}

public struct Outputs: Codable, Sendable, Hashable {
    public var parameters: [Parameter]?
    public var artifacts: [Artifact]?
    public var result: String?
    public var exitCode: String?
    public init() {}
}

public struct Template: Codable, Sendable, Hashable {
    public var name: String?
    public var inputs: Inputs?
    public var outputs: Outputs?
    public var container: JSONValue?
    public var script: JSONValue?
    public var resource: ResourceTemplate?
    public var suspend: SuspendTemplate?
    public var steps: [[WorkflowStep]]?
    public var dag: DAGTemplate?
    public var containerSet: JSONValue?
    public var data: JSONValue?
    public var http: JSONValue?
    public var plugin: JSONValue?
    public var retryStrategy: RetryStrategy?
    public var parallelism: Int?
    public var activeDeadlineSeconds: IntOrString?
    public var initContainers: [JSONValue]?
    public var sidecars: [JSONValue]?
    public var volumes: [JSONValue]?
    public var serviceAccountName: String?
    public var nodeSelector: [String: String]?
    public var failFast: Bool?
    public var timeout: String?
    public init() {}
}

public struct ResourceTemplate: Codable, Sendable, Hashable {
    public var action: String?
    public var manifest: String?
    public var successCondition: String?
    public var failureCondition: String?
    public var setOwnerReference: Bool?
}

public struct SuspendTemplate: Codable, Sendable, Hashable {
    public var duration: String?
    public init(duration: String? = nil) { self.duration = duration }
}

public struct DAGTemplate: Codable, Sendable, Hashable {
    public var target: String?
    public var tasks: [DAGTask]?
    public var failFast: Bool?
    public init(tasks: [DAGTask]) { self.tasks = tasks }
}

public struct TemplateRef: Codable, Sendable, Hashable {
    public var name: String?
    public var template: String?
    public var clusterScope: Bool?
}

public struct ContinueOn: Codable, Sendable, Hashable {
    public var error: Bool?
    public var failed: Bool?
}

public struct Sequence: Codable, Sendable, Hashable {
    public var count: IntOrString?
    public var start: IntOrString?
    public var end: IntOrString?
    public var format: String?
}

public struct WorkflowStep: Codable, Sendable, Hashable {
    public var name: String?
    public var template: String?
    public var templateRef: TemplateRef?
    public var arguments: Arguments?
    public var when: String?
    public var withItems: [JSONValue]?
    public var withParam: String?
    public var withSequence: Sequence?
    public var onExit: String?
    public var continueOn: ContinueOn?
    public init(name: String? = nil, template: String? = nil) { self.name = name; self.template = template }
}

public struct DAGTask: Codable, Sendable, Hashable {
    public var name: String?
    public var template: String?
    public var templateRef: TemplateRef?
    public var arguments: Arguments?
    public var dependencies: [String]?
    public var depends: String?
    public var when: String?
    public var withItems: [JSONValue]?
    public var withParam: String?
    public var withSequence: Sequence?
    public var onExit: String?
    public var continueOn: ContinueOn?
    public init(name: String? = nil, template: String? = nil) { self.name = name; self.template = template }
}

public struct RetryStrategy: Codable, Sendable, Hashable {
    public var limit: IntOrString?
    public var retryPolicy: String?
    public var backoff: Backoff?
    public var expression: String?
}

public struct Backoff: Codable, Sendable, Hashable {
    public var duration: String?
    public var factor: IntOrString?
    public var maxDuration: String?
}

public enum WorkflowPhase: String, Codable, Sendable, Hashable {
    case pending = "Pending", running = "Running", succeeded = "Succeeded", failed = "Failed", error = "Error"
}

public enum NodePhase: String, Codable, Sendable, Hashable {
    case pending = "Pending", running = "Running", succeeded = "Succeeded", skipped = "Skipped"
    case failed = "Failed", error = "Error", omitted = "Omitted"
}

public enum NodeType: String, Codable, Sendable, Hashable {
    case pod = "Pod", container = "Container", steps = "Steps", stepGroup = "StepGroup", dag = "DAG"
    case taskGroup = "TaskGroup", retry = "Retry", skipped = "Skipped", suspend = "Suspend"
    case http = "HTTP", plugin = "Plugin"
}

public struct NodeStatus: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var displayName: String?
    public var type: NodeType
    public var templateName: String?
    public var templateRef: TemplateRef?
    public var templateScope: String?
    public var phase: NodePhase?
    public var boundaryID: String?
    public var message: String?
    public var startedAt: KubeTime?
    public var finishedAt: KubeTime?
    public var progress: String?
    public var podIP: String?
    public var daemoned: Bool?
    public var inputs: Inputs?
    public var outputs: Outputs?
    public var children: [String]?
    public var outboundNodes: [String]?
    public var hostNodeName: String?
    public init(id: String, name: String, type: NodeType) { self.id = id; self.name = name; self.type = type }
}

public struct WorkflowStatus: Codable, Sendable, Hashable {
    public var phase: WorkflowPhase?
    public var startedAt: KubeTime?
    public var finishedAt: KubeTime?
    public var message: String?
    public var progress: String?
    public var nodes: [String: NodeStatus]?
    public var outputs: Outputs?
    public init() {}
}
