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

    /// The short cut from a prefix and the node's ID gives `podName` exactly, or declines (nil) where `podName`
    /// decides otherwise: the root node, a name mentioning `.inline`, no template name, a prefix it truncates.
    @Test(arguments: [
        ("wf", "wf.task", "say", true),
        ("wf", "wf[0].step(3:x)", "whalesay", true),
        ("wf", "wf", "main", false),
        ("wf", "wf.inline-task", "say", false),
        ("wf", "wf.a.inline", "say", false),
        ("wf", "wf.task", "", false),
        ("wf", "wf.task", String(repeating: "t", count: 239), true),
        ("wf", "wf.task", String(repeating: "t", count: 240), false),
    ])
    func podNameFromPrefixAndID(workflow: String, nodeName: String, template: String, shortCut: Bool) {
        let id = NodeNames.nodeID(workflow: workflow, nodeName: nodeName)
        let fast = NodeNames.podNamePrefix(workflow: workflow, templateName: template).flatMap {
            NodeNames.podName(prefix: $0, workflow: workflow, nodeName: nodeName, nodeID: id)
        }
        #expect((fast != nil) == shortCut)
        if let fast { #expect(fast == NodeNames.podName(workflow: workflow, nodeName: nodeName, templateName: template)) }
    }
}
