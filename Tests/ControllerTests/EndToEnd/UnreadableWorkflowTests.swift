import Foundation
import Templates
import Testing
@testable import Controller
@testable import Reconciler

/// A stored Workflow that does not decode fails with Argo's message instead of staying Pending; one that argo-lite
/// cannot run fails before it runs.
@Suite struct UnreadableWorkflowTests {
    /// Stores `spec` as Workflow `name` on a fresh engine and returns it once it has a phase (or after 5 s).
    func stored(_ name: String, spec: JSONValue) async throws -> JSONValue {
        let engine = try await LocalEngine.start()
        defer { Task { await engine.stop() } }
        let object: JSONValue = ["apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
                                 "metadata": ["name": .string(name), "namespace": "argo"], "spec": spec]
        _ = try await engine.cluster.create(.workflow, object)
        var stored = try await engine.cluster.get(.workflow, namespace: "argo", name: name)
        for _ in 0..<100 where stored["status"]?["phase"]?.stringValue == nil {
            try await Task.sleep(for: .milliseconds(50))
            stored = try await engine.cluster.get(.workflow, namespace: "argo", name: name)
        }
        #expect(try await engine.cluster.list(.pod, namespace: "argo", labelSelector: nil).items.isEmpty, "a pod was made")
        return stored
    }

    @Test func aWorkflowThatDoesNotDecodeFailsWithTheFieldInTheMessage() async throws {
        // `command: [true]` as stored by something that kept the YAML boolean (not `argo-lite submit`).
        let stored = try await stored("unreadable", spec: [
            "entrypoint": "main", "templates": [["name": "main", "container": ["image": "alpine", "command": [true]]]],
        ])
        #expect(stored["status"]?["phase"] == "Failed")
        #expect(stored["status"]?["message"] == "cannot unmarshall spec: spec.templates[0].container.command[0]: expected a string")
        #expect(stored["status"]?["progress"] == "0/0")
        #expect(stored["metadata"]?["labels"]?["workflows.argoproj.io/completed"] == "true")
    }

    /// One that did not come through lint (a resource template made it) and uses what argo-lite does not run yet
    /// fails with lint's refusal before any pod starts, rather than running without the field.
    @Test func aStoredWorkflowWithAFieldNotImplementedYetFailsBeforeItRuns() async throws {
        let spec: JSONValue = ["entrypoint": "main", "synchronization": ["mutex": ["name": "m"]],
                               "templates": [["name": "main", "container": ["image": "alpine", "command": ["true"]]]]]
        let stored = try await stored("unrun", spec: spec)
        let message = Linter.unimplementedField(inWorkflow: ["spec": spec])
        #expect(message?.hasPrefix("spec.synchronization is not implemented yet in argo-lite: ") == true)
        #expect(stored["status"]?["phase"] == "Failed")
        #expect(stored["status"]?["message"]?.stringValue == message)
        #expect(stored["status"]?["nodes"] == nil)
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
