import Foundation
import Templates
import Testing
@testable import Controller
@testable import ClusterAPI
@testable import ResourceTemplates

@Suite struct ResourceWaitTests {
    static let jobManifest = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: rand-num
        spec:
          completions: 3
        """
    static let jobs = ResourceKind(apiVersion: "batch/v1", kind: "Job")

    /// Sets the job's status once the resource executor is waiting (the patch lands after the create).
    func setStatus(_ f: ResourceFixture, _ status: JSONValue) -> Task<Void, Never> {
        Task {
            for _ in 0..<200 {
                if (try? await f.cluster.get(Self.jobs, namespace: "argo", name: "rand-num")) != nil { break }
                try? await Task.sleep(for: .milliseconds(10))
            }
            try? await Task.sleep(for: .milliseconds(100))
            _ = try? await f.cluster.patch(Self.jobs, namespace: "argo", name: "rand-num", patch: ["status": ["active": 3]], type: .merge)
            try? await Task.sleep(for: .milliseconds(50))
            _ = try? await f.cluster.patch(Self.jobs, namespace: "argo", name: "rand-num", patch: ["status": status], type: .merge)
        }
    }

    @Test func waitsUntilTheSuccessConditionHolds() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        let updater = setStatus(f, ["succeeded": 3])
        let template = f.template("create", Self.jobManifest, extra: [
            "successCondition": "status.succeeded > 2", "failureCondition": "status.failed > 1",
        ], outputs: [["name": "job-name", "valueFrom": ["jsonPath": "{.metadata.name}"]]])
        let outcome = try await f.perform(template)
        await updater.value
        #expect(outcome.object?["status"]?["succeeded"] == 3)
        #expect(outcome.parameters.first?["value"] == "rand-num")
    }

    @Test func theFailureConditionEndsTheWaitWithArgosMessage() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        let updater = setStatus(f, ["failed": 2])
        let template = f.template("create", Self.jobManifest, extra: [
            "successCondition": "status.succeeded > 2", "failureCondition": "status.failed > 1",
        ])
        await #expect(throws: ResourceActionError.condition("failure condition 'status.failed>1' evaluated true")) {
            try await f.perform(template)
        }
        await updater.value
    }

    @Test func conditionsAlreadyTrueReturnAtOnce() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        let outcome = try await f.perform(f.template("create", Self.jobManifest, extra: ["successCondition": "spec.completions == 3"]))
        #expect(outcome.object?["metadata"]?["name"] == "rand-num")
    }

    @Test func deletingTheObjectWhileWaitingFails() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        let deleter = Task {
            for _ in 0..<200 {
                if (try? await f.cluster.get(Self.jobs, namespace: "argo", name: "rand-num")) != nil { break }
                try? await Task.sleep(for: .milliseconds(10))
            }
            try? await Task.sleep(for: .milliseconds(100))
            try? await f.cluster.delete(Self.jobs, namespace: "argo", name: "rand-num")
        }
        await #expect(throws: ResourceActionError.self) {
            try await f.perform(f.template("create", Self.jobManifest, extra: ["successCondition": "status.succeeded > 2"]))
        }
        await deleter.value
    }

    @Test func badConditionsNameTheCondition() async throws {
        let f = try ResourceFixture()
        defer { f.cleanup() }
        await #expect(throws: ResourceActionError.self) {
            try await f.perform(f.template("create", Self.jobManifest, extra: ["successCondition": "status.succeeded > many"]))
        }
        let created = try? await f.cluster.get(Self.jobs, namespace: "argo", name: "rand-num")
        #expect(created == nil)
    }
}
