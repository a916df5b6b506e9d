import Controller
import Foundation
import Templates

/// `?watch=true` as the watch cache serves it: a 200 answer streamed as chunked, newline-delimited JSON events
/// `{"type":…,"object":…}`.
/// - `resourceVersion` unset or "0": synthetic ADDED events for what exists now, then changes;
///   a version: the changes after it, or (when compacted away) one ERROR event with a 410 Expired Status, then the end.
/// - with selectors, an object that starts matching arrives as ADDED and one that stops matching as DELETED.
/// - `allowWatchBookmarks`: BOOKMARK events (an object of the watched kind with only `metadata.resourceVersion`)
///   when a test calls `sendBookmarks()` (the real server sends them about once a minute).
/// - `timeoutSeconds` ends the stream cleanly (default 1800 s); `dropWatches()` and `restart()` cut the
///   connection instead, without the final chunk.
extension FakeKubeServer {
    func watch(_ t: FakeTarget, _ request: FakeRequest) throws -> FakeReply {
        let r = t.resource
        let labels = try Self.labelSelector(request.query["labelSelector"])
        let fields = try Self.fieldSelector(request.query["fieldSelector"], r)
        let bookmarks = ["1", "true"].contains(request.query["allowWatchBookmarks"] ?? "")
        let timeout = Double(request.query["timeoutSeconds"] ?? "") ?? 1800
        let from = request.query["resourceVersion"] ?? ""
        guard from.isEmpty || Int(from) != nil else {
            throw FakeStatus.badRequest("resourceVersion: Invalid value: \"\(from)\": must be a non-negative integer")
        }
        return .stream(status: 200, contentType: "application/json") { [self] writer in
            let deadline = Date().addingTimeInterval(timeout)
            var pending: [JSONValue] = []
            var last: Int
            let (epoch, bookmarkMark) = store.withLock { (store.watchEpoch, bookmarkRequests) }
            var seenBookmarks = bookmarkMark
            let start: Result<Int, FakeStatus> = store.withLock {
                if from.isEmpty || from == "0" {
                    for key in store.keys(resource: r.qualified, namespace: t.namespace) {
                        if let o = store.object(key), Self.matches(o, labels, fields) { pending.append(Self.event("ADDED", o)) }
                    }
                    return .success(store.version)
                }
                let rv = Int(from)!
                if rv < store.compactedBelow { return .failure(FakeStatus.tooOld(rv, store.compactedBelow)) }
                return .success(rv)
            }
            switch start {
            case .failure(let status):
                _ = writer.send(Self.line(["type": "ERROR", "object": status.json]))
                return
            case .success(let rv): last = rv
            }
            while true {
                for e in pending where !writer.send(Self.line(e)) { return }
                pending.removeAll()
                let outcome: (stop: Bool, drop: Bool) = store.withLock {
                    while true {
                        if store.watchEpoch != epoch { return (true, true) }
                        if Date() >= deadline { return (true, false) }
                        if last < store.compactedBelow {
                            pending.append(["type": "ERROR", "object": FakeStatus.tooOld(last, store.compactedBelow).json])
                            return (true, false)
                        }
                        for e in store.events(after: last, resource: r.qualified) {
                            last = e.rv
                            if let ns = t.namespace, e.key.namespace != ns { continue }
                            if let out = Self.filtered(e, labels, fields) { pending.append(out) }
                        }
                        if bookmarks, bookmarkRequests != seenBookmarks {
                            seenBookmarks = bookmarkRequests
                            pending.append(Self.event("BOOKMARK", ["kind": .string(r.kind), "apiVersion": .string(r.apiVersion),
                                                                   "metadata": ["resourceVersion": .string(String(store.version))]]))
                        }
                        if !pending.isEmpty { return (false, false) }
                        _ = store.lock.wait(until: min(deadline, Date().addingTimeInterval(0.5)))
                        if !writer.isOpen { return (true, true) }
                    }
                }
                if outcome.drop {
                    writer.connection.drop()
                    return
                }
                if outcome.stop {
                    for e in pending where !writer.send(Self.line(e)) { return }
                    return
                }
            }
        }
    }

    /// The event a selective watch sees for a change: transitions into and out of the selection become ADDED and
    /// DELETED.
    static func filtered(_ e: FakeStore.Event, _ labels: LabelSelector?, _ fields: [FieldRequirement]) -> JSONValue? {
        let now = matches(e.object, labels, fields)
        let before = e.previous.map { matches($0, labels, fields) } ?? false
        // (No `nil` literals below: JSONValue is ExpressibleByNilLiteral, so a bare nil would be JSON null.)
        let type: String?
        switch e.type {
        case "ADDED": type = now ? "ADDED" : Optional<String>.none
        case "DELETED": type = before || now ? "DELETED" : Optional<String>.none
        default: type = now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : Optional<String>.none
        }
        return type.map { event($0, e.object) }
    }

    static func event(_ type: String, _ object: JSONValue) -> JSONValue { ["type": .string(type), "object": object] }
    static func line(_ event: JSONValue) -> [UInt8] { Array((event.compactJSON + "\n").utf8) }
}
