// NodeStatus: one node of the workflow's node tree (`status.nodes[id]`).

/// The status of one node. Key order follows Argo's, so encoded nodes read like Argo's.
public struct NodeStatus: Codable, Sendable, Hashable {
    @usableFromInline var storage: CopyOnWrite<NodeStatusFields>

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
        storage = CopyOnWrite(NodeStatusFields(
            id: id, name: name, displayName: displayName, type: type, templateName: templateName,
            templateRef: templateRef, templateScope: templateScope, phase: phase, boundaryID: boundaryID,
            message: message, startedAt: startedAt, finishedAt: finishedAt, estimatedDuration: estimatedDuration,
            progress: progress, resourcesDuration: resourcesDuration, podIP: podIP, daemoned: daemoned,
            nodeFlag: nodeFlag, inputs: inputs, outputs: outputs, children: children, outboundNodes: outboundNodes,
            hostNodeName: hostNodeName, memoizationStatus: memoizationStatus,
            synchronizationStatus: synchronizationStatus))
    }

    @inlinable public var id: String {
        get { storage.value.id }
        _modify { yield &storage.value.id }
    }

    @inlinable public var name: String {
        get { storage.value.name }
        _modify { yield &storage.value.name }
    }

    @inlinable public var displayName: String? {
        get { storage.value.displayName }
        _modify { yield &storage.value.displayName }
    }

    @inlinable public var type: NodeType {
        get { storage.value.type }
        _modify { yield &storage.value.type }
    }

    @inlinable public var templateName: String? {
        get { storage.value.templateName }
        _modify { yield &storage.value.templateName }
    }

    @inlinable public var templateRef: TemplateRef? {
        get { storage.value.templateRef }
        _modify { yield &storage.value.templateRef }
    }

    @inlinable public var templateScope: String? {
        get { storage.value.templateScope }
        _modify { yield &storage.value.templateScope }
    }

    @inlinable public var phase: NodePhase? {
        get { storage.value.phase }
        _modify { yield &storage.value.phase }
    }

    @inlinable public var boundaryID: String? {
        get { storage.value.boundaryID }
        _modify { yield &storage.value.boundaryID }
    }

    @inlinable public var message: String? {
        get { storage.value.message }
        _modify { yield &storage.value.message }
    }

    @inlinable public var startedAt: KubeTime? {
        get { storage.value.startedAt }
        _modify { yield &storage.value.startedAt }
    }

    @inlinable public var finishedAt: KubeTime? {
        get { storage.value.finishedAt }
        _modify { yield &storage.value.finishedAt }
    }

    @inlinable public var estimatedDuration: Int? {
        get { storage.value.estimatedDuration }
        _modify { yield &storage.value.estimatedDuration }
    }

    /// "done/total"
    @inlinable public var progress: String? {
        get { storage.value.progress }
        _modify { yield &storage.value.progress }
    }

    /// resource name → seconds
    @inlinable public var resourcesDuration: [String: Int]? {
        get { storage.value.resourcesDuration }
        _modify { yield &storage.value.resourcesDuration }
    }

    @inlinable public var podIP: String? {
        get { storage.value.podIP }
        _modify { yield &storage.value.podIP }
    }

    @inlinable public var daemoned: Bool? {
        get { storage.value.daemoned }
        _modify { yield &storage.value.daemoned }
    }

    @inlinable public var nodeFlag: NodeFlag? {
        get { storage.value.nodeFlag }
        _modify { yield &storage.value.nodeFlag }
    }

    @inlinable public var inputs: Inputs? {
        get { storage.value.inputs }
        _modify { yield &storage.value.inputs }
    }

    @inlinable public var outputs: Outputs? {
        get { storage.value.outputs }
        _modify { yield &storage.value.outputs }
    }

    @inlinable public var children: [String]? {
        get { storage.value.children }
        _modify { yield &storage.value.children }
    }

    @inlinable public var outboundNodes: [String]? {
        get { storage.value.outboundNodes }
        _modify { yield &storage.value.outboundNodes }
    }

    @inlinable public var hostNodeName: String? {
        get { storage.value.hostNodeName }
        _modify { yield &storage.value.hostNodeName }
    }

    @inlinable public var memoizationStatus: MemoizationStatus? {
        get { storage.value.memoizationStatus }
        _modify { yield &storage.value.memoizationStatus }
    }

    @inlinable public var synchronizationStatus: NodeSynchronizationStatus? {
        get { storage.value.synchronizationStatus }
        _modify { yield &storage.value.synchronizationStatus }
    }
}

extension NodeStatus {
    public init(from decoder: any Decoder) throws {
        storage = CopyOnWrite(try NodeStatusFields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.value.encode(to: encoder)
    }
}

extension NodeStatus: CustomReflectable {
    /// The fields as if stored inline, in declaration order.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: storage.value).children, displayStyle: .struct)
    }
}

/// The stored fields of `NodeStatus`, kept behind one copy-on-write reference so copying a `NodeStatus` costs one
/// retain. Synthesized Codable: the JSON keys and their order are the declaration order here.
@usableFromInline struct NodeStatusFields: Codable, Sendable, Hashable {
    @usableFromInline var id: String
    @usableFromInline var name: String
    @usableFromInline var displayName: String?
    @usableFromInline var type: NodeType
    @usableFromInline var templateName: String?
    @usableFromInline var templateRef: TemplateRef?
    @usableFromInline var templateScope: String?
    @usableFromInline var phase: NodePhase?
    @usableFromInline var boundaryID: String?
    @usableFromInline var message: String?
    @usableFromInline var startedAt: KubeTime?
    @usableFromInline var finishedAt: KubeTime?
    @usableFromInline var estimatedDuration: Int?
    @usableFromInline var progress: String?
    @usableFromInline var resourcesDuration: [String: Int]?
    @usableFromInline var podIP: String?
    @usableFromInline var daemoned: Bool?
    @usableFromInline var nodeFlag: NodeFlag?
    @usableFromInline var inputs: Inputs?
    @usableFromInline var outputs: Outputs?
    @usableFromInline var children: [String]?
    @usableFromInline var outboundNodes: [String]?
    @usableFromInline var hostNodeName: String?
    @usableFromInline var memoizationStatus: MemoizationStatus?
    @usableFromInline var synchronizationStatus: NodeSynchronizationStatus?
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
