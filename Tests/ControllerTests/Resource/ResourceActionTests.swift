import Foundation
import Templates
import Testing
import TestSupport
@testable import Controller
@testable import ClusterAPI
@testable import LocalStore
@testable import ResourceTemplates

/// A fresh local store and the workflow context a resource pod would have.
struct ResourceFixture {
    let directory: URL
    let cluster: LocalCluster
    let context = ResourceContext(workflowName: "wf-1", workflowUID: "uid-123", namespace: "argo", podName: "wf-1-main-1")

    init() throws {
        directory = ScratchDirectory.url("resource")
        cluster = try LocalCluster(directory: directory)
    }

    func template(_ action: String, _ manifest: String, extra: JSONObject = [:], outputs: [JSONValue] = []) -> JSONValue {
        var resource: JSONObject = ["action": .string(action), "manifest": .string(manifest)]
        for (k, v) in extra { resource[k] = v }
        var t: JSONObject = ["name": "main", "resource": .object(resource)]
        if !outputs.isEmpty { t["outputs"] = ["parameters": .array(outputs)] }
        return .object(t)
    }

    func perform(_ template: JSONValue) async throws(ResourceActionError) -> ResourceOutcome {
        try await ResourceAction.perform(template: template, cluster: cluster, context: context)
    }

    func cleanup() { try? FileManager.default.removeItem(at: directory) }
}

let configMapManifest = """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
    data:
      color: blue
    """

@Suite struct ResourceActionTests {
    @Test func createStoresTheManifestInTheWorkflowNamespace() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        let outcome = try await f.perform(f.template("create", configMapManifest))
        #expect(outcome.resourceName == "configmap./settings")
        let stored = try await f.cluster.get(.configMap, namespace: "argo", name: "settings")
        #expect(stored["data"]?["color"] == "blue")
    }

    @Test func createOfAnExistingObjectFailsAsKubectlDoes() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        _ = try await f.perform(f.template("create", configMapManifest))
        await #expect(throws: ResourceActionError.server(
            "no more retries Error from server (AlreadyExists): error when creating \"/tmp/manifest.yaml\": configmaps \"settings\" already exists"
        )) { try await f.perform(f.template("create", configMapManifest)) }
    }

    @Test func applyCreatesThenMergesIntoTheExistingObject() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        _ = try await f.perform(f.template("apply", configMapManifest))
        let changed = configMapManifest.replacingOccurrences(of: "color: blue", with: "size: large")
        let outcome = try await f.perform(f.template("apply", changed))
        #expect(outcome.object?["data"] == ["color": "blue", "size": "large"])
    }

    @Test func replaceNeedsTheObjectAndSwapsItsContent() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        await #expect(throws: ResourceActionError.self) { try await f.perform(f.template("replace", configMapManifest)) }
        _ = try await f.perform(f.template("create", configMapManifest))
        let changed = configMapManifest.replacingOccurrences(of: "color: blue", with: "size: large")
        let outcome = try await f.perform(f.template("replace", changed))
        #expect(outcome.object?["data"] == ["size": "large"])
    }

    @Test func getReadsTheObjectAndFailsWhenItIsMissing() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        await #expect(throws: ResourceActionError.server(
            "no more retries Error from server (NotFound): configmaps \"settings\" not found"
        )) { try await f.perform(f.template("get", configMapManifest)) }
        _ = try await f.perform(f.template("create", configMapManifest))
        let outcome = try await f.perform(f.template("get", configMapManifest))
        #expect(outcome.object?["data"]?["color"] == "blue")
    }

    @Test func deleteIgnoresAMissingObject() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        _ = try await f.perform(f.template("create", configMapManifest))
        _ = try await f.perform(f.template("delete", configMapManifest))
        await #expect(throws: ClusterError.self) { try await f.cluster.get(.configMap, namespace: "argo", name: "settings") }
        let again = try await f.perform(f.template("delete", configMapManifest))
        #expect(again.object == nil)
    }

    @Test func deleteWithFlagsRemovesWhatTheSelectorMatches() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        for (name, cleanup) in [("a", "true"), ("b", "true"), ("c", "false")] {
            _ = try await f.cluster.create(.configMap, [
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": ["name": .string(name), "namespace": "argo", "labels": ["cleanup": .string(cleanup)]],
            ])
        }
        _ = try await f.perform(f.template("delete", "", extra: ["flags": ["configmap", "--selector", "cleanup=true"]]))
        let left = try await f.cluster.list(.configMap, namespace: "argo", labelSelector: nil)
        #expect(left.items.compactMap { $0["metadata"]?["name"]?.stringValue } == ["c"])
    }

    @Test func deleteRejectsConditionsAndOutputs() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        await #expect(throws: ResourceActionError.badTemplate(
            "successCondition, failureCondition and outputs are not supported for delete action"
        )) { try await f.perform(f.template("delete", configMapManifest, extra: ["successCondition": "a=b"])) }
    }

    @Test(arguments: ["strategic", "merge"])
    func patchMergesTheManifestIntoTheNamedObject(strategy: String) async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        _ = try await f.perform(f.template("create", configMapManifest))
        let patch = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  annotations:\n    foo: bar\n"
        let outcome = try await f.perform(f.template("patch", patch, extra: ["mergeStrategy": .string(strategy)]))
        #expect(outcome.object?["metadata"]?["annotations"]?["foo"] == "bar")
        #expect(outcome.object?["data"]?["color"] == "blue")
    }

    @Test func jsonPatchTargetsTheTypeAndNameInFlags() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        _ = try await f.perform(f.template("create", configMapManifest))
        let patch = "- op: add\n  path: /metadata/annotations\n  value: {foo: bar}\n"
        let outcome = try await f.perform(f.template(
            "patch", patch, extra: ["mergeStrategy": "json", "flags": ["configmap", "settings"]]))
        #expect(outcome.object?["metadata"]?["annotations"] == ["foo": "bar"])
    }

    @Test func setOwnerReferenceMakesTheWorkflowTheController() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        let manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: owned-eg-\ndata:\n  some: value\n"
        let outcome = try await f.perform(f.template("create", manifest, extra: ["setOwnerReference": true]))
        #expect(outcome.object?["metadata"]?["ownerReferences"] == [[
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow", "name": "wf-1", "uid": "uid-123",
            "controller": true, "blockOwnerDeletion": true,
        ]])
        #expect(outcome.object?["metadata"]?["name"]?.stringValue?.hasPrefix("owned-eg-") == true)
    }

    @Test func outputParametersReadJSONPathFromTheCreatedObject() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        let outputs: [JSONValue] = [
            ["name": "name", "valueFrom": ["jsonPath": "{.metadata.name}"]],
            ["name": "color", "valueFrom": ["jsonPath": "color={.data.color}"]],
        ]
        let outcome = try await f.perform(f.template("create", configMapManifest, outputs: outputs))
        #expect(outcome.parameters == [
            ["name": "name", "value": "settings", "valueFrom": ["jsonPath": "{.metadata.name}"]],
            ["name": "color", "value": "color=blue", "valueFrom": ["jsonPath": "color={.data.color}"]],
        ])
    }

    @Test func unknownActionNamesTheField() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        await #expect(throws: ResourceActionError.badTemplate(
            "resource.action \"frobnicate\" is not one of get, create, apply, delete, replace, patch"
        )) { try await f.perform(f.template("frobnicate", configMapManifest)) }
    }
}
