import ArgumentParser
import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `delete -f` and `get-object` against a LocalCluster, with kubectl's wording.
@Suite final class DeleteFilesAndGetObjectTests {
    let directory: URL
    let cluster: LocalCluster
    let buffer = OutputBuffer()
    var env: CLIEnvironment { CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain, now: { Fixture.now }) }

    init() throws {
        (directory, cluster) = try Fixture.cluster(scratch: "argo-lite-delete-f")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let objects = ApplyCommandTests.configMap("a", ["k": "v"]) + "---\n" + ApplyCommandTests.configMap("b", ["k": "v"])
        + "---\n" + ApplyCommandTests.workflowTemplate

    func apply(_ path: String) async throws {
        #expect(try await ApplyCommand.parse(["-f", path]).execute(cluster: cluster, env: CLIEnvironment(console: .capturing(OutputBuffer()))) == 0)
    }

    @Test func deleteFileDeletesEveryObjectItNames() async throws {
        let path = try file("all.yaml", Self.objects)
        try await apply(path)
        #expect(try await DeleteCommand.parse(["-f", path]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == """
            configmap "a" deleted
            configmap "b" deleted
            workflowtemplate.argoproj.io "tmpl" deleted

            """)
        #expect(try await cluster.list(.configMap, namespace: "default", labelSelector: nil).items.isEmpty)
        #expect(try await cluster.list(.workflowTemplate, namespace: "default", labelSelector: nil).items.isEmpty)
    }

    @Test func aMissingObjectIsNotFoundAndExitsOneButTheOthersAreDeleted() async throws {
        let path = try file("all.yaml", Self.objects)
        try await apply(path)
        try await cluster.delete(.configMap, namespace: "default", name: "a")
        #expect(try await DeleteCommand.parse(["-f", path]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.out == "configmap \"b\" deleted\nworkflowtemplate.argoproj.io \"tmpl\" deleted\n")
        #expect(buffer.err == "Error from server (NotFound): error when deleting \"\(path)\": configmaps \"a\" not found\n")
    }

    @Test func ignoreNotFound() async throws {
        let path = try file("all.yaml", Self.objects)
        #expect(try await DeleteCommand.parse(["-f", path, "--ignore-not-found"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == "")
        #expect(buffer.err == "")
    }

    @Test func deleteFileTakesNoWorkflowSelection() throws {
        #expect(throws: (any Error).self) { try DeleteCommand.parse(["-f", "x.yaml", "--all"]) }
        #expect(throws: (any Error).self) { try DeleteCommand.parse([]) }
    }

    /// Every way kubectl names these kinds.
    @Test(arguments: [
        ("configmap", "a"), ("configmaps", "a"), ("cm", "a"), ("ConfigMap", "a"), ("wftmpl", "tmpl"),
        ("workflowtemplate", "tmpl"), ("workflowtemplates.argoproj.io", "tmpl"), ("secret", "s"), ("pvc", "claim"),
        ("widget.example.com", "w"), ("widgets.example.com", "w"), ("cwftmpl", "ctmpl"), ("cwf", "cron"), ("wf", "run"),
    ])
    func getObjectFindsEveryKindByItsKubectlNames(kind: String, name: String) async throws {
        let path = try file("all.yaml", Self.objects + """

            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            stringData: {k: v}
            ---
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: claim}
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            ---
            \(ApplyCommandTests.workflowTemplate.replacingOccurrences(of: "kind: WorkflowTemplate", with: "kind: ClusterWorkflowTemplate").replacingOccurrences(of: "name: tmpl", with: "name: ctmpl"))
            ---
            \(ApplyCommandTests.workflowTemplate.replacingOccurrences(of: "kind: WorkflowTemplate", with: "kind: Workflow").replacingOccurrences(of: "name: tmpl", with: "name: run"))
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: CronWorkflow
            metadata: {name: cron}
            spec:
              schedule: "* * * * *"
              workflowSpec:
                entrypoint: main
                templates: [{name: main, container: {image: alpine}}]
            """)
        try await apply(path)
        #expect(try await GetObjectCommand.parse([kind, name, "-o", "json"]).execute(cluster: cluster, env: env) == 0)
        let object = try JSONParser.parse(buffer.out)
        #expect(object["metadata"]?["name"]?.stringValue == name)
        #expect(buffer.err == "")
    }

    @Test func getObjectPrintsYAMLByDefault() async throws {
        try await apply(try file("cm.yaml", ApplyCommandTests.configMap("a", ["k": "v"])))
        #expect(try await GetObjectCommand.parse(["cm/a"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.hasPrefix("apiVersion: v1\n"))
        #expect(buffer.out.contains("\ndata:\n  k: v\n"))
        #expect(buffer.out.contains("  name: a\n  namespace: default\n"))
    }

    @Test func getObjectNotFoundIsKubectlsMessage() async throws {
        #expect(try await GetObjectCommand.parse(["configmap", "nope"]).execute(cluster: cluster, env: env) == 1)
        #expect(try await GetObjectCommand.parse(["wftmpl", "nope", "-n", "x"]).execute(cluster: cluster, env: env) == 1)
        #expect(try await GetObjectCommand.parse(["nosuchkind", "nope"]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err.hasPrefix("""
            Error from server (NotFound): configmaps "nope" not found
            Error from server (NotFound): workflowtemplates.argoproj.io "nope" not found
            error: the server doesn't have a resource type "nosuchkind"
            """))
    }
}
