import Foundation
import Templates

/// DELETE as kube-apiserver answers it:
/// - preconditions (uid, resourceVersion) → 409 Conflict when they do not hold;
/// - an object with finalizers only gets `deletionTimestamp` (it goes when the last finalizer is removed);
/// - a pod bound to a node and not finished is deleted gracefully: `deletionTimestamp` = now + grace period
///   (`gracePeriodSeconds`, else the pod's `terminationGracePeriodSeconds`, else 30), until the kubelet (or a test,
///   `finishGracefulDeletion`) deletes it, or a delete with `gracePeriodSeconds: 0` does;
/// - otherwise the object goes now: pods and custom resources answer the object, other types a Success `Status`.
/// Dependents (ownerReferences by uid) are handled at once, in place of the garbage collector: Background and
/// Foreground delete them (the real Foreground keeps the owner, with a finalizer, until they are gone), Orphan
/// removes their ownerReference.
extension FakeKubeServer {
    func delete(_ t: FakeTarget, _ request: FakeRequest) throws -> FakeReply {
        let r = t.resource
        let name = t.name ?? ""
        let options = (try? JSONParser.parse(String(decoding: request.body, as: UTF8.self))) ?? [:]
        let policy = options["propagationPolicy"]?.stringValue ?? request.query["propagationPolicy"] ?? "Background"
        let grace = options["gracePeriodSeconds"]?.intValue ?? request.query["gracePeriodSeconds"].flatMap { Int64($0) }
        return try store.withLock {
            guard let current = store.object(t.key) else { throw FakeStatus.notFound(r, name) }
            let meta = current["metadata"]?.objectValue ?? [:]
            if let uid = options["preconditions"]?["uid"]?.stringValue, uid != meta["uid"]?.stringValue {
                throw FakeStatus.conflict(r, name, "Precondition failed: UID in precondition: \(uid), UID in object meta: \(meta["uid"]?.stringValue ?? "")")
            }
            if let rv = options["preconditions"]?["resourceVersion"]?.stringValue, rv != meta["resourceVersion"]?.stringValue {
                throw FakeStatus.conflict(r, name, "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(meta["resourceVersion"]?.stringValue ?? "")")
            }
            let finalizers = meta["finalizers"]?.arrayValue ?? []
            let phase = current["status"]?["phase"]?.stringValue ?? ""
            let bound = !(current["spec"]?["nodeName"]?.stringValue ?? "").isEmpty
            let podGrace = grace ?? current["spec"]?["terminationGracePeriodSeconds"]?.intValue ?? 30
            let graceful = r.plural == "pods" && bound && phase != "Succeeded" && phase != "Failed" && podGrace > 0
            if !finalizers.isEmpty || graceful {
                if meta["deletionTimestamp"] != nil { return Self.reply(current) }
                var newMeta = meta
                let seconds = graceful ? podGrace : 0
                newMeta["deletionTimestamp"] = .string(Self.timestamp(Date().addingTimeInterval(Double(seconds))))
                newMeta["deletionGracePeriodSeconds"] = .int(seconds)
                let rv = store.nextVersion()
                newMeta["resourceVersion"] = .string(String(rv))
                var next = current.objectValue ?? [:]
                next["metadata"] = .object(newMeta)
                store.put(t.key, .object(next), rv: rv, type: "MODIFIED")
                return Self.reply(.object(next))
            }
            let deleted = removeNow(t.key, current)
            cascade(uid: meta["uid"]?.stringValue ?? "", policy: policy)
            if r.returnsDeletedObject { return Self.reply(deleted) }
            var details = FakeStatus.detailsFor(r, name)
            details["uid"] = meta["uid"] ?? ""
            return Self.reply(["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
                               "details": .object(details)])
        }
    }

    /// Removes the object now (lock held); the DELETED event carries the deletion's resourceVersion.
    @discardableResult
    func removeNow(_ key: FakeStore.Key, _ current: JSONValue) -> JSONValue {
        let rv = store.nextVersion()
        var final = current.objectValue ?? [:]
        var meta = final["metadata"]?.objectValue ?? [:]
        meta["resourceVersion"] = .string(String(rv))
        final["metadata"] = .object(meta)
        store.remove(key, finalObject: .object(final), rv: rv)
        return current
    }

    /// The garbage collector's work for a deleted owner, done at once (lock held).
    private func cascade(uid: String, policy: String) {
        guard !uid.isEmpty else { return }
        for (key, object) in store.allObjects() {
            let refs = object["metadata"]?["ownerReferences"]?.arrayValue ?? []
            guard refs.contains(where: { $0["uid"]?.stringValue == uid }) else { continue }
            if policy == "Orphan" {
                var o = object.objectValue ?? [:]
                var meta = o["metadata"]?.objectValue ?? [:]
                let rest = refs.filter { $0["uid"]?.stringValue != uid }
                if rest.isEmpty { meta.removeValue(forKey: "ownerReferences") } else { meta["ownerReferences"] = .array(rest) }
                let rv = store.nextVersion()
                meta["resourceVersion"] = .string(String(rv))
                o["metadata"] = .object(meta)
                store.put(key, .object(o), rv: rv, type: "MODIFIED")
            } else {
                removeNow(key, object)
                cascade(uid: object["metadata"]?["uid"]?.stringValue ?? "", policy: policy)
            }
        }
    }

    /// What the kubelet does once a gracefully deleted pod's containers have stopped: the pod goes.
    public func finishGracefulDeletion(namespace: String, name: String) {
        store.withLock {
            let key = FakeStore.Key(resource: "pods", namespace: namespace, name: name)
            if let current = store.object(key), current["metadata"]?["deletionTimestamp"] != nil { removeNow(key, current) }
        }
    }
}

extension FakeStore {
    /// Every object with its key (lock held).
    func allObjects() -> [(Key, JSONValue)] { objects.map { ($0.key, $0.value) } }
}
