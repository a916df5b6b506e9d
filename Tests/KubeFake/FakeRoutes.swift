import Foundation
import Templates

/// What a resource path names: `/api/v1/namespaces/NS/pods/NAME/log`, `/apis/GROUP/VERSION/PLURAL`, ...
struct FakeTarget {
    var resource: FakeResource
    var namespace: String?
    var name: String?
    var subresource: String?

    var key: FakeStore.Key { FakeStore.Key(resource: resource.qualified, namespace: namespace ?? "", name: name ?? "") }
}

extension FakeKubeServer {
    func route(_ request: FakeRequest, user: String) throws -> FakeReply {
        let segments = request.path.split(separator: "/").map(String.init)
        if let answer = discovery(segments) { return answer }
        let gv: String
        let rest: ArraySlice<String>
        if segments.count >= 2, segments[0] == "api" {
            gv = segments[1]
            rest = segments[2...]
        } else if segments.count >= 3, segments[0] == "apis" {
            gv = segments[1] + "/" + segments[2]
            rest = segments[3...]
        } else {
            return Self.pageNotFound
        }
        let served = resources.filter { $0.groupVersion == gv }
        // A group/version nobody serves (CRDs not installed) is answered by the mux, not by an API group: plain text.
        guard !served.isEmpty else { return Self.pageNotFound }
        guard let target = Self.target(rest, served) else { throw FakeStatus.noResource }
        let r = target.resource
        let ns = target.namespace
        switch (request.method, target.name, target.subresource) {
        case ("GET", nil, nil):
            let watching = ["1", "true"].contains(request.query["watch"] ?? "")
            try checkAllowed(watching ? "watch" : "list", r, user: user, namespace: ns)
            return watching ? try watch(target, request) : Self.reply(try list(target, request.query))
        case ("POST", nil, nil):
            try checkAllowed("create", r, user: user, namespace: ns)
            return Self.reply(try create(target, request.body), status: 201)
        case ("GET", _?, nil), ("GET", _?, "status"):
            try checkAllowed("get", r, user: user, namespace: ns)
            return Self.reply(try get(target))
        case ("GET", _?, "log") where r.plural == "pods":
            try checkAllowed("get", r, user: user, namespace: ns)
            return try podLog(target, request.query)
        case ("PUT", _?, nil), ("PUT", _?, "status"):
            try checkAllowed("update", r, user: user, namespace: ns)
            return Self.reply(try update(target, request.body))
        case ("PATCH", _?, nil), ("PATCH", _?, "status"):
            try checkAllowed("patch", r, user: user, namespace: ns)
            return Self.reply(try patch(target, request.body, contentType: request.headers["content-type"] ?? ""))
        case ("DELETE", _?, nil):
            try checkAllowed("delete", r, user: user, namespace: ns)
            return try delete(target, request)
        default:
            throw FakeStatus.methodNotAllowed()
        }
    }

    /// Parses the part after the group/version. Namespaced resources need `namespaces/NS/` for one object (a
    /// collection without it lists all namespaces); cluster-scoped ones must not have it.
    static func target(_ rest: ArraySlice<String>, _ served: [FakeResource]) -> FakeTarget? {
        var parts = Array(rest)
        var namespace: String?
        if parts.count >= 3, parts[0] == "namespaces" {
            namespace = parts[1]
            parts.removeFirst(2)
        }
        guard let plural = parts.first, let r = served.first(where: { $0.plural == plural }), parts.count <= 3 else { return nil }
        if namespace != nil, !r.namespaced { return nil }
        if r.namespaced, namespace == nil, parts.count > 1 { return nil }
        let subresource = parts.count == 3 ? parts[2] : nil
        if let subresource, !(subresource == "status" && r.hasStatusSubresource) && !(subresource == "log" && r.plural == "pods") {
            return nil
        }
        return FakeTarget(resource: r, namespace: r.namespaced ? namespace : nil, name: parts.count >= 2 ? parts[1] : nil,
                          subresource: subresource)
    }

    static var pageNotFound: FakeReply { .full(status: 404, contentType: "text/plain; charset=utf-8", body: Array("404 page not found\n".utf8)) }

    /// An RFC 3339 time in seconds, as metav1.Time marshals.
    static func timestamp(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    static func parseObject(_ body: [UInt8]) throws -> JSONObject {
        guard let value = try? JSONParser.parse(String(decoding: body, as: UTF8.self)), case .object(let o) = value else {
            throw FakeStatus.badRequest("the request body is not a JSON object")
        }
        return o
    }
}
