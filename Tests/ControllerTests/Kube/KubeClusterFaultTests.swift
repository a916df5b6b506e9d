import Foundation
import KubeFake
import Testing
import Templates
@testable import Controller

/// `KubeCluster`'s watch when the server misbehaves: it resumes from the last version it saw, loses and repeats
/// nothing, says `.gone` when it must relist and `.unavailable` when the server stays away.
@Suite struct KubeClusterFaultTests {
    func names(_ events: [WatchEvent]) -> [String] { events.map { "\($0.type.rawValue) \($0.object.name)" } }

    /// A fake server, a `KubeCluster` on it, and that cluster's watch of the config maps in `argo` from now.
    func watchingConfigMaps(watchRetries: Int = 5) async throws
        -> (FakeKubeServer, KubeCluster, AsyncThrowingStream<WatchEvent, any Error>)
    {
        let server = try FakeKubeServer.start()
        let cluster = KubeCluster(client: kubeClient(server), watchRetries: watchRetries)
        return (server, cluster, try await cluster.watch(.configMap, namespace: "argo", labelSelector: nil, resourceVersion: nil))
    }

    @Test func droppedWatchesResumeWithoutLosingOrRepeatingEvents() async throws {
        try await withDeadline {
            let (server, cluster, stream) = try await watchingConfigMaps()
            var iterator = stream.makeAsyncIterator()
            _ = try await cluster.create(.configMap, configMap("a", namespace: "argo"))
            var seen = [try #require(try await iterator.next())]
            for name in ["b", "c"] {
                server.dropWatches()
                _ = try await cluster.create(.configMap, configMap(name, namespace: "argo"))
                seen.append(try #require(try await iterator.next()))
            }
            #expect(names(seen) == ["ADDED a", "ADDED b", "ADDED c"])
            #expect(server.requests.filter { $0.query["watch"] == "true" }.count == 3)  // the drops did cut the watch
        }
    }

    @Test func aRestartedServerIsWatchedAgainWithTheSameData() async throws {
        let server = try FakeKubeServer.start()
        let cluster = KubeCluster(client: kubeClient(server))
        _ = try await cluster.create(.workflow, kubeWorkflow("kept", namespace: "argo"))
        let stream = try await cluster.watch(.workflow, namespace: "argo", labelSelector: nil, resourceVersion: nil)
        try await server.restart(downFor: .milliseconds(300))
        _ = try await cluster.create(.workflow, kubeWorkflow("after", namespace: "argo"))
        #expect(names(try await firstEvents(stream, 1)) == ["ADDED after"])
        #expect(try await cluster.get(.workflow, namespace: "argo", name: "kept").name == "kept")
    }

    @Test func aResumeFromACompactedVersionEndsWithGone() async throws {
        try await withDeadline {
            let (server, cluster, stream) = try await watchingConfigMaps()
            var iterator = stream.makeAsyncIterator()
            _ = try await cluster.create(.configMap, configMap("a", namespace: "argo"))
            _ = try await iterator.next()
            _ = try await cluster.create(.configMap, configMap("b", namespace: "other"))
            server.compact()
            server.dropWatches()
            do {
                while try await iterator.next() != nil {}
                Issue.record("the watch ended without an error")
            } catch let error as ClusterError {
                guard case .gone(let m) = error else { Issue.record("\(error)"); return }
                #expect(m.hasPrefix("too old resource version:"))
            }
        }
    }

    @Test func theResumeStartsFromTheLastBookmark() async throws {
        try await withDeadline {
            let (server, cluster, stream) = try await watchingConfigMaps()
            var iterator = stream.makeAsyncIterator()
            _ = try await cluster.create(.configMap, configMap("elsewhere", namespace: "other"))
            try await Task.sleep(for: .milliseconds(200))
            server.sendBookmarks()
            let bookmark = try #require(try await iterator.next())
            #expect(bookmark.type == .bookmark && bookmark.resourceVersion == server.resourceVersion)
            server.clearRequests()
            server.dropWatches()
            _ = try await cluster.create(.configMap, configMap("a", namespace: "argo"))
            _ = try await iterator.next()
            let watches = server.requests.filter { $0.query["watch"] == "true" }
            #expect(watches.first?.query["resourceVersion"] == bookmark.resourceVersion)
        }
    }

    @Test func throttledReconnectsAreRetried() async throws {
        let (server, cluster, stream) = try await watchingConfigMaps()
        try await Task.sleep(for: .milliseconds(200))
        server.failNext(2, status: 429, retryAfter: 1)
        server.dropWatches()
        try await Task.sleep(for: .milliseconds(100))
        _ = try await cluster.create(.configMap, configMap("a", namespace: "argo"))
        #expect(names(try await firstEvents(stream, 1)) == ["ADDED a"])
    }

    @Test func aServerThatStaysDownEndsTheWatchWithUnavailable() async throws {
        try await withDeadline {
            let (server, _, stream) = try await watchingConfigMaps(watchRetries: 2)
            server.stop()
            let started = ContinuousClock.now
            do {
                for try await _ in stream {}
                Issue.record("the watch ended without an error")
            } catch let error as ClusterError {
                guard case .unavailable(let m) = error else { Issue.record("\(error)"); return }
                #expect(m.contains("watch of configmaps failed 3 times in a row"))
                #expect(m.contains("is the API server running"))
            }
            #expect(ContinuousClock.now - started < .seconds(20))  // three short pauses; room for a loaded machine
        }
    }

    /// The controller's informer on Kubernetes: a change it could not watch (watches refused, then the history
    /// compacted) is found by the relist that the 410 makes it do.
    @Test func theInformerRelistsAfterGoneAndSeesWhatItMissed() async throws {
        try await withDeadline(30) {
            let server = try FakeKubeServer.start()
            let cluster = KubeCluster(client: kubeClient(server))
            for name in ["a", "b"] { _ = try await cluster.create(.configMap, configMap(name, namespace: "argo")) }
            let deleted = Locked<[String]>([])
            let informer = Informer(cluster: cluster, resource: .configMap, namespace: "argo") { event in
                if case .delete(let o) = event { deleted.withLock { $0.append(o.name) } }
            }
            let running = Task { await informer.run() }
            defer { running.cancel() }
            await informer.waitForSync()
            _ = try await cluster.create(.configMap, configMap("c", namespace: "argo"))
            while await informer.get("argo/c") == nil { try await Task.sleep(for: .milliseconds(20)) }

            server.deny("watch", "configmaps")
            server.dropWatches()
            try await cluster.delete(.configMap, namespace: "argo", name: "b")
            server.compact()
            server.allow("watch", "configmaps")
            while await informer.get("argo/b") != nil { try await Task.sleep(for: .milliseconds(20)) }
            #expect(deleted.withLock { $0 } == ["b"])
            #expect(await informer.items().map(\.name).sorted() == ["a", "c"])
            // The first list and the relist after the 410 (the deletion was never watched: watches were refused).
            #expect(server.requests.filter { $0.method == "GET" && $0.query["watch"] == nil && $0.query["limit"] == "500" }.count == 2)
        }
    }

    @Test func logsOfTheDefaultContainerFollowThroughKubeCluster() async throws {
        let server = try FakeKubeServer.start()
        let cluster = KubeCluster(client: kubeClient(server))
        _ = try await cluster.create(.pod, ["metadata": ["name": "p", "namespace": "argo"],
                                            "spec": ["containers": [["name": "main"], ["name": "wait"]]]])
        server.appendLog(namespace: "argo", pod: "p", container: "main", "hello\n")
        server.endLog(namespace: "argo", pod: "p", container: "main")
        var lines: [String] = []
        for try await line in try await cluster.logs(namespace: "argo", pod: "p", container: nil, follow: true) { lines.append(line) }
        #expect(lines == ["hello"])
        await #expect(throws: ClusterError.notFound("pods \"nope\" not found")) {
            _ = try await cluster.logs(namespace: "argo", pod: "nope", container: nil, follow: false)
        }
    }

    @Test func followingAPendingPodsLogWaitsForTheContainerToStart() async throws {
        try await withDeadline {
            let server = try FakeKubeServer.start()
            let cluster = KubeCluster(client: kubeClient(server))
            _ = try await cluster.create(.pod, ["metadata": ["name": "later", "namespace": "argo"], "spec": ["containers": [["name": "main"]]]])
            await #expect(throws: ClusterError.invalid("container \"main\" in pod \"later\" is waiting to start: ContainerCreating")) {
                for try await _ in try await cluster.logs(namespace: "argo", pod: "later", container: nil, follow: false) {}
            }
            let stream = try await cluster.logs(namespace: "argo", pod: "later", container: nil, follow: true)
            Task {
                try await Task.sleep(for: .milliseconds(700))
                server.setStatus("pods", namespace: "argo", name: "later", ["phase": "Running"])
                server.appendLog(namespace: "argo", pod: "later", container: "main", "first\n")
                server.endLog(namespace: "argo", pod: "later", container: "main")
            }
            var lines: [String] = []
            for try await line in stream { lines.append(line) }
            #expect(lines == ["first"])
        }
    }

    @Test func aListWhoseContinueTokenExpiresStartsAgainAndMissesNothing() async throws {
        let server = try FakeKubeServer.start()
        let cluster = KubeCluster(client: kubeClient(server), pageSize: 2)
        for i in 0..<5 { _ = try await cluster.create(.configMap, configMap("cm\(i)", namespace: "argo")) }
        server.expireNextContinueTokens()
        server.clearRequests()
        let list = try await cluster.list(.configMap, namespace: "argo", labelSelector: nil)
        #expect(list.items.map(\.name) == ["cm0", "cm1", "cm2", "cm3", "cm4"])
        // First page, its continuation refused (410), then all three pages again.
        #expect(server.requests.map { $0.query["continue"] == nil ? "first" : "next" } == ["first", "next", "first", "next", "next"])
    }
}
