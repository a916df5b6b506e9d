import Foundation
import Templates
import Testing
@testable import Controller

/// A stored Workflow that does not decode fails with Argo's message instead of staying Pending.
@Suite struct UnreadableWorkflowTests {
    @Test func aWorkflowThatDoesNotDecodeFailsWithTheFieldInTheMessage() async throws {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        // `command: [true]` as stored by something that kept the YAML boolean (not `argo-lite submit`).
        let object: JSONValue = [
            "apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
            "metadata": ["name": "unreadable", "namespace": "argo"],
            "spec": ["entrypoint": "main", "templates": [["name": "main", "container": ["image": "alpine", "command": [true]]]]],
        ]
        _ = try await engine.cluster.create(.workflow, object)
        var stored = try await engine.cluster.get(.workflow, namespace: "argo", name: "unreadable")
        for _ in 0..<100 where stored["status"]?["phase"]?.stringValue == nil {
            try await Task.sleep(for: .milliseconds(50))
            stored = try await engine.cluster.get(.workflow, namespace: "argo", name: "unreadable")
        }
        #expect(stored["status"]?["phase"] == "Failed")
        #expect(stored["status"]?["message"] == "cannot unmarshall spec: spec.templates[0].container.command[0]: expected a string")
        #expect(stored["status"]?["progress"] == "0/0")
        #expect(stored["metadata"]?["labels"]?["workflows.argoproj.io/completed"] == "true")
    }

    @Test(arguments: [
        (DecodingError.keyNotFound(Key("name"), .init(codingPath: [Key("spec"), Key("templates"), Key(index: 2)], debugDescription: "")),
         "spec.templates[2].name: required field is missing"),
        (DecodingError.typeMismatch(Int.self, .init(codingPath: [Key("spec"), Key("parallelism")], debugDescription: "")),
         "spec.parallelism: expected an integer"),
        (DecodingError.valueNotFound(String.self, .init(codingPath: [Key("spec"), Key("entrypoint")], debugDescription: "")),
         "spec.entrypoint: expected a string, found null"),
    ])
    func decodingErrorsNameTheField(error: DecodingError, message: String) {
        #expect(UnreadableWorkflow.describe(error) == message)
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(_ name: String) { stringValue = name }
        init(index: Int) { stringValue = "Index \(index)"; intValue = index }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { self.init(index: intValue) }
    }
}
