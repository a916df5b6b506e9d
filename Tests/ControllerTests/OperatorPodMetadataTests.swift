import Foundation
import Testing
import Templates
@testable import Controller

/// A pod carries `spec.podMetadata` and its template's `metadata` labels and annotations (the template's win),
/// after Argo's own, as Argo's `addMetadata` puts them.
@Suite struct OperatorPodMetadataTests {
    static let workflow = """
    {"metadata": {"name": "meta", "namespace": "argo", "uid": "u-1"},
     "spec": {"entrypoint": "main",
       "podMetadata": {"labels": {"team": "data", "tier": "batch"}, "annotations": {"owner": "wf"}},
       "templates": [
         {"name": "main", "metadata": {"labels": {"tier": "web", "should-be-deleted": "true"}, "annotations": {"note": "{{workflow.name}}"}},
          "container": {"image": "alpine", "command": ["true"]}}]}}
    """

    @Test func podsCarryTheWorkflowsAndTheTemplatesLabelsAndAnnotations() throws {
        var k = try FakeKubelet(json: Self.workflow)
        let pass = k.pass()
        guard case .createPod(let pod)? = pass.actions.first(where: { if case .createPod = $0 { true } else { false } }) else {
            Issue.record("no pod created"); return
        }
        #expect(pod["metadata"]?["labels"] == [
            "workflows.argoproj.io/workflow": "meta", "workflows.argoproj.io/completed": "false",
            "should-be-deleted": "true", "team": "data", "tier": "web",
        ])
        #expect(pod["metadata"]?["annotations"] == [
            "workflows.argoproj.io/node-id": "meta", "workflows.argoproj.io/node-name": "meta",
            "note": "meta", "owner": "wf",
        ])
    }
}
