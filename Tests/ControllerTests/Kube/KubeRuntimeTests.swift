import Foundation
import KubeFake
import Testing
import TestSupport
import Templates
@testable import Controller
@testable import Kube

/// The controller on Kubernetes: `KubeRuntime` runs the same WorkflowController over `KubeCluster` against the
/// fake API server and its kubelet, creates Argo-shaped pods through the REST API, and holds the
/// `workflow-controller` Lease so that a second controller stands by until the first gives it up.
@Suite(.timeLimit(.minutes(1))) struct KubeRuntimeTests {
    static let options = KubeRuntime.Options(
        leaseNamespace: "argo", pods: KubePodDecoration.Options(executorImage: "argo-lite:test"), workers: 4,
        renewEvery: .milliseconds(200))

    static let diamond = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: diamond, namespace: argo}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: A, template: step}
              - {name: B, template: step, dependencies: [A]}
              - {name: C, template: fails, dependencies: [A]}
              - {name: D, template: step, dependencies: [B, C]}
          - {name: step, container: {image: alpine, command: [sh, -c, "exit 0"]}}
          - {name: fails, container: {image: alpine, command: [sh, -c, "exit 1"]}}
        """

    /// The workflow once it has completed, read through `cluster`.
    static func completed(_ name: String, in cluster: any Cluster) async throws -> JSONValue {
        var wf: JSONValue = .null
        let done = try await until(seconds: 20) {
            wf = try await cluster.get(.workflow, namespace: "argo", name: name)
            return ["Succeeded", "Failed", "Error"].contains(wf["status"]?["phase"]?.stringValue ?? "")
        }
        guard done else { throw TimeoutError(description: "workflow \(name) did not complete") }
        return wf
    }

    @Test func aDAGRunsOnTheClusterWithArgoShapedPods() async throws {
        let server = try FakeKubeServer.start()
        // The kubelet "runs" a container as its command says: `exit 1` fails.
        server.startKubelet { pod, _ in
            let command = (pod["spec"]?["containers"]?[0]?["command"]?.arrayValue ?? []).compactMap(\.stringValue)
            return .init(exitCode: command.last == "exit 1" ? 1 : 0)
        }
        defer { server.stop() }
        let cluster = KubeCluster(client: kubeClient(server))
        let runtime = try #require(try await KubeRuntime.startIfNeeded(cluster: cluster, options: Self.options, holder: "one"))
        _ = try await cluster.create(.workflow, try YAML.loadFirst(Self.diamond).toJSONValue())
        let wf = try await Self.completed("diamond", in: cluster)
        await runtime.shutdown()

        #expect(wf["status"]?["phase"] == "Failed")
        let nodes = (wf["status"]?["nodes"]?.objectValue ?? [:]).values
        let phases = Dictionary(uniqueKeysWithValues: nodes.compactMap { n in
            n["displayName"]?.stringValue.map { ($0, n["phase"]?.stringValue ?? "") }
        })
        #expect(phases == ["diamond": "Failed", "A": "Succeeded", "B": "Succeeded", "C": "Failed", "D": "Omitted"])
        let c = nodes.first { $0["displayName"] == "C" }
        #expect(c?["message"] == "Error (exit code 1)")

        let pods = try await cluster.list(.pod, namespace: "argo", labelSelector: nil).items
        #expect(pods.count == 3, "A, B and C ran; D never did")
        let podA = try #require(pods.first { $0["metadata"]?["annotations"]?["workflows.argoproj.io/node-name"] == "diamond.A" })
        #expect(podA["spec"]?["initContainers"]?[0]?["image"] == "argo-lite:test")
        #expect(podA["spec"]?["containers"]?[0]?["command"] == ["/var/run/argo/argo-lite-executor", "emissary", "--", "sh", "-c", "exit 0"])
        #expect(podA["metadata"]?["ownerReferences"]?[0]?["name"] == "diamond")
    }

    @Test func aSecondControllerStandsByUntilTheLeaseIsGivenUp() async throws {
        let server = try FakeKubeServer.start()
        defer { server.stop() }
        let cluster = KubeCluster(client: kubeClient(server))
        let first = try #require(try await KubeRuntime.startIfNeeded(cluster: cluster, options: Self.options, holder: "one"))
        #expect(try await KubeRuntime.startIfNeeded(cluster: cluster, options: Self.options, holder: "two") == nil)
        let lease = try await cluster.get(.lease, namespace: "argo", name: "workflow-controller")
        #expect(lease["spec"]?["holderIdentity"] == "one")
        await first.shutdown()
        let second = try #require(try await KubeRuntime.startIfNeeded(cluster: cluster, options: Self.options, holder: "two"),
                                  "the lease given up at shutdown is taken at once")
        await second.shutdown()
    }
}
