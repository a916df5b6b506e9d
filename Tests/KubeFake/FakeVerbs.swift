import Controller
import Foundation
import Templates

/// get / list / create / update / patch, with kube-apiserver's rules: server-owned metadata, optimistic
/// concurrency on metadata.resourceVersion, no new version for a write that changes nothing, the status
/// subresource of pods, generation for custom resources.
extension FakeKubeServer {
    func get(_ t: FakeTarget) throws -> JSONValue {
        try store.withLock {
            guard let o = store.object(t.key) else { throw FakeStatus.notFound(t.resource, t.name ?? "") }
            return o
        }
    }

    func list(_ t: FakeTarget, _ query: [String: String]) throws -> JSONValue {
        let r = t.resource
        let labels = try Self.labelSelector(query["labelSelector"])
        let fields = try Self.fieldSelector(query["fieldSelector"], r)
        let limit = Int(query["limit"] ?? "") ?? 0
        return try store.withLock {
            var start: FakeStore.Key?
            var listRV = store.version
            if let token = query["continue"], !token.isEmpty {
                guard let decoded = Self.decodeContinue(token) else {
                    throw FakeStatus.badRequest("continue key is not valid: illegal base64 data")
                }
                let injected = lock.withLock { () -> Bool in
                    if continueExpiries > 0 { continueExpiries -= 1; return true }
                    return false
                }
                if injected || decoded.rv < store.compactedBelow { throw FakeStatus.continueExpired }
                let parts = decoded.start.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                start = FakeStore.Key(resource: r.qualified, namespace: parts[0], name: parts.count > 1 ? parts[1] : "")
                listRV = decoded.rv
            }
            var items: [JSONValue] = []
            var more = false
            var remaining = 0
            var last: FakeStore.Key?
            // Every page reads the store as it was at the first page's version (etcd's MVCC read at a revision).
            let snapshot = store.snapshot(resource: r.qualified, at: listRV)
            for key in snapshot.keys.filter({ t.namespace == nil || $0.namespace == t.namespace }).sorted() {
                if let start, !(start < key) { continue }
                guard let object = snapshot[key], Self.matches(object, labels, fields) else { continue }
                if limit > 0, items.count == limit {
                    more = true
                    remaining += 1
                    continue
                }
                items.append(r.isCustom ? object : Self.withoutTypeMeta(object))
                last = key
            }
            var meta: JSONObject = ["resourceVersion": .string(String(listRV))]
            if more, let last {
                meta["continue"] = .string(Self.encodeContinue(rv: listRV, start: last.token))
                if labels == nil, fields.isEmpty { meta["remainingItemCount"] = .int(Int64(remaining)) }
            }
            return ["kind": .string(r.kind + "List"), "apiVersion": .string(r.apiVersion), "metadata": .object(meta),
                    "items": .array(items)]
        }
    }

    func create(_ t: FakeTarget, _ body: [UInt8]) throws -> JSONValue {
        let r = t.resource
        var object = try Self.parseObject(body)
        try Self.checkTypeMeta(object, r)
        var meta = object["metadata"]?.objectValue ?? [:]
        if let ns = meta["namespace"]?.stringValue, !ns.isEmpty, r.namespaced, ns != t.namespace {
            throw FakeStatus.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        if let rv = meta["resourceVersion"]?.stringValue, !rv.isEmpty {
            throw FakeStatus(code: 500, reason: "", message: "resourceVersion should not be set on objects to be created")
        }
        let generateName = meta["generateName"]?.stringValue ?? ""
        var name = meta["name"]?.stringValue ?? ""
        if name.isEmpty && generateName.isEmpty {
            throw FakeStatus.invalid(r, "", field: "metadata.name", type: "Required value", causeReason: "FieldValueRequired",
                                     detail: "name or generateName is required")
        }
        return try store.withLock {
            if name.isEmpty {
                repeat { name = generateName + Self.randomSuffix() } while store.object(key(t, name)) != nil
            }
            try Self.validateName(r, name)
            guard store.object(key(t, name)) == nil else { throw FakeStatus.alreadyExists(r, name) }
            let rv = store.nextVersion()
            var newMeta: JSONObject = ["name": .string(name)]
            if !generateName.isEmpty { newMeta["generateName"] = .string(generateName) }
            if r.namespaced { newMeta["namespace"] = .string(t.namespace ?? "default") }
            newMeta["uid"] = .string(UUID().uuidString.lowercased())
            newMeta["resourceVersion"] = .string(String(rv))
            if r.isCustom { newMeta["generation"] = 1 }
            newMeta["creationTimestamp"] = .string(Self.timestamp())
            for drop in ["name", "generateName", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp",
                         "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"] { meta.removeValue(forKey: drop) }
            newMeta.merge(meta) { a, _ in a }
            object["metadata"] = .object(newMeta)
            if r.plural == "pods" {
                // PrepareForCreate: a new pod's status is the server's, whatever the client sent.
                object["status"] = ["phase": "Pending", "qosClass": "BestEffort"]
            }
            let stored = Self.withTypeMeta(object, r)
            store.put(key(t, name), stored, rv: rv, type: "ADDED")
            return stored
        }
    }

    func update(_ t: FakeTarget, _ body: [UInt8]) throws -> JSONValue {
        let object = try Self.parseObject(body)
        try Self.checkTypeMeta(object, t.resource)
        let meta = object["metadata"]?.objectValue ?? [:]
        let name = t.name ?? ""
        if let bodyName = meta["name"]?.stringValue, bodyName != name {
            throw FakeStatus.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        if let ns = meta["namespace"]?.stringValue, !ns.isEmpty, t.resource.namespaced, ns != t.namespace {
            throw FakeStatus.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        let expected = meta["resourceVersion"]?.stringValue ?? ""
        if expected.isEmpty, t.resource.isCustom {
            // Custom resources do not allow unconditional updates.
            throw FakeStatus.invalid(t.resource, name, field: "metadata.resourceVersion", type: "Invalid value",
                                     causeReason: "FieldValueInvalid", detail: "0x0: must be specified for an update")
        }
        return try store.withLock {
            guard let current = store.object(t.key) else { throw FakeStatus.notFound(t.resource, name) }
            if !expected.isEmpty, expected != current["metadata"]?["resourceVersion"]?.stringValue {
                throw FakeStatus.conflict(t.resource, name)
            }
            return commit(t, current: current, proposed: object)
        }
    }

    func patch(_ t: FakeTarget, _ body: [UInt8], contentType: String) throws -> JSONValue {
        let r = t.resource
        let name = t.name ?? ""
        guard let patch = try? JSONParser.parse(String(decoding: body, as: UTF8.self)) else {
            throw FakeStatus.badRequest("error decoding patch: invalid JSON")
        }
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return try store.withLock {
            guard let current = store.object(t.key) else { throw FakeStatus.notFound(r, name) }
            let patched: JSONValue
            switch type {
            case "application/merge-patch+json":
                guard case .object = patch else { throw FakeStatus.badRequest("error decoding patch: a merge patch must be a JSON object") }
                patched = MergePatch.apply(patch, to: current)
            case "application/json-patch+json":
                do { patched = try JSONPatch.apply(patch, to: current) } catch {
                    throw FakeStatus(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request: \((error as? ClusterError)?.kubernetesReason.message ?? "\(error)")")
                }
            case "application/strategic-merge-patch+json" where !r.isCustom:
                patched = FakeStrategicMerge.apply(patch, to: current)
            default:
                throw FakeStatus.unsupportedPatch(type)
            }
            guard case .object(let proposed) = patched else { throw FakeStatus.badRequest("the patch must leave an object") }
            // A resourceVersion in the patch is a precondition.
            if proposed["metadata"]?["resourceVersion"] != current["metadata"]?["resourceVersion"] {
                throw FakeStatus.conflict(r, name)
            }
            return commit(t, current: current, proposed: proposed)
        }
    }

    /// Stores an update of `current` (lock held): server-owned fields kept, a pod's status only through
    /// `/status` (and only its status there), a new resourceVersion unless nothing changed.
    func commit(_ t: FakeTarget, current: JSONValue, proposed: JSONObject) -> JSONValue {
        let r = t.resource
        var next = proposed
        guard case .object(let old) = current else { return current }
        if r.hasStatusSubresource {
            if t.subresource == "status" {
                next = old
                next["status"] = proposed["status"]
            } else {
                next["status"] = old["status"]
            }
        }
        var meta = next["metadata"]?.objectValue ?? [:]
        let oldMeta = old["metadata"]?.objectValue ?? [:]
        for owned in ["name", "namespace", "uid", "creationTimestamp", "generation", "deletionTimestamp",
                      "deletionGracePeriodSeconds"] {
            meta[owned] = oldMeta[owned]
        }
        meta["resourceVersion"] = oldMeta["resourceVersion"]
        next["metadata"] = .object(meta.filter { !$0.value.isNull })
        next = Self.withTypeMeta(next, r).objectValue ?? next
        if JSONValue.object(next) == current { return current }
        if r.isCustom, Self.withoutMetadata(next) != Self.withoutMetadata(old) {
            meta["generation"] = .int((oldMeta["generation"]?.intValue ?? 1) + 1)
        }
        // The last finalizer removed from an object being deleted: now it goes.
        if oldMeta["deletionTimestamp"] != nil, (meta["finalizers"]?.arrayValue ?? []).isEmpty {
            let rv = store.nextVersion()
            meta["resourceVersion"] = .string(String(rv))
            next["metadata"] = .object(meta)
            store.remove(t.key, finalObject: .object(next), rv: rv)
            return .object(next)
        }
        let rv = store.nextVersion()
        meta["resourceVersion"] = .string(String(rv))
        next["metadata"] = .object(meta.filter { !$0.value.isNull })
        store.put(t.key, .object(next), rv: rv, type: "MODIFIED")
        return .object(next)
    }

    func key(_ t: FakeTarget, _ name: String) -> FakeStore.Key {
        FakeStore.Key(resource: t.resource.qualified, namespace: t.namespace ?? "", name: name)
    }

    /// The object as the server writes it: built-in types start with kind and apiVersion (Go struct order);
    /// custom resources are unstructured maps, which Go writes with every object's keys sorted.
    static func withTypeMeta(_ object: JSONObject, _ r: FakeResource) -> JSONValue {
        var o: JSONObject = ["kind": .string(r.kind), "apiVersion": .string(r.apiVersion)]
        for (k, v) in object where k != "kind" && k != "apiVersion" { o[k] = v }
        return r.isCustom ? sortedKeys(.object(o)) : .object(o)
    }

    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let o): return .object(JSONObject(uniqueKeysWithValues: o.keys.sorted().map { ($0, sortedKeys(o[$0]!)) }))
        case .array(let a): return .array(a.map(sortedKeys))
        default: return value
        }
    }

    /// Built-in types' list items carry no apiVersion/kind (the list's own say it); custom resources' do.
    static func withoutTypeMeta(_ object: JSONValue) -> JSONValue {
        guard case .object(var o) = object else { return object }
        o.removeValue(forKey: "kind")
        o.removeValue(forKey: "apiVersion")
        return .object(o)
    }

    /// Custom resources are decoded as unstructured objects, which need apiVersion and kind in the body; built-in
    /// types take them from the URL when missing. A body of another kind is refused.
    static func checkTypeMeta(_ object: JSONObject, _ r: FakeResource) throws {
        let kind = object["kind"]?.stringValue ?? ""
        if r.isCustom, kind.isEmpty || (object["apiVersion"]?.stringValue ?? "").isEmpty {
            throw FakeStatus.badRequest("Object 'Kind' is missing in '\(JSONValue.object(object).compactJSON)'")
        }
        if !kind.isEmpty, kind != r.kind {
            throw FakeStatus.badRequest("the kind of the provided object (\(kind)) does not match the resource \(r.qualified) (\(r.kind))")
        }
    }

    static func withoutMetadata(_ o: JSONObject) -> JSONObject { o.filter { $0.key != "metadata" } }

    /// Kubernetes' `generateName` suffix: five characters from an alphabet without vowels or look-alikes.
    static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement()! })
    }

    /// A DNS-1123 subdomain (lowercase, digits, '-', '.'), at most 253 characters, as object names must be.
    static func validateName(_ r: FakeResource, _ name: String) throws {
        let ok = name.count <= 253 && name.range(of: #"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"#,
                                                   options: .regularExpression) != nil
        if !ok {
            throw FakeStatus.invalid(r, name, field: "metadata.name", type: "Invalid value", causeReason: "FieldValueInvalid",
                                     detail: "\"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
        }
    }

    static func encodeContinue(rv: Int, start: String) -> String {
        let json: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(Int64(rv)), "start": .string(start + "\u{0}")]
        return Data(json.compactJSON.utf8).base64EncodedString()
    }

    static func decodeContinue(_ token: String) -> (rv: Int, start: String)? {
        guard let data = Data(base64Encoded: token), let json = try? JSONParser.parse(String(decoding: data, as: UTF8.self)),
              let rv = json["rv"]?.intValue, let start = json["start"]?.stringValue else { return nil }
        return (Int(rv), start.hasSuffix("\u{0}") ? String(start.dropLast()) : start)
    }
}
