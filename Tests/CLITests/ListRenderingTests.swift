import Controller
import Foundation
import Templates
import Testing
@testable import argo_lite

@Suite struct ListRenderingTests {
    func table(_ wfs: [JSONValue], wide: Bool = false) -> String {
        WorkflowTable(style: .plain, now: Fixture.now, wide: wide).render(WorkflowTable.sorted(wfs.map(WorkflowView.init)))
    }

    @Test func columnsAndOrderMatchArgoList() {
        var running = Fixture.workflow("running-b", phase: "Running", start: 200, finish: nil, created: 200)
        running["spec"]?["priority"] = 5
        let older = Fixture.workflow("done-old", finish: 30, created: 0)
        let newer = Fixture.workflow("done-new", phase: "Failed", start: 100, finish: 160,
                                     status: ["message": "child 'x' failed"], created: 100)
        let pending = Fixture.workflow("fresh", phase: "", start: nil, created: 290)
        let expected = [
            "NAME        STATUS      AGE   DURATION   PRIORITY   MESSAGE",
            "fresh       Pending     10s   0s         0          ",
            "running-b   Running     1m    1m         5          ",
            "done-new    Failed      3m    1m         0          child 'x' failed",
            "done-old    Succeeded   5m    30s        0          ",
            "",
        ].joined(separator: "\n")
        #expect(table([older, running, newer, pending]) == expected)
    }
    @Test func noWorkflows() {
        #expect(table([]) == "No workflows found\n")
    }

    @Test func wideAddsPodCountsAndParameters() {
        let out = table([Fixture.steps], wide: true)
        #expect(out.hasPrefix("NAME      STATUS      AGE   DURATION   PRIORITY   MESSAGE   P/R/C   PARAMETERS\n"))
        #expect(out.contains("0/0/4   message=hello\n"))
    }

    @Test func longParameterValuesAreShortened() {
        let long = String(repeating: "a", count: 40) + String(repeating: "z", count: 20)
        let wf = Fixture.workflow("p", spec: ["arguments": ["parameters": [["name": "x", "value": .string(long)]]]])
        #expect(WorkflowTable.parameterString(WorkflowView(wf)) == "x=" + String(repeating: "a", count: 32) + "..."
            + String(repeating: "z", count: 15))
    }

    @Test(arguments: [
        ("Running", false, "", "Running"), ("Running", true, "", "Running (Suspended)"),
        ("Failed", false, "Terminate", "Failed (Terminated)"), ("Failed", false, "", "Failed"),
        ("Error", false, "", "Error"),
    ])
    func statusColumn(phase: String, suspend: Bool, shutdown: String, shown: String) {
        var spec: JSONValue = ["entrypoint": "main"]
        if suspend { spec["suspend"] = true }
        if !shutdown.isEmpty { spec["shutdown"] = .string(shutdown) }
        #expect(WorkflowView(Fixture.workflow("w", phase: phase, spec: spec)).displayStatus == shown)
    }
}
