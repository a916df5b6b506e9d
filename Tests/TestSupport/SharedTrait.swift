import Foundation
import Testing

extension Trait where Self == ConditionTrait {
    /// For tests that read `../shared` (the upstream examples, the conformance table): not run, with the reason,
    /// where it is absent. With `CI=true` they run anyway, so that a missing folder fails them instead of skipping
    /// them silently (and `SharedDataPresenceTests` says why).
    public static var needsSharedData: Self {
        .enabled(if: SharedData.isPresent || SharedData.inCI, Comment(rawValue: SharedData.absentMessage))
    }
}

extension SharedData {
    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}
