// Argo's types that embed core/v1 Container inline (`ScriptTemplate`, `UserContainer`, `ContainerNode`): one JSON
// object holds the container's fields and the embedding type's own; `@dynamicMemberLookup` lets `script.image` read
// `script.container.image`.

/// A script template (`script`): a container plus the `source` to run with it.
@dynamicMemberLookup
public struct ScriptTemplate: Codable, Sendable, Hashable {
    public var container: Container
    public var source: String

    public init(container: Container = Container(), source: String) {
        self.container = container
        self.source = source
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<Container, T>) -> T {
        get { container[keyPath: path] }
        set { container[keyPath: path] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SpecKey.self)
        container = try Container(fields: c)
        source = try c.decodeIfPresent(String.self, forKey: "source") ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SpecKey.self)
        try container.encodeFields(to: &c)
        try c.encode(source, forKey: "source")
    }
}

/// An init container or sidecar (`initContainers`, `sidecars`): a container that may mirror the main container's
/// volume mounts.
@dynamicMemberLookup
public struct UserContainer: Codable, Sendable, Hashable {
    public var container: Container
    public var mirrorVolumeMounts: Bool?

    public init(container: Container = Container(), mirrorVolumeMounts: Bool? = nil) {
        self.container = container
        self.mirrorVolumeMounts = mirrorVolumeMounts
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<Container, T>) -> T {
        get { container[keyPath: path] }
        set { container[keyPath: path] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SpecKey.self)
        container = try Container(fields: c)
        mirrorVolumeMounts = try c.decodeIfPresent(Bool.self, forKey: "mirrorVolumeMounts")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SpecKey.self)
        try container.encodeFields(to: &c)
        try c.encodeIfPresent(mirrorVolumeMounts, forKey: "mirrorVolumeMounts")
    }
}

/// One container of a container set, with the names of the containers it runs after.
@dynamicMemberLookup
public struct ContainerNode: Codable, Sendable, Hashable {
    public var container: Container
    public var dependencies: [String]?

    public init(container: Container = Container(), dependencies: [String]? = nil) {
        self.container = container
        self.dependencies = dependencies
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<Container, T>) -> T {
        get { container[keyPath: path] }
        set { container[keyPath: path] = newValue }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: SpecKey.self)
        container = try Container(fields: c)
        dependencies = try c.decodeIfPresent([String].self, forKey: "dependencies")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SpecKey.self)
        try container.encodeFields(to: &c)
        try c.encodeIfPresent(dependencies, forKey: "dependencies")
    }
}
