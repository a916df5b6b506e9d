import Foundation
import Testing
import Templates
import TestSupport
@testable import Controller
@testable import ClusterAPI
@testable import LocalStore
@testable import LocalNode

/// A pod created while this process's node agent has a free slot is claimed by its creation (`LocalPodClaims`):
/// it is stored Running, so the agent starts it without a claim of its own. `maxPods` bounds both ways in, and a
/// pod claimed but never started (argo-lite died in between) is handed back and runs once.
@Suite struct LocalPodClaimsTests {
    static func pod(_ name: String, namespace: String = "argo", containers: [String] = ["main"]) -> JSONValue {
        ["apiVersion": "v1", "kind": "Pod",
         "metadata": ["name": .string(name), "namespace": .string(namespace)],
         "spec": ["containers": .array(containers.map { ["name": .string($0), "image": "alpine:3.20"] })]]
    }

    static func scratch() throws -> (URL, LocalCluster) {
        let dir = ScratchDirectory.url("argo-lite-claims")
        return (dir, try LocalCluster(directory: dir))
    }

    @Test func noAgentHereMeansPodsAreCreatedPending() async throws {
        let (dir, cluster) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let created = try await cluster.create(.pod, Self.pod("p"))
        #expect(created["status"] == nil)
        #expect(PodClaim.isUnclaimed(created))
    }

    @Test func aPodCreatedWithAFreeSlotIsStoredRunningWithItsContainers() async throws {
        let (dir, cluster) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        cluster.podClaims.open(maxPods: 2)
        let created = try await cluster.create(.pod, Self.pod("p", containers: ["sidecar", "main"]))
        let uid = try #require(created["metadata"]?["uid"]?.stringValue)
        let stored = try await cluster.get(.pod, namespace: "argo", name: "p")
        #expect(stored["status"]?["phase"] == "Running")
        #expect(stored["status"]?["startTime"]?.stringValue != nil)
        #expect(stored["status"]?["containerStatuses"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["main", "sidecar"])
        #expect(!cluster.podClaims.takeClaimed("argo/p"), "claims are by uid")
        #expect(cluster.podClaims.takeClaimed(uid))
        #expect(!cluster.podClaims.takeClaimed(uid), "a claim is taken up once")
    }

    @Test func claimsStopAtMaxPodsAndWhilePodsWait() async throws {
        let claims = LocalPodClaims()
        #expect(!claims.claimAtCreate("uid-a"), "closed: no agent runs here")
        claims.open(maxPods: 2)
        #expect(claims.claimAtCreate("uid-a"))
        #expect(claims.take())
        #expect(!claims.claimAtCreate("uid-b"), "both slots taken")
        #expect(!claims.take())
        claims.release()
        claims.setWaiting(1)
        #expect(!claims.claimAtCreate("uid-b"), "a waiting pod goes first")
        claims.setWaiting(0)
        #expect(claims.claimAtCreate("uid-b"))
        claims.cancel("uid-b")  // its creation failed
        #expect(claims.claimAtCreate("uid-c"))
        claims.close()
        claims.release()
        #expect(!claims.claimAtCreate("uid-d"), "closed again")
    }

    @Test func aFailedCreateGivesTheSlotBack() async throws {
        let (dir, cluster) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        cluster.podClaims.open(maxPods: 1)
        let created = try await cluster.create(.pod, Self.pod("p"))
        #expect(cluster.podClaims.takeClaimed(created["metadata"]?["uid"]?.stringValue ?? ""))
        cluster.podClaims.release()
        await #expect(throws: ClusterError.self) { try await cluster.create(.pod, Self.pod("p")) }
        #expect(cluster.podClaims.claimAtCreate("uid-q"), "the slot of the create that failed is free")
    }

    /// argo-lite died after a pod's creation claimed it and before its process started: the next agent finds no
    /// process and no log, hands the pod back to Pending and runs it, once.
    @Test func aPodClaimedAtCreationButNeverStartedRunsOnceUnderTheNextAgent() async throws {
        let (dir, first) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        first.podClaims.open(maxPods: 4)  // the agent of the process that then died
        var pod = Self.pod("orphan")
        pod["spec"]?["containers"] = [["name": "main", "image": "alpine:3.20", "command": ["sh", "-c", "echo ran"]]]
        _ = try await first.create(.pod, pod)
        #expect(try await first.get(.pod, namespace: "argo", name: "orphan")["status"]?["phase"] == "Running")

        let cluster = try LocalCluster(directory: dir)
        let runner = PodProcessRunner(isolation: .processGroup, selfExecutable: SharedData.argoLiteExecutable)
        let catalog = try ImageCatalog.load(stateDirectory: dir.path, selfExecutable: SharedData.argoLiteExecutable)
        let agent = LocalNodeAgent(cluster: cluster, runner: runner, catalog: catalog)
        let task = Task { await agent.run() }
        defer { task.cancel() }
        var phase: String?
        for _ in 0..<100 {
            phase = try await cluster.get(.pod, namespace: "argo", name: "orphan")["status"]?["phase"]?.stringValue
            if phase == "Succeeded" || phase == "Failed" { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(phase == "Succeeded")
        let log = try String(contentsOf: cluster.logPath(namespace: "argo", pod: "orphan", container: "main"), encoding: .utf8)
        #expect(log == "ran\n")
    }

    /// A workflow deleted and submitted again under its name recreates its pods under theirs while the old ones
    /// are still stopping: the new pod, claimed by its creation, starts once the old one has stopped.
    @Test func aPodRecreatedWhileItsNamesakeStopsStartsAfterIt() async throws {
        let (dir, cluster) = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runner = PodProcessRunner(isolation: .processGroup, selfExecutable: SharedData.argoLiteExecutable)
        let catalog = try ImageCatalog.load(stateDirectory: dir.path, selfExecutable: SharedData.argoLiteExecutable)
        let agent = LocalNodeAgent(cluster: cluster, runner: runner, catalog: catalog)
        let task = Task { await agent.run() }
        defer { task.cancel() }
        func pod(_ script: String) -> JSONValue {
            var pod = Self.pod("p")
            pod["spec"]?["containers"] = [["name": "main", "image": "alpine:3.20", "command": ["sh", "-c", .string(script)]]]
            return pod
        }
        func waitFor(_ what: String, _ done: () async throws -> Bool) async throws {
            for _ in 0..<200 where try await !done() { try await Task.sleep(for: .milliseconds(50)) }
            #expect(try await done(), "\(what)")
        }
        let log = cluster.logPath(namespace: "argo", pod: "p", container: "main")
        // The first pod takes half a second to stop after SIGTERM.
        _ = try await cluster.create(.pod, pod("trap 'sleep 0.5; exit 0' TERM; echo first; while :; do sleep 0.1; done"))
        try await waitFor("the first pod runs") { (try? String(contentsOf: log, encoding: .utf8))?.contains("first") == true }
        try await cluster.delete(.pod, namespace: "argo", name: "p")
        _ = try await cluster.create(.pod, pod("echo second"))
        try await waitFor("the second pod ran to the end") {
            try await cluster.get(.pod, namespace: "argo", name: "p")["status"]?["phase"]?.stringValue == "Succeeded"
        }
        #expect((try? String(contentsOf: log, encoding: .utf8))?.contains("second") == true)
    }
}
