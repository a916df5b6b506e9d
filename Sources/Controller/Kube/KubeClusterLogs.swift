import Foundation
import Templates
import ClusterAPI

extension KubeCluster {
    /// A container's log, line by line. `container` nil: the pod's only container, else `main` (Argo's).
    /// With `follow`, a container that has not started yet is waited for (the API server answers 400 "is waiting
    /// to start" until it has), as the local store waits for the log file: `argo-lite logs --follow` on a pending
    /// pod then shows its log from the start.
    public func logs(namespace ns: String, pod: String, container: String?, follow: Bool) async throws(ClusterError)
        -> AsyncThrowingStream<String, any Error>
    {
        let object = try await get(.pod, namespace: ns, name: pod)
        let name = container ?? LogContainer.defaultName(object)
        let (out, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
        let task = Task { [client] in
            while !Task.isCancelled {
                var started = false
                do {
                    for try await line in client.logs(namespace: ns, pod: pod, container: name, follow: follow) {
                        started = true
                        continuation.yield(line)
                    }
                    return continuation.finish()
                } catch let error as KubeError {
                    guard follow, !started, case .status(let s) = error, s.code == 400, s.message.contains("is waiting to start")
                    else { return continuation.finish(throwing: Self.mapped(error, .pod)) }
                } catch {
                    return continuation.finish(throwing: error)
                }
                do { try await Task.sleep(for: .milliseconds(500)) } catch { break }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return out
    }
}
