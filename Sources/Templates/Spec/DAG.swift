// DAG templates.

/// A directed acyclic graph of tasks (`dag`).
public struct DAGTemplate: Codable, Sendable, Hashable {
    public var target: String?
    public var tasks: [DAGTask]
    public var failFast: Bool?

    public init(target: String? = nil, tasks: [DAGTask], failFast: Bool? = nil) {
        self.target = target
        self.tasks = tasks
        self.failFast = failFast
    }
}

/// One node of a DAG.
public struct DAGTask: Codable, Sendable, Hashable {
    @usableFromInline var storage: CopyOnWrite<DAGTaskFields>

    public init(
        name: String, template: String? = nil, inline: Template? = nil, arguments: Arguments? = nil,
        templateRef: TemplateRef? = nil, dependencies: [String]? = nil, withItems: [JSONValue]? = nil,
        withParam: String? = nil, withSequence: Sequence? = nil, when: String? = nil, continueOn: ContinueOn? = nil,
        onExit: String? = nil, depends: String? = nil, hooks: [String: LifecycleHook]? = nil
    ) {
        storage = CopyOnWrite(DAGTaskFields(
            name: name, template: template, inline: inline, arguments: arguments, templateRef: templateRef,
            dependencies: dependencies, withItems: withItems, withParam: withParam, withSequence: withSequence,
            when: when, continueOn: continueOn, onExit: onExit, depends: depends, hooks: hooks))
    }

    @inlinable public var name: String {
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

    @inlinable public var dependencies: [String]? {
        get { storage.value.dependencies }
        _modify { yield &storage.value.dependencies }
    }

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

    @inlinable public var depends: String? {
        get { storage.value.depends }
        _modify { yield &storage.value.depends }
    }

    @inlinable public var hooks: [String: LifecycleHook]? {
        get { storage.value.hooks }
        _modify { yield &storage.value.hooks }
    }
}

extension DAGTask {
    public init(from decoder: any Decoder) throws {
        storage = CopyOnWrite(try DAGTaskFields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.value.encode(to: encoder)
    }
}

extension DAGTask: CustomReflectable {
    /// The fields as if stored inline, in declaration order.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: storage.value).children, displayStyle: .struct)
    }
}

/// The stored fields of `DAGTask`, kept behind one copy-on-write reference so copying a `DAGTask` costs one
/// retain. Synthesized Codable: the JSON keys and their order are the declaration order here.
@usableFromInline struct DAGTaskFields: Codable, Sendable, Hashable {
    @usableFromInline var name: String
    @usableFromInline var template: String?
    @usableFromInline var inline: Template?
    @usableFromInline var arguments: Arguments?
    @usableFromInline var templateRef: TemplateRef?
    @usableFromInline var dependencies: [String]?
    @usableFromInline var withItems: [JSONValue]?
    @usableFromInline var withParam: String?
    @usableFromInline var withSequence: Sequence?
    @usableFromInline var when: String?
    @usableFromInline var continueOn: ContinueOn?
    @usableFromInline var onExit: String?
    @usableFromInline var depends: String?
    @usableFromInline var hooks: [String: LifecycleHook]?
}
