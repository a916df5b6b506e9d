import Templates
import ClusterAPI

/// A Kubernetes REST client: the verbs the controller needs, over `KubeTransport`, rate limited, with error
/// `Status` bodies turned into `KubeError`s.
public final class KubeClient: Sendable {
    public let transport: KubeTransport
    let limiter: (any KubeRateLimiter)?
    /// How often a throttled or failing answer that says when to come back (`Retry-After`) is retried.
    public let maxRetries: Int

    public init(config: KubeConfig, rateLimiter: (any KubeRateLimiter)? = TokenBucket(), maxRetries: Int = 10) {
        transport = KubeTransport(config: config)
        limiter = rateLimiter
        self.maxRetries = maxRetries
    }

    public var config: KubeConfig { transport.config }

    public struct ListOptions: Sendable, Equatable {
        public var labelSelector: String?
        public var fieldSelector: String?
        public var limit: Int?
        public var continueToken: String?
        public var resourceVersion: String?
        public init(labelSelector: String? = nil, fieldSelector: String? = nil, limit: Int? = nil,
                    continueToken: String? = nil, resourceVersion: String? = nil) {
            self.labelSelector = labelSelector
            self.fieldSelector = fieldSelector
            self.limit = limit
            self.continueToken = continueToken
            self.resourceVersion = resourceVersion
        }

        var query: [KubeRequest.QueryItem] {
            var q: [KubeRequest.QueryItem] = []
            if let labelSelector, !labelSelector.isEmpty { q.append(.init("labelSelector", labelSelector)) }
            if let fieldSelector, !fieldSelector.isEmpty { q.append(.init("fieldSelector", fieldSelector)) }
            if let limit { q.append(.init("limit", String(limit))) }
            if let continueToken, !continueToken.isEmpty { q.append(.init("continue", continueToken)) }
            if let resourceVersion { q.append(.init("resourceVersion", resourceVersion)) }
            return q
        }
    }

    /// One page of a list: its items, the list's resourceVersion and the token for the next page ("" at the end).
    public struct Page: Sendable, Equatable {
        public var items: [JSONValue]
        public var resourceVersion: String
        public var continueToken: String
    }

    public func get(_ kind: ResourceKind, namespace: String?, name: String) async throws(KubeError) -> JSONValue {
        try await json(KubeRequest(method: "GET", path: kind.kubePath(namespace: namespace, name: name)))
    }

    public func list(_ kind: ResourceKind, namespace: String?, options: ListOptions = ListOptions())
        async throws(KubeError) -> Page
    {
        let list = try await json(KubeRequest(method: "GET", path: kind.kubePath(namespace: namespace), query: options.query))
        guard let items = list["items"]?.arrayValue ?? (list["items"]?.isNull == true ? [] : nil) else {
            throw .decode("a list of \(kind) without items")
        }
        return Page(items: items, resourceVersion: list["metadata"]?["resourceVersion"]?.stringValue ?? "",
                    continueToken: list["metadata"]?["continue"]?.stringValue ?? "")
    }

    public func create(_ kind: ResourceKind, namespace: String?, _ object: JSONValue) async throws(KubeError) -> JSONValue {
        let ns = namespace ?? object["metadata"]?["namespace"]?.stringValue
        return try await json(KubeRequest(method: "POST", path: kind.kubePath(namespace: ns), body: Self.body(object),
                                          contentType: "application/json"))
    }

    /// PUT of the whole object; the server checks `metadata.resourceVersion` (409 Conflict when stale).
    public func update(_ kind: ResourceKind, _ object: JSONValue, subresource: String? = nil) async throws(KubeError) -> JSONValue {
        guard let name = object["metadata"]?["name"]?.stringValue else { throw .decode("update of a \(kind) without metadata.name") }
        let path = kind.kubePath(namespace: object["metadata"]?["namespace"]?.stringValue, name: name, subresource: subresource)
        return try await json(KubeRequest(method: "PUT", path: path, body: Self.body(object), contentType: "application/json"))
    }

    public func patch(_ kind: ResourceKind, namespace: String?, name: String, patch: JSONValue, type: PatchType)
        async throws(KubeError) -> JSONValue
    {
        try await json(KubeRequest(method: "PATCH", path: kind.kubePath(namespace: namespace, name: name),
                                   body: Self.body(patch), contentType: type.rawValue))
    }

    /// Reads the object, applies `change` and writes it back; on 409 Conflict (someone wrote in between) reads
    /// and tries again, `attempts` times in all, as client-go's `retry.RetryOnConflict` (10 ms apart). For callers
    /// whose change can be recomputed from the newer object; `change` may throw to give up.
    public func update(_ kind: ResourceKind, namespace: String?, name: String, attempts: Int = 5,
                       change: (JSONValue) throws(KubeError) -> JSONValue) async throws(KubeError) -> JSONValue
    {
        var attempt = 1
        while true {
            let current = try await get(kind, namespace: namespace, name: name)
            do { return try await update(kind, try change(current)) } catch {
                guard case .status(let s) = error, s.code == 409, s.reason == "Conflict", attempt < attempts else { throw error }
            }
            attempt += 1
            do { try await Task.sleep(for: .milliseconds(10)) } catch { throw .transport("cancelled") }
        }
    }

    public enum PropagationPolicy: String, Sendable { case orphan = "Orphan", background = "Background", foreground = "Foreground" }

    public func delete(_ kind: ResourceKind, namespace: String?, name: String, propagationPolicy: PropagationPolicy? = nil)
        async throws(KubeError)
    {
        var options: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1"]
        if let propagationPolicy, case .object(var o) = options {
            o["propagationPolicy"] = .string(propagationPolicy.rawValue)
            options = .object(o)
        }
        _ = try await json(KubeRequest(method: "DELETE", path: kind.kubePath(namespace: namespace, name: name),
                                       body: Self.body(options), contentType: "application/json"))
    }

    /// Sends a request (after the rate limiter) and returns its 2xx body as JSON, or throws its `Status`.
    public func json(_ request: KubeRequest) async throws(KubeError) -> JSONValue {
        let response = try await send(request)
        guard (200..<300).contains(response.status) else { throw Self.failure(response) }
        do { return try JSONParser.parse(String(decoding: response.body, as: UTF8.self)) } catch {
            throw .decode("\(request.method) \(request.path): \(error)")
        }
    }

    /// Sends `request` after the rate limiter. As client-go does, an answer of 429 or 5xx with a `Retry-After`
    /// header is sent again after that many seconds (at most 30), up to `maxRetries` times, each time through the
    /// limiter; without the header it is returned (the caller sees its `Status`).
    func send(_ request: KubeRequest) async throws(KubeError) -> KubeResponse {
        var attempt = 0
        while true {
            if let limiter {
                do { try await limiter.wait() } catch { throw .transport("cancelled") }
            }
            let response = try await transport.send(request)
            guard attempt < maxRetries, response.status == 429 || response.status >= 500,
                  let seconds = response.headers["retry-after"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
            else { return response }
            attempt += 1
            do { try await Task.sleep(for: .seconds(min(max(seconds, 0), 30))) } catch { throw .transport("cancelled") }
        }
    }

    static func failure(_ response: KubeResponse) -> KubeError {
        let status = KubeStatus(httpStatus: response.status, body: response.body, retryAfter: response.headers["retry-after"])
        return status.code == 410 ? .expired(status) : .status(status)
    }

    static func body(_ value: JSONValue) -> [UInt8] { Array(value.compactJSON.utf8) }
}
