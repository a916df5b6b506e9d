// The large spec value types are one reference wide (their fields live in copy-on-write storage), so the operator
// can pass and copy them per task cheaply; before, a Template was ~6.9 KB inline and a DAGTask ~7.2 KB.

import Templates
import Testing

@Suite struct SpecLayoutTests {
    /// One reference: every field lives in the copy-on-write storage.
    static let limit = 16

    @Test func templateIsSmall() {
        print("layout Template \(MemoryLayout<Template>.size)")
        #expect(MemoryLayout<Template>.size <= Self.limit)
    }

    @Test func dagTaskIsSmall() {
        print("layout DAGTask \(MemoryLayout<DAGTask>.size)")
        #expect(MemoryLayout<DAGTask>.size <= Self.limit)
    }

    @Test func workflowStepIsSmall() {
        print("layout WorkflowStep \(MemoryLayout<WorkflowStep>.size)")
        #expect(MemoryLayout<WorkflowStep>.size <= Self.limit)
    }

    @Test func nodeStatusIsSmall() {
        print("layout NodeStatus \(MemoryLayout<NodeStatus>.size)")
        #expect(MemoryLayout<NodeStatus>.size <= Self.limit)
    }

    @Test func containerIsSmall() {
        print("layout Container \(MemoryLayout<Container>.size)")
        #expect(MemoryLayout<Container>.size <= Self.limit)
    }

    @Test func workflowSpecIsSmall() {
        print("layout WorkflowSpec \(MemoryLayout<WorkflowSpec>.size)")
        #expect(MemoryLayout<WorkflowSpec>.size <= Self.limit)
    }
}

@Suite struct SpecCopyOnWriteTests {
    @Test func aCopyChangesAloneAndEqualityIsByValue() {
        var a = Template(name: "a", container: Container(image: "alpine", command: ["true"]))
        let b = a
        #expect(a.isIdentical(to: b))
        a.container?.command?.append("x")
        #expect(a.container?.command == ["true", "x"])
        #expect(b.container?.command == ["true"])
        #expect(!a.isIdentical(to: b))
        a.container?.command = ["true"]
        #expect(a == b)
        #expect(!a.isIdentical(to: b))
        #expect(Set([a, b]).count == 1)
    }

    @Test func fieldsReflectAsIfStoredInline() {
        let labels = Mirror(reflecting: DAGTask(name: "t", template: "x")).children.compactMap(\.label)
        #expect(labels.prefix(3) == ["name", "template", "inline"])
    }
}
