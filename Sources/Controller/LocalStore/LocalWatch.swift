import Foundation
import GRDB
import Templates
import ClusterAPI

/// Watch by resourceVersion: reads the `events` log after the given version, in version order, then waits on the
/// notifier (no polling) for more.
extension LocalCluster {
    public func watch(_ resource: ResourceKind, namespace: String?, labelSelector: LabelSelector?, resourceVersion: String?)
        async throws(ClusterError) -> AsyncThrowingStream<WatchEvent, any Error>
    {
        let ns: String? = resource.namespaced ? namespace : nil
        var initial: [WatchEvent] = []
        let start: Int64
        switch resourceVersion {
        case nil, "":
            start = try await read { tx in try tx.currentVersion() }
        case "0":
            // Kubernetes: "any version" — synthetic ADDED events for what exists now, then changes after.
            let list = try await self.list(resource, namespace: namespace, labelSelector: labelSelector)
            initial = list.items.map { WatchEvent(type: .added, object: $0, resourceVersion: $0["metadata"]?["resourceVersion"]?.stringValue) }
            start = Int64(list.resourceVersion) ?? 0
        case let text?:
            guard let v = Int64(text), v >= 0 else { throw .invalid("resourceVersion \"\(text)\" is not a number") }
            let compacted = try await read { tx in try tx.compactedVersion() }
            if v < compacted { throw LocalCluster.gone(v, compacted) }
            start = v
        }
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: WatchEvent.self)
        for e in initial { continuation.yield(e) }
        let task = Task { [self] in
            do {
                try await self.follow(resource, ns, labelSelector, from: start, into: continuation)
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    static func gone(_ version: Int64, _ compacted: Int64) -> ClusterError {
        .gone("too old resource version: \(version) (\(compacted))")
    }

    private func follow(
        _ resource: ResourceKind, _ namespace: String?, _ selector: LabelSelector?, from start: Int64,
        into continuation: AsyncThrowingStream<WatchEvent, any Error>.Continuation
    ) async throws(ClusterError) {
        var last = start
        // `all` of the stamp at the last read of the store: while no other process has written since (no
        // `bump`), this process's own record of recent events is the whole story (`LocalRecentEvents`).
        var readAt: UInt64? = nil
        let batch = 256
        while !Task.isCancelled {
            let seen = notifier.stamp(resource.description)
            if seen.all == readAt, let recent = recent.after(last) {
                for row in recent {
                    last = row.rv
                    guard row.resource == resource.description, namespace == nil || row.namespace == namespace else { continue }
                    if let event = try makeEvent(row, resource: resource, selector: selector) { continuation.yield(event) }
                }
                await notifier.wait(changedFrom: seen, resource: resource.description)
                continue
            }
            let after = last
            let (rows, current) = try await read { tx in
                let compacted = try tx.compactedVersion()
                if after < compacted { throw LocalCluster.gone(after, compacted) }
                var sql = "SELECT rv, type, namespace, name, uid, labels, prev_labels, prev_rv, object, partial, delta FROM events WHERE resource = ? AND rv > ?"
                var args: StatementArguments = [resource.description, after]
                if let namespace {
                    sql += " AND namespace = ?"
                    args += [namespace]
                }
                sql += " ORDER BY rv LIMIT \(batch)"
                let rows = try Row.fetchAll(tx.db.cachedStatement(sql: sql), arguments: args).map { EventRow($0, resource: resource.description) }
                return (rows, rows.count == batch ? nil : try tx.currentVersion())
            }
            for row in rows {
                last = row.rv
                if let event = try makeEvent(row, resource: resource, selector: selector) { continuation.yield(event) }
            }
            // A read that reached the end has seen everything committed before `seen`, and no event of this
            // watch lies between its last one and the store's version then.
            guard let current else { readAt = nil; continue }
            readAt = seen.all
            last = max(last, current)
            await notifier.wait(changedFrom: seen, resource: resource.description)
        }
    }

    /// Turns an events row into what this watcher sees: label-selector transitions become ADDED / DELETED, as in
    /// Kubernetes; rows stored without the whole object get a lazily loaded one.
    private func makeEvent(_ row: EventRow, resource: ResourceKind, selector: LabelSelector?) throws(ClusterError) -> WatchEvent? {
        guard var type = WatchEvent.Kind(rawValue: row.type) else { return nil }
        if let selector {
            let now = selector.matches(row.parsed?.labels ?? LocalCluster.labelMap(row.labels))
            let before = row.previousLabels.map { selector.matches(row.parsed?.previousLabels ?? LocalCluster.labelMap($0)) }
            switch (type, before, now) {
            case (.modified, false?, true): type = .added
            case (.modified, true?, false): type = .deleted
            case (.modified, false?, false), (.added, _, false), (.deleted, _, false): return nil
            default: break
            }
        }
        let rv = row.rv
        let objectText = row.object
        var delta: WatchEvent.Delta? = nil
        if let text = row.delta {
            let patch: JSONValue
            if let parsed = row.parsed?.delta { patch = parsed } else { patch = try JSONValue.parseStored(text) }
            delta = WatchEvent.Delta(previousResourceVersion: String(row.previousRV ?? 0), mergePatch: patch)
        }
        let parsedObject = row.parsed?.object
        let namespace = row.namespace
        if !row.partial {
            guard delta != nil else {
                if let parsedObject { return WatchEvent(type: type, object: parsedObject, resourceVersion: String(rv)) }
                return WatchEvent(type: type, object: try JSONValue.parseStored(objectText), resourceVersion: String(rv))
            }
            // A watcher that holds the previous version applies the delta and never needs the whole text parsed.
            return WatchEvent(type: type, resourceVersion: String(rv), delta: delta,
                              namespace: namespace.isEmpty ? nil : namespace, name: row.name) {
                parsedObject ?? (try? JSONValue.parseStored(objectText)) ?? .null
            }
        }
        let name = row.name
        let uid = row.uid
        let finalDelta = delta
        let pool = self.pool
        let options = self.options
        return WatchEvent(
            type: type, resourceVersion: String(rv), delta: delta, namespace: namespace.isEmpty ? nil : namespace,
            name: name
        ) {
            // The stored object now if it is still the same object; else the event's metadata plus its delta.
            let shell = parsedObject ?? (try? JSONValue.parseStored(objectText)) ?? .null
            let current = try? pool.read { db -> JSONValue? in
                let tx = LocalTransaction(db: db, options: options, now: Date())
                guard let row = try tx.load(resource.description, namespace, name), row.uid == uid else { return nil }
                return try tx.assemble(row)
            }
            if let current = current ?? nil { return current }
            return finalDelta.map { MergePatch.apply($0.mergePatch, to: shell) } ?? shell
        }
    }

    /// One event as stored; `parsed` holds what the text says when the event comes from this process's memory.
    struct EventRow: Sendable {
        struct Parsed: Sendable {
            var labels: [String: String]
            var previousLabels: [String: String]?
            var object: JSONValue
            var delta: JSONValue?
        }
        var rv: Int64
        var type: String
        var resource: String
        var namespace: String
        var name: String
        var uid: String
        var labels: String
        var previousLabels: String?
        var previousRV: Int64?
        var object: String
        var partial: Bool
        var delta: String?
        var parsed: Parsed? = nil
    }

    static func labelMap(_ text: String?) -> [String: String] {
        guard let text, let value = try? JSONValue.parseStored(text) else { return [:] }
        return (value.objectValue ?? [:]).reduce(into: [:]) { $0[$1.key] = $1.value.argoString }
    }
}

extension LocalCluster.EventRow {
    init(_ row: Row, resource: String) {
        self.init(rv: row["rv"], type: row["type"], resource: resource, namespace: row["namespace"], name: row["name"],
                  uid: row["uid"], labels: row["labels"], previousLabels: row["prev_labels"], previousRV: row["prev_rv"],
                  object: row["object"], partial: row["partial"], delta: row["delta"])
    }
}
