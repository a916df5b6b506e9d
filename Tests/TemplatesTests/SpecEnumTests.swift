import Foundation
import Testing

@testable import Templates

@Suite struct SpecEnumTests {
    /// The decoding error's message for a document, or nil when it decodes.
    private func decodingError<T: Decodable>(_ type: T.Type, _ json: String) -> String? {
        do {
            _ = try JSONDecoder().decode(type, from: Data(json.utf8))
            return nil
        } catch let DecodingError.dataCorrupted(context) {
            return context.debugDescription
        } catch {
            return "\(error)"
        }
    }

    @Test func unknownNodeTypeListsTheAllowedValues() throws {
        let message = try #require(decodingError(NodeStatus.self, #"{"id":"a","name":"a","type":"Job"}"#))
        #expect(message.contains("\"Job\""))
        #expect(message.contains("\"Pod\", \"Container\", \"Steps\", \"StepGroup\", \"DAG\""))
    }

    @Test func unknownNodePhaseListsTheAllowedValues() throws {
        let message = try #require(
            decodingError(NodeStatus.self, #"{"id":"a","name":"a","type":"Pod","phase":"Done"}"#))
        #expect(message.contains("unknown NodePhase \"Done\""))
        #expect(message.contains("\"Omitted\""))
    }

    @Test func unknownWorkflowPhaseIsAnError() throws {
        let message = try #require(decodingError(WorkflowStatus.self, #"{"phase":"running"}"#))
        #expect(message.contains("\"Running\""))
    }

    @Test(arguments: NodePhase.allCases)
    func nodePhasesRoundTrip(phase: NodePhase) throws {
        let data = try JSONEncoder().encode([phase])
        #expect(try JSONDecoder().decode([NodePhase].self, from: data) == [phase])
        #expect(String(decoding: data, as: UTF8.self) == "[\"\(phase.rawValue)\"]")
    }

    @Test func workflowPhaseValuesAreArgos() {
        #expect(WorkflowPhase.allCases.map(\.rawValue) == ["", "Pending", "Running", "Succeeded", "Failed", "Error"])
        #expect(NodeType.allCases.map(\.rawValue) == [
            "Pod", "Container", "Steps", "StepGroup", "DAG", "TaskGroup", "Retry", "Skipped", "Suspend", "HTTP", "Plugin",
        ])
    }

    @Test func phasePredicatesFollowArgo() {
        #expect(NodePhase.skipped.isFulfilled && !NodePhase.skipped.isCompleted)
        #expect(NodePhase.error.isCompleted && NodePhase.error.isFailedOrError)
        #expect(!NodePhase.running.isFulfilled)
        #expect(WorkflowPhase.failed.isCompleted && !WorkflowPhase.pending.isCompleted)
    }
}
