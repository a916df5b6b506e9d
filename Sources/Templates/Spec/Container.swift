// Kubernetes' core/v1 Container, and Argo's types that embed it inline (`ScriptTemplate`, `UserContainer`,
// `ContainerNode`). Go flattens an embedded struct's fields into the same JSON object; here the embedding types hold
// a `container` and decode both from one keyed container, so a decoder that tracks which keys were read sees every
// key asked for by one container. `@dynamicMemberLookup` lets `script.image` read `script.container.image`.

/// A container, with every field of core/v1 `Container`. Nested parts argo-lite does not read stay JSON.
public struct Container: Sendable, Hashable {
    public var name: String?
    public var image: String?
    public var command: [String]?
    public var args: [String]?
    public var workingDir: String?
    public var ports: [JSONValue]?
    public var envFrom: [JSONValue]?
    public var env: [EnvVar]?
    public var resources: JSONValue?
    public var resizePolicy: [JSONValue]?
    public var restartPolicy: String?
    public var restartPolicyRules: [JSONValue]?
    public var volumeMounts: [VolumeMount]?
    public var volumeDevices: [JSONValue]?
    public var livenessProbe: JSONValue?
    public var readinessProbe: JSONValue?
    public var startupProbe: JSONValue?
    public var lifecycle: JSONValue?
    public var terminationMessagePath: String?
    public var terminationMessagePolicy: String?
    public var imagePullPolicy: String?
    public var securityContext: JSONValue?
    public var stdin: Bool?
    public var stdinOnce: Bool?
    public var tty: Bool?

    public init(
        name: String? = nil, image: String? = nil, command: [String]? = nil, args: [String]? = nil,
        workingDir: String? = nil, ports: [JSONValue]? = nil, envFrom: [JSONValue]? = nil, env: [EnvVar]? = nil,
        resources: JSONValue? = nil, resizePolicy: [JSONValue]? = nil, restartPolicy: String? = nil,
        restartPolicyRules: [JSONValue]? = nil, volumeMounts: [VolumeMount]? = nil, volumeDevices: [JSONValue]? = nil,
        livenessProbe: JSONValue? = nil, readinessProbe: JSONValue? = nil, startupProbe: JSONValue? = nil,
        lifecycle: JSONValue? = nil, terminationMessagePath: String? = nil, terminationMessagePolicy: String? = nil,
        imagePullPolicy: String? = nil, securityContext: JSONValue? = nil, stdin: Bool? = nil, stdinOnce: Bool? = nil,
        tty: Bool? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.envFrom = envFrom
        self.env = env
        self.resources = resources
        self.resizePolicy = resizePolicy
        self.restartPolicy = restartPolicy
        self.restartPolicyRules = restartPolicyRules
        self.volumeMounts = volumeMounts
        self.volumeDevices = volumeDevices
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.lifecycle = lifecycle
        self.terminationMessagePath = terminationMessagePath
        self.terminationMessagePolicy = terminationMessagePolicy
        self.imagePullPolicy = imagePullPolicy
        self.securityContext = securityContext
        self.stdin = stdin
        self.stdinOnce = stdinOnce
        self.tty = tty
    }
}

extension Container: Codable {
    public init(from decoder: any Decoder) throws {
        try self.init(fields: decoder.container(keyedBy: SpecKey.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SpecKey.self)
        try encodeFields(to: &c)
    }

    /// Decodes the container's fields from a keyed container that may hold more keys (an embedding type's).
    init(fields c: KeyedDecodingContainer<SpecKey>) throws {
        name = try c.decodeIfPresent(String.self, forKey: "name")
        image = try c.decodeIfPresent(String.self, forKey: "image")
        command = try c.decodeIfPresent([String].self, forKey: "command")
        args = try c.decodeIfPresent([String].self, forKey: "args")
        workingDir = try c.decodeIfPresent(String.self, forKey: "workingDir")
        ports = try c.decodeIfPresent([JSONValue].self, forKey: "ports")
        envFrom = try c.decodeIfPresent([JSONValue].self, forKey: "envFrom")
        env = try c.decodeIfPresent([EnvVar].self, forKey: "env")
        resources = try c.decodeIfPresent(JSONValue.self, forKey: "resources")
        resizePolicy = try c.decodeIfPresent([JSONValue].self, forKey: "resizePolicy")
        restartPolicy = try c.decodeIfPresent(String.self, forKey: "restartPolicy")
        restartPolicyRules = try c.decodeIfPresent([JSONValue].self, forKey: "restartPolicyRules")
        volumeMounts = try c.decodeIfPresent([VolumeMount].self, forKey: "volumeMounts")
        volumeDevices = try c.decodeIfPresent([JSONValue].self, forKey: "volumeDevices")
        livenessProbe = try c.decodeIfPresent(JSONValue.self, forKey: "livenessProbe")
        readinessProbe = try c.decodeIfPresent(JSONValue.self, forKey: "readinessProbe")
        startupProbe = try c.decodeIfPresent(JSONValue.self, forKey: "startupProbe")
        lifecycle = try c.decodeIfPresent(JSONValue.self, forKey: "lifecycle")
        terminationMessagePath = try c.decodeIfPresent(String.self, forKey: "terminationMessagePath")
        terminationMessagePolicy = try c.decodeIfPresent(String.self, forKey: "terminationMessagePolicy")
        imagePullPolicy = try c.decodeIfPresent(String.self, forKey: "imagePullPolicy")
        securityContext = try c.decodeIfPresent(JSONValue.self, forKey: "securityContext")
        stdin = try c.decodeIfPresent(Bool.self, forKey: "stdin")
        stdinOnce = try c.decodeIfPresent(Bool.self, forKey: "stdinOnce")
        tty = try c.decodeIfPresent(Bool.self, forKey: "tty")
    }

    /// Encodes the container's fields into an embedding type's keyed container.
    func encodeFields(to c: inout KeyedEncodingContainer<SpecKey>) throws {
        try c.encodeIfPresent(name, forKey: "name")
        try c.encodeIfPresent(image, forKey: "image")
        try c.encodeIfPresent(command, forKey: "command")
        try c.encodeIfPresent(args, forKey: "args")
        try c.encodeIfPresent(workingDir, forKey: "workingDir")
        try c.encodeIfPresent(ports, forKey: "ports")
        try c.encodeIfPresent(envFrom, forKey: "envFrom")
        try c.encodeIfPresent(env, forKey: "env")
        try c.encodeIfPresent(resources, forKey: "resources")
        try c.encodeIfPresent(resizePolicy, forKey: "resizePolicy")
        try c.encodeIfPresent(restartPolicy, forKey: "restartPolicy")
        try c.encodeIfPresent(restartPolicyRules, forKey: "restartPolicyRules")
        try c.encodeIfPresent(volumeMounts, forKey: "volumeMounts")
        try c.encodeIfPresent(volumeDevices, forKey: "volumeDevices")
        try c.encodeIfPresent(livenessProbe, forKey: "livenessProbe")
        try c.encodeIfPresent(readinessProbe, forKey: "readinessProbe")
        try c.encodeIfPresent(startupProbe, forKey: "startupProbe")
        try c.encodeIfPresent(lifecycle, forKey: "lifecycle")
        try c.encodeIfPresent(terminationMessagePath, forKey: "terminationMessagePath")
        try c.encodeIfPresent(terminationMessagePolicy, forKey: "terminationMessagePolicy")
        try c.encodeIfPresent(imagePullPolicy, forKey: "imagePullPolicy")
        try c.encodeIfPresent(securityContext, forKey: "securityContext")
        try c.encodeIfPresent(stdin, forKey: "stdin")
        try c.encodeIfPresent(stdinOnce, forKey: "stdinOnce")
        try c.encodeIfPresent(tty, forKey: "tty")
    }
}

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
