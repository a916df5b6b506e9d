import Foundation
import Templates

/// A fake Kubernetes API server for tests, on 127.0.0.1 (an ephemeral port), over plain HTTP or HTTPS. It speaks
/// the REST and watch protocol as kube-apiserver does (see the other files of this target for what each part
/// matches and where it stops) and has hooks for faults: drop watches, fail the next requests, restart.
///
/// Where it stops short of the real server: no validation of specs (a pod without containers is accepted) and
/// no defaulting beyond a new pod's status; no admission, RBAC (only `deny`), managedFields, server-side apply,
/// dry run, deletecollection, `resourceVersionMatch`, `sendInitialEvents`, or HTTP/2; Foreground deletion
/// removes dependents at once instead of keeping the owner until they are gone; bookmarks only on `sendBookmarks()`.
public final class FakeKubeServer: @unchecked Sendable {
    public struct Options: Sendable {
        /// Serve HTTPS with these certificates (client certificates signed by their CA authenticate as their CN).
        public var certificates: FakeCertificates?
        /// Bearer tokens that authenticate (token → user name).
        public var tokens: [String: String] = [:]
        /// Whether a request without valid credentials gets 401. Default: when TLS or tokens are configured.
        public var requireAuthentication: Bool?
        /// Serve the argoproj.io CRDs (false: as a cluster where `kubectl apply -f crds/` was not run).
        public var argoCRDs = true
        /// How many change events are kept for watches; older resourceVersions answer 410 Expired.
        public var watchWindow = 1000
        public init() {}
    }

    /// A request as the server saw it, for tests that count or time them.
    public struct Recorded: Sendable {
        public var method: String
        public var path: String
        public var query: [String: String]
        public var userAgent: String?
        public var at: ContinuousClock.Instant
    }

    let options: Options
    let store = FakeStore()
    /// The listener; `restart` replaces it while other threads may read it.
    private let httpBox = FakeLocked<FakeHTTPServer?>(nil)
    var http: FakeHTTPServer { httpBox.withLock { $0! } }
    private let tls: FakeTLSContext?
    let lock = NSLock()
    private var failures: [(status: Int, retryAfter: Int?)] = []
    private var recorded: [Recorded] = []
    private var denied: Set<String> = []
    var logs: [String: (text: [UInt8], ended: Bool)] = [:]
    let resources: [FakeResource]

    public var port: UInt16 { http.port }
    public var url: String { "\(options.certificates == nil ? "http" : "https")://127.0.0.1:\(port)" }
    public var certificates: FakeCertificates? { options.certificates }

    public init(_ options: Options = Options()) throws {
        self.options = options
        resources = FakeResource.all.filter { options.argoCRDs || $0.group != "argoproj.io" }
        if let c = options.certificates {
            tls = try FakeTLSContext(certFile: c.serverCertFile, keyFile: c.serverKeyFile, clientCAFile: c.caFile)
        } else {
            tls = nil
        }
        store.withLock { store.window = options.watchWindow }
        let server = FakeHTTPServer(tls: tls?.context) { [unowned self] request in self.handle(request) }
        httpBox.withLock { $0 = server }
        try server.start()
    }

    /// Starts a server: `tls` makes a fresh set of certificates.
    public static func start(tls: Bool = false, tokens: [String: String] = [:], configure: (inout Options) -> Void = { _ in })
        throws -> FakeKubeServer
    {
        var options = Options()
        if tls { options.certificates = try FakeCertificates.generate() }
        options.tokens = tokens
        configure(&options)
        return try FakeKubeServer(options)
    }

    deinit { httpBox.withLock { $0 }?.stop() }

    public func stop() {
        lock.withLock { stopped = true }
        http.stop()
    }
    var stopped = false

    // MARK: Fault hooks

    /// Ends every open watch at once by dropping its connection (no final chunk), as a proxy or a crash would.
    public func dropWatches() {
        store.withLock { store.dropWatches() }
    }

    /// Answers the next `count` requests with `status` (429 TooManyRequests or 500 InternalError), with a
    /// `Retry-After` header when `retryAfter` is given.
    public func failNext(_ count: Int, status: Int, retryAfter: Int? = nil) {
        lock.withLock { failures += Array(repeating: (status, retryAfter), count: count) }
    }

    /// Stops listening and drops every connection, stays down for `downFor`, then listens again on the same port
    /// with the same data (as a restarted kube-apiserver in front of the same etcd).
    public func restart(downFor: Duration = .zero) async throws {
        http.stop()
        store.withLock { store.dropWatches() }
        if downFor > .zero { try await Task.sleep(for: downFor) }
        let port = http.port
        let fresh = FakeHTTPServer(tls: tls?.context) { [unowned self] request in self.handle(request) }
        httpBox.withLock { $0 = fresh }
        // The old listener closes as its accept thread wakes: retry the bind for a moment.
        for attempt in 0..<50 {
            do { return try fresh.start(port: port) } catch where attempt < 49 { try await Task.sleep(for: .milliseconds(20)) }
        }
    }

    /// Forgets the change history: a watch from any earlier resourceVersion now gets 410 Expired.
    public func compact() { store.withLock { store.compact() } }

    /// Sends a BOOKMARK now on every watch that asked for them.
    public func sendBookmarks() { store.withLock { bookmarkRequests += 1; store.poke() } }
    var bookmarkRequests = 0

    /// Refuses `verb` (get, list, watch, create, update, patch, delete) on `plural` with 403 Forbidden.
    public func deny(_ verb: String, _ plural: String) { _ = lock.withLock { denied.insert("\(verb) \(plural)") } }

    /// TCP connections accepted since the server (or its last restart) started.
    public var connectionsAccepted: Int { http.accepted.load(ordering: .relaxed) }

    /// Answers the next `count` list requests that carry a continue token with 410 Expired, as when etcd compacted
    /// the first page's revision between pages.
    public func expireNextContinueTokens(_ count: Int = 1) { lock.withLock { continueExpiries += count } }
    var continueExpiries = 0

    /// Undoes `deny`.
    public func allow(_ verb: String, _ plural: String) { _ = lock.withLock { denied.remove("\(verb) \(plural)") } }

    public var requests: [Recorded] { lock.withLock { recorded } }
    public func clearRequests() { lock.withLock { recorded.removeAll() } }

    /// The current resourceVersion.
    public var resourceVersion: String { store.withLock { String(store.version) } }

    // MARK: Dispatch

    private func handle(_ request: FakeRequest) -> FakeReply {
        lock.withLock { recorded.append(Recorded(method: request.method, path: request.path, query: request.query,
                                                  userAgent: request.headers["user-agent"], at: .now)) }
        guard let user = authenticate(request) else { return Self.reply(FakeStatus.unauthorized) }
        if let failure = lock.withLock({ failures.isEmpty ? nil : failures.removeFirst() }) {
            var status = failure.status == 429 ? FakeStatus.tooManyRequests : FakeStatus.internalError("injected failure")
            status.code = failure.status
            status.retryAfterSeconds = failure.retryAfter
            return Self.reply(status, headers: failure.retryAfter.map { [("Retry-After", String($0))] } ?? [])
        }
        do {
            return try route(request, user: user)
        } catch let status as FakeStatus {
            return Self.reply(status)
        } catch {
            return Self.reply(FakeStatus.internalError("\(error)"))
        }
    }

    /// The user the request authenticates as (bearer token, else client certificate), "system:anonymous" when
    /// none is required, nil for 401.
    private func authenticate(_ request: FakeRequest) -> String? {
        let required = options.requireAuthentication ?? (options.certificates != nil || !options.tokens.isEmpty)
        if let auth = request.headers["authorization"], auth.hasPrefix("Bearer ") {
            if let user = options.tokens[String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)] { return user }
            if request.certificateUser == nil { return required ? nil : "system:anonymous" }
        }
        if let cn = request.certificateUser { return cn }
        return required ? nil : "system:anonymous"
    }

    func checkAllowed(_ verb: String, _ r: FakeResource, user: String, namespace: String?) throws {
        if lock.withLock({ denied.contains("\(verb) \(r.plural)") }) {
            throw FakeStatus.forbidden(user: user, verb: verb, r, namespace: namespace)
        }
    }

    static func reply(_ status: FakeStatus, headers: [(String, String)] = []) -> FakeReply {
        .full(status: status.code, contentType: "application/json", body: Array(status.json.compactJSON.utf8), headers: headers)
    }

    static func reply(_ object: JSONValue, status: Int = 200) -> FakeReply {
        .full(status: status, contentType: "application/json", body: Array(object.compactJSON.utf8))
    }
}
