import Foundation
import Testing
import Templates
@testable import Controller
@testable import Operator
@testable import Reconciler

/// A workflow that runs a WorkflowTemplate, and the templates a pass needs: found in the informers' caches or read
/// directly when the caches have not seen them yet, and an Error naming the template when it does not exist.
@Suite struct WorkflowTemplateRefTests {
    static let fromTemplate = """
    {"metadata": {"name": "from-template-x", "namespace": "argo", "uid": "u-1"},
     "spec": {"workflowTemplateRef": {"name": "brief"}}}
    """

    static func template(_ name: String, steps: String = "") throws -> WorkflowTemplate {
        try JSONDecoder().decode(WorkflowTemplate.self, from: Data("""
        {"metadata": {"name": "\(name)", "namespace": "argo"},
         "spec": {"entrypoint": "main", "templates": [\(steps.isEmpty
            ? #"{"name": "main", "container": {"image": "alpine:3.20", "command": ["true"]}}"#
            : #"{"name": "main", "steps": [[{"name": "a", "templateRef": {"name": "\#(steps)", "template": "main"}}]]}"#)]}}
        """.utf8))
    }

    @Test func aReferencedTemplateRunsAsTheWorkflowsSpec() throws {
        var k = try FakeKubelet(json: Self.fromTemplate, templates: TemplateCatalog(workflowTemplates: ["brief": try Self.template("brief")]))
        k.run()
        #expect(k.status.phase == .succeeded)
        #expect(k.createdPods == ["from-template-x"])
    }

    /// Argo marks the workflow Error with the API server's NotFound message when it cannot load the stored spec.
    @Test(arguments: [
        (#"{"name": "brief"}"#, #"workflowtemplates.argoproj.io "brief" not found"#),
        (#"{"name": "brief", "clusterScope": true}"#, #"clusterworkflowtemplates.argoproj.io "brief" not found"#),
    ])
    func aMissingTemplateIsAnErrorNamingIt(ref: String, message: String) throws {
        var k = try FakeKubelet(json: Self.fromTemplate.replacingOccurrences(of: #"{"name": "brief"}"#, with: ref))
        k.run()
        #expect(k.status.phase == .error)
        #expect(k.status.message == message)
        #expect(k.createdPods.isEmpty)
    }

    @Test func missingReferencesNameWhatTheCatalogLacks() throws {
        let spec = try JSONDecoder().decode(WorkflowSpec.self, from: Data("""
        {"workflowTemplateRef": {"name": "base"}, "templates": [
          {"name": "s", "steps": [[{"name": "a", "templateRef": {"name": "held", "template": "t"}},
                                   {"name": "b", "templateRef": {"name": "shared", "template": "t", "clusterScope": true}}]]},
          {"name": "d", "dag": {"tasks": [{"name": "c", "templateRef": {"name": "other", "template": "t"}},
                                          {"name": "e", "templateRef": {"name": "{{inputs.parameters.lib}}", "template": "t"}}]}}]}
        """.utf8))
        let catalog = TemplateCatalog(workflowTemplates: ["held": try Self.template("held")])
        #expect(catalog.missingReferences(of: spec) == [
            .init(name: "base", clusterScope: false), .init(name: "shared", clusterScope: true),
            .init(name: "other", clusterScope: false),
        ])
    }

    /// The informers of a controller that has not run hold nothing, as when a template was created just before the
    /// workflow that runs it: the catalog reads what the spec names, and what that names in turn.
    @Test func templatesTheCachesHaveNotSeenAreReadDirectly() async throws {
        let cluster = try makeCluster()
        for t in [try Self.template("brief", steps: "inner"), try Self.template("inner")] {
            _ = try await cluster.create(.workflowTemplate, try JSONValue(encoding: t))
        }
        let controller = try WorkflowController(cluster: cluster, workers: 1)
        let workflow = try JSONDecoder().decode(Workflow.self, from: Data(Self.fromTemplate.utf8))
        let catalog = await controller.templateCatalog(for: workflow.spec, namespace: "argo")
        #expect(catalog.workflowTemplates.keys.sorted() == ["brief", "inner"])
        let elsewhere = await controller.templateCatalog(for: workflow.spec, namespace: "other")
        #expect(elsewhere.workflowTemplates.isEmpty, "a namespace's templates are its own")
    }
}
