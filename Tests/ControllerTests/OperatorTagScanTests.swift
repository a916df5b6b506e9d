import Testing
import Templates
@testable import Controller
@testable import Operator

/// The operator skips substitution for values without a `{{` tag; these pin what counts as a tag.
@Suite struct OperatorTagScanTests {
    @Test func aValueWithoutTagsNeedsNoSubstitution() {
        let task = DAGTask(name: "B", template: "t", dependencies: ["A"], when: "{ a } == {b}")
        #expect(!TagScan.needsSubstitution(task))
        #expect(!Self.fastCheck(task))
    }

    @Test(arguments: [
        DAGTask(name: "B", template: "{{inputs.parameters.t}}"),
        DAGTask(name: "B", dependencies: ["A", "{{x}}"]),
        DAGTask(name: "B", arguments: Arguments(parameters: [Parameter(name: "p", value: AnyString("{{tasks.A.outputs.result}}"))])),
        DAGTask(name: "B", withItems: [.object(["{{key}}": "v"])]),
        DAGTask(name: "B", inline: Template(nodeSelector: ["k": "{{=1}}"])),
    ])
    func aTagInAnyStringOrKeyNeedsSubstitution(_ task: DAGTask) {
        #expect(TagScan.needsSubstitution(task))
        #expect(Self.fastCheck(task))
    }

    @Test func aNonFiniteNumberTakesTheJSONPath() {
        #expect(TagScan.needsSubstitution(JSONValue.double(.nan)))
        #expect(!TagScan.needsSubstitution(JSONValue.double(1.5)))
    }

    /// `TagScan.needsSubstitution(task:)` reads these DAGTask fields itself; a new field must be added there.
    @Test func theFastTaskCheckKnowsEveryDAGTaskField() {
        let fields = Mirror(reflecting: DAGTask(name: "x")).children.compactMap(\.label)
        #expect(fields == ["name", "template", "inline", "arguments", "templateRef", "dependencies", "withItems",
                           "withParam", "withSequence", "when", "continueOn", "onExit", "depends", "hooks"])
    }

    static func fastCheck(_ task: DAGTask) -> Bool {
        TagScan.needsSubstitution(task: task)
    }

    /// `TagScan.needsSubstitution(step:)` reads these WorkflowStep fields itself; a new field must be added there.
    @Test func theFastStepCheckKnowsEveryWorkflowStepField() {
        let fields = Mirror(reflecting: WorkflowStep(name: "x")).children.compactMap(\.label)
        #expect(fields == ["name", "template", "inline", "arguments", "templateRef", "withItems", "withParam",
                           "withSequence", "when", "continueOn", "onExit", "hooks"])
    }

    @Test(arguments: [
        (WorkflowStep(name: "s", template: "t"), false),
        (WorkflowStep(name: "s", template: "t", when: "{ a } == {b}"), false),
        (WorkflowStep(name: "s", template: "{{inputs.parameters.t}}"), true),
        (WorkflowStep(name: "s", when: "{{steps.a.outputs.result}} == x"), true),
        (WorkflowStep(name: "s", arguments: Arguments(parameters: [Parameter(name: "p", value: AnyString("{{item}}"))])), true),
        (WorkflowStep(name: "s", inline: Template(nodeSelector: ["k": "{{=1}}"])), true),
    ])
    func theFastStepCheckAgreesWithTheFullScan(_ step: WorkflowStep, _ tagged: Bool) {
        #expect(TagScan.needsSubstitution(step) == tagged)
        #expect(TagScan.needsSubstitution(step: step) == tagged)
        let tmpl = Template(name: "m", steps: [[WorkflowStep(name: "a", template: "t")], [step]])
        #expect(TagScan.needsSubstitution(template: tmpl) == tagged)
        #expect(TagScan.needsSubstitution(tmpl) == tagged)
    }

    @Test func aStepsTemplateIsSubstitutedStepByStepAsAWhole() throws {
        let tmpl = Template(name: "m", steps: [[WorkflowStep(name: "a", template: "t")],
                                               [WorkflowStep(name: "b", template: "{{x}}", when: "{{y}} == 1"),
                                                WorkflowStep(name: "c", template: "t")]])
        let scope = ["x": "tx", "y": "1"]
        #expect(try Placeholders.substituteTemplate(tmpl, scope) == Placeholders.substitute(tmpl, scope))
        #expect(try Placeholders.substituteTemplate(tmpl, scope).steps?[1][0].template == "tx")
    }
}
