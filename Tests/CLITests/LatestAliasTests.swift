import Controller
import Foundation
import Templates
import Testing
import TestSupport
@testable import argo_lite

/// `@latest` names the namespace's newest workflow in every command that takes a workflow name, as argo-server
/// resolves it: the latest creationTimestamp; among equal ones, the first by name.
@Suite final class LatestAliasTests {
    let directory: URL
    let cluster: LocalCluster
    let buffer = OutputBuffer()
    /// The store's clock: each `create` is stamped with the time set here.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var time = KubeTimeText.parse("2024-03-01T10:00:00Z")!
        var now: Date { lock.withLock { time } }
        func set(_ date: Date) { lock.withLock { time = date } }
    }
    let clock = Clock()

    init() throws {
        directory = ScratchDirectory.url("argo-lite-latest")
        var options = LocalCluster.Options()
        options.now = { [clock] in clock.now }
        cluster = try LocalCluster(directory: directory, options: options)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var env: CLIEnvironment {
        var e = CLIEnvironment(namespace: "default", console: .capturing(buffer), style: .plain, now: { Fixture.now })
        e.pollInterval = .milliseconds(20)
        return e
    }

    /// Stores a workflow created `seconds` after 10:00:00, finished unless `running`.
    func store(_ name: String, createdAt seconds: Int, namespace: String = "default", running: Bool = false)
        async throws
    {
        clock.set(KubeTimeText.parse("2024-03-01T10:00:00Z")!.addingTimeInterval(Double(seconds)))
        var wf = running ? Fixture.workflow(name, phase: "Running", finish: nil) : Fixture.workflow(name, finish: 10)
        wf["metadata"]?["namespace"] = .string(namespace)
        _ = try await cluster.create(.workflow, wf)
    }

    func resolved() async throws -> String {
        try await WorkflowClient(cluster: cluster, namespace: "default").resolve("@latest")
    }

    @Test func theNewestCreationTimestampWinsWhateverTheNames() async throws {
        try await store("a-old", createdAt: 0)
        try await store("m-new", createdAt: 30)
        try await store("z-mid", createdAt: 20)
        try await store("z-elsewhere", createdAt: 99, namespace: "other")
        #expect(try await resolved() == "m-new")
    }

    @Test func amongEqualTimestampsTheFirstByNameWins() async throws {
        try await store("b-second", createdAt: 5)
        try await store("a-first", createdAt: 5)
        try await store("older", createdAt: 1)
        #expect(try await resolved() == "a-first")
    }

    @Test func otherNamesPassThroughUntouched() async throws {
        #expect(try await WorkflowClient(cluster: cluster, namespace: "default").resolve("latest") == "latest")
    }

    @Test func anEmptyNamespaceSaysSoAndExitsOne() async throws {
        #expect(try await GetCommand.parse(["@latest"]).execute(cluster: cluster, env: env) == 1)
        #expect(buffer.err == "No workflows found.\n")
    }

    @Test func everyNameTakingCommandActsOnTheNewestWorkflow() async throws {
        try await store("first", createdAt: 0, running: true)
        try await store("second", createdAt: 60)
        #expect(try await GetCommand.parse(["@latest", "-o", "json"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.contains("\"name\": \"second\""))
        #expect(!buffer.out.contains("\"name\": \"first\""))
        #expect(try await WaitCommand.parse(["@latest"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.hasSuffix("second Succeeded at 2024-03-01 10:00:10 +0000 UTC\n"))
        #expect(try await DeleteCommand.parse(["@latest"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.hasSuffix("Workflow 'second' deleted\n"))
        // With `second` gone, `first` is the newest.
        #expect(try await SuspendCommand.parse(["@latest"]).execute(cluster: cluster, env: env) == 0)
        #expect(buffer.out.hasSuffix("workflow first suspended\n"))
        #expect(try await cluster.get(.workflow, namespace: "default", name: "first")["spec"]?["suspend"] == true)
        #expect(buffer.err.isEmpty)
    }
}
