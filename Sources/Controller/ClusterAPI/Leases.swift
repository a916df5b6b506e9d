import Foundation
import Templates

/// Leases (coordination.k8s.io/v1) as plain objects, with conflict-checked acquisition, over any `Cluster` (they
/// need only get, create and update): how a controller finds out whether another one already runs, on the same
/// state directory locally or in the same cluster, as client-go's leader election does.
extension Cluster {
    /// Takes or renews the lease for `holder`. True when `holder` now holds it; false when someone else holds
    /// an unexpired lease or won a race for it.
    public func tryAcquireLease(name: String, holder: String, duration: Double, now: Date, namespace: String = "default")
        async throws(ClusterError) -> Bool
    {
        let stamp = LeaseTime.microTime(now)
        let existing: JSONValue
        do {
            existing = try await get(.lease, namespace: namespace, name: name)
        } catch .notFound {
            let lease: JSONValue = [
                "metadata": ["name": .string(name), "namespace": .string(namespace)],
                "spec": [
                    "holderIdentity": .string(holder), "leaseDurationSeconds": .int(Int64(duration.rounded(.up))),
                    "acquireTime": .string(stamp), "renewTime": .string(stamp), "leaseTransitions": 0,
                ],
            ]
            do {
                _ = try await create(.lease, lease)
                return true
            } catch .alreadyExists {
                return false
            }
        }
        var spec = existing["spec"]?.objectValue ?? JSONObject()
        let current = spec["holderIdentity"]?.stringValue
        if current != holder && current != nil && current != "" {
            let renewed = spec["renewTime"]?.stringValue.flatMap(LeaseTime.parse) ?? .distantPast
            let seconds = spec["leaseDurationSeconds"]?.doubleValue ?? 0
            if renewed.addingTimeInterval(seconds) > now { return false }
            spec["leaseTransitions"] = .int((spec["leaseTransitions"]?.intValue ?? 0) + 1)
            spec["acquireTime"] = .string(stamp)
        }
        spec["holderIdentity"] = .string(holder)
        spec["leaseDurationSeconds"] = .int(Int64(duration.rounded(.up)))
        spec["renewTime"] = .string(stamp)
        var updated = existing
        updated["spec"] = .object(spec)
        do {
            _ = try await update(.lease, updated)
            return true
        } catch .conflict {
            return false
        }
    }

    /// Gives the lease up if `holder` holds it, so the next controller need not wait for it to expire.
    public func releaseLease(name: String, holder: String, namespace: String = "default") async throws(ClusterError) {
        guard var lease = try? await get(.lease, namespace: namespace, name: name),
            lease["spec"]?["holderIdentity"]?.stringValue == holder
        else { return }
        lease["spec"]?["holderIdentity"] = ""
        do { _ = try await update(.lease, lease) } catch .conflict {}
    }
}

/// The Lease's times: `metav1.MicroTime`.
package enum LeaseTime {
    /// Kubernetes `MicroTime`: RFC 3339 with microseconds.
    package static func microTime(_ date: Date) -> String {
        let whole = KubeTime(seconds: Int64(date.timeIntervalSince1970.rounded(.down))).rfc3339
        let micros = Int((date.timeIntervalSince1970 - date.timeIntervalSince1970.rounded(.down)) * 1_000_000)
        let digits = String(micros)
        return whole.dropLast() + "." + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + "Z"
    }

    package static func parse(_ text: String) -> Date? {
        if let d = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return d }
        return try? Date(text, strategy: Date.ISO8601FormatStyle())
    }
}
