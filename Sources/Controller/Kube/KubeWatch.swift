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
        return streamLines(request, threadName: "kube-watch") { line, _ in
            WatchLineSplitter.event(line).map { $0 }
        }
    }

    /// A container's log (`pods/NAME/log`), one element per line without its newline. With `follow`, the stream
    /// goes on until the container ends (the server closes it) or the consuming task is cancelled.
    public func logs(namespace: String, pod: String, container: String?, follow: Bool) -> AsyncThrowingStream<String, any Error> {
        var query: [KubeRequest.QueryItem] = []
        if let container { query.append(.init("container", container)) }
        if follow { query.append(.init("follow", "true")) }
        var request = KubeRequest(method: "GET", path: ResourceKind.pod.kubePath(namespace: namespace, name: pod, subresource: "log"),
                                  query: query)
        request.headers = [("Accept", "*/*")]
        return streamLines(request, threadName: "kube-logs", keepLastPartialLine: true) { line, _ in
            .success(String(decoding: line, as: UTF8.self))
        }
    }

    /// Sends `request` (after the rate limiter) on a thread of its own and yields `transform` of each line of a 2xx
    /// body as it arrives; a non-2xx answer ends the stream with its `Status`; a transform failure stops the transfer.
    func streamLines<T: Sendable>(
        _ request: KubeRequest, threadName: String, keepLastPartialLine: Bool = false,
        _ transform: @escaping @Sendable ([UInt8], Bool) -> Result<T, KubeError>
    ) -> AsyncThrowingStream<T, any Error> {
        let (stream, continuation) = AsyncThrowingStream<T, any Error>.makeStream()
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
                        switch transform(line, false) {
                        case .success(let value): continuation.yield(value)
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
                case .success:
                    if keepLastPartialLine, let last = lines.remainder, case .success(let value) = transform(last, true) {
                        continuation.yield(value)
                    }
                    continuation.finish()
                }
            }
            thread.name = threadName
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

    /// What came after the last newline (a log's last line may have none).
    var remainder: [UInt8]? { pending.isEmpty ? nil : pending }

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
