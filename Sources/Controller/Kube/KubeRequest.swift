import ClusterAPI
/// One HTTP exchange with the API server, before auth and TLS are added by the transport.
public struct KubeRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    public var query: [QueryItem] = []
    public var headers: [(name: String, value: String)] = []
    public var body: [UInt8]?

    public struct QueryItem: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: String, path: String, query: [QueryItem] = [], body: [UInt8]? = nil, contentType: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        headers = [("Accept", "application/json")]
        if let contentType { headers.append(("Content-Type", contentType)) }
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.method == b.method && a.path == b.path && a.query == b.query && a.body == b.body
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }

    /// Path and query as sent, encoded as Go's `url.Values.Encode` does (in the given order).
    public var target: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Self.escape($0.name))=\(Self.escape($0.value))" }.joined(separator: "&")
    }

    /// Go's `url.QueryEscape`: unreserved characters stay, space becomes `+`, the rest `%XX`.
    static func escape(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: " "): out += "+"
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(UnicodeScalar(hex[Int(byte >> 4)])) + String(UnicodeScalar(hex[Int(byte & 15)]))
            }
        }
        return out
    }
}

/// What came back: the status code, the response headers (names lowercased) and the whole body.
public struct KubeResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
}
