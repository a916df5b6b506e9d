import Foundation
import Templates
import ClusterAPI

extension KubeCluster {
    /// Watches as client-go's reflector does between relists: from `resourceVersion` (nil or "": from now, the
    /// version of a one-item list), reconnecting from the last version seen (events and bookmarks) when the server
    /// ends the watch or the connection drops, with a growing pause (0.1 s doubling to 2 s). Ends with `.gone` when
    /// the version has been compacted away (list again), with the server's error for a refused watch (403, 404),
    /// and with `.unavailable` after `watchRetries` reconnects in a row that failed.
    public func watch(_ resource: ResourceKind, namespace: String?, labelSelector: LabelSelector?, resourceVersion: String?)
        async throws(ClusterError) -> AsyncThrowingStream<WatchEvent, any Error>
    {
        let ns = resource.namespaced ? namespace : nil
        var start = resourceVersion ?? ""
        if start.isEmpty {
            do {
                let options = KubeClient.ListOptions(labelSelector: labelSelector?.description, limit: 1)
                start = try await client.list(resource, namespace: ns, options: options).resourceVersion
            } catch { throw Self.mapped(error, resource) }
        }
        let (stream, continuation) = AsyncThrowingStream<WatchEvent, any Error>.makeStream()
        let task = Task { [start] in
            await follow(resource, ns, labelSelector, from: start, into: continuation)
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func follow(_ resource: ResourceKind, _ ns: String?, _ selector: LabelSelector?, from start: String,
                        into continuation: AsyncThrowingStream<WatchEvent, any Error>.Continuation) async
    {
        var last = start
        var failures = 0
        while !Task.isCancelled {
            let options = KubeClient.ListOptions(labelSelector: selector?.description, resourceVersion: last)
            do {
                // As client-go's reflector: the server ends each watch after 5 to 10 minutes, so a connection that
                // died without a reset (a lost route) is not waited on forever; the watch then goes on from `last`.
                let timeout = Int.random(in: 300..<600)
                for try await event in client.watch(resource, namespace: ns, options: options, timeoutSeconds: timeout) {
                    failures = 0
                    if let rv = event.resourceVersion, !rv.isEmpty { last = rv }
                    var e = event
                    if e.type != .bookmark { e.object = Self.withTypeMeta(e.object, resource) }
                    continuation.yield(e)
                }
                // The server ended the watch (its timeout): go on from where it stopped.
            } catch let error as KubeError {
                if Task.isCancelled { break }
                switch error {
                case .expired, .config:
                    return continuation.finish(throwing: Self.mapped(error, resource))
                case .status(let s) where s.code != 429 && s.code < 500:
                    return continuation.finish(throwing: Self.mapped(error, resource))
                default:
                    failures += 1
                    if failures > watchRetries {
                        return continuation.finish(throwing: ClusterError.unavailable(
                            "watch of \(resource) failed \(failures) times in a row: \(error)"))
                    }
                }
            } catch {
                break
            }
            let pause = min(0.1 * Double(1 << min(failures, 5)), 2.0)
            do { try await Task.sleep(for: .seconds(failures == 0 ? 0.05 : pause)) } catch { break }
        }
        continuation.finish()
    }
}
