import GRDB
import Templates
import ClusterAPI

extension LocalTransaction {
    /// The node patches that only set `progress`, applied by SQLite in one statement instead of each node being
    /// read, parsed, merged and written again in Swift. They are most of a pass's node changes: when a pod of a
    /// chain ends, every node above it moves its progress. `json_set` keeps the rest of each stored node's text
    /// as it was. Returns the change in stored bytes, and the IDs that have no stored node yet (the caller merges
    /// those the ordinary way).
    ///
    /// The `IN` list is built once; a join with `json_each` would parse the patch again for every stored node.
    func setProgress(_ objectID: Int64, _ progress: [(nodeID: String, progress: String)]) throws
        -> (change: Int, missing: [String])
    {
        let keys = JSONValue.object(JSONObject(uniqueKeysWithValues: progress.map { ($0.nodeID, .string($0.progress)) })).compactJSON
        let before = try Row.fetchAll(
            db.cachedStatement(sql: """
                SELECT key, length(CAST(body AS BLOB)) AS n FROM fragments
                WHERE object_id = ?1 AND section = 2 AND key IN (SELECT key FROM json_each(?2))
                """),
            arguments: [objectID, keys])
        var oldSize: [String: Int] = [:]
        for row in before { oldSize[row["key"]] = row["n"] }
        let after = try Row.fetchAll(
            db.cachedStatement(sql: """
                UPDATE fragments SET body = json_set(body, '$.progress', json_extract(?2, '$."' || key || '"'))
                WHERE object_id = ?1 AND section = 2 AND key IN (SELECT key FROM json_each(?2))
                RETURNING key, length(CAST(body AS BLOB)) AS n
                """),
            arguments: [objectID, keys])
        var change = 0
        for row in after {
            let key: String = row["key"]
            change += (row["n"] as Int) - (oldSize[key] ?? 0)
        }
        let missing = progress.map(\.nodeID).filter { oldSize[$0] == nil }
        return (change, missing)
    }

    /// `{"progress": "<digits>/<digits>"}` and nothing else, for a node ID that can be quoted into a JSON path: a
    /// patch `setProgress` applies.
    static func progressOnly(_ nodeID: String, _ patch: JSONValue) -> String? {
        guard !nodeID.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }),
              case .object(let fields) = patch, fields.count == 1, case .string(let p)? = fields["progress"],
              !p.isEmpty, p.utf8.allSatisfy({ $0 == UInt8(ascii: "/") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) })
        else { return nil }
        return p
    }
}
