import ArgumentParser
import Controller
import Foundation

/// The flags of `argo-lite controller` that run it on a Kubernetes cluster instead of the state directory, named
/// as the flags of Argo's `workflow-controller`.
struct KubeControllerOptions: ParsableArguments {
    @Option(name: .customLong("kubeconfig"), help: "Run on the Kubernetes cluster of this kubeconfig instead of the state directory.")
    var kubeconfig: String?
    @Option(name: .customLong("context"), help: "The kubeconfig context (default: its current-context).")
    var context: String?
    @Flag(name: .customLong("in-cluster"), help: "Run on the cluster of this pod's service account.")
    var inCluster = false
    @Flag(name: .customLong("namespaced"), help: "Manage the controller's own namespace only (or --managed-namespace).")
    var namespaced = false
    @Option(name: .customLong("managed-namespace"), help: "With --namespaced: the namespace to manage.")
    var managedNamespace: String?
    @Option(name: .customLong("executor-image"), help: "The image with argo-lite and argo-lite-executor that pods' init containers run.")
    var executorImage = "argo-lite:\(ControllerModule.version)"
    @Option(name: .customLong("workflow-workers"), help: "How many workflows are reconciled at once.")
    var workers = 32
    @Option(name: .customLong("qps"), help: "Requests per second to the API server.")
    var qps = 20.0
    @Option(name: .customLong("burst"), help: "Requests allowed at once above --qps.")
    var burst = 30

    var wanted: Bool { kubeconfig != nil || inCluster }

    func validate() throws {
        if kubeconfig != nil && inCluster { throw ValidationError("--kubeconfig and --in-cluster exclude each other") }
        if managedNamespace != nil && !namespaced { throw ValidationError("--managed-namespace needs --namespaced") }
        guard workers >= 1 else { throw ValidationError("--workflow-workers must be at least 1, got \(workers)") }
        guard qps > 0, burst >= 1 else { throw ValidationError("--qps must be above 0 and --burst at least 1") }
    }

    /// The cluster, the runtime's options, and where it runs (for messages).
    func connect() throws -> (cluster: KubeCluster, options: KubeRuntime.Options, place: String) {
        let config: KubeConfig
        do throws(KubeConfigError) {
            config = inCluster ? try KubeConfig.inCluster() : try KubeConfig.load(file: kubeconfig ?? "", context: context)
        } catch {
            throw CLIError("\(error)")
        }
        var options = KubeRuntime.Options(
            leaseNamespace: config.namespace, pods: KubePodDecoration.Options(executorImage: executorImage), workers: workers)
        if namespaced { options.managedNamespace = managedNamespace ?? config.namespace }
        let scope = options.managedNamespace.map { "namespace \($0) of " } ?? ""
        return (KubeCluster(config: config, qps: qps, burst: burst), options, "\(scope)\(config.server)")
    }
}

extension KubeRuntime: RunningController {}
