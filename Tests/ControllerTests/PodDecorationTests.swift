import Foundation
import Testing
import TestSupport
import Templates
@testable import Controller
@testable import LocalStore
@testable import Reconciler

/// The backend's pod decoration is applied to every pod the operator asks for, before it is created, and only
/// then: the pod in the store is the decorated one; the undecorated default leaves it as the operator built it.
@Suite struct PodDecorationTests {
    static let workflow = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: decorated, namespace: argo}
        spec:
          entrypoint: main
          templates: [{name: main, container: {image: alpine, command: [echo, hi]}}]
        """

    /// A decoration as the Kubernetes backend's will be: one more volume, and `main` wrapped.
    static let wrapping = PodDecoration { pod in
        guard var pod = pod.objectValue, var spec = pod["spec"]?.objectValue,
              var containers = spec["containers"]?.arrayValue, var main = containers.first?.objectValue
        else { return pod }
        spec["volumes"] = .array((spec["volumes"]?.arrayValue ?? []) + [["name": "var-run-argo", "emptyDir": [:]]])
        main["command"] = .array(["/var/run/argo/argo-lite-executor", "emissary", "--"] + (main["command"]?.arrayValue ?? []))
        containers[0] = .object(main)
        spec["containers"] = .array(containers)
        pod["spec"] = .object(spec)
        return .object(pod)
    }

    @Test(arguments: [true, false])
    func theCreatedPodIsTheDecoratedOne(decorated: Bool) async throws {
        let cluster = try makeCluster()
        _ = try await cluster.create(.workflow, try YAML.loadFirst(Self.workflow).toJSONValue())
        let controller = try WorkflowController(cluster: cluster, podDecoration: decorated ? Self.wrapping : .none, workers: 1)
        let run = Task { await controller.run() }
        defer { run.cancel() }
        var pod: JSONValue?
        _ = try await until(seconds: 10) {
            pod = try? await cluster.get(.pod, namespace: "argo", name: "decorated")
            return pod != nil
        }
        let created = try #require(pod, "the controller created no pod")
        let command = created["spec"]?["containers"]?[0]?["command"]
        let volumes = (created["spec"]?["volumes"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        if decorated {
            #expect(command == ["/var/run/argo/argo-lite-executor", "emissary", "--", "echo", "hi"])
            #expect(volumes.contains("var-run-argo"))
        } else {
            #expect(command == ["echo", "hi"])
            #expect(!volumes.contains("var-run-argo"))
        }
    }
}
