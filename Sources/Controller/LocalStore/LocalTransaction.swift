import Foundation
import GRDB
import Templates
import ClusterAPI

/// One object row as stored (without its fragments).
struct LocalObjectRow: Sendable {
    var id: Int64
    var resource: String
    var namespace: String
    var name: String
    var uid: String
    var rv: Int64
    var generation: Int64
    var labels: [String: String]
    var size: Int
    var body: JSONObject
}

/// Row-level operations of the local store, valid inside one database transaction (or read).
struct LocalTransaction {
    let db: Database
    let options: LocalCluster.Options
    let now: Date
    /// The resources whose objects this transaction changed (every event it appends), for the notifier.
    var changed: ChangedResources? = nil

    final class ChangedResources: @unchecked Sendable {
        // Written and read only by the one thread that runs the transaction, then after it has returned.
        var resources: Set<String> = []
        /// The events appended, for watchers in this process once the transaction has committed.
        var events: [LocalCluster.EventRow] = []
    }

    // MARK: versions

    /// The next global resourceVersion (the transaction holds the write lock, so versions are strictly increasing).
    func nextVersion() throws -> Int64 {
        guard let v = try Int64.fetchOne(db.cachedStatement(sql: "UPDATE meta SET value = value + 1 WHERE key = 'rv' RETURNING value"))
        else { throw ClusterError.other("local store: meta table is missing its rv row") }
        return v
    }

    func currentVersion() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'rv'")) ?? 0
    }

    func compactedVersion() throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM meta WHERE key = 'compacted'")) ?? 0
    }

    // MARK: reading objects

    static let rowColumns = "id, resource, namespace, name, uid, rv, generation, labels, size, body"

    func decodeRow(_ row: Row) throws -> LocalObjectRow {
        let body = try JSONValue.parseStored(row["body"]).objectValue ?? JSONObject()
        let labelsJSON = try JSONValue.parseStored(row["labels"]).objectValue ?? JSONObject()
        return LocalObjectRow(
            id: row["id"], resource: row["resource"], namespace: row["namespace"], name: row["name"], uid: row["uid"],
            rv: row["rv"], generation: row["generation"], labels: labelsJSON.reduce(into: [:]) { $0[$1.key] = $1.value.argoString },
            size: row["size"], body: body)
    }

    func load(_ resource: String, _ namespace: String, _ name: String) throws -> LocalObjectRow? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(Self.rowColumns) FROM objects WHERE resource = ? AND namespace = ? AND name = ?"),
            arguments: [resource, namespace, name]
        ).map(decodeRow)
    }

    func fragments(of objectID: Int64) throws -> [LocalFragments.Fragment] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT section, key, body FROM fragments WHERE object_id = ? ORDER BY ord"), arguments: [objectID])
            .compactMap { row in
                LocalFragments.Section(rawValue: row["section"]).map { LocalFragments.Fragment(section: $0, key: row["key"], text: row["body"]) }
            }
    }

    func assemble(_ row: LocalObjectRow) throws -> JSONValue {
        try LocalFragments.assemble(body: row.body, resourceVersion: row.rv, generation: row.generation, fragments: fragments(of: row.id))
    }

    /// One fragment's text; `.some(nil)` when it exists as a split marker.
    func fragment(_ objectID: Int64, _ section: LocalFragments.Section, _ key: String) throws -> String?? {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT body FROM fragments WHERE object_id = ? AND section = ? AND key = ?"),
            arguments: [objectID, section.rawValue, key])
        else { return nil }
        return .some(row["body"])
    }

    // MARK: writing objects

    /// Writes an object row (a new one, or `id` again after `remove`) with its fragments and owner links;
    /// returns the row id and the stored size in bytes.
    @discardableResult
    func store(id: Int64? = nil, resource: String, namespace: String, name: String, uid: String, rv: Int64,
               generation: Int64, object: JSONObject) throws -> (id: Int64, size: Int)
    {
        let (body, fragments) = LocalFragments.split(object)
        let bodyText = JSONValue.object(body).compactJSON
        let labels = JSONValue.object(object["metadata"]?["labels"]?.objectValue ?? [:]).compactJSON
        try db.cachedStatement(sql: """
            INSERT INTO objects(id, resource, namespace, name, uid, rv, generation, labels, size, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
            """
        ).execute(arguments: [id, resource, namespace, name, uid, rv, generation, labels, bodyText])
        let rowID = db.lastInsertedRowID
        var size = bodyText.utf8.count
        let insert = try db.cachedStatement(sql: "INSERT INTO fragments(object_id, section, key, body) VALUES (?, ?, ?, ?)")
        for f in fragments {
            try insert.execute(arguments: [rowID, f.section.rawValue, f.key, f.text])
            size += f.text?.utf8.count ?? 0
        }
        try db.cachedStatement(sql: "UPDATE objects SET size = ? WHERE id = ?").execute(arguments: [size, rowID])
        for owner in Set(LocalFragments.ownerUIDs(of: object)) {
            try db.execute(sql: "INSERT OR IGNORE INTO owners(owner_uid, object_id) VALUES (?, ?)", arguments: [owner, rowID])
        }
        return (rowID, size)
    }

    /// Deletes an object row with its fragments and owner links.
    func remove(_ objectID: Int64) throws {
        try db.execute(sql: "DELETE FROM fragments WHERE object_id = ?", arguments: [objectID])
        try db.execute(sql: "DELETE FROM owners WHERE object_id = ?", arguments: [objectID])
        try db.execute(sql: "DELETE FROM objects WHERE id = ?", arguments: [objectID])
    }

    /// Replaces a stored object wholesale, keeping its row id (so list order is stable).
    func replace(_ row: LocalObjectRow, rv: Int64, generation: Int64, object: JSONObject) throws -> Int {
        try remove(row.id)
        return try store(
            id: row.id, resource: row.resource, namespace: row.namespace, name: row.name, uid: row.uid, rv: rv,
            generation: generation, object: object
        ).size
    }

    // MARK: events

    struct Event {
        var rv: Int64
        var type: WatchEvent.Kind
        var row: LocalObjectRow
        var labels: [String: String]
        var previousLabels: [String: String]?
        var previousRV: Int64?
        /// The whole object, or for a `partial` event only its metadata.
        var object: JSONValue
        var partial: Bool = false
        var delta: JSONValue? = nil
    }

    func append(_ e: Event) throws {
        func text(_ l: [String: String]) -> String {
            JSONValue.object(JSONObject(uniqueKeysWithValues: l.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })).compactJSON
        }
        let row = LocalCluster.EventRow(
            rv: e.rv, type: e.type.rawValue, resource: e.row.resource, namespace: e.row.namespace, name: e.row.name,
            uid: e.row.uid, labels: text(e.labels), previousLabels: e.previousLabels.map(text), previousRV: e.previousRV,
            object: e.object.compactJSON, partial: e.partial, delta: e.delta?.compactJSON,
            parsed: .init(labels: e.labels, previousLabels: e.previousLabels, object: e.object, delta: e.delta))
        try db.cachedStatement(sql: """
            INSERT INTO events(rv, time, type, resource, namespace, name, uid, labels, prev_labels, prev_rv, object, partial, delta)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).execute(arguments: [
            row.rv, now.timeIntervalSince1970, row.type, row.resource, row.namespace, row.name, row.uid,
            row.labels, row.previousLabels, row.previousRV, row.object, row.partial, row.delta,
        ])
        changed?.resources.insert(e.row.resource)
        changed?.events.append(row)
        if e.rv % max(1, options.compactionInterval) == 0 { try compact(upTo: e.rv) }
    }

    /// Drops events older than both retention limits; watches from before the cut then fail with `.gone`.
    func compact(upTo rv: Int64) throws {
        let cut = rv - options.eventRetentionCount
        guard cut > 0 else { return }
        let before = now.timeIntervalSince1970 - options.eventRetentionSeconds
        guard let last = try Int64.fetchOne(db, sql: "SELECT max(rv) FROM events WHERE rv <= ? AND time <= ?", arguments: [cut, before])
        else { return }
        try db.execute(sql: "DELETE FROM events WHERE rv <= ?", arguments: [last])
        try db.execute(sql: "UPDATE meta SET value = max(value, ?) WHERE key = 'compacted'", arguments: [last])
    }
}
