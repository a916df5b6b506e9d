import COpenSSL
import Foundation
import Synchronization

/// One HTTP/1.1 request as the fake API server received it.
public struct FakeRequest: Sendable {
    public var method: String
    /// The path, percent-decoded.
    public var path: String
    /// Query parameters, decoded (`+` is a space); the first value of each name.
    public var query: [String: String]
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: [UInt8]
    /// The verified client certificate's subject common name, when the client presented one.
    public var certificateUser: String?
}

/// What a handler answers: a whole body, or a stream written as chunks until the writer returns.
enum FakeReply {
    case full(status: Int, contentType: String, body: [UInt8], headers: [(String, String)] = [])
    case stream(status: Int, contentType: String, write: (FakeChunkWriter) -> Void)
}

/// Writes the chunks of a streamed answer; `send` is false once the connection is gone.
final class FakeChunkWriter {
    let connection: FakeConnection
    init(_ connection: FakeConnection) { self.connection = connection }
    func send(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return true }
        return connection.write(Array(String(bytes.count, radix: 16).utf8) + [13, 10] + bytes + [13, 10])
    }
    /// False once the connection was dropped or the client closed its side.
    var isOpen: Bool {
        if connection.isDropped { return false }
        var byte: UInt8 = 0
        return recv(connection.fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) != 0
    }
}

/// A TCP connection, with TLS over it when the server has a TLS context. Only its own thread closes the socket;
/// `drop()` (from any thread) shuts it down, which makes that thread's next read or write fail.
final class FakeConnection: @unchecked Sendable {
    let fd: Int32
    var ssl: OpaquePointer?
    var certificateUser: String?
    private var pending: [UInt8] = []
    private let dropped = Atomic<Bool>(false)

    init(fd: Int32) { self.fd = fd }

    var isDropped: Bool { dropped.load(ordering: .relaxed) }

    /// Guards `fd` against reuse: once this connection closed it, the number may belong to another socket (another
    /// test's server in this process), which a late `drop()` must not shut down.
    private let closing = NSLock()
    private var closed = false

    func drop() {
        dropped.store(true, ordering: .relaxed)
        closing.withLock { if !closed { _ = shutdown(fd, Int32(SHUT_RDWR)) } }
    }

    /// TLS handshake; false when it failed (a client certificate the CA did not sign, a client that does not trust us).
    func acceptTLS(_ context: OpaquePointer) -> Bool {
        guard let s = SSL_new(context) else { return false }
        ssl = s
        SSL_set_fd(s, fd)
        guard SSL_accept(s) == 1 else { return false }
        if let cert = SSL_get1_peer_certificate(s) {
            defer { X509_free(cert) }
            if SSL_get_verify_result(s) == X509_V_OK {
                var buffer = [CChar](repeating: 0, count: 256)
                if X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, &buffer, 256) > 0 {
                    certificateUser = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                }
            }
        }
        return true
    }

    private func readSome() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let n: Int = chunk.withUnsafeMutableBytes { b in
            if let ssl { return Int(SSL_read(ssl, b.baseAddress, Int32(b.count))) }
            return recv(fd, b.baseAddress, b.count, 0)
        }
        guard n > 0 else { return false }
        pending += chunk[0..<n]
        return true
    }

    func write(_ bytes: [UInt8]) -> Bool {
        if isDropped { return false }
        var offset = 0
        while offset < bytes.count {
            let n: Int = bytes.withUnsafeBytes { b in
                let p = b.baseAddress! + offset
                if let ssl { return Int(SSL_write(ssl, p, Int32(bytes.count - offset))) }
                return send(fd, p, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// The next request on this connection, or nil when the client closed it (or sent something unparsable).
    func readRequest() -> FakeRequest? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headerEnd: Int?
        while headerEnd == nil {
            if let r = Self.find(separator, in: pending) { headerEnd = r } else if !readSome() { return nil }
        }
        let head = String(decoding: pending[0..<headerEnd!], as: UTF8.self)
        pending.removeFirst(headerEnd! + 4)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while pending.count < length { if !readSome() { return nil } }
        let body = Array(pending[0..<length])
        pending.removeFirst(length)
        let target = String(requestLine[1])
        let pathPart = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        var query: [String: String] = [:]
        if let q = target.split(separator: "?", maxSplits: 1).dropFirst().first {
            for pair in q.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { Self.decode(String($0)) }
                if query[kv[0]] == nil { query[kv[0]] = kv.count > 1 ? kv[1] : "" }
            }
        }
        return FakeRequest(method: String(requestLine[0]), path: pathPart.removingPercentEncoding ?? pathPart,
                           query: query, headers: headers, body: body, certificateUser: certificateUser)
    }

    static func decode(_ s: String) -> String {
        s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? s
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    func closeSocket() {
        if let ssl {
            SSL_free(ssl)
            self.ssl = nil
        }
        closing.withLock {
            closed = true
            close(fd)
        }
    }
}

/// A minimal HTTP/1.1 server on 127.0.0.1: a thread accepts, a thread per connection serves its requests one after
/// another (keep-alive), streamed answers use chunked transfer encoding. Nothing listens beyond the loopback.
final class FakeHTTPServer: @unchecked Sendable {
    private let handler: @Sendable (FakeRequest) -> FakeReply
    private let tls: OpaquePointer?
    /// The listening socket and open connections, under an NSLock (ThreadSanitizer does not see Mutex's futex).
    private let state = FakeLocked<(listener: Int32, connections: [ObjectIdentifier: FakeConnection])>((-1, [:]))
    private(set) var port: UInt16 = 0
    /// Connections accepted so far (clients that reuse connections keep this low).
    let accepted = Atomic<Int>(0)

    init(tls: OpaquePointer?, handler: @escaping @Sendable (FakeRequest) -> FakeReply) {
        self.tls = tls
        self.handler = handler
        signal(SIGPIPE, SIG_IGN)
    }

    /// Listens on `port` (0: an ephemeral one, remembered so that a restart comes back on the same port).
    func start(port wanted: UInt16 = 0) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw FakeServerError("socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = wanted.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw FakeServerError("bind/listen on 127.0.0.1:\(wanted): \(message)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        state.withLock { $0.listener = fd }
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.name = "kube-fake-accept"
        thread.start()
    }

    /// Stops listening and drops every connection (clients see a reset or a refused connection).
    func stop() {
        // The accept thread closes the listener when accept fails (after this shutdown), under the same lock, so
        // the number is not reused while that thread may still pass it to accept.
        let connections = state.withLock { s in
            if s.listener >= 0 { shutdown(s.listener, Int32(SHUT_RDWR)) }
            s.listener = -1
            return Array(s.connections.values)
        }
        for c in connections { c.drop() }
    }

    /// Drops the connections `which` selects, as a crashed proxy or a restarted server would.
    func dropConnections(where which: (FakeConnection) -> Bool = { _ in true }) {
        for c in state.withLock({ Array($0.connections.values) }) where which(c) { c.drop() }
    }

    private func acceptLoop(_ listener: Int32) {
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                state.withLock { s in
                    if s.listener == listener { s.listener = -1 }
                    close(listener)
                }
                return
            }
            let connection = FakeConnection(fd: fd)
            let open = state.withLock { s -> Bool in
                guard s.listener == listener else { return false }
                s.connections[ObjectIdentifier(connection)] = connection
                accepted.add(1, ordering: .relaxed)
                return true
            }
            guard open else {
                close(fd)
                continue
            }
            let thread = Thread { [self] in serve(connection) }
            thread.name = "kube-fake-conn"
            thread.start()
        }
    }

    private func serve(_ connection: FakeConnection) {
        defer {
            _ = state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(connection)) }
            connection.closeSocket()
        }
        if let tls, !connection.acceptTLS(tls) { return }
        while !connection.isDropped, let request = connection.readRequest() {
            switch handler(request) {
            case .full(let status, let contentType, let body, let extra):
                var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: \(contentType)\r\n"
                for (name, value) in extra { head += "\(name): \(value)\r\n" }
                head += "Content-Length: \(body.count)\r\n\r\n"
                guard connection.write(Array(head.utf8) + body) else { return }
            case .stream(let status, let contentType, let write):
                let head = "HTTP/1.1 \(status) \(Self.reason(status))\r\nContent-Type: \(contentType)\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"
                guard connection.write(Array(head.utf8)) else { return }
                write(FakeChunkWriter(connection))
                guard connection.write(Array("0\r\n\r\n".utf8)) else { return }
            }
            if request.headers["connection"]?.lowercased() == "close" { return }
        }
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 410: "Gone"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Entity"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

public struct FakeServerError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// A value behind an NSLock.
final class FakeLocked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
