/// How `argo-lite server` listens and whom it lets in.
public struct ServerConfiguration: Sendable {
    public var address = "127.0.0.1"
    /// 0 picks a free port (tests).
    public var port = 2746
    /// argo-server's `--auth-mode` values given (`client`, `server`); empty picks the default (`AuthPolicy`).
    public var authModes: [String] = []
    /// The tokens a client may present (from `--token-file`).
    public var tokens: [String] = []
    /// Requests with a larger body are refused with 413.
    public var maxBodyBytes = 3 * 1024 * 1024
    /// How often an event stream sends a keep-alive comment while nothing happens.
    public var keepAliveInterval: Duration = .seconds(15)
    /// How often a followed workflow log looks for pods that started since.
    public var pollInterval: Duration = .seconds(1)

    public init(address: String = "127.0.0.1", port: Int = 2746, authModes: [String] = [], tokens: [String] = []) {
        self.address = address
        self.port = port
        self.authModes = authModes
        self.tokens = tokens
    }

    /// Loopback addresses: the only ones a server without tokens may listen on.
    public var isLoopback: Bool {
        address == "localhost" || address == "::1" || address.hasPrefix("127.")
    }
}

/// Why the server refused to start: one message that says what to do.
public struct ServerStartError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ message: String) { description = message }
}
