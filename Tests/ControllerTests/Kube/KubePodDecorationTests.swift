import Foundation
import Testing
import TestSupport
import Templates
@testable import Controller
@testable import Kube
@testable import Reconciler
@testable import LocalStore

/// The pods the Kubernetes backend creates, as Argo's `createWorkflowPod` shapes them with argo-lite's executor:
/// golden manifests for container, script and resource pods, the image index for a container without a
/// command, and a refused pod ending its node `Error` with Argo's message.
@Suite struct KubePodDecorationTests {
    static let options = KubePodDecoration.Options(
        executorImage: "ghcr.io/argo-lite/argo-lite:0.1.0", executorImagePullPolicy: "IfNotPresent",
        images: ["docker/whalesay": (entrypoint: ["cowsay"], cmd: [])])

    static func pod(main: String, initContainers: String = "[]", volumes: String = "[]") throws -> JSONValue {
        try JSONParser.parse("""
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "wf", "namespace": "argo", "annotations": {"workflows.argoproj.io/node-id": "wf"}},
             "spec": {"restartPolicy": "Never", "initContainers": \(initContainers), "volumes": \(volumes),
                      "containers": [\(main)]}}
            """)
    }

    static let argoEnv = """
        {"name": "ARGO_CONTAINER_NAME", "value": "main"}, {"name": "ARGO_TEMPLATE", "value": "{}"},
        {"name": "ARGO_NODE_ID", "value": "wf"}
        """
    static let initEnv = """
        [{"name": "ARGO_CONTAINER_NAME", "value": "init"}, {"name": "ARGO_TEMPLATE", "value": "{}"},
         {"name": "ARGO_NODE_ID", "value": "wf"}]
        """
    static let varRunArgo = #"{"name": "var-run-argo", "mountPath": "/var/run/argo"}"#

    static let rows: [(name: String, main: String, expectedMain: String, staging: Bool)] = [
        ("container",
         #"{"name": "main", "image": "alpine", "command": ["sh", "-c"], "args": ["echo hi"], "env": [\#(argoEnv)]}"#,
         #"{"name": "main", "image": "alpine", "command": ["/var/run/argo/argo-lite-executor", "emissary", "--", "sh", "-c"], "args": ["echo hi"], "env": [\#(argoEnv)], "volumeMounts": [\#(varRunArgo)]}"#,
         false),
        ("no command: the image index's entrypoint",
         #"{"name": "main", "image": "docker/whalesay", "args": ["hello"], "env": [\#(argoEnv)]}"#,
         #"{"name": "main", "image": "docker/whalesay", "args": ["hello"], "env": [\#(argoEnv)], "command": ["/var/run/argo/argo-lite-executor", "emissary", "--", "cowsay"], "volumeMounts": [\#(varRunArgo)]}"#,
         false),
        ("script",
         #"{"name": "main", "image": "python:alpine3.6", "command": ["python"], "args": ["/argo/staging/script"], "env": [\#(argoEnv)]}"#,
         #"{"name": "main", "image": "python:alpine3.6", "command": ["/var/run/argo/argo-lite-executor", "emissary", "--", "python"], "args": ["/argo/staging/script"], "env": [\#(argoEnv)], "volumeMounts": [\#(varRunArgo), {"name": "argo-staging", "mountPath": "/argo/staging"}]}"#,
         true),
        ("resource: the executor's image, unwrapped",
         #"{"name": "main", "image": "argo-lite", "command": ["argo-lite", "emissary", "resource", "create"], "env": [\#(argoEnv)]}"#,
         #"{"name": "main", "image": "ghcr.io/argo-lite/argo-lite:0.1.0", "command": ["argo-lite", "emissary", "resource", "create"], "env": [\#(argoEnv)], "volumeMounts": [\#(varRunArgo)]}"#,
         false),
    ]

    @Test(arguments: rows.map(\.name))
    func decoratesAsArgosWorkflowPod(name: String) throws {
        let row = try #require(Self.rows.first { $0.name == name })
        let decorated = try KubePodDecoration.decorate(try Self.pod(main: row.main), Self.options)
        let stagingMount = row.staging ? #", {"name": "argo-staging", "mountPath": "/argo/staging"}"# : ""
        let stagingVolume = row.staging ? #", {"name": "argo-staging", "emptyDir": {}}"# : ""
        let expected = try JSONParser.parse("""
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "wf", "namespace": "argo",
                          "annotations": {"workflows.argoproj.io/node-id": "wf", "kubectl.kubernetes.io/default-container": "main"}},
             "spec": {"restartPolicy": "Never",
                      "initContainers": [{"name": "init", "image": "ghcr.io/argo-lite/argo-lite:0.1.0",
                                          "command": ["argo-lite-executor", "init"], "env": \(Self.initEnv),
                                          "volumeMounts": [\(Self.varRunArgo)\(stagingMount)], "imagePullPolicy": "IfNotPresent"}],
                      "volumes": [{"name": "var-run-argo", "emptyDir": {}}\(stagingVolume)],
                      "containers": [\(row.expectedMain)]}}
            """)
        #expect(decorated == expected)
    }

    /// The template's own init containers run after the executor's, with `/var/run/argo` mounted; the
    /// template's volumes stay, after the executor's.
    @Test func userInitContainersAndVolumesStay() throws {
        let pod = try Self.pod(
            main: #"{"name": "main", "image": "alpine", "command": ["true"], "env": [\#(Self.argoEnv)]}"#,
            initContainers: #"[{"name": "prepare", "image": "alpine", "command": ["true"]}]"#,
            volumes: #"[{"name": "work", "emptyDir": {}}]"#)
        let decorated = try KubePodDecoration.decorate(pod, Self.options)
        let inits = decorated["spec"]?["initContainers"]?.arrayValue ?? []
        #expect(inits.map { $0["name"]?.stringValue } == ["init", "prepare"])
        #expect(inits[1]["volumeMounts"] == .array([try JSONParser.parse(Self.varRunArgo)]))
        #expect(inits[1]["command"] == ["true"], "the template's init containers are not wrapped")
        #expect((decorated["spec"]?["volumes"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue } == ["var-run-argo", "work"])
    }

    @Test func aContainerWithoutCommandOrIndexedImageIsRefusedWithArgosMessage() throws {
        let pod = try Self.pod(main: #"{"name": "main", "image": "example/unknown:1", "env": [\#(Self.argoEnv)]}"#)
        #expect(throws: ClusterError.invalid("failed to look-up entrypoint/cmd for image \"example/unknown:1\", you must either explicitly specify the command, or list the image's command in the index: https://argo-workflows.readthedocs.io/en/latest/workflow-executors/#emissary-emissary: image not listed in the controller's images setting")) {
            try KubePodDecoration.decorate(pod, Self.options)
        }
    }

    /// A pod the backend refuses is not created, and its node ends `Error` with the refusal's message.
    @Test func aRefusedPodEndsItsNodeInError() async throws {
        let cluster = try makeCluster()
        let workflow = """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: refused, namespace: argo}
            spec:
              entrypoint: main
              templates: [{name: main, container: {image: example/unknown:1}}]
            """
        _ = try await cluster.create(.workflow, try YAML.loadFirst(workflow).toJSONValue())
        let decoration = PodDecoration { pod throws(ClusterError) in try KubePodDecoration.decorate(pod, Self.options) }
        let controller = try WorkflowController(cluster: cluster, podDecoration: decoration, workers: 1)
        let run = Task { await controller.run() }
        defer { run.cancel() }
        var stored: JSONValue?
        _ = try await until(seconds: 10) {
            stored = try await cluster.get(.workflow, namespace: "argo", name: "refused")
            return ["Error", "Failed"].contains(stored?["status"]?["phase"]?.stringValue ?? "")
        }
        let node = stored?["status"]?["nodes"]?["refused"]
        #expect(node?["phase"] == "Error")
        #expect(node?["message"]?.stringValue?.hasPrefix("failed to look-up entrypoint/cmd for image \"example/unknown:1\"") == true)
        #expect(stored?["status"]?["phase"] == "Error")
        #expect((try await cluster.list(.pod, namespace: "argo", labelSelector: nil)).items.isEmpty, "no pod was created")
    }
}
