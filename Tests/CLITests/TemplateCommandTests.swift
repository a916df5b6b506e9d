import ArgumentParser
import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `template` and `cluster-template` (create, get, list, update, delete, lint) and `submit --from`, against a
/// LocalCluster in a temporary state directory, printing what argo prints.
@Suite final class TemplateCommandTests {
    typealias Namespaced = NamespacedTemplates
    typealias ClusterScoped = ClusterTemplates
    let directory: URL
    let cluster: LocalCluster
    let buffer = OutputBuffer()
    var env: CLIEnvironment { CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain, now: { Fixture.now }) }

    init() throws {
        (directory, cluster) = try Fixture.cluster(scratch: "argo-lite-templates")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static func template(_ name: String, kind: String = "WorkflowTemplate", step: String = "print") -> String {
        """
        apiVersion: argoproj.io/v1alpha1
        kind: \(kind)
        metadata:
          name: \(name)
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: a
                template: \(step)
          - name: print
            container: {image: alpine, command: [echo, hi]}
        """
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func names(_ resource: ResourceKind, namespace: String? = "default") async throws -> [String] {
        try await cluster.list(resource, namespace: namespace, labelSelector: nil).items
            .compactMap { $0["metadata"]?["name"]?.stringValue }.sorted()
    }

    @Test func createGetListAndDeleteWorkflowTemplates() async throws {
        let path = try file("t.yaml", Self.template("first") + "\n---\n" + Self.template("second-template"))
        #expect(try await TemplateWriteCommand<Namespaced, CreateTemplates>.parse([path]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == """
            Name:                first
            Namespace:           default
            Created:             Fri Mar 01 10:00:00 +0000 (5 minutes ago)
            Name:                second-template
            Namespace:           default
            Created:             Fri Mar 01 10:00:00 +0000 (5 minutes ago)

            """)
        #expect(try await names(.workflowTemplate) == ["first", "second-template"])

        #expect(try await TemplateListCommand<Namespaced>.parse([]).execute(cluster: cluster, env: env) == 0)
        #expect(try await TemplateListCommand<Namespaced>.parse(["-A"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await TemplateGetCommand<Namespaced>.parse(["second-template", "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.hasSuffix("""
            NAME
            first             
            second-template   
            NAMESPACE   NAME
            default     first             
            default     second-template   
            second-template

            """))

        #expect(try await TemplateDeleteCommand<Namespaced>.parse(["first"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.hasSuffix("WorkflowTemplate 'first' deleted\n"))
        #expect(try await TemplateGetCommand<Namespaced>.parse(["first"]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err == "workflowtemplates.argoproj.io \"first\" not found\n")
        #expect(try await TemplateDeleteCommand<Namespaced>.parse(["--all"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await names(.workflowTemplate).isEmpty)
    }

    @Test func aFileWithAFindingStoresNothing() async throws {
        let path = try file("t.yaml", Self.template("good") + "\n---\n" + Self.template("bad", step: "missing"))
        #expect(try await TemplateWriteCommand<Namespaced, CreateTemplates>.parse([path]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err.hasPrefix("Failed to create workflow template: \(path):"))
        #expect(buffer.err.contains("in \"bad\" (WorkflowTemplate): templates.main.steps[0].a template name 'missing' undefined"))
        #expect(try await names(.workflowTemplate).isEmpty)
    }

    @Test(arguments: [
        ("workflow: not a template", "No workflow template found in given files\n"),
        ("stored twice", "Failed to create workflow template: workflowtemplates.argoproj.io \"t\" already exists\n"),
    ])
    func createRefuses(_ case: String, _ message: String) async throws {
        if `case` == "stored twice" {
            _ = try await TemplateWriteCommand<Namespaced, CreateTemplates>.parse([try file("t.yaml", Self.template("t"))]).execute(cluster: cluster, env: env)
        }
        let text = `case` == "stored twice" ? Self.template("t")
            : "apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  entrypoint: main\n  templates:\n  - name: main\n    container: {image: alpine}\n"
        #expect(try await TemplateWriteCommand<Namespaced, CreateTemplates>.parse([try file("u.yaml", text)]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err == message)
    }

    @Test func updateReplacesTheStoredSpec() async throws {
        _ = try await TemplateWriteCommand<Namespaced, CreateTemplates>.parse([try file("t.yaml", Self.template("t"))]).execute(cluster: cluster, env: env)
        let changed = Self.template("t").replacingOccurrences(of: "echo, hi", with: "echo, bye")
        #expect(try await TemplateWriteCommand<Namespaced, UpdateTemplates>.parse([try file("u.yaml", changed), "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        let stored = try await cluster.get(.workflowTemplate, namespace: "default", name: "t")
        #expect(stored["spec"]?["templates"]?[1]?["container"]?["command"] == ["echo", "bye"])
        let missing = Self.template("other")
        #expect(try await TemplateWriteCommand<Namespaced, UpdateTemplates>.parse([try file("v.yaml", missing)]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err == "Failed to update workflow template: workflowtemplates.argoproj.io \"other\" not found\n")
    }

    @Test func clusterTemplatesHaveNoNamespace() async throws {
        let path = try file("c.yaml", Self.template("shared", kind: "ClusterWorkflowTemplate"))
        #expect(try await TemplateWriteCommand<ClusterScoped, CreateTemplates>.parse([path]).execute(cluster: cluster, env: env) == 0)
        #expect(try await TemplateListCommand<ClusterScoped>.parse(["-A"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await TemplateDeleteCommand<ClusterScoped>.parse(["shared"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out == """
            Name:                shared
            Created:             Fri Mar 01 10:00:00 +0000 (5 minutes ago)
            NAME
            shared   
            ClusterWorkflowTemplate 'shared' deleted

            """)
        #expect(try await names(.clusterWorkflowTemplate, namespace: nil).isEmpty)
    }

    /// argo-server validates a submitted workflow's templateRefs against the stored templates.
    @Test func submitFindsTemplateRefsAmongStoredTemplates() async throws {
        let workflow = try file("w.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {generateName: uses-}
            spec:
              entrypoint: main
              templates:
              - name: main
                steps:
                - - name: a
                    templateRef: {name: lib, template: print}
            """)
        #expect(try await SubmitCommand.parse([workflow, "-o", "name"]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err.contains("couldn't find workflow template \"lib\""))
        _ = try await TemplateWriteCommand<Namespaced, CreateTemplates>.parse([try file("t.yaml", Self.template("lib"))]).execute(cluster: cluster, env: env)
        #expect(try await SubmitCommand.parse([workflow, "-o", "name"]).execute(cluster: cluster, env: env) == 0)
        #expect(try await names(.workflow).count == 1)
    }

    @Test(arguments: [("workflowtemplate/lib", false), ("cwftmpl/lib", true)])
    func submitFromAStoredTemplate(from: String, clusterScope: Bool) async throws {
        let (command, kind) = clusterScope ? ("cluster", "ClusterWorkflowTemplate") : ("namespaced", "WorkflowTemplate")
        let path = try file("\(command).yaml", Self.template("lib", kind: kind))
        let created = clusterScope
            ? try await TemplateWriteCommand<ClusterScoped, CreateTemplates>.parse([path]).execute(cluster: cluster, env: env)
            : try await TemplateWriteCommand<Namespaced, CreateTemplates>.parse([path]).execute(cluster: cluster, env: env)
        #expect(created == 0)
        #expect(try await SubmitCommand.parse(["--from", from, "-o", "name", "-l", "team=a"]).execute(cluster: cluster, env: env) == 0)
        let wf = try #require(try await cluster.list(.workflow, namespace: "default", labelSelector: nil).items.first)
        let name = try #require(wf["metadata"]?["name"]?.stringValue)
        #expect(name.hasPrefix("lib-") && buffer.out.hasSuffix(name + "\n"))
        let label = clusterScope ? "workflows.argoproj.io/cluster-workflow-template" : "workflows.argoproj.io/workflow-template"
        #expect(wf["metadata"]?["labels"] == [label: "lib", "team": "a"])
        #expect(wf["spec"]?["workflowTemplateRef"] == (clusterScope ? ["name": "lib", "clusterScope": true] : ["name": "lib"]))
    }

    @Test func submitFromAMissingTemplateStoresNothing() async throws {
        #expect(try await SubmitCommand.parse(["--from", "wftmpl/nope"]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err == "Failed to submit workflow: workflowtemplates.argoproj.io \"nope\" not found\n")
        #expect(try await names(.workflow).isEmpty)
    }

    @Test(arguments: ["pod/x", "workflowtemplate", "workflowtemplate/", "cronwf/"])
    func submitFromRefusesWhatItCannotRun(_ from: String) {
        #expect(throws: (any Error).self) { try SubmitCommand.parse(["--from", from]) }
    }

    @Test func templateLintLintsOnlyItsKind() throws {
        let path = try file("mixed.yaml", Self.template("fine") + """

            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata: {name: broken}
            spec: {entrypoint: nowhere, templates: [{name: main, container: {image: alpine}}]}
            """)
        #expect(try LintCommand.lint(paths: [path], output: "simple", strict: true).exitCode == 1)
        #expect(try LintCommand.lint(paths: [path], output: "simple", strict: true, kinds: ["WorkflowTemplate"]).exitCode == 0)
    }
}
