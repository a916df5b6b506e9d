import Foundation
import ClusterAPI

/// Runs a container set's containers as their dependencies allow: each starts once everything it depends on has
/// ended with exit code 0, independent ones at the same time. A container whose dependency failed does not run;
/// it ends at once with the emissary's own failure code (64), as Argo's emissary exits when a dependency fails.
struct ContainerSetRun: Sendable {
    let runner: PodProcessRunner
    let members: [ContainerSetMember]

    func run() async -> [(name: String, outcome: ContainerProcessOutcome)] {
        var ended: [(name: String, outcome: ContainerProcessOutcome)] = []
        var exitCodes: [String: Int32] = [:]
        var started: Set<String> = []
        // The children return a struct, and build it from a `let`: a task closure that returns a tuple literal holding
        // a `try await` from inside `do` miscompiles in release with Swift 6.3.1 (docs/swift-release-crash.md).
        await withTaskGroup(of: Ended.self) { group in
            var running = 0
            while true {
                // Start (or skip) everything whose dependencies have all ended; repeat, since a skip may free more.
                var progressed = true
                while progressed {
                    progressed = false
                    for m in members where !started.contains(m.name) {
                        let codes = m.dependencies.map { exitCodes[$0] }
                        guard codes.allSatisfy({ $0 != nil }) else { continue }
                        started.insert(m.name)
                        progressed = true
                        if codes.contains(where: { $0 != 0 }) {
                            let skipped = Self.notRun()
                            exitCodes[m.name] = skipped.exitCode
                            ended.append((m.name, skipped))
                            continue
                        }
                        running += 1
                        group.addTask { [runner] in
                            let start = Date()
                            let outcome: ContainerProcessOutcome
                            do { outcome = try await runner.run(m.spec) } catch { outcome = Self.notRun(at: start) }
                            return Ended(name: m.name, outcome: outcome)
                        }
                    }
                }
                guard running > 0, let next = await group.next() else { break }
                running -= 1
                exitCodes[next.name] = next.outcome.exitCode
                ended.append((next.name, next.outcome))
            }
        }
        // Containers in a dependency cycle or naming an unknown container never start: report them as not run.
        for m in members where !started.contains(m.name) { ended.append((m.name, Self.notRun())) }
        return ended
    }

    /// What a child task hands back: one container and how it ended.
    struct Ended: Sendable {
        var name: String
        var outcome: ContainerProcessOutcome
    }

    static func notRun(at time: Date = Date()) -> ContainerProcessOutcome {
        ContainerProcessOutcome(exitCode: 64, signal: nil, reason: .exited, startedAt: time, finishedAt: time)
    }
}
