import Foundation
import Templates
import ClusterAPI

/// Pods that the node agent of this process takes as they are created: `LocalCluster.create` claims a new pod
/// (phase Running, `startTime`, its containers running) in the very transaction that creates it, when an agent
/// runs here with a free slot and no pod waiting for one. The agent then starts it as soon as it sees it, without
/// a claim of its own: one store write less per pod, and no wait for the writer (which the controller holds for
/// its status write right after creating the pod) between a pod's creation and its start.
///
/// Crash safety is the claim's, as before: a pod claimed but not started when argo-lite dies is adopted by the
/// next agent, which finds no process and no log and hands it back to Pending, so it runs once.
///
/// The same slots bound the pods the agent claims itself (`take`), so `maxPods` holds for both ways in.
package final class LocalPodClaims: Sendable {
    private struct State {
        var open = false
        var maxPods = 0
        var used = 0
        var waiting = 0
        var claimed: Set<String> = []
    }
    private let state = Locked(State())

    /// An agent runs in this process with at most `maxPods` pods at once: claim at creation from now on.
    package func open(maxPods: Int) { state.withLock { $0.open = true; $0.maxPods = max(1, maxPods) } }

    /// The agent stops: pods are created Pending again (the next agent claims them).
    package func close() { state.withLock { $0.open = false } }

    /// Reserves a slot for the pod about to be created with this uid (claims are by uid: a deleted pod and a new
    /// one of the same name are two pods); false when no agent runs here, every
    /// slot is taken or pods wait for one (they go first).
    package func claimAtCreate(_ uid: String) -> Bool {
        state.withLock { s in
            guard s.open, s.waiting == 0, s.used < s.maxPods, !s.claimed.contains(uid) else { return false }
            s.used += 1
            s.claimed.insert(uid)
            return true
        }
    }

    /// The creation did not commit: the slot is free again.
    package func cancel(_ uid: String) {
        state.withLock { s in
            if s.claimed.remove(uid) != nil { s.used -= 1 }
        }
    }

    /// For the agent: whether the pod was claimed at its creation (and not yet taken up); its slot is the
    /// agent's from now on, to `release` when the pod is done.
    package func takeClaimed(_ uid: String) -> Bool { state.withLock { $0.claimed.remove(uid) != nil } }

    /// For the agent: a slot for a pod it claims (or adopts, `force`) itself.
    package func take(force: Bool = false) -> Bool {
        state.withLock { s in
            guard force || s.used < s.maxPods else { return false }
            s.used += 1
            return true
        }
    }

    package func release() { state.withLock { $0.used = max(0, $0.used - 1) } }

    /// How many pods wait for a slot in the agent's queue.
    package func setWaiting(_ count: Int) { state.withLock { $0.waiting = count } }

    /// What the create writes into a claimed pod: the status the agent's own claim writes, its containers
    /// `main` first.
    static func runningStatus(_ pod: JSONObject, at time: Date) -> JSONValue {
        let names = pod["spec"]?["containers"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        let main = names.contains("main") ? "main" : names.first
        let ordered = (main.map { [$0] } ?? []) + names.filter { $0 != main }
        return PodClaim.runningStatus(containers: ordered, at: time)
    }
}

/// What a claim looks like in a pod's status, for the store (a claim at creation) and the node agent (its own
/// claim, `PodReporter.markRunning`) alike.
package enum PodClaim {
    /// Not yet started by any agent: Pending, without a start time.
    package static func isUnclaimed(_ pod: JSONValue) -> Bool {
        let phase = pod["status"]?["phase"]?.stringValue ?? "Pending"
        return phase == "Pending" && pod["status"]?["startTime"]?.stringValue == nil
    }

    /// A claimed pod's status: Running since `time`, its containers running.
    package static func runningStatus(containers: [String], at time: Date) -> JSONValue {
        let ts = JSONValue.string(LocalCluster.timestamp(time))
        let statuses: [JSONValue] = containers.map {
            ["name": .string($0), "ready": true, "started": true, "state": ["running": ["startedAt": ts]]]
        }
        return ["phase": "Running", "startTime": ts, "hostIP": "127.0.0.1", "podIP": "127.0.0.1",
                "containerStatuses": .array(statuses)]
    }
}
