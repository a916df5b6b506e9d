// The artifact stores. Go embeds the bucket types inline (`S3Bucket` in `S3Artifact`, ...); their fields sit directly
// in the artifact types here.

/// An S3 (or S3-compatible) object or prefix.
public struct S3Artifact: Codable, Sendable, Hashable {
    public var endpoint: String?
    public var bucket: String?
    public var region: String?
    public var insecure: Bool?
    public var accessKeySecret: SecretKeySelector?
    public var secretKeySecret: SecretKeySelector?
    public var sessionTokenSecret: SecretKeySelector?
    public var roleARN: String?
    public var useSDKCreds: Bool?
    public var createBucketIfNotPresent: CreateS3BucketOptions?
    public var encryptionOptions: S3EncryptionOptions?
    public var caSecret: SecretKeySelector?
    public var key: String?

    public init(
        endpoint: String? = nil, bucket: String? = nil, region: String? = nil, insecure: Bool? = nil,
        accessKeySecret: SecretKeySelector? = nil, secretKeySecret: SecretKeySelector? = nil,
        sessionTokenSecret: SecretKeySelector? = nil, roleARN: String? = nil, useSDKCreds: Bool? = nil,
        createBucketIfNotPresent: CreateS3BucketOptions? = nil, encryptionOptions: S3EncryptionOptions? = nil,
        caSecret: SecretKeySelector? = nil, key: String? = nil
    ) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.region = region
        self.insecure = insecure
        self.accessKeySecret = accessKeySecret
        self.secretKeySecret = secretKeySecret
        self.sessionTokenSecret = sessionTokenSecret
        self.roleARN = roleARN
        self.useSDKCreds = useSDKCreds
        self.createBucketIfNotPresent = createBucketIfNotPresent
        self.encryptionOptions = encryptionOptions
        self.caSecret = caSecret
        self.key = key
    }
}

/// Options for creating a missing bucket.
public struct CreateS3BucketOptions: Codable, Sendable, Hashable {
    public var objectLocking: Bool?

    public init(objectLocking: Bool? = nil) {
        self.objectLocking = objectLocking
    }
}

/// Server-side encryption settings.
public struct S3EncryptionOptions: Codable, Sendable, Hashable {
    public var kmsKeyId: String?
    public var kmsEncryptionContext: String?
    public var enableEncryption: Bool?
    public var serverSideCustomerKeySecret: SecretKeySelector?

    public init(
        kmsKeyId: String? = nil, kmsEncryptionContext: String? = nil, enableEncryption: Bool? = nil,
        serverSideCustomerKeySecret: SecretKeySelector? = nil
    ) {
        self.kmsKeyId = kmsKeyId
        self.kmsEncryptionContext = kmsEncryptionContext
        self.enableEncryption = enableEncryption
        self.serverSideCustomerKeySecret = serverSideCustomerKeySecret
    }
}

/// A git repository checked out as an input artifact.
public struct GitArtifact: Codable, Sendable, Hashable {
    public var repo: String
    public var revision: String?
    public var depth: Int?
    public var fetch: [String]?
    public var usernameSecret: SecretKeySelector?
    public var passwordSecret: SecretKeySelector?
    public var sshPrivateKeySecret: SecretKeySelector?
    public var insecureIgnoreHostKey: Bool?
    public var disableSubmodules: Bool?
    public var singleBranch: Bool?
    public var branch: String?
    public var insecureSkipTLS: Bool?

    public init(
        repo: String, revision: String? = nil, depth: Int? = nil, fetch: [String]? = nil,
        usernameSecret: SecretKeySelector? = nil, passwordSecret: SecretKeySelector? = nil,
        sshPrivateKeySecret: SecretKeySelector? = nil, insecureIgnoreHostKey: Bool? = nil,
        disableSubmodules: Bool? = nil, singleBranch: Bool? = nil, branch: String? = nil, insecureSkipTLS: Bool? = nil
    ) {
        self.repo = repo
        self.revision = revision
        self.depth = depth
        self.fetch = fetch
        self.usernameSecret = usernameSecret
        self.passwordSecret = passwordSecret
        self.sshPrivateKeySecret = sshPrivateKeySecret
        self.insecureIgnoreHostKey = insecureIgnoreHostKey
        self.disableSubmodules = disableSubmodules
        self.singleBranch = singleBranch
        self.branch = branch
        self.insecureSkipTLS = insecureSkipTLS
    }
}

/// A file fetched over HTTP(S).
public struct HTTPArtifact: Codable, Sendable, Hashable {
    public var url: String
    public var headers: [Header]?
    public var auth: HTTPAuth?

    public init(url: String, headers: [Header]? = nil, auth: HTTPAuth? = nil) {
        self.url = url
        self.headers = headers
        self.auth = auth
    }
}

/// An HTTP request header.
public struct Header: Codable, Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Authentication for an HTTP artifact.
public struct HTTPAuth: Codable, Sendable, Hashable {
    public var clientCert: ClientCertAuth?
    public var oauth2: OAuth2Auth?
    public var basicAuth: BasicAuth?

    public init(clientCert: ClientCertAuth? = nil, oauth2: OAuth2Auth? = nil, basicAuth: BasicAuth? = nil) {
        self.clientCert = clientCert
        self.oauth2 = oauth2
        self.basicAuth = basicAuth
    }
}

/// A client certificate and key from secrets.
public struct ClientCertAuth: Codable, Sendable, Hashable {
    public var clientCertSecret: SecretKeySelector?
    public var clientKeySecret: SecretKeySelector?

    public init(clientCertSecret: SecretKeySelector? = nil, clientKeySecret: SecretKeySelector? = nil) {
        self.clientCertSecret = clientCertSecret
        self.clientKeySecret = clientKeySecret
    }
}

/// OAuth2 client credentials from secrets.
public struct OAuth2Auth: Codable, Sendable, Hashable {
    public var clientIDSecret: SecretKeySelector?
    public var clientSecretSecret: SecretKeySelector?
    public var tokenURLSecret: SecretKeySelector?
    public var scopes: [String]?
    public var endpointParams: [OAuth2EndpointParam]?

    public init(
        clientIDSecret: SecretKeySelector? = nil, clientSecretSecret: SecretKeySelector? = nil,
        tokenURLSecret: SecretKeySelector? = nil, scopes: [String]? = nil,
        endpointParams: [OAuth2EndpointParam]? = nil
    ) {
        self.clientIDSecret = clientIDSecret
        self.clientSecretSecret = clientSecretSecret
        self.tokenURLSecret = tokenURLSecret
        self.scopes = scopes
        self.endpointParams = endpointParams
    }
}

/// An extra parameter of the OAuth2 token request.
public struct OAuth2EndpointParam: Codable, Sendable, Hashable {
    public var key: String
    public var value: String?

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }
}

/// A user name and password from secrets.
public struct BasicAuth: Codable, Sendable, Hashable {
    public var usernameSecret: SecretKeySelector?
    public var passwordSecret: SecretKeySelector?

    public init(usernameSecret: SecretKeySelector? = nil, passwordSecret: SecretKeySelector? = nil) {
        self.usernameSecret = usernameSecret
        self.passwordSecret = passwordSecret
    }
}

/// An Artifactory file.
public struct ArtifactoryArtifact: Codable, Sendable, Hashable {
    public var url: String
    public var usernameSecret: SecretKeySelector?
    public var passwordSecret: SecretKeySelector?

    public init(url: String, usernameSecret: SecretKeySelector? = nil, passwordSecret: SecretKeySelector? = nil) {
        self.url = url
        self.usernameSecret = usernameSecret
        self.passwordSecret = passwordSecret
    }
}

/// An HDFS file.
public struct HDFSArtifact: Codable, Sendable, Hashable {
    public var krbCCacheSecret: SecretKeySelector?
    public var krbKeytabSecret: SecretKeySelector?
    public var krbUsername: String?
    public var krbRealm: String?
    public var krbConfigConfigMap: ConfigMapKeySelector?
    public var krbServicePrincipalName: String?
    public var addresses: [String]?
    public var hdfsUser: String?
    public var dataTransferProtection: String?
    public var path: String?
    public var force: Bool?

    public init(
        krbCCacheSecret: SecretKeySelector? = nil, krbKeytabSecret: SecretKeySelector? = nil,
        krbUsername: String? = nil, krbRealm: String? = nil, krbConfigConfigMap: ConfigMapKeySelector? = nil,
        krbServicePrincipalName: String? = nil, addresses: [String]? = nil, hdfsUser: String? = nil,
        dataTransferProtection: String? = nil, path: String? = nil, force: Bool? = nil
    ) {
        self.krbCCacheSecret = krbCCacheSecret
        self.krbKeytabSecret = krbKeytabSecret
        self.krbUsername = krbUsername
        self.krbRealm = krbRealm
        self.krbConfigConfigMap = krbConfigConfigMap
        self.krbServicePrincipalName = krbServicePrincipalName
        self.addresses = addresses
        self.hdfsUser = hdfsUser
        self.dataTransferProtection = dataTransferProtection
        self.path = path
        self.force = force
    }
}

/// An artifact given inline as text.
public struct RawArtifact: Codable, Sendable, Hashable {
    public var data: String

    public init(data: String) {
        self.data = data
    }
}

/// An Alibaba Cloud OSS object.
public struct OSSArtifact: Codable, Sendable, Hashable {
    public var endpoint: String?
    public var bucket: String?
    public var accessKeySecret: SecretKeySelector?
    public var secretKeySecret: SecretKeySelector?
    public var createBucketIfNotPresent: Bool?
    public var securityToken: String?
    public var lifecycleRule: OSSLifecycleRule?
    public var useSDKCreds: Bool?
    public var key: String?

    public init(
        endpoint: String? = nil, bucket: String? = nil, accessKeySecret: SecretKeySelector? = nil,
        secretKeySecret: SecretKeySelector? = nil, createBucketIfNotPresent: Bool? = nil,
        securityToken: String? = nil, lifecycleRule: OSSLifecycleRule? = nil, useSDKCreds: Bool? = nil,
        key: String? = nil
    ) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.accessKeySecret = accessKeySecret
        self.secretKeySecret = secretKeySecret
        self.createBucketIfNotPresent = createBucketIfNotPresent
        self.securityToken = securityToken
        self.lifecycleRule = lifecycleRule
        self.useSDKCreds = useSDKCreds
        self.key = key
    }
}

/// Lifecycle of an OSS bucket.
public struct OSSLifecycleRule: Codable, Sendable, Hashable {
    public var markInfrequentAccessAfterDays: Int?
    public var markDeletionAfterDays: Int?

    public init(markInfrequentAccessAfterDays: Int? = nil, markDeletionAfterDays: Int? = nil) {
        self.markInfrequentAccessAfterDays = markInfrequentAccessAfterDays
        self.markDeletionAfterDays = markDeletionAfterDays
    }
}

/// A Google Cloud Storage object.
public struct GCSArtifact: Codable, Sendable, Hashable {
    public var bucket: String?
    public var serviceAccountKeySecret: SecretKeySelector?
    public var key: String?

    public init(bucket: String? = nil, serviceAccountKeySecret: SecretKeySelector? = nil, key: String? = nil) {
        self.bucket = bucket
        self.serviceAccountKeySecret = serviceAccountKeySecret
        self.key = key
    }
}

/// An Azure Blob Storage blob.
public struct AzureArtifact: Codable, Sendable, Hashable {
    public var endpoint: String?
    public var container: String?
    public var accountKeySecret: SecretKeySelector?
    public var useSDKCreds: Bool?
    public var blob: String?

    public init(
        endpoint: String? = nil, container: String? = nil, accountKeySecret: SecretKeySelector? = nil,
        useSDKCreds: Bool? = nil, blob: String? = nil
    ) {
        self.endpoint = endpoint
        self.container = container
        self.accountKeySecret = accountKeySecret
        self.useSDKCreds = useSDKCreds
        self.blob = blob
    }
}
