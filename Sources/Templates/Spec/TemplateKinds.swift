// The leaf template kinds other than containers: resource, suspend, HTTP, data.

/// Creates, applies, patches, gets or deletes a Kubernetes resource (`resource`).
public struct ResourceTemplate: Codable, Sendable, Hashable {
    /// get, create, apply, delete, replace, patch
    public var action: String
    /// strategic (default), merge, json
    public var mergeStrategy: String?
    public var manifest: String?
    public var manifestFrom: ManifestFrom?
    public var setOwnerReference: Bool?
    public var successCondition: String?
    public var failureCondition: String?
    public var flags: [String]?

    public init(
        action: String, mergeStrategy: String? = nil, manifest: String? = nil, manifestFrom: ManifestFrom? = nil,
        setOwnerReference: Bool? = nil, successCondition: String? = nil, failureCondition: String? = nil,
        flags: [String]? = nil
    ) {
        self.action = action
        self.mergeStrategy = mergeStrategy
        self.manifest = manifest
        self.manifestFrom = manifestFrom
        self.setOwnerReference = setOwnerReference
        self.successCondition = successCondition
        self.failureCondition = failureCondition
        self.flags = flags
    }
}

/// A resource manifest read from an artifact.
public struct ManifestFrom: Codable, Sendable, Hashable {
    public var artifact: Artifact

    public init(artifact: Artifact) {
        self.artifact = artifact
    }
}

/// Suspends the workflow, for `duration` (seconds, or a Go duration such as "2m") or until resumed.
public struct SuspendTemplate: Codable, Sendable, Hashable {
    public var duration: String?

    public init(duration: String? = nil) {
        self.duration = duration
    }
}

/// Makes an HTTP request (`http`). Named `HTTP` in Argo.
public struct HTTPTemplate: Codable, Sendable, Hashable {
    public var method: String?
    public var url: String
    public var headers: [HTTPHeader]?
    public var timeoutSeconds: Int?
    public var successCondition: String?
    public var body: String?
    public var bodyFrom: HTTPBodySource?
    public var insecureSkipVerify: Bool?

    public init(
        method: String? = nil, url: String, headers: [HTTPHeader]? = nil, timeoutSeconds: Int? = nil,
        successCondition: String? = nil, body: String? = nil, bodyFrom: HTTPBodySource? = nil,
        insecureSkipVerify: Bool? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.timeoutSeconds = timeoutSeconds
        self.successCondition = successCondition
        self.body = body
        self.bodyFrom = bodyFrom
        self.insecureSkipVerify = insecureSkipVerify
    }
}

/// A request header, literal or from a secret.
public struct HTTPHeader: Codable, Sendable, Hashable {
    public var name: String
    public var value: String?
    public var valueFrom: HTTPHeaderSource?

    public init(name: String, value: String? = nil, valueFrom: HTTPHeaderSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// A header value taken from a secret.
public struct HTTPHeaderSource: Codable, Sendable, Hashable {
    public var secretKeyRef: SecretKeySelector?

    public init(secretKeyRef: SecretKeySelector? = nil) {
        self.secretKeyRef = secretKeyRef
    }
}

/// A request body given as bytes (base64 in JSON).
public struct HTTPBodySource: Codable, Sendable, Hashable {
    public var bytes: String?

    public init(bytes: String? = nil) {
        self.bytes = bytes
    }
}

/// Lists artifact paths and transforms them (`data`). Named `Data` in Argo.
public struct DataTemplate: Codable, Sendable, Hashable {
    public var source: DataSource?
    public var transformation: [TransformationStep]?

    public init(source: DataSource? = nil, transformation: [TransformationStep]? = nil) {
        self.source = source
        self.transformation = transformation
    }
}

/// Where a data template reads from.
public struct DataSource: Codable, Sendable, Hashable {
    /// Go's ArtifactPaths, which embeds Artifact inline
    public var artifactPaths: Artifact?

    public init(artifactPaths: Artifact? = nil) {
        self.artifactPaths = artifactPaths
    }
}

/// One expression applied to the data.
public struct TransformationStep: Codable, Sendable, Hashable {
    public var expression: String

    public init(expression: String) {
        self.expression = expression
    }
}

/// Several containers in one pod, ordered by their dependencies (`containerSet`).
public struct ContainerSetTemplate: Codable, Sendable, Hashable {
    public var containers: [ContainerNode]
    public var volumeMounts: [VolumeMount]?
    public var retryStrategy: ContainerSetRetryStrategy?

    public init(
        containers: [ContainerNode], volumeMounts: [VolumeMount]? = nil,
        retryStrategy: ContainerSetRetryStrategy? = nil
    ) {
        self.containers = containers
        self.volumeMounts = volumeMounts
        self.retryStrategy = retryStrategy
    }
}

/// Retries of the containers of a container set.
public struct ContainerSetRetryStrategy: Codable, Sendable, Hashable {
    public var duration: String?
    public var retries: IntOrString?

    public init(duration: String? = nil, retries: IntOrString? = nil) {
        self.duration = duration
        self.retries = retries
    }
}
