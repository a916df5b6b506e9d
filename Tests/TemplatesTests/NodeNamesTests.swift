import Testing
@testable import Templates

@Suite struct NodeNamesTests {
    /// Golden values of 32-bit FNV-1a (the published test vectors of the algorithm).
    @Test(arguments: [
        ("", UInt32(0x811c_9dc5)),
        ("a", UInt32(0xe40c_292c)),
        ("foobar", UInt32(0xbf9c_f968)),
    ])
    func fnv32a(input: String, expected: UInt32) {
        #expect(NodeNames.fnv32a(input) == expected)
    }

    @Test func rootNodeIDIsTheWorkflowName() {
        #expect(NodeNames.nodeID(workflow: "wf", nodeName: "wf") == "wf")
        #expect(NodeNames.podName(workflow: "wf", nodeName: "wf", templateName: "main") == "wf")
    }

    @Test func childIDsAndPodNames() {
        let name = "wf[0].a"
        let h = NodeNames.fnv32a(name)
        #expect(NodeNames.nodeID(workflow: "wf", nodeName: name) == "wf-\(h)")
        #expect(NodeNames.podName(workflow: "wf", nodeName: name, templateName: "say") == "wf-say-\(h)")
    }
}
