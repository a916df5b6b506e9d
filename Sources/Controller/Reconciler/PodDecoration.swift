import ClusterAPI
import Templates

/// The backend's part of a pod, applied by the reconciler to every pod the operator asks for, just before it is
/// created. Argo's `workflowpod.go` splits the same way: the operator builds the pod a template asks for (its
/// containers as written, the `ARGO_*` environment, labels, annotations, owner reference; a Resource template's
/// `main` as the image `argo-lite` running `argo-lite emissary resource ACTION`); what running it takes depends on
/// where it runs. On the local node nothing (`LocalNode`'s agent wraps each container in the emissary itself);
/// on Kubernetes, the init container that copies `argo-lite-executor` into `/var/run/argo`, that volume, the
/// wrapped command and the executor's image.
///
/// It must be a pure function of the pod: a pod created twice (a controller restarted between the create and the
/// status write) must come out the same, so that "already exists" still means "done". A pod it refuses
/// (`.invalid`, e.g. a container with no command whose image's entrypoint is unknown) is not created: its node
/// ends `Error` with the message, as Argo's `createWorkflowPod` errors end it.
public struct PodDecoration: Sendable {
    public var decorate: @Sendable (JSONValue) throws(ClusterError) -> JSONValue

    public init(_ decorate: @escaping @Sendable (JSONValue) throws(ClusterError) -> JSONValue) { self.decorate = decorate }

    /// The pod as the operator built it.
    public static let none = PodDecoration { $0 }
}
