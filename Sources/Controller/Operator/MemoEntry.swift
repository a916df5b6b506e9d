import Foundation
import Templates
import ClusterAPI

/// One ConfigMap used as a memoization cache (`template.memoize.cache.configMap`), as the sync read it.
public struct MemoCacheObservation: Sendable, Hashable {
    /// The label Argo puts on its cache ConfigMaps, and requires on one it reads or writes.
    public static let typeValue = "Cache"

    /// Whether the ConfigMap carries `workflows.argoproj.io/configmap-type: Cache`.
    public var isCache: Bool { typeLabelValue == Self.typeValue }
    /// The value of its `workflows.argoproj.io/configmap-type` label, nil without one.
    public var typeLabelValue: String?
    /// The ConfigMap's `data`: one JSON-encoded `MemoEntry` per cache key.
    public var data: [String: String]

    public init(typeLabelValue: String? = MemoCacheObservation.typeValue, data: [String: String] = [:]) {
        self.typeLabelValue = typeLabelValue
        self.data = data
    }

    /// Argo's `validateConfigmap`: a ConfigMap not labelled as a cache is not used (nor overwritten).
    public var refusal: String? {
        guard let value = typeLabelValue else {
            return "memoization configmap doesn't have \(Common.labelKeyConfigMapType) label, refusing to use it"
        }
        if value != Self.typeValue {
            return "memoization configmap doesn't have label \(Common.labelKeyConfigMapType) = \(Self.typeValue), refusing to use it"
        }
        return nil
    }

    /// From a ConfigMap object as the cluster returns it.
    public init(configMap: JSONValue) {
        typeLabelValue = configMap["metadata"]?["labels"]?[Common.labelKeyConfigMapType]?.stringValue
        var data: [String: String] = [:]
        for (key, value) in configMap["data"]?.objectValue ?? [:] { if let s = value.stringValue { data[key] = s } }
        self.data = data
    }
}

/// One cache entry, as Argo's `cache.Entry` marshals it under its key in the ConfigMap's `data`:
/// `{"nodeID":…,"outputs":…,"creationTimestamp":…,"lastHitTimestamp":…}`.
public struct MemoEntry: Sendable, Hashable {
    public var nodeID: String
    public var outputs: Outputs?
    public var creationTimestamp: KubeTime
    public var lastHitTimestamp: KubeTime

    public init(nodeID: String, outputs: Outputs?, creationTimestamp: KubeTime, lastHitTimestamp: KubeTime) {
        self.nodeID = nodeID
        self.outputs = outputs
        self.creationTimestamp = creationTimestamp
        self.lastHitTimestamp = lastHitTimestamp
    }

    /// Argo's `Entry.Hit`: an entry names the node it came from.
    public var isHit: Bool { !nodeID.isEmpty }

    /// Compact JSON in Go's field order.
    public var json: String {
        let outputs = self.outputs.map { Placeholders.jsonValue($0) } ?? .null
        let value: JSONValue = [
            "nodeID": .string(nodeID), "outputs": outputs,
            "creationTimestamp": .string(creationTimestamp.rfc3339), "lastHitTimestamp": .string(lastHitTimestamp.rfc3339),
        ]
        return value.compactJSON
    }

    /// Parses an entry as Go's `json.Unmarshal` into `Entry` does: missing fields are zero values (a missing or
    /// null timestamp is the zero time, so an entry without one has expired under any `maxAge`).
    public init(json text: String) throws(MemoError) {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw MemoError("malformed cache entry: could not unmarshal JSON; unable to parse: \(error)")
        }
        guard case .object = value else {
            throw MemoError("malformed cache entry: could not unmarshal JSON; unable to parse: not a JSON object")
        }
        nodeID = value["nodeID"]?.stringValue ?? ""
        if let raw = value["outputs"], !raw.isNull {
            do {
                let data = Data(raw.compactJSON.utf8)
                outputs = try JSONDecoder().decode(Outputs.self, from: data)
            } catch {
                throw MemoError("malformed cache entry: could not unmarshal JSON; unable to parse: \(error)")
            }
        } else {
            outputs = nil
        }
        creationTimestamp = MemoEntry.time(value["creationTimestamp"])
        lastHitTimestamp = MemoEntry.time(value["lastHitTimestamp"])
    }

    /// Go's zero `time.Time` (0001-01-01T00:00:00Z).
    static let zeroTime = KubeTime(year: 1, month: 1, day: 1) ?? KubeTime(seconds: 0)

    private static func time(_ value: JSONValue?) -> KubeTime {
        value?.stringValue.flatMap { KubeTime(rfc3339: $0) } ?? zeroTime
    }
}

/// A cache the operator could not use: the node that needed it is marked Error with this message.
public struct MemoError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a pass asks the sync to write into a cache ConfigMap (`OperatorAction.saveMemo`): get or create the
/// ConfigMap `configMap` in `namespace`, label it as a cache, and set `data[key]` to `entry.json`.
public struct MemoSave: Sendable, Hashable {
    public var configMap: String
    public var namespace: String
    public var key: String
    public var entry: MemoEntry

    public init(configMap: String, namespace: String, key: String, entry: MemoEntry) {
        self.configMap = configMap
        self.namespace = namespace
        self.key = key
        self.entry = entry
    }
}
