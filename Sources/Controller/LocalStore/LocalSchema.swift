import GRDB
import ClusterAPI

/// The local store's tables, created by a `DatabaseMigrator` (new migrations are appended, never edited).
///
/// - `objects`: one row per object. `body` is the object without `spec` and `status`, and with
///   `metadata.resourceVersion` / `metadata.generation` left out (they live in columns), so that a status patch
///   rewrites neither the spec nor the metadata.
/// - `fragments`: the object's `spec` and `status` as separately stored pieces (see `LocalFragments`):
///   section 0 holds the top-level `spec` / `status`, section 1 one row per `status` key, section 2 one row per
///   `status.nodes` entry (a Workflow's node). `ord` (the rowid) keeps key order; an upsert keeps it.
/// - `owners`: (owner uid → dependent object id), for garbage collection on delete.
/// - `events`: the append-only change log. Its `rv` is the global resourceVersion; watches read it.
/// - `meta`: counters: the last resourceVersion handed out and the version up to which events were compacted.
enum LocalSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE objects (
                    id INTEGER PRIMARY KEY,
                    resource TEXT NOT NULL,
                    namespace TEXT NOT NULL,
                    name TEXT NOT NULL,
                    uid TEXT NOT NULL UNIQUE,
                    rv INTEGER NOT NULL,
                    generation INTEGER NOT NULL,
                    labels TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    UNIQUE(resource, namespace, name)
                );
                CREATE TABLE fragments (
                    ord INTEGER PRIMARY KEY,
                    object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
                    section INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    body TEXT,
                    UNIQUE(object_id, section, key)
                );
                CREATE TABLE owners (
                    owner_uid TEXT NOT NULL,
                    object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
                    PRIMARY KEY(owner_uid, object_id)
                ) WITHOUT ROWID;
                CREATE INDEX owners_by_object ON owners(object_id);
                CREATE TABLE events (
                    rv INTEGER PRIMARY KEY,
                    time REAL NOT NULL,
                    type TEXT NOT NULL,
                    resource TEXT NOT NULL,
                    namespace TEXT NOT NULL,
                    name TEXT NOT NULL,
                    uid TEXT NOT NULL,
                    labels TEXT NOT NULL,
                    prev_labels TEXT,
                    prev_rv INTEGER,
                    object TEXT NOT NULL,
                    partial INTEGER NOT NULL,
                    delta TEXT
                );
                CREATE INDEX events_by_resource ON events(resource, rv);
                CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO meta(key, value) VALUES ('rv', 0), ('compacted', 0);
                """)
        }
        return m
    }
}
