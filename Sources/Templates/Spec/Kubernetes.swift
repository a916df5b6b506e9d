// Kubernetes core types that argo-lite reads field by field. Everything it only passes through stays `JSONValue`.

/// Kubernetes object metadata (`metadata`).
public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var selfLink: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int?
    public var creationTimestamp: KubeTime?
    public var deletionTimestamp: KubeTime?
    public var deletionGracePeriodSeconds: Int?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [JSONValue]?
    public var finalizers: [String]?
    public var managedFields: [JSONValue]?

    public init(
        name: String? = nil, generateName: String? = nil, namespace: String? = nil, selfLink: String? = nil,
        uid: String? = nil, resourceVersion: String? = nil, generation: Int? = nil,
        creationTimestamp: KubeTime? = nil, deletionTimestamp: KubeTime? = nil,
        deletionGracePeriodSeconds: Int? = nil, labels: [String: String]? = nil, annotations: [String: String]? = nil,
        ownerReferences: [JSONValue]? = nil, finalizers: [String]? = nil, managedFields: [JSONValue]? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.selfLink = selfLink
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
        self.managedFields = managedFields
    }
}

/// A key of a Secret.
public struct SecretKeySelector: Codable, Sendable, Hashable {
    public var name: String?
    public var key: String?
    public var optional: Bool?

    public init(name: String? = nil, key: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// A key of a ConfigMap.
public struct ConfigMapKeySelector: Codable, Sendable, Hashable {
    public var name: String?
    public var key: String?
    public var optional: Bool?

    public init(name: String? = nil, key: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// An environment variable of a container.
public struct EnvVar: Codable, Sendable, Hashable {
    public var name: String
    public var value: String?
    public var valueFrom: EnvVarSource?

    public init(name: String, value: String? = nil, valueFrom: EnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// Where an environment variable's value comes from.
public struct EnvVarSource: Codable, Sendable, Hashable {
    public var fieldRef: JSONValue?
    public var resourceFieldRef: JSONValue?
    public var configMapKeyRef: ConfigMapKeySelector?
    public var secretKeyRef: SecretKeySelector?
    public var fileKeyRef: JSONValue?

    public init(
        fieldRef: JSONValue? = nil, resourceFieldRef: JSONValue? = nil, configMapKeyRef: ConfigMapKeySelector? = nil,
        secretKeyRef: SecretKeySelector? = nil, fileKeyRef: JSONValue? = nil
    ) {
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.configMapKeyRef = configMapKeyRef
        self.secretKeyRef = secretKeyRef
        self.fileKeyRef = fileKeyRef
    }
}

/// A volume mounted into a container.
public struct VolumeMount: Codable, Sendable, Hashable {
    public var name: String
    public var readOnly: Bool?
    public var recursiveReadOnly: String?
    public var mountPath: String
    public var subPath: String?
    public var mountPropagation: String?
    public var subPathExpr: String?

    public init(
        name: String, readOnly: Bool? = nil, recursiveReadOnly: String? = nil, mountPath: String,
        subPath: String? = nil, mountPropagation: String? = nil, subPathExpr: String? = nil
    ) {
        self.name = name
        self.readOnly = readOnly
        self.recursiveReadOnly = recursiveReadOnly
        self.mountPath = mountPath
        self.subPath = subPath
        self.mountPropagation = mountPropagation
        self.subPathExpr = subPathExpr
    }
}

/// A pod volume: `name` plus one volume source. Every core/v1 source is listed, kept as JSON.
public struct Volume: Codable, Sendable, Hashable {
    public var name: String
    public var hostPath: JSONValue?
    public var emptyDir: JSONValue?
    public var gcePersistentDisk: JSONValue?
    public var awsElasticBlockStore: JSONValue?
    public var gitRepo: JSONValue?
    public var secret: JSONValue?
    public var nfs: JSONValue?
    public var iscsi: JSONValue?
    public var glusterfs: JSONValue?
    public var persistentVolumeClaim: JSONValue?
    public var rbd: JSONValue?
    public var flexVolume: JSONValue?
    public var cinder: JSONValue?
    public var cephfs: JSONValue?
    public var flocker: JSONValue?
    public var downwardAPI: JSONValue?
    public var fc: JSONValue?
    public var azureFile: JSONValue?
    public var configMap: JSONValue?
    public var vsphereVolume: JSONValue?
    public var quobyte: JSONValue?
    public var azureDisk: JSONValue?
    public var photonPersistentDisk: JSONValue?
    public var projected: JSONValue?
    public var portworxVolume: JSONValue?
    public var scaleIO: JSONValue?
    public var storageos: JSONValue?
    public var csi: JSONValue?
    public var ephemeral: JSONValue?
    public var image: JSONValue?

    public init(
        name: String, hostPath: JSONValue? = nil, emptyDir: JSONValue? = nil, gcePersistentDisk: JSONValue? = nil,
        awsElasticBlockStore: JSONValue? = nil, gitRepo: JSONValue? = nil, secret: JSONValue? = nil,
        nfs: JSONValue? = nil, iscsi: JSONValue? = nil, glusterfs: JSONValue? = nil,
        persistentVolumeClaim: JSONValue? = nil, rbd: JSONValue? = nil, flexVolume: JSONValue? = nil,
        cinder: JSONValue? = nil, cephfs: JSONValue? = nil, flocker: JSONValue? = nil, downwardAPI: JSONValue? = nil,
        fc: JSONValue? = nil, azureFile: JSONValue? = nil, configMap: JSONValue? = nil,
        vsphereVolume: JSONValue? = nil, quobyte: JSONValue? = nil, azureDisk: JSONValue? = nil,
        photonPersistentDisk: JSONValue? = nil, projected: JSONValue? = nil, portworxVolume: JSONValue? = nil,
        scaleIO: JSONValue? = nil, storageos: JSONValue? = nil, csi: JSONValue? = nil, ephemeral: JSONValue? = nil,
        image: JSONValue? = nil
    ) {
        self.name = name
        self.hostPath = hostPath
        self.emptyDir = emptyDir
        self.gcePersistentDisk = gcePersistentDisk
        self.awsElasticBlockStore = awsElasticBlockStore
        self.gitRepo = gitRepo
        self.secret = secret
        self.nfs = nfs
        self.iscsi = iscsi
        self.glusterfs = glusterfs
        self.persistentVolumeClaim = persistentVolumeClaim
        self.rbd = rbd
        self.flexVolume = flexVolume
        self.cinder = cinder
        self.cephfs = cephfs
        self.flocker = flocker
        self.downwardAPI = downwardAPI
        self.fc = fc
        self.azureFile = azureFile
        self.configMap = configMap
        self.vsphereVolume = vsphereVolume
        self.quobyte = quobyte
        self.azureDisk = azureDisk
        self.photonPersistentDisk = photonPersistentDisk
        self.projected = projected
        self.portworxVolume = portworxVolume
        self.scaleIO = scaleIO
        self.storageos = storageos
        self.csi = csi
        self.ephemeral = ephemeral
        self.image = image
    }
}
