import Templates

/// A `meta/v1 Status` failure as kube-apiserver writes it (k8s.io/apimachinery/pkg/api/errors): key order and
/// messages as the real server's, `details` omitted when empty, `group` omitted for the core group.
struct FakeStatus: Error {
    var code: Int
    var reason: String
    var message: String
    var details: JSONObject = [:]
    var retryAfterSeconds: Int?

    var json: JSONValue {
        var o: JSONObject = ["kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Failure"]
        o["message"] = .string(message)
        if !reason.isEmpty { o["reason"] = .string(reason) }
        var d = details
        if let retryAfterSeconds { d["retryAfterSeconds"] = .int(Int64(retryAfterSeconds)) }
        if !d.isEmpty { o["details"] = .object(d) }
        o["code"] = .int(Int64(code))
        return .object(o)
    }

    static func detailsFor(_ r: FakeResource, _ name: String) -> JSONObject {
        var d: JSONObject = ["name": .string(name)]
        if !r.group.isEmpty { d["group"] = .string(r.group) }
        d["kind"] = .string(r.plural)
        return d
    }

    static func notFound(_ r: FakeResource, _ name: String) -> FakeStatus {
        FakeStatus(code: 404, reason: "NotFound", message: "\(r.qualified) \"\(name)\" not found", details: detailsFor(r, name))
    }

    static func alreadyExists(_ r: FakeResource, _ name: String) -> FakeStatus {
        FakeStatus(code: 409, reason: "AlreadyExists", message: "\(r.qualified) \"\(name)\" already exists",
                   details: detailsFor(r, name))
    }

    static func conflict(_ r: FakeResource, _ name: String, _ why: String = "the object has been modified; please apply your changes to the latest version and try again") -> FakeStatus {
        FakeStatus(code: 409, reason: "Conflict", message: "Operation cannot be fulfilled on \(r.qualified) \"\(name)\": \(why)",
                   details: detailsFor(r, name))
    }

    /// 422 with one field cause (`errors.NewInvalid`): `Pod "x" is invalid: metadata.name: Required value: ...`.
    static func invalid(_ r: FakeResource, _ name: String, field: String, type: String, causeReason: String, detail: String) -> FakeStatus {
        let causeMessage = "\(type): \(detail)"
        var d: JSONObject = ["name": .string(name)]
        if !r.group.isEmpty { d["group"] = .string(r.group) }
        d["kind"] = .string(r.kind)
        d["causes"] = [["reason": .string(causeReason), "message": .string(causeMessage), "field": .string(field)]]
        return FakeStatus(code: 422, reason: "Invalid", message: "\(r.qualifiedKind) \"\(name)\" is invalid: \(field): \(causeMessage)",
                          details: d)
    }

    static func badRequest(_ message: String) -> FakeStatus {
        FakeStatus(code: 400, reason: "BadRequest", message: message)
    }

    static let unauthorized = FakeStatus(code: 401, reason: "Unauthorized", message: "Unauthorized")

    static func forbidden(user: String, verb: String, _ r: FakeResource, namespace: String?) -> FakeStatus {
        let scope = namespace.map { "in the namespace \"\($0)\"" } ?? "at the cluster scope"
        let group = r.group.isEmpty ? "\"\"" : "\"\(r.group)\""
        var details: JSONObject = [:]
        if !r.group.isEmpty { details["group"] = .string(r.group) }
        details["kind"] = .string(r.plural)
        return FakeStatus(code: 403, reason: "Forbidden",
                          message: "\(r.qualified) is forbidden: User \"\(user)\" cannot \(verb) resource \"\(r.plural)\" in API group \(group) \(scope)",
                          details: details)
    }

    /// The answer for a path under a served group/version that names no resource.
    static let noResource = FakeStatus(code: 404, reason: "NotFound", message: "the server could not find the requested resource")

    static func tooOld(_ requested: Int, _ oldest: Int) -> FakeStatus {
        FakeStatus(code: 410, reason: "Expired", message: "too old resource version: \(requested) (\(oldest))")
    }

    static let continueExpired = FakeStatus(
        code: 410, reason: "Expired",
        message: "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")

    static let tooManyRequests = FakeStatus(code: 429, reason: "TooManyRequests", message: "Too many requests, please try again later.")

    static func internalError(_ why: String) -> FakeStatus {
        FakeStatus(code: 500, reason: "InternalError", message: "Internal error occurred: \(why)",
                   details: ["causes": [["message": .string(why)]]])
    }

    static func unsupportedPatch(_ contentType: String) -> FakeStatus {
        FakeStatus(code: 415, reason: "UnsupportedMediaType",
                   message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml")
    }

    static func methodNotAllowed() -> FakeStatus {
        FakeStatus(code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource")
    }
}
