import HTTPTypes
import Hummingbird
import Templates

/// A streamed answer as argo-server sends one: each message `{"result": ...}`, as Server-Sent Events
/// (`data: JSON` and a blank line, with `: keep-alive` comments while nothing happens) when the client asks for
/// `text/event-stream`, else newline-delimited JSON. A failure after the stream started is sent as
/// grpc-gateway's `{"error": {...}}` message, and ends it.
struct EventStream: Sendable {
    /// Hands results to the stream until it returns (the end) or throws (an error message, then the end).
    typealias Producer = @Sendable (_ send: @escaping @Sendable (JSONValue) -> Void) async throws -> Void

    var keepAlive: Duration
    /// `listOptions.timeoutSeconds`: the stream ends after it, whatever happens.
    var timeout: Duration?

    static func wantsEvents(_ request: Request) -> Bool {
        request.headers[.accept]?.contains("text/event-stream") ?? false
    }

    private enum Chunk: Sendable { case result(JSONValue), failure(APIError), keepAlive }

    func response(_ request: Request, _ produce: @escaping Producer) -> Response {
        let sse = Self.wantsEvents(request)
        var headers: HTTPFields = [.contentType: sse ? "text/event-stream" : "application/json"]
        if sse {
            headers[.cacheControl] = "no-cache"
            headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        }
        let keepAlive = self.keepAlive, timeout = self.timeout
        let body = ResponseBody { writer in
            let (chunks, sink) = AsyncStream<Chunk>.makeStream()
            let producer = Task {
                do {
                    try await produce { sink.yield(.result($0)) }
                } catch is CancellationError {
                } catch {
                    sink.yield(.failure(APIError.from(error)))
                }
                sink.finish()
            }
            let ticker: Task<Void, Never>? = sse ? Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: keepAlive)
                    if !Task.isCancelled { sink.yield(.keepAlive) }
                }
            } : nil
            let timer: Task<Void, Never>? = timeout.map { limit in
                Task {
                    try? await Task.sleep(for: limit)
                    if !Task.isCancelled { sink.finish() }
                }
            }
            defer {
                producer.cancel()
                ticker?.cancel()
                timer?.cancel()
            }
            if sse { try await writer.write(Self.buffer(": connected\n\n")) }
            for await chunk in chunks {
                switch chunk {
                case .result(let value): try await writer.write(Self.buffer(Self.frame(["result": value], sse: sse)))
                case .keepAlive: try await writer.write(Self.buffer(": keep-alive\n\n"))
                case .failure(let error):
                    try await writer.write(Self.buffer(Self.frame(error.streamBody, sse: sse)))
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    static func frame(_ message: JSONValue, sse: Bool) -> String {
        sse ? "data: \(message.compactJSON)\n\n" : message.compactJSON + "\n"
    }

    static func buffer(_ text: String) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeString(text)
        return buffer
    }
}
