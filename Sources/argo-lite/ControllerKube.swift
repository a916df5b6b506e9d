import ArgumentParser
import Controller
import Foundation

/// The flags of `argo-lite controller` for running it on a Kubernetes cluster (the global `--kubeconfig`, or
/// `--in-cluster`), named as the flags of Argo's `workflow-controller`.
struct KubeControllerOptions: ParsableArguments {
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

    func validate() throws {
        if managedNamespace != nil && !namespaced { throw ValidationError("--managed-namespace needs --namespaced") }
        guard workers >= 1 else { throw ValidationError("--workflow-workers must be at least 1, got \(workers)") }
        guard qps > 0, burst >= 1 else { throw ValidationError("--qps must be above 0 and --burst at least 1") }
    }

    /// The cluster (`kubeconfig`'s, or with `--in-cluster` the pod's), the runtime's options, and where it runs
    /// (for messages).
    func connect(_ kubeconfig: KubeConfig?) throws -> (cluster: KubeCluster, options: KubeRuntime.Options, place: String) {
        let config: KubeConfig
        if inCluster {
            do throws(KubeConfigError) { config = try KubeConfig.inCluster() } catch { throw CLIError("\(error)") }
        } else if let kubeconfig {
            config = kubeconfig
        } else {
            throw CLIError("no cluster: give --kubeconfig, set $KUBECONFIG, or run in a pod with --in-cluster")
        }
        var options = KubeRuntime.Options(
            leaseNamespace: config.namespace, pods: KubePodDecoration.Options(executorImage: executorImage), workers: workers)
        if namespaced { options.managedNamespace = managedNamespace ?? config.namespace }
        let scope = options.managedNamespace.map { "namespace \($0) of " } ?? ""
        return (KubeCluster(config: config, qps: qps, burst: burst), options, "\(scope)\(config.server)")
    }
}

extension KubeRuntime: RunningController {}
