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
    public var name: String
    public var template: String?
    public var inline: Template?
    public var arguments: Arguments?
    public var templateRef: TemplateRef?
    public var dependencies: [String]?
    public var withItems: [JSONValue]?
    public var withParam: String?
    public var withSequence: Sequence?
    public var when: String?
    public var continueOn: ContinueOn?
    /// deprecated: hooks["exit"]
    public var onExit: String?
    public var depends: String?
    public var hooks: [String: LifecycleHook]?

    public init(
        name: String, template: String? = nil, inline: Template? = nil, arguments: Arguments? = nil,
        templateRef: TemplateRef? = nil, dependencies: [String]? = nil, withItems: [JSONValue]? = nil,
        withParam: String? = nil, withSequence: Sequence? = nil, when: String? = nil, continueOn: ContinueOn? = nil,
        onExit: String? = nil, depends: String? = nil, hooks: [String: LifecycleHook]? = nil
    ) {
        self.name = name
        self.template = template
        self.inline = inline
        self.arguments = arguments
        self.templateRef = templateRef
        self.dependencies = dependencies
        self.withItems = withItems
        self.withParam = withParam
        self.withSequence = withSequence
        self.when = when
        self.continueOn = continueOn
        self.onExit = onExit
        self.depends = depends
        self.hooks = hooks
    }
}
