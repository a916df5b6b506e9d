// Steps templates: `steps` is a list of step groups, each a list of steps that run in parallel.

/// One step of a steps template.
public struct WorkflowStep: Codable, Sendable, Hashable {
    @usableFromInline var storage: CopyOnWrite<WorkflowStepFields>

    public init(
        name: String? = nil, template: String? = nil, inline: Template? = nil, arguments: Arguments? = nil,
        templateRef: TemplateRef? = nil, withItems: [JSONValue]? = nil, withParam: String? = nil,
        withSequence: Sequence? = nil, when: String? = nil, continueOn: ContinueOn? = nil, onExit: String? = nil,
        hooks: [String: LifecycleHook]? = nil
    ) {
        storage = CopyOnWrite(WorkflowStepFields(
            name: name, template: template, inline: inline, arguments: arguments, templateRef: templateRef,
            withItems: withItems, withParam: withParam, withSequence: withSequence, when: when,
            continueOn: continueOn, onExit: onExit, hooks: hooks))
    }

    @inlinable public var name: String? {
        get { storage.value.name }
        _modify { yield &storage.value.name }
    }

    @inlinable public var template: String? {
        get { storage.value.template }
        _modify { yield &storage.value.template }
    }

    @inlinable public var inline: Template? {
        get { storage.value.inline }
        _modify { yield &storage.value.inline }
    }

    @inlinable public var arguments: Arguments? {
        get { storage.value.arguments }
        _modify { yield &storage.value.arguments }
    }

    @inlinable public var templateRef: TemplateRef? {
        get { storage.value.templateRef }
        _modify { yield &storage.value.templateRef }
    }

    /// items may be any JSON value
    @inlinable public var withItems: [JSONValue]? {
        get { storage.value.withItems }
        _modify { yield &storage.value.withItems }
    }

    @inlinable public var withParam: String? {
        get { storage.value.withParam }
        _modify { yield &storage.value.withParam }
    }

    @inlinable public var withSequence: Sequence? {
        get { storage.value.withSequence }
        _modify { yield &storage.value.withSequence }
    }

    @inlinable public var when: String? {
        get { storage.value.when }
        _modify { yield &storage.value.when }
    }

    @inlinable public var continueOn: ContinueOn? {
        get { storage.value.continueOn }
        _modify { yield &storage.value.continueOn }
    }

    /// deprecated: hooks["exit"]
    @inlinable public var onExit: String? {
        get { storage.value.onExit }
        _modify { yield &storage.value.onExit }
    }

    @inlinable public var hooks: [String: LifecycleHook]? {
        get { storage.value.hooks }
        _modify { yield &storage.value.hooks }
    }
}

extension WorkflowStep {
    public init(from decoder: any Decoder) throws {
        storage = CopyOnWrite(try WorkflowStepFields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.value.encode(to: encoder)
    }
}

extension WorkflowStep: CustomReflectable {
    /// The fields as if stored inline, in declaration order.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: storage.value).children, displayStyle: .struct)
    }
}

/// The stored fields of `WorkflowStep`, kept behind one copy-on-write reference so copying a `WorkflowStep` costs one
/// retain. Synthesized Codable: the JSON keys and their order are the declaration order here.
@usableFromInline struct WorkflowStepFields: Codable, Sendable, Hashable {
    @usableFromInline var name: String?
    @usableFromInline var template: String?
    @usableFromInline var inline: Template?
    @usableFromInline var arguments: Arguments?
    @usableFromInline var templateRef: TemplateRef?
    @usableFromInline var withItems: [JSONValue]?
    @usableFromInline var withParam: String?
    @usableFromInline var withSequence: Sequence?
    @usableFromInline var when: String?
    @usableFromInline var continueOn: ContinueOn?
    @usableFromInline var onExit: String?
    @usableFromInline var hooks: [String: LifecycleHook]?
}

/// A numeric range to expand a step or task over (`withSequence`).
public struct Sequence: Codable, Sendable, Hashable {
    public var count: IntOrString?
    public var start: IntOrString?
    public var end: IntOrString?
    public var format: String?

    public init(count: IntOrString? = nil, start: IntOrString? = nil, end: IntOrString? = nil, format: String? = nil) {
        self.count = count
        self.start = start
        self.end = end
        self.format = format
    }
}

/// A template run at a lifecycle event (`hooks`: event name or expression name → hook; `exit` is the exit handler).
public struct LifecycleHook: Codable, Sendable, Hashable {
    public var template: String?
    public var arguments: Arguments?
    public var templateRef: TemplateRef?
    public var expression: String?

    public init(
        template: String? = nil, arguments: Arguments? = nil, templateRef: TemplateRef? = nil,
        expression: String? = nil
    ) {
        self.template = template
        self.arguments = arguments
        self.templateRef = templateRef
        self.expression = expression
    }
}

/// A template in a WorkflowTemplate (or ClusterWorkflowTemplate when `clusterScope`).
public struct TemplateRef: Codable, Sendable, Hashable {
    public var name: String?
    public var template: String?
    public var clusterScope: Bool?

    public init(name: String? = nil, template: String? = nil, clusterScope: Bool? = nil) {
        self.name = name
        self.template = template
        self.clusterScope = clusterScope
    }
}

/// A whole WorkflowTemplate (or ClusterWorkflowTemplate) run as the workflow (`workflowTemplateRef`).
public struct WorkflowTemplateRef: Codable, Sendable, Hashable {
    public var name: String?
    public var clusterScope: Bool?

    public init(name: String? = nil, clusterScope: Bool? = nil) {
        self.name = name
        self.clusterScope = clusterScope
    }
}
