// NodeStatus: one node of the workflow's node tree (`status.nodes[id]`).

/// The status of one node. Key order follows Argo's, so encoded nodes read like Argo's.
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
    public var estimatedDuration: Int?
    /// "done/total"
    public var progress: String?
    /// resource name → seconds
    public var resourcesDuration: [String: Int]?
    public var podIP: String?
    public var daemoned: Bool?
    public var nodeFlag: NodeFlag?
    public var inputs: Inputs?
    public var outputs: Outputs?
    public var children: [String]?
    public var outboundNodes: [String]?
    public var hostNodeName: String?
    public var memoizationStatus: MemoizationStatus?
    public var synchronizationStatus: NodeSynchronizationStatus?

    public init(
        id: String, name: String, displayName: String? = nil, type: NodeType, templateName: String? = nil,
        templateRef: TemplateRef? = nil, templateScope: String? = nil, phase: NodePhase? = nil,
        boundaryID: String? = nil, message: String? = nil, startedAt: KubeTime? = nil, finishedAt: KubeTime? = nil,
        estimatedDuration: Int? = nil, progress: String? = nil, resourcesDuration: [String: Int]? = nil,
        podIP: String? = nil, daemoned: Bool? = nil, nodeFlag: NodeFlag? = nil, inputs: Inputs? = nil,
        outputs: Outputs? = nil, children: [String]? = nil, outboundNodes: [String]? = nil,
        hostNodeName: String? = nil, memoizationStatus: MemoizationStatus? = nil,
        synchronizationStatus: NodeSynchronizationStatus? = nil
    ) {
        self.id = id
        self.name = name
        self.displayName = displayName
        self.type = type
        self.templateName = templateName
        self.templateRef = templateRef
        self.templateScope = templateScope
        self.phase = phase
        self.boundaryID = boundaryID
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.estimatedDuration = estimatedDuration
        self.progress = progress
        self.resourcesDuration = resourcesDuration
        self.podIP = podIP
        self.daemoned = daemoned
        self.nodeFlag = nodeFlag
        self.inputs = inputs
        self.outputs = outputs
        self.children = children
        self.outboundNodes = outboundNodes
        self.hostNodeName = hostNodeName
        self.memoizationStatus = memoizationStatus
        self.synchronizationStatus = synchronizationStatus
    }
}

/// History of a node: run by a hook, or a retry.
public struct NodeFlag: Codable, Sendable, Hashable {
    public var hooked: Bool?
    public var retried: Bool?

    public init(hooked: Bool? = nil, retried: Bool? = nil) {
        self.hooked = hooked
        self.retried = retried
    }
}
