// Kubernetes' core/v1 Container. Argo's types that embed it inline (ContainerEmbedding.swift) flatten its fields into
// their own JSON object, as Go does: they decode both from one keyed container, so a decoder that tracks which keys
// were read sees every key asked for by one container.

/// A container, with every field of core/v1 `Container`. Nested parts argo-lite does not read stay JSON.
public struct Container: Sendable, Hashable {
    @usableFromInline var storage: CopyOnWrite<ContainerFields>

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
        storage = CopyOnWrite(ContainerFields(
            name: name, image: image, command: command, args: args, workingDir: workingDir, ports: ports,
            envFrom: envFrom, env: env, resources: resources, resizePolicy: resizePolicy,
            restartPolicy: restartPolicy, restartPolicyRules: restartPolicyRules, volumeMounts: volumeMounts,
            volumeDevices: volumeDevices, livenessProbe: livenessProbe, readinessProbe: readinessProbe,
            startupProbe: startupProbe, lifecycle: lifecycle, terminationMessagePath: terminationMessagePath,
            terminationMessagePolicy: terminationMessagePolicy, imagePullPolicy: imagePullPolicy,
            securityContext: securityContext, stdin: stdin, stdinOnce: stdinOnce, tty: tty))
    }

    @inlinable public var name: String? {
        get { storage.value.name }
        _modify { yield &storage.value.name }
    }

    @inlinable public var image: String? {
        get { storage.value.image }
        _modify { yield &storage.value.image }
    }

    @inlinable public var command: [String]? {
        get { storage.value.command }
        _modify { yield &storage.value.command }
    }

    @inlinable public var args: [String]? {
        get { storage.value.args }
        _modify { yield &storage.value.args }
    }

    @inlinable public var workingDir: String? {
        get { storage.value.workingDir }
        _modify { yield &storage.value.workingDir }
    }

    @inlinable public var ports: [JSONValue]? {
        get { storage.value.ports }
        _modify { yield &storage.value.ports }
    }

    @inlinable public var envFrom: [JSONValue]? {
        get { storage.value.envFrom }
        _modify { yield &storage.value.envFrom }
    }

    @inlinable public var env: [EnvVar]? {
        get { storage.value.env }
        _modify { yield &storage.value.env }
    }

    @inlinable public var resources: JSONValue? {
        get { storage.value.resources }
        _modify { yield &storage.value.resources }
    }

    @inlinable public var resizePolicy: [JSONValue]? {
        get { storage.value.resizePolicy }
        _modify { yield &storage.value.resizePolicy }
    }

    @inlinable public var restartPolicy: String? {
        get { storage.value.restartPolicy }
        _modify { yield &storage.value.restartPolicy }
    }

    @inlinable public var restartPolicyRules: [JSONValue]? {
        get { storage.value.restartPolicyRules }
        _modify { yield &storage.value.restartPolicyRules }
    }

    @inlinable public var volumeMounts: [VolumeMount]? {
        get { storage.value.volumeMounts }
        _modify { yield &storage.value.volumeMounts }
    }

    @inlinable public var volumeDevices: [JSONValue]? {
        get { storage.value.volumeDevices }
        _modify { yield &storage.value.volumeDevices }
    }

    @inlinable public var livenessProbe: JSONValue? {
        get { storage.value.livenessProbe }
        _modify { yield &storage.value.livenessProbe }
    }

    @inlinable public var readinessProbe: JSONValue? {
        get { storage.value.readinessProbe }
        _modify { yield &storage.value.readinessProbe }
    }

    @inlinable public var startupProbe: JSONValue? {
        get { storage.value.startupProbe }
        _modify { yield &storage.value.startupProbe }
    }

    @inlinable public var lifecycle: JSONValue? {
        get { storage.value.lifecycle }
        _modify { yield &storage.value.lifecycle }
    }

    @inlinable public var terminationMessagePath: String? {
        get { storage.value.terminationMessagePath }
        _modify { yield &storage.value.terminationMessagePath }
    }

    @inlinable public var terminationMessagePolicy: String? {
        get { storage.value.terminationMessagePolicy }
        _modify { yield &storage.value.terminationMessagePolicy }
    }

    @inlinable public var imagePullPolicy: String? {
        get { storage.value.imagePullPolicy }
        _modify { yield &storage.value.imagePullPolicy }
    }

    @inlinable public var securityContext: JSONValue? {
        get { storage.value.securityContext }
        _modify { yield &storage.value.securityContext }
    }

    @inlinable public var stdin: Bool? {
        get { storage.value.stdin }
        _modify { yield &storage.value.stdin }
    }

    @inlinable public var stdinOnce: Bool? {
        get { storage.value.stdinOnce }
        _modify { yield &storage.value.stdinOnce }
    }

    @inlinable public var tty: Bool? {
        get { storage.value.tty }
        _modify { yield &storage.value.tty }
    }
}

extension Container: CustomReflectable {
    /// The fields as if stored inline, in declaration order.
    public var customMirror: Mirror {
        Mirror(self, children: Mirror(reflecting: storage.value).children, displayStyle: .struct)
    }
}

/// The stored fields of `Container`, kept behind one copy-on-write reference so copying a `Container` costs one
/// retain.
@usableFromInline struct ContainerFields: Sendable, Hashable {
    @usableFromInline var name: String?
    @usableFromInline var image: String?
    @usableFromInline var command: [String]?
    @usableFromInline var args: [String]?
    @usableFromInline var workingDir: String?
    @usableFromInline var ports: [JSONValue]?
    @usableFromInline var envFrom: [JSONValue]?
    @usableFromInline var env: [EnvVar]?
    @usableFromInline var resources: JSONValue?
    @usableFromInline var resizePolicy: [JSONValue]?
    @usableFromInline var restartPolicy: String?
    @usableFromInline var restartPolicyRules: [JSONValue]?
    @usableFromInline var volumeMounts: [VolumeMount]?
    @usableFromInline var volumeDevices: [JSONValue]?
    @usableFromInline var livenessProbe: JSONValue?
    @usableFromInline var readinessProbe: JSONValue?
    @usableFromInline var startupProbe: JSONValue?
    @usableFromInline var lifecycle: JSONValue?
    @usableFromInline var terminationMessagePath: String?
    @usableFromInline var terminationMessagePolicy: String?
    @usableFromInline var imagePullPolicy: String?
    @usableFromInline var securityContext: JSONValue?
    @usableFromInline var stdin: Bool?
    @usableFromInline var stdinOnce: Bool?
    @usableFromInline var tty: Bool?
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
        storage = CopyOnWrite(try ContainerFields(fields: c))
    }

    /// Encodes the container's fields into an embedding type's keyed container.
    func encodeFields(to c: inout KeyedEncodingContainer<SpecKey>) throws {
        try storage.value.encodeFields(to: &c)
    }
}

extension ContainerFields {
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
