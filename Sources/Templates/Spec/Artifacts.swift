// Artifacts. Go embeds `ArtifactLocation` inline in `Artifact`; here its fields sit directly in `Artifact` and
// `Artifact.location` views them as one value.

/// A file or directory passed between templates, or stored in an artifact repository.
public struct Artifact: Codable, Sendable, Hashable {
    public var name: String
    public var path: String?
    public var mode: Int?
    public var from: String?
    public var archiveLogs: Bool?
    public var s3: S3Artifact?
    public var git: GitArtifact?
    public var http: HTTPArtifact?
    public var artifactory: ArtifactoryArtifact?
    public var hdfs: HDFSArtifact?
    public var raw: RawArtifact?
    public var oss: OSSArtifact?
    public var gcs: GCSArtifact?
    public var azure: AzureArtifact?
    /// artifact driver plugins: passed through
    public var plugin: JSONValue?
    public var globalName: String?
    public var archive: ArchiveStrategy?
    public var optional: Bool?
    public var subPath: String?
    public var recurseMode: Bool?
    public var fromExpression: String?
    public var artifactGC: ArtifactGC?
    public var deleted: Bool?

    public init(
        name: String, path: String? = nil, mode: Int? = nil, from: String? = nil, archiveLogs: Bool? = nil,
        s3: S3Artifact? = nil, git: GitArtifact? = nil, http: HTTPArtifact? = nil,
        artifactory: ArtifactoryArtifact? = nil, hdfs: HDFSArtifact? = nil, raw: RawArtifact? = nil,
        oss: OSSArtifact? = nil, gcs: GCSArtifact? = nil, azure: AzureArtifact? = nil, plugin: JSONValue? = nil,
        globalName: String? = nil, archive: ArchiveStrategy? = nil, optional: Bool? = nil, subPath: String? = nil,
        recurseMode: Bool? = nil, fromExpression: String? = nil, artifactGC: ArtifactGC? = nil, deleted: Bool? = nil
    ) {
        self.name = name
        self.path = path
        self.mode = mode
        self.from = from
        self.archiveLogs = archiveLogs
        self.s3 = s3
        self.git = git
        self.http = http
        self.artifactory = artifactory
        self.hdfs = hdfs
        self.raw = raw
        self.oss = oss
        self.gcs = gcs
        self.azure = azure
        self.plugin = plugin
        self.globalName = globalName
        self.archive = archive
        self.optional = optional
        self.subPath = subPath
        self.recurseMode = recurseMode
        self.fromExpression = fromExpression
        self.artifactGC = artifactGC
        self.deleted = deleted
    }
}

/// Where an artifact lives: at most one of the stores (`archiveLocation`, artifact repositories).
public struct ArtifactLocation: Codable, Sendable, Hashable {
    public var archiveLogs: Bool?
    public var s3: S3Artifact?
    public var git: GitArtifact?
    public var http: HTTPArtifact?
    public var artifactory: ArtifactoryArtifact?
    public var hdfs: HDFSArtifact?
    public var raw: RawArtifact?
    public var oss: OSSArtifact?
    public var gcs: GCSArtifact?
    public var azure: AzureArtifact?
    public var plugin: JSONValue?

    public init(
        archiveLogs: Bool? = nil, s3: S3Artifact? = nil, git: GitArtifact? = nil, http: HTTPArtifact? = nil,
        artifactory: ArtifactoryArtifact? = nil, hdfs: HDFSArtifact? = nil, raw: RawArtifact? = nil,
        oss: OSSArtifact? = nil, gcs: GCSArtifact? = nil, azure: AzureArtifact? = nil, plugin: JSONValue? = nil
    ) {
        self.archiveLogs = archiveLogs
        self.s3 = s3
        self.git = git
        self.http = http
        self.artifactory = artifactory
        self.hdfs = hdfs
        self.raw = raw
        self.oss = oss
        self.gcs = gcs
        self.azure = azure
        self.plugin = plugin
    }
}

extension Artifact {
    /// The artifact's location fields as one value (Go's inline `ArtifactLocation`).
    public var location: ArtifactLocation {
        get {
            ArtifactLocation(
                archiveLogs: archiveLogs, s3: s3, git: git, http: http, artifactory: artifactory, hdfs: hdfs, raw: raw,
                oss: oss, gcs: gcs, azure: azure, plugin: plugin)
        }
        set {
            archiveLogs = newValue.archiveLogs
            s3 = newValue.s3
            git = newValue.git
            http = newValue.http
            artifactory = newValue.artifactory
            hdfs = newValue.hdfs
            raw = newValue.raw
            oss = newValue.oss
            gcs = newValue.gcs
            azure = newValue.azure
            plugin = newValue.plugin
        }
    }
}

/// How an output artifact is packed: tar (default), none, or zip.
public struct ArchiveStrategy: Codable, Sendable, Hashable {
    public var tar: TarStrategy?
    public var none: NoneStrategy?
    public var zip: ZipStrategy?

    public init(tar: TarStrategy? = nil, none: NoneStrategy? = nil, zip: ZipStrategy? = nil) {
        self.tar = tar
        self.none = none
        self.zip = zip
    }
}

/// Tar and gzip the artifact.
public struct TarStrategy: Codable, Sendable, Hashable {
    public var compressionLevel: Int?

    public init(compressionLevel: Int? = nil) {
        self.compressionLevel = compressionLevel
    }
}

/// Store the files as they are.
public struct NoneStrategy: Codable, Sendable, Hashable {
    public init() {}
}

/// Unzip a zipped input artifact.
public struct ZipStrategy: Codable, Sendable, Hashable {
    public init() {}
}

/// When to delete an artifact (per artifact; overrides the workflow's setting).
public struct ArtifactGC: Codable, Sendable, Hashable {
    /// OnWorkflowCompletion, OnWorkflowDeletion, Never
    public var strategy: String?
    public var podMetadata: Metadata?
    public var serviceAccountName: String?
    public var env: [EnvVar]?
    public var volumes: [Volume]?
    public var volumeMounts: [VolumeMount]?

    public init(
        strategy: String? = nil, podMetadata: Metadata? = nil, serviceAccountName: String? = nil,
        env: [EnvVar]? = nil, volumes: [Volume]? = nil, volumeMounts: [VolumeMount]? = nil
    ) {
        self.strategy = strategy
        self.podMetadata = podMetadata
        self.serviceAccountName = serviceAccountName
        self.env = env
        self.volumes = volumes
        self.volumeMounts = volumeMounts
    }
}

/// `spec.artifactGC`: Go's inline `ArtifactGC` plus two workflow-level fields.
public struct WorkflowLevelArtifactGC: Codable, Sendable, Hashable {
    public var strategy: String?
    public var podMetadata: Metadata?
    public var serviceAccountName: String?
    public var env: [EnvVar]?
    public var volumes: [Volume]?
    public var volumeMounts: [VolumeMount]?
    public var forceFinalizerRemoval: Bool?
    public var podSpecPatch: String?

    public init(
        strategy: String? = nil, podMetadata: Metadata? = nil, serviceAccountName: String? = nil,
        env: [EnvVar]? = nil, volumes: [Volume]? = nil, volumeMounts: [VolumeMount]? = nil,
        forceFinalizerRemoval: Bool? = nil, podSpecPatch: String? = nil
    ) {
        self.strategy = strategy
        self.podMetadata = podMetadata
        self.serviceAccountName = serviceAccountName
        self.env = env
        self.volumes = volumes
        self.volumeMounts = volumeMounts
        self.forceFinalizerRemoval = forceFinalizerRemoval
        self.podSpecPatch = podSpecPatch
    }
}

/// A ConfigMap key holding an artifact repository configuration.
public struct ArtifactRepositoryRef: Codable, Sendable, Hashable {
    public var configMap: String?
    public var key: String?

    public init(configMap: String? = nil, key: String? = nil) {
        self.configMap = configMap
        self.key = key
    }
}

/// The artifact repository a workflow resolved to (`status.artifactRepositoryRef`).
public struct ArtifactRepositoryRefStatus: Codable, Sendable, Hashable {
    public var configMap: String?
    public var key: String?
    public var namespace: String?
    public var `default`: Bool?
    public var artifactRepository: JSONValue?

    public init(
        configMap: String? = nil, key: String? = nil, namespace: String? = nil, `default`: Bool? = nil,
        artifactRepository: JSONValue? = nil
    ) {
        self.configMap = configMap
        self.key = key
        self.namespace = namespace
        self.`default` = `default`
        self.artifactRepository = artifactRepository
    }
}

/// Progress of artifact garbage collection.
public struct ArtGCStatus: Codable, Sendable, Hashable {
    public var strategiesProcessed: [String: Bool]?
    public var podsRecouped: [String: Bool]?
    public var notSpecified: Bool?

    public init(
        strategiesProcessed: [String: Bool]? = nil, podsRecouped: [String: Bool]? = nil, notSpecified: Bool? = nil
    ) {
        self.strategiesProcessed = strategiesProcessed
        self.podsRecouped = podsRecouped
        self.notSpecified = notSpecified
    }
}
