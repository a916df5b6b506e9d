import Controller
import Foundation
import Templates
import Testing
@testable import argo_lite

@Suite struct GetRenderingTests {
    func render(_ wf: JSONValue, _ mode: WorkflowPrinter.Mode = .normal, style: Style = .plain) -> String {
        var p = WorkflowPrinter(style: style, now: Fixture.now)
        p.mode = mode
        return p.render(WorkflowView(wf))
    }

    @Test func stepsWorkflowPrintsSummaryAndTreeAsArgoGet() {
        let expected = [
            "Name:                steps-x",
            "Namespace:           default",
            "ServiceAccount:      unset (will run with the default ServiceAccount)",
            "Status:              Succeeded",
            "Conditions:          ",
            " PodRunning          False",
            " Completed           True",
            "Created:             Fri Mar 01 10:00:00 +0000 (5 minutes ago)",
            "Started:             Fri Mar 01 10:00:00 +0000 (5 minutes ago)",
            "Finished:            Fri Mar 01 10:00:23 +0000 (4 minutes ago)",
            "Duration:            23 seconds",
            "Progress:            3/3",
            "Parameters:          ",
            "  message:           hello",
            "",
            "STEP               TEMPLATE           PODNAME                          DURATION  MESSAGE",
            " ✔ steps-x         hello-hello-hello                                                                  ",
            " ├───✔ hello1      whalesay           steps-x-whalesay-2543571026      5s                             ",
            " └─┬─✔ hello2a     whalesay           steps-x-whalesay-518230251       5s                             ",
            "   └─✖ hello2b     whalesay           steps-x-whalesay-535007870       7s        Error (exit code 1)  ",
            "                                                                                                      ",
            " ✔ steps-x.onExit  exit-handler       steps-x-exit-handler-4274954576  3s                             ",
            "",
        ].joined(separator: "\n")
        #expect(render(Fixture.steps) == expected)
    }

    @Test func shortOutputIsTheTreeWithANodeNameColumn() {
        let out = render(Fixture.steps, .short)
        #expect(out.hasPrefix("STEP "))
        #expect(out.contains("NODENAME\n"))
        #expect(!out.contains("Name:"))
    }

    @Test func asciiModeUsesArgoNoUtf8Branches() {
        var style = Style.plain
        style.utf8 = false
        let out = render(Fixture.steps, style: style)
        #expect(out.contains(" |---Succeeded hello1 "))
        #expect(out.contains(" `-+-Succeeded hello2a "))
        #expect(out.contains("   `-Failed hello2b "))
    }

    @Test func colourWrapsIconsAndTheStepHeader() {
        var style = Style.plain
        style.color = true
        let out = render(Fixture.steps, style: style)
        #expect(out.contains("\u{1B}[39mSTEP\u{1B}[0m"))
        #expect(out.contains(" ├───\u{1B}[32m✔\u{1B}[0m hello1"))
    }

    @Test func dagTasksRenderFlatUnderTheDagInStartOrder() {
        let wf = "dag-d"
        let obj = Fixture.workflow(wf, phase: "Running", finish: nil, nodes: [
            Fixture.node(wf, wf, type: "DAG", phase: "Running", template: "diamond", start: 0),
            Fixture.node(wf, "dag-d.D", type: "Pod", phase: "Pending", display: "D", template: "echo", boundary: wf, start: 10),
            Fixture.node(wf, "dag-d.C", type: "Pod", phase: "Running", display: "C", template: "echo", boundary: wf, start: 5),
            Fixture.node(wf, "dag-d.B", type: "Pod", display: "B", template: "echo", boundary: wf, start: 5, finish: 9),
            Fixture.node(wf, "dag-d.A", type: "Pod", display: "A", template: "echo", boundary: wf, start: 0, finish: 5),
        ])
        let rows = render(obj).split(separator: "\n").drop { !$0.hasPrefix("STEP") }.map { String($0.prefix(8)) }
        #expect(rows == ["STEP    ", " ● dag-d", " ├─✔ A  ", " ├─✔ B  ", " ├─● C  ", " └─◷ D  "])
        // a running pod's duration runs to now
        #expect(render(obj).contains("dag-d-echo-\(NodeNames.fnv32a("dag-d.C"))  4m55s") == false)
        #expect(render(obj).contains("dag-d-echo-\(NodeNames.fnv32a("dag-d.C"))  4m "))
    }

    @Test func singleAttemptRetryIsHiddenAndSuspendNodesShowTheSuspendIcon() {
        let wf = "r"
        let obj = Fixture.workflow(wf, phase: "Running", finish: nil, nodes: [
            Fixture.node(wf, wf, type: "Steps", phase: "Running", template: "main", children: ["r[0]"], start: 0),
            Fixture.node(wf, "r[0]", type: "StepGroup", phase: "Running", display: "[0]", boundary: wf,
                         children: ["r[0].flaky", "r[0].approve"], start: 0),
            Fixture.node(wf, "r[0].flaky", type: "Retry", phase: "Running", display: "flaky", template: "flaky",
                         boundary: wf, children: ["r[0].flaky(0)"], start: 0),
            Fixture.node(wf, "r[0].flaky(0)", type: "Pod", phase: "Running", display: "flaky(0)", template: "flaky",
                         boundary: wf, start: 0),
            Fixture.node(wf, "r[0].approve", type: "Suspend", phase: "Running", display: "approve", template: "approve",
                         boundary: wf, start: 1),
        ])
        let out = render(obj)
        #expect(out.contains("Status:              Running (Suspended)\n"))
        #expect(out.contains(" └─┬─● flaky(0)  "))
        #expect(out.contains("   └─ǁ approve   "))
        #expect(!out.contains("● flaky  "))
    }

    @Test func omittedNodesAreNotPrintedAndNoTreeWithoutTheRootNode() {
        let wf = "o"
        let obj = Fixture.workflow(wf, nodes: [
            Fixture.node(wf, wf, type: "DAG", template: "main", start: 0, finish: 3),
            Fixture.node(wf, "o.skip", type: "Skipped", phase: "Omitted", display: "skip", boundary: wf, start: 1),
            Fixture.node(wf, "o.when", type: "Skipped", phase: "Skipped", display: "when", boundary: wf, start: 1,
                         message: "when 'false' evaluated false"),
        ])
        let out = render(obj)
        #expect(!out.contains("skip"))
        #expect(out.contains(" └─○ when"))
        let pending = Fixture.workflow("p", phase: "", start: nil)
        #expect(!render(pending).contains("STEP"))
        #expect(render(pending).contains("Status:              Pending\n"))
    }

    @Test func nodeFieldSelectorHidesOtherNodes() throws {
        var p = WorkflowPrinter(style: .plain, now: Fixture.now)
        p.nodeSelector = try FieldSelector("phase=Failed")
        let out = p.render(WorkflowView(Fixture.steps))
        #expect(out.contains("✖ hello2b"))
        #expect(!out.contains("hello1"))
    }

    /// argo's own get_test.go `IndexOrdering`: loop children that start together sort by their index.
    @Test func loopItemsStartingTogetherSortByIndex() {
        let wf = "many-items-z26lj"
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        let finish = [48, 53, 51, 54, 50, 47, 56, 57, 42, 40, 45, 44, 59]
        var nodes = [
            Fixture.node(wf, wf, type: "Steps", template: "parallel-sleep", children: ["\(wf)[0]"], start: 0, finish: 40),
            Fixture.node(wf, "\(wf)[0]", type: "StepGroup", display: "[0]", template: "parallel-sleep", boundary: wf,
                         children: words.indices.map { "\(wf)[0].sleep(\($0):\(words[$0]))" }, start: 0, finish: 40),
        ]
        for (i, w) in words.enumerated() {
            nodes.append(Fixture.node(wf, "\(wf)[0].sleep(\(i):\(w))", type: "Pod", phase: nil, display: "sleep(\(i):\(w))",
                                      template: "sleep", boundary: wf, start: i >= 10 ? 1 : 0, finish: finish[i] - 21))
        }
        var obj = Fixture.workflow(wf, finish: 40, nodes: nodes)
        obj["metadata"]?["annotations"] = ["workflows.argoproj.io/pod-name-format": "v1"]
        let out = render(obj)
        #expect(out.contains("""
               ├─ sleep(9:nine)     sleep           many-items-z26lj-2619926859  19s         
               ├─ sleep(10:ten)     sleep           many-items-z26lj-1052882686  23s         
               ├─ sleep(11:eleven)  sleep           many-items-z26lj-3011405271  22s
            """))
        #expect(out.contains(" └─┬─ sleep(0:zero) "))
    }
}

@Suite struct TypedWorkflowRenderingTests {
    /// The typed spec model and the stored JSON render the same: the printer reads Argo's field names.
    @Test func typedWorkflowRendersLikeItsJson() throws {
        let typed = try JSONBridge.decode(Workflow.self, from: Fixture.steps)
        #expect(typed.status?.nodes?.count == 7)
        let printer = WorkflowPrinter(style: .plain, now: Fixture.now)
        #expect(printer.render(try WorkflowView(typed)) == printer.render(WorkflowView(Fixture.steps)))
    }
}
