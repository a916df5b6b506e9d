import Foundation
import Templates
import ClusterAPI

extension KubeClient {
    /// Watches `kind` from `resourceVersion` (`?watch=true&allowWatchBookmarks=true`). Events are parsed as
    /// their lines arrive. The stream ends when the server closes it (watch again from the last version seen),
    /// throws `KubeError.expired` when the version is too old (410 Gone, or an ERROR event with code 410: list
    /// again), and stops the transfer when the consuming task is cancelled.
    public func watch(_ kind: ResourceKind, namespace: String?, options: ListOptions = ListOptions(),
                      timeoutSeconds: Int? = nil) -> AsyncThrowingStream<WatchEvent, any Error>
    {
        var query: [KubeRequest.QueryItem] = [.init("watch", "true")]
        var rest = options
        rest.limit = nil
        rest.continueToken = nil
        query += rest.query
        query.append(.init("allowWatchBookmarks", "true"))
        if let timeoutSeconds { query.append(.init("timeoutSeconds", String(timeoutSeconds))) }
        let request = KubeRequest(method: "GET", path: kind.kubePath(namespace: namespace), query: query)
        let (stream, continuation) = AsyncThrowingStream<WatchEvent, any Error>.makeStream()
        let transfer = KubeTransfer()
        continuation.onTermination = { _ in transfer.cancelled.store(true, ordering: .relaxed) }
        Task { [self] in
            do { try await limiterWait() } catch {
                continuation.finish(throwing: error)
                return
            }
            let thread = Thread { [transport] in
                var lines = WatchLineSplitter()
                var failure: KubeError?
                transfer.onData = { bytes in
                    for line in lines.feed(bytes) {
                        switch WatchLineSplitter.event(line) {
                        case .success(let event): continuation.yield(event)
                        case .failure(let error):
                            failure = error
                            return false
                        }
                    }
                    return true
                }
                let result = transport.perform(request, transfer, timeout: nil)
                if transfer.cancelled.load(ordering: .relaxed) { return continuation.finish() }
                if let failure { return continuation.finish(throwing: failure) }
                switch result {
                case .failure(let error): continuation.finish(throwing: error)
                case .success(let response) where !(200..<300).contains(response.status):
                    continuation.finish(throwing: KubeClient.failure(response))
                case .success: continuation.finish()
                }
            }
            thread.name = "kube-watch"
            thread.start()
        }
        return stream
    }

    private func limiterWait() async throws {
        if let limiter { try await limiter.wait() }
    }
}

/// Splits a watch body into its newline-delimited JSON events, whatever the chunks' boundaries.
struct WatchLineSplitter {
    private var pending: [UInt8] = []

    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                if !pending.isEmpty { lines.append(pending) }
                pending.removeAll(keepingCapacity: true)
            } else {
                pending.append(byte)
            }
        }
        return lines
    }

    /// One line as an event; ERROR events become errors (code 410: `.expired`).
    static func event(_ line: [UInt8]) -> Result<WatchEvent, KubeError> {
        let text = String(decoding: line, as: UTF8.self)
        guard let json = try? JSONParser.parse(text), let type = json["type"]?.stringValue, let object = json["object"] else {
            return .failure(.decode("watch event is not {type, object}: \(text.prefix(200))"))
        }
        if type == "ERROR" {
            let status = KubeStatus(object: object)
            return .failure(status.code == 410 ? .expired(status) : .status(status))
        }
        guard let kind = WatchEvent.Kind(rawValue: type) else { return .failure(.decode("unknown watch event type \(type)")) }
        return .success(WatchEvent(type: kind, object: object, resourceVersion: object["metadata"]?["resourceVersion"]?.stringValue))
    }
}
