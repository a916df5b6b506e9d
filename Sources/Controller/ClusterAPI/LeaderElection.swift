import Foundation

/// client-go's leader election over a Lease (`tryAcquireLease`): the one loop every runtime holds its lease with,
/// on the local store or in a cluster.
public enum LeaderElection {
    /// Renews the lease for `holder` every `interval` until the task is cancelled (then nil), or until another
    /// holder has it (then that holder's name): the caller stops its controllers, as client-go's `OnStoppedLeading`.
    /// A renewal the API refuses (the store full, the API server down) is retried; `failed` hears of each one.
    public static func hold(
        _ cluster: any Cluster, lease name: String, namespace: String, holder: String, duration: Double,
        every interval: Duration, failed: (ClusterError) -> Void = { _ in }
    ) async -> String? {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { return nil }
            do {
                if try await cluster.tryAcquireLease(name: name, holder: holder, duration: duration, now: Date(), namespace: namespace) {
                    continue
                }
                // False also after a write race: lost only when someone else now holds it.
                let lease = try await cluster.get(.lease, namespace: namespace, name: name)
                guard let other = lease["spec"]?["holderIdentity"]?.stringValue, !other.isEmpty, other != holder else { continue }
                return other
            } catch {
                failed(error)
            }
        }
        return nil
    }
}
