/// argo-lite's rule for what it parses but does not run: such a field fails lint (and so `submit`, `apply` and
/// `template create`) with a message that names it, says what would not happen, and what to do instead — it is
/// never silently ignored. Fields that only steer scheduling on a cluster (`nodeSelector`, `affinity`,
/// `tolerations`, priorities, `resources`) have no meaning on one machine and stay accepted
/// (docs/compatibility.md lists every field). Argo's lint accepts all of these: this check is argo-lite's own, made
/// after Argo's validation found nothing.
struct UnimplementedField: Sendable {
    var key: String
    /// What would silently not happen if the field were accepted.
    var effect: String
    /// What the user can do instead.
    var fix: String
    /// Whether the value asks for the feature (`daemon: false` does not).
    var applies: @Sendable (JSONValue) -> Bool = { _ in true }

    func message(_ field: String) -> String { "\(field) is not implemented yet in argo-lite: \(effect); \(fix)" }
}

enum Unimplemented {
    static let synchronization = UnimplementedField(
        key: "synchronization", effect: "no mutex or semaphore would be taken",
        fix: "remove it (what it guards would then run at the same time)")
    static let hostAliases = UnimplementedField(
        key: "hostAliases", effect: "pods use the host's /etc/hosts",
        fix: "remove it, or add the names to the host's /etc/hosts")

    /// Fields of a Workflow's spec (and a template's, a CronWorkflow's `workflowSpec`).
    static let workflow: [UnimplementedField] = [
        synchronization,
        UnimplementedField(key: "templateDefaults", effect: "its defaults would not be applied to the templates",
                           fix: "copy its fields into the templates that need them, and remove it"),
        UnimplementedField(key: "volumeClaimTemplates", effect: "no volume would be made for the claims",
                           fix: "use a persistentVolumeClaim volume (a folder of the state directory) or an emptyDir"),
        UnimplementedField(key: "hooks", effect: "lifecycle hooks of the workflow would not run",
                           fix: "use spec.onExit for an exit handler, or remove it"),
        UnimplementedField(key: "retryStrategy", effect: "it would not be the retry strategy of the templates that have none",
                           fix: "put it in each template that should be retried"),
        UnimplementedField(key: "workflowMetadata", effect: "its labels and annotations would not be set on the workflow",
                           fix: "put them in metadata.labels and metadata.annotations"),
        hostAliases,
    ]

    /// Fields of a template.
    static let template: [UnimplementedField] = [
        synchronization,
        UnimplementedField(key: "daemon", effect: "the pod would run as an ordinary step, which the next steps wait for",
                           fix: "remove daemon: true", applies: { $0.boolValue == true }),
        UnimplementedField(key: "timeout", effect: "the template would not be stopped at its timeout",
                           fix: "use activeDeadlineSeconds, which argo-lite enforces"),
        UnimplementedField(key: "http", effect: "HTTP templates are not run",
                           fix: "make the request from a container template (curl), or remove it"),
        UnimplementedField(key: "data", effect: "data templates are not run",
                           fix: "transform the artifact in a script template, or remove it"),
        UnimplementedField(key: "plugin", effect: "executor plugins are not run", fix: "remove it"),
        hostAliases,
    ]

    /// Fields of a container set, a resource template, a sidecar or init container, an input artifact.
    static let containerSet: [UnimplementedField] = [
        UnimplementedField(key: "volumeMounts", effect: "the set's containers would not get these mounts",
                           fix: "put them in each container's volumeMounts"),
        UnimplementedField(key: "retryStrategy", effect: "a failed container would not be run again",
                           fix: "use the template's retryStrategy, which retries the whole pod"),
    ]
    static let resource = [UnimplementedField(key: "manifestFrom", effect: "the manifest would not be read from the artifact",
                                              fix: "give it as resource.manifest")]
    static let userContainer = [UnimplementedField(
        key: "mirrorVolumeMounts", effect: "the main container's volume mounts would not be given to it",
        fix: "list them in its volumeMounts", applies: { $0.boolValue == true })]
    static let inputArtifact = [UnimplementedField(key: "mode", effect: "the file's mode would not be set",
                                                   fix: "chmod it in the container's command")]
    static let archive = [UnimplementedField(key: "zip", effect: "the artifact would be saved as tar+gzip",
                                             fix: "use archive: {tar: {}} or archive: {none: {}}")]

    /// Fields of a container (`container`, `script`, init containers, sidecars, a container set's containers).
    static let container: [UnimplementedField] = [
        UnimplementedField(key: "lifecycle", effect: "its postStart and preStop handlers would not run",
                           fix: "run them in the container's command, and remove it"),
        UnimplementedField(key: "livenessProbe", effect: "the probe would not run, nor stop the container when it fails",
                           fix: "remove it"),
        UnimplementedField(key: "startupProbe", effect: "the probe would not run, nor stop the container when it fails",
                           fix: "remove it"),
        UnimplementedField(key: "volumeDevices", effect: "no block device would be attached", fix: "remove it"),
    ]

    /// Artifact drivers other than the local repository (`s3.key`) and `raw`, and `subPath`.
    static let artifact: [UnimplementedField] = ["git", "http", "artifactory", "hdfs", "oss", "gcs", "azure", "plugin"].map {
        UnimplementedField(key: $0, effect: "artifacts are read from and written to the local repository only",
                           fix: "pass the artifact from a step's outputs, or give its content as raw.data")
    } + [UnimplementedField(key: "subPath", effect: "the whole artifact would be used", fix: "remove it")]

    /// Sources of `env[].valueFrom` that argo-lite does not read (the variable would be missing).
    static let envSources = ["resourceFieldRef", "fileKeyRef"]
    /// The volume sources argo-lite mounts (docs/compatibility.md says how).
    static let volumeSources: Set<String> = ["emptyDir", "hostPath", "configMap", "secret", "persistentVolumeClaim"]
}
