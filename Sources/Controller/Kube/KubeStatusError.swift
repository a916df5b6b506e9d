import Foundation
import Templates
import ClusterAPI

/// A failed call to the API server: its `Status` body (code, reason, message), or a transport failure.
public enum KubeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server answered with an error `Status`.
    case status(KubeStatus)
    /// A watch's resourceVersion is too old (410 Gone, or an ERROR event with code 410): list again, then watch.
    case expired(KubeStatus)
    /// No answer: connection, TLS or timeout (curl's message).
    case transport(String)
    /// The answer is not what the API sends (not JSON, no `items`…).
    case decode(String)
    case config(KubeConfigError)

    public var description: String {
        switch self {
        case .status(let s), .expired(let s): "\(s.reason.isEmpty ? "Error" : s.reason) (\(s.code)): \(s.message)"
        case .transport(let m): "cannot reach the API server: \(m)"
        case .decode(let m): "unexpected answer from the API server: \(m)"
        case .config(let e): e.description
        }
    }

    /// The project's error for the same condition, so a `Cluster` over Kubernetes fails as the local one does.
    public var clusterError: ClusterError {
        switch self {
        case .expired(let s): return .gone(s.message)
        case .transport(let m): return .unavailable(m)
        case .decode(let m): return .other(m)
        case .config(let e): return .other(e.description)
        case .status(let s):
            switch (s.code, s.reason) {
            case (404, _): return .notFound(s.message)
            case (409, "AlreadyExists"): return .alreadyExists(s.message)
            case (409, _): return .conflict(s.message)
            case (410, _): return .gone(s.message)
            case (422, _), (400, "BadRequest"): return .invalid(s.message)
            case (401, _): return .forbidden(KubeError.unauthorized(s.message))
            case (403, _): return .forbidden(s.message)
            case (429, _), (500..., "ServiceUnavailable"), (503, _), (504, _): return .unavailable(s.message)
            default: return .other(s.message)
            }
        }
    }
}

extension KubeError {
    /// 401's message says only "Unauthorized": add what to check.
    static func unauthorized(_ message: String) -> String {
        "\(message): the API server did not accept the credentials; check the kubeconfig user's token, token file, "
            + "exec plugin or client certificate (and that it is signed by the cluster's CA)"
    }
}

/// A `meta/v1 Status` as the API server sends it with an error code.
public struct KubeStatus: Sendable, Equatable {
    public var code: Int
    public var reason: String
    public var message: String
    /// Seconds to wait before retrying: `Retry-After` or `details.retryAfterSeconds` (429, some 5xx).
    public var retryAfterSeconds: Int?
    public var details: JSONValue?

    public init(code: Int, reason: String, message: String, retryAfterSeconds: Int? = nil, details: JSONValue? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
        self.details = details
    }

    /// The Status in `body`; a body that is not one (a proxy's HTML page) still gives the code and the text.
    init(httpStatus: Int, body: [UInt8], retryAfter: String?) {
        let text = String(decoding: body, as: UTF8.self)
        let json = try? JSONParser.parse(text)
        let isStatus = json?["kind"]?.stringValue == "Status"
        code = isStatus ? Int(json?["code"]?.intValue ?? Int64(httpStatus)) : httpStatus
        reason = isStatus ? json?["reason"]?.stringValue ?? "" : ""
        message = isStatus ? json?["message"]?.stringValue ?? "" : text.trimmingCharacters(in: .whitespacesAndNewlines)
        details = isStatus ? json?["details"] : nil
        retryAfterSeconds = retryAfter.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            ?? details?["retryAfterSeconds"]?.intValue.map(Int.init)
    }

    init(object: JSONValue) {
        code = Int(object["code"]?.intValue ?? 0)
        reason = object["reason"]?.stringValue ?? ""
        message = object["message"]?.stringValue ?? ""
        details = object["details"]
        retryAfterSeconds = details?["retryAfterSeconds"]?.intValue.map(Int.init)
    }
}
