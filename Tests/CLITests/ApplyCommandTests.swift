import ArgumentParser
import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `apply -f` against a LocalCluster in a temporary state directory: kubectl's output lines, the last-applied
/// annotation and the three-way merge, Secrets, and files that store nothing.
@Suite final class ApplyCommandTests {
    let directory: URL
    let cluster: LocalCluster
    let buffer = OutputBuffer()
    var env: CLIEnvironment { CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain, now: { Fixture.now }) }

    init() throws {
        (directory, cluster) = try Fixture.cluster(scratch: "argo-lite-apply")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func apply(_ args: [String]) async throws -> Int32 {
        try await ApplyCommand.parse(args).execute(cluster: cluster, env: env)
    }

    static func configMap(_ name: String, _ data: [String: String], labels: String = "") -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\n\(labels)data:\n"
            + data.keys.sorted().map { "  \($0): \"\(data[$0]!)\"\n" }.joined()
    }

    static let workflowTemplate = """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata:
          name: tmpl
        spec:
          entrypoint: main
          templates:
          - name: main
            container: {image: alpine, command: [echo, hi]}
        """

    /// The line kubectl prints for each kind, created then unchanged.
    @Test(arguments: [
        (configMap("cm", ["a": "1"]), "configmap/cm"),
        ("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  k: v\n", "secret/s"),
        ("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: claim\nspec:\n  accessModes: [ReadWriteOnce]\n",
         "persistentvolumeclaim/claim"),
        (workflowTemplate, "workflowtemplate.argoproj.io/tmpl"),
        (workflowTemplate.replacingOccurrences(of: "kind: WorkflowTemplate", with: "kind: ClusterWorkflowTemplate"),
         "clusterworkflowtemplate.argoproj.io/tmpl"),
        (workflowTemplate.replacingOccurrences(of: "kind: WorkflowTemplate", with: "kind: Workflow"), "workflow.argoproj.io/tmpl"),
        ("apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata:\n  name: c\nspec:\n  schedule: \"* * * * *\"\n"
            + "  workflowSpec:\n    entrypoint: main\n    templates:\n    - name: main\n      container: {image: alpine}\n",
         "cronworkflow.argoproj.io/c"),
        ("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 3\n", "widget.example.com/w"),
    ])
    func applyPrintsCreatedThenUnchanged(manifest: String, name: String) async throws {
        let path = try file("m.yaml", manifest)
        #expect(try await apply(["-f", path]) == 0)
        #expect(try await apply(["-f", path]) == 0)
        #expect(try await apply(["-f", path, "-o", "name"]) == 0)
        #expect(buffer.err == "")
        #expect(buffer.out == "\(name) created\n\(name) unchanged\n\(name)\n")
    }

    @Test func editingTheFileConfiguresAndRemovesADroppedKey() async throws {
        let path = try file("cm.yaml", Self.configMap("cm", ["a": "1", "b": "2"]))
        #expect(try await apply(["-f", path]) == 0)
        // someone else labels it: the next apply keeps that
        _ = try await cluster.patch(.configMap, namespace: "default", name: "cm",
                                    patch: ["metadata": ["labels": ["by": "other"]]], type: .merge)
        _ = try file("cm.yaml", Self.configMap("cm", ["a": "10", "c": "3"]))
        #expect(try await apply(["-f", path]) == 0)
        #expect(buffer.out == "configmap/cm created\nconfigmap/cm configured\n")
        let stored = try await cluster.get(.configMap, namespace: "default", name: "cm")
        #expect(stored["data"] == ["a": "10", "c": "3"])
        #expect(stored["metadata"]?["labels"] == ["by": "other"])
        #expect(stored["metadata"]?["uid"] != nil)
        let last = try #require(stored["metadata"]?["annotations"]?[ClientSideApply.annotation]?.stringValue)
        #expect(last == #"{"apiVersion":"v1","data":{"a":"10","c":"3"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"cm","namespace":"default"}}"#)
    }

    @Test func aChangeMadeByOthersToAnAppliedFieldIsPutBack() async throws {
        let path = try file("cm.yaml", Self.configMap("cm", ["a": "1"]))
        #expect(try await apply(["-f", path]) == 0)
        _ = try await cluster.patch(.configMap, namespace: "default", name: "cm", patch: ["data": ["a": "x"]], type: .merge)
        #expect(try await apply(["-f", path]) == 0)
        #expect(buffer.out.hasSuffix("configmap/cm configured\n"))
        #expect(try await cluster.get(.configMap, namespace: "default", name: "cm")["data"] == ["a": "1"])
    }

    @Test func secretStringDataIsStoredBase64EncodedInData() async throws {
        let path = try file("s.yaml", """
            apiVersion: v1
            kind: Secret
            metadata: {name: s}
            data: {kept: aGk=, over: b2xk}
            stringData: {over: new, plain: hello world}
            """)
        #expect(try await apply(["-f", path]) == 0)
        let stored = try await cluster.get(.secret, namespace: "default", name: "s")
        #expect(stored["data"] == ["kept": "aGk=", "over": "bmV3", "plain": "aGVsbG8gd29ybGQ="])
        #expect(stored["stringData"] == nil)
        // the same file again changes nothing; dropping a stringData key removes it from data
        #expect(try await apply(["-f", path]) == 0)
        _ = try file("s.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {kept: aGk=}\nstringData: {plain: hello world}\n")
        #expect(try await apply(["-f", path]) == 0)
        #expect(buffer.out == "secret/s created\nsecret/s unchanged\nsecret/s configured\n")
        #expect(try await cluster.get(.secret, namespace: "default", name: "s")["data"] == ["kept": "aGk=", "plain": "aGVsbG8gd29ybGQ="])
    }

    @Test func multiDocumentFilesDirectoriesAndNamespaces() async throws {
        _ = try file("dir/a.yaml", Self.configMap("a", ["k": "v"]) + "---\n" + Self.configMap("b", ["k": "v"]))
        _ = try file("dir/sub/c.json", #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "other"}}"#)
        _ = try file("dir/notes.txt", "not a manifest")
        let dir = directory.appendingPathComponent("dir").path
        var team = env
        team.namespace = "team"  // what `-n team` makes of the environment
        #expect(try await ApplyCommand.parse(["-f", dir]).execute(cluster: cluster, env: team) == 0)
        #expect(buffer.out == "configmap/a created\nconfigmap/b created\n")
        #expect(try await apply(["-R", "-f", dir]) == 0)
        #expect(buffer.out.hasSuffix("configmap/a created\nconfigmap/b created\nconfigmap/c created\n"))
        #expect(try await cluster.get(.configMap, namespace: "other", name: "c")["metadata"]?["name"] == "c")
        #expect(try await cluster.list(.configMap, namespace: "team", labelSelector: nil).items.count == 2)
    }

    /// Every bad file names the file and the document, says what to do, and nothing of any file is stored.
    @Test(arguments: [
        ("kind: ConfigMap\nmetadata: {name: x}\n", "error validating data: [apiVersion not set] in document 2 (line 8)"),
        ("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: not-base64!}\n",
         "document 2 (line 8): Secret \"s\" cannot be handled as a Secret: data[\"k\"]: illegal base64 data"),
        ("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {num: 1}\n", "data[\"num\"] is not a string; quote the value"),
        ("apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {generateName: x-}\nspec:\n  entrypoint: main\n"
            + "  templates: [{name: main, container: {image: alpine}}]\n", "cannot use generate name with apply"),
        ("apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: x}\n", "resource name may not be empty"),
        ("apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: t}\nspec:\n  entrypoint: nope\n"
            + "  templates: [{name: main, container: {image: alpine}}]\n", "bad.yaml:"),
        ("a: [unclosed\n", "bad.yaml:"),
    ])
    func badFilesStoreNothing(bad: String, message: String) async throws {
        let path = try file("bad.yaml", Self.configMap("first", ["k": "v"]) + "---\n" + bad)
        #expect(try await apply(["-f", path]) == 1)
        #expect(buffer.out == "")
        #expect(buffer.err.contains(message), "\(buffer.err)")
        #expect(buffer.err.contains(path))
        #expect(try await cluster.list(.configMap, namespace: "default", labelSelector: nil).items.isEmpty)
    }

    /// An object stored by other means (here: by a workflow, or `template create`) is patched, with kubectl's
    /// warning, and from then on has the annotation.
    @Test func applyingOverAnObjectNotMadeByApplyWarnsAndConfiguresIt() async throws {
        _ = try await cluster.create(.configMap, ["apiVersion": "v1", "kind": "ConfigMap",
                                                  "metadata": ["name": "cm", "namespace": "default"], "data": ["old": "1"]])
        let path = try file("cm.yaml", Self.configMap("cm", ["a": "1"]))
        #expect(try await apply(["-f", path]) == 0)
        #expect(buffer.out == "configmap/cm configured\n")
        #expect(buffer.err == "Warning: resource configmaps/cm is missing the kubectl.kubernetes.io/last-applied-configuration "
            + "annotation which is required by kubectl apply. kubectl apply should only be used on resources created "
            + "declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be "
            + "patched automatically.\n")
        // not in the last applied configuration: kept, as kubectl keeps it
        #expect(try await cluster.get(.configMap, namespace: "default", name: "cm")["data"] == ["old": "1", "a": "1"])
        #expect(try await apply(["-f", path]) == 0)
        #expect(buffer.out == "configmap/cm configured\nconfigmap/cm unchanged\n")
    }

    /// A Workflow's status, written by the controller, is not the file's: applying the file again keeps it.
    @Test func aNamedWorkflowKeepsItsStatusAcrossApplies() async throws {
        let path = try file("wf.yaml", Self.workflowTemplate.replacingOccurrences(of: "kind: WorkflowTemplate", with: "kind: Workflow"))
        #expect(try await apply(["-f", path]) == 0)
        _ = try await cluster.patch(.workflow, namespace: "default", name: "tmpl",
                                    patch: ["status": ["phase": "Running"], "metadata": ["labels": ["workflows.argoproj.io/phase": "Running"]]],
                                    type: .merge)
        #expect(try await apply(["-f", path]) == 0)
        _ = try file("wf.yaml", Self.workflowTemplate.replacingOccurrences(of: "kind: WorkflowTemplate", with: "kind: Workflow")
            .replacingOccurrences(of: "command: [echo, hi]", with: "command: [echo, bye]"))
        #expect(try await apply(["-f", path]) == 0)
        #expect(buffer.out == "workflow.argoproj.io/tmpl created\nworkflow.argoproj.io/tmpl unchanged\nworkflow.argoproj.io/tmpl configured\n")
        let stored = try await cluster.get(.workflow, namespace: "default", name: "tmpl")
        #expect(stored["status"]?["phase"] == "Running")
        #expect(stored["metadata"]?["labels"]?["workflows.argoproj.io/phase"] == "Running")
        #expect(stored["spec"]?["templates"]?[0]?["container"]?["command"] == ["echo", "bye"])
    }

    @Test func aListIsAppliedItemByItem() async throws {
        let path = try file("list.yaml", """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: ConfigMap, metadata: {name: one}, data: {k: v}}
            - {apiVersion: v1, kind: Secret, metadata: {name: two}, stringData: {k: v}}
            """)
        #expect(try await apply(["-f", path]) == 0)
        #expect(buffer.out == "configmap/one created\nsecret/two created\n")
    }

    @Test func everyProblemOfEveryFileIsReportedAtOnce() async throws {
        let a = try file("a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: x-}\n")
        let b = try file("b.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {k: \"%%\"}\n")
        #expect(try await apply(["-f", a, "-f", b]) == 1)
        let lines = buffer.err.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("error: from \(a): cannot use generate name with apply") == true)
        #expect(lines.dropFirst().first?.hasPrefix("error: \(b): document 1 (line 1): Secret \"s\" cannot be handled") == true)
        #expect(lines.last == "nothing was stored: fix the files and run the command again")
        // a lint finding in one file and a missing name in another: both
        let c = try file("c.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: x}\n---\n"
            + Self.workflowTemplate.replacingOccurrences(of: "entrypoint: main", with: "entrypoint: nope"))
        #expect(try await apply(["-f", c]) == 1)
        #expect(buffer.err.contains("resource name may not be empty"))
        #expect(buffer.err.contains("\(c):10:15: spec.entrypoint"), "\(buffer.err)")
    }

    @Test func aMissingFileSaysSo() async throws {
        #expect(try await apply(["-f", directory.appendingPathComponent("none.yaml").path]) == 1)
        #expect(buffer.err.contains("none.yaml: no such file or directory"))
    }
}
