import Controller
import HTTPTypes
import Templates

/// An error as argo-server answers it: a gRPC status code, turned by grpc-gateway into an HTTP status, and the body
/// `{"code": <grpc code>, "message": "..."}`.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// gRPC status codes (google.golang.org/grpc/codes).
    public enum Code: Int, Sendable {
        case cancelled = 1, unknown = 2, invalidArgument = 3, deadlineExceeded = 4, notFound = 5, alreadyExists = 6
        case permissionDenied = 7, resourceExhausted = 8, failedPrecondition = 9, aborted = 10, outOfRange = 11
        case unimplemented = 12, `internal` = 13, unavailable = 14, dataLoss = 15, unauthenticated = 16

        /// grpc-gateway's `HTTPStatusFromCode`.
        public var httpStatus: Int {
            switch self {
            case .cancelled: 408
            case .unknown, .internal, .dataLoss: 500
            case .invalidArgument, .failedPrecondition, .outOfRange: 400
            case .deadlineExceeded: 504
            case .notFound: 404
            case .alreadyExists, .aborted: 409
            case .permissionDenied: 403
            case .unauthenticated: 401
            case .resourceExhausted: 429
            case .unimplemented: 501
            case .unavailable: 503
            }
        }
    }

    public var code: Code
    public var message: String
    /// The HTTP status when it is not the code's own (a body past the size limit is 413).
    public var statusOverride: Int?

    public init(_ code: Code, _ message: String, status: Int? = nil) {
        self.code = code
        self.message = message
        self.statusOverride = status
    }

    public var status: HTTPResponse.Status {
        let code = statusOverride ?? self.code.httpStatus
        return HTTPResponse.Status(code: code, reasonPhrase: Self.statusText[code] ?? "")
    }

    /// Go's `http.StatusText` for the statuses the server answers with.
    static let statusText: [Int: String] = [
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 408: "Request Timeout",
        409: "Conflict", 413: "Request Entity Too Large", 429: "Too Many Requests", 500: "Internal Server Error",
        501: "Not Implemented", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]
    public var description: String { "rpc error: code = \(code) desc = \(message)" }

    /// The body grpc-gateway writes for a unary call.
    public var body: JSONValue { ["code": .int(Int64(code.rawValue)), "message": .string(message)] }

    /// The body grpc-gateway writes when a stream fails after it started (`runtime.StreamError`).
    public var streamBody: JSONValue {
        let http = statusOverride ?? code.httpStatus
        return ["error": [
            "grpc_code": .int(Int64(code.rawValue)), "http_code": .int(Int64(http)), "message": .string(message),
            "http_status": .string(Self.statusText[http] ?? ""),
        ]]
    }

    public static func invalid(_ message: String) -> APIError { APIError(.invalidArgument, message) }
    public static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }

    /// A store error as argo-server's `ToStatusError` maps Kubernetes API errors, by their HTTP status: 409
    /// (AlreadyExists and Conflict alike) is AlreadyExists; 410 Gone and 422 Invalid, like any other 4xx, are
    /// InvalidArgument.
    public init(_ error: ClusterError) {
        switch error {
        case .notFound(let m): self.init(.notFound, m)
        case .alreadyExists(let m), .conflict(let m): self.init(.alreadyExists, m)
        case .invalid(let m), .gone(let m): self.init(.invalidArgument, m)
        case .forbidden(let m): self.init(.permissionDenied, m)
        case .unavailable(let m): self.init(.unavailable, m)
        case .other(let m): self.init(.internal, m)
        }
    }

    /// Any error a handler let through: API errors as they are, store errors mapped, the rest Internal.
    public static func from(_ error: any Error) -> APIError {
        switch error {
        case let e as APIError: e
        case let e as ClusterError: APIError(e)
        case let e as ActionError: APIError(.invalidArgument, e.description)
        default: APIError(.internal, "\(error)")
        }
    }
}
