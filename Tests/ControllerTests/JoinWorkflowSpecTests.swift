import Testing
import Templates
@testable import Controller
@testable import Operator

/// A Workflow that runs a WorkflowTemplate runs with its own spec laid over the template's, as Argo's
/// `JoinWorkflowSpec` lays it (a strategic merge patch): nothing of either is dropped.
struct JoinWorkflowSpecTests {
    static func spec(_ yaml: String) throws -> WorkflowSpec {
        try YAML.loadFirst(yaml).toJSONValue().decode(WorkflowSpec.self)
    }

    static let template = """
        entrypoint: main
        arguments: {parameters: [{name: a, value: "1"}, {name: b, value: "2"}]}
        volumes: [{name: work, emptyDir: {}}]
        archiveLogs: true
        nodeSelector: {disk: ssd}
        templates:
        - name: main
          container: {image: alpine, command: [echo, template], env: [{name: FIRST, value: "1"}]}
        - name: other
          container: {image: alpine}
        """

    @Test func theWorkflowsFieldsWinAndNothingIsDropped() throws {
        let joined = JoinWorkflowSpec.join(workflow: try Self.spec("""
            workflowTemplateRef: {name: t}
            arguments: {parameters: [{name: b, value: "20"}, {name: c, value: "3"}], artifacts: [{name: r, raw: {data: x}}]}
            volumes: [{name: extra, emptyDir: {}}]
            parallelism: 2
            nodeSelector: {zone: a}
            templates:
            - name: main
              container: {command: [echo, workflow], env: [{name: SECOND, value: "2"}]}
            """), onto: try Self.spec(Self.template))
        #expect(joined.workflowTemplateRef == nil)
        #expect(joined.entrypoint == "main")
        #expect(joined.parallelism == 2)
        #expect(joined.archiveLogs == true, "a field only the template sets stays")
        #expect(joined.arguments?.parameters?.map { "\($0.name ?? "")=\($0.value.map { "\($0)" } ?? "")" } == ["a=1", "b=20", "c=3"])
        #expect(joined.arguments?.artifacts?.map { $0.name } == ["r"])
        #expect(joined.volumes?.map(\.name) == ["work", "extra"])
        #expect(joined.nodeSelector == ["disk": "ssd", "zone": "a"])
        let main = joined.templates?.first { $0.name == "main" }
        #expect(main?.container?.image == "alpine", "a template is merged field by field, by name")
        #expect(main?.container?.command == ["echo", "workflow"], "a list without a merge key is replaced")
        #expect(main?.container?.env?.map(\.name) == ["FIRST", "SECOND"], "env merges by name")
        #expect(joined.templates?.map(\.name) == ["main", "other"])
    }

    @Test func aNullRemovesWhatTheTemplateSet() throws {
        let workflow = try YAML.loadFirst("workflowTemplateRef: {name: t}\nnodeSelector: null").toJSONValue()
        let joined = JoinWorkflowSpec.merge(workflow, onto: try YAML.loadFirst(Self.template).toJSONValue())
        #expect(joined["nodeSelector"] == nil)
        #expect(joined["entrypoint"]?.stringValue == "main")
    }
}
