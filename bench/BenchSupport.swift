import Controller
import Executor
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Samples of one measured quantity (seconds unless said otherwise), summarised as median and best.
struct Samples {
    var values: [Double] = []
    mutating func add(_ v: Double) { values.append(v) }
    var median: Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
    var best: Double { values.min() ?? .nan }
}

/// Command-line options shared by the benchmarks: `--rounds N`, `--max-pods 2,4,8`, `--sizes 1000,10000`,
/// `--timeout SECONDS`.
struct BenchOptions {
    var rounds: Int?
    var maxPods: [Int]?
    var sizes: [Int]?
    var timeout: Double = 300
    var rest: [String] = []

    init(_ args: [String]) {
        var i = 0
        func ints(_ s: String) -> [Int] { s.split(separator: ",").compactMap { Int($0) } }
        while i < args.count {
            let a = args[i], next = i + 1 < args.count ? args[i + 1] : ""
            switch a {
            case "--rounds": rounds = Int(next); i += 1
            case "--max-pods": maxPods = ints(next); i += 1
            case "--sizes": sizes = ints(next); i += 1
            case "--timeout": timeout = Double(next) ?? timeout; i += 1
            default: rest.append(a)
            }
            i += 1
        }
    }
}

enum Clock {
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    static func measure(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        return seconds(ContinuousClock.now - start)
    }
}

enum Fmt {
    static func ms(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }
    static func s(_ s: Double) -> String { String(format: "%.3f s", s) }
    static func x(_ r: Double) -> String { String(format: "%.2fx", r) }
    static func mb(_ bytes: Double) -> String { String(format: "%.1f MB", bytes / 1_048_576) }
}

/// Processes started directly with `posix_spawn` + `waitpid` (the bench has no swift-subprocess dependency).
enum Spawn {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `argv` (looked up on PATH) to completion with stdout/stderr to /dev/null unless `output` names a file.
    @discardableResult
    static func run(_ argv: [String], output: String = "/dev/null") throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, argv[0], &actions, nil, cargs, environ)
        guard rc == 0 else { throw Failure(description: "cannot start \(argv[0]): errno \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Runs `argv`, throwing unless it exits 0.
    static func check(_ argv: [String], output: String = "/dev/null") throws {
        let code = try run(argv, output: output)
        guard code == 0 else { throw Failure(description: "\(argv.joined(separator: " ")) exited \(code)") }
    }
}

/// CPU and memory of this process and of its waited-for children (`getrusage`), plus `/proc/self/io`.
struct ResourceUsage {
    var selfCPU: Double
    var childrenCPU: Double
    var maxRSSBytes: Double
    var writeBytes: Double

    static func now() -> ResourceUsage {
        func cpu(_ who: __rusage_who_t) -> (Double, Double) {
            var u = rusage()
            getrusage(who, &u)
            let t = Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6
                + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) / 1e6
            return (t, Double(u.ru_maxrss) * 1024)
        }
        let me = cpu(__rusage_who_t(RUSAGE_SELF.rawValue)), kids = cpu(__rusage_who_t(RUSAGE_CHILDREN.rawValue))
        return ResourceUsage(selfCPU: me.0, childrenCPU: kids.0, maxRSSBytes: me.1, writeBytes: procWriteBytes())
    }

    /// `write_bytes` of `/proc/self/io`: bytes this process caused to be sent to the storage layer.
    static func procWriteBytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return .nan }
        for line in text.split(separator: "\n") where line.hasPrefix("write_bytes:") {
            return Double(line.dropFirst("write_bytes:".count).trimmingCharacters(in: .whitespaces)) ?? .nan
        }
        return .nan
    }
}

enum Paths {
    /// The directory holding this bench binary (`.build/release/`).
    /// What a pod runs around its command: `argo-lite-executor emissary` (or `argo-lite emissary` without it).
    static func executor() throws -> String { SelfExecutable.executor(beside: try argoLite()) }

    static var binaryDirectory: URL {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: me).deletingLastPathComponent()
    }

    /// The `argo-lite` binary built beside this one.
    static func argoLite() throws -> String {
        let path = binaryDirectory.appendingPathComponent("argo-lite").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Spawn.Failure(description: "no argo-lite beside the bench at \(path): run `swift build -c release` first")
        }
        return path
    }

    static func temporaryDirectory(_ prefix: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Total size of `state.db*` files in `dir`.
    static func storeBytes(_ dir: URL) -> Double {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasPrefix("state.db") }.reduce(0.0) { sum, name in
            let attrs = try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(name).path)
            return sum + Double((attrs?[.size] as? NSNumber)?.int64Value ?? 0)
        }
    }
}

/// A no-op pod's process (`argo-lite-executor emissary -- true`) run through the node agent's own
/// `PodProcessRunner`, in a pod's mount and PID namespaces when the engine uses them, with no controller or store:
/// what the engine's pods cost by themselves on this machine.
enum PodProcesses {
    static func runner() async throws -> PodProcessRunner {
        PodProcessRunner(isolation: await Isolation.detect(), selfExecutable: try Paths.argoLite())
    }

    static func describe(_ runner: PodProcessRunner) -> String {
        runner.isolation == .processGroup ? "no namespaces" : "in namespaces"
    }

    /// Runs the process `count` times, `atATime` at once; `root` gives each its own root filesystem (its layer
    /// folder under `root.layer`, one per run) as the node agent's pods have.
    static func run(_ count: Int, atATime: Int, runner: PodProcessRunner, root: ContainerRoot? = nil) async throws {
        var spec = ContainerProcessSpec(
            argv: [runner.executor, "emissary", "--task-result", "/dev/null", "--", "true"], logFile: "/dev/null")
        if root != nil { spec.capabilities = .containerDefault }
        let base = spec
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<atATime {
                group.addTask {
                    for i in stride(from: lane, to: count, by: atATime) {
                        var spec = base
                        if var root {
                            root.layer += "/\(i)"
                            spec.root = root
                        }
                        let outcome = try await runner.run(spec)
                        guard outcome.exitCode == 0 else {
                            throw Spawn.Failure(description: "a no-op pod's process exited \(outcome.exitCode)")
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Seconds to run the process `count` times, `atATime` at once.
    static func time(_ count: Int, atATime: Int, runner: PodProcessRunner, root: ContainerRoot? = nil) async throws -> Double {
        let start = ContinuousClock.now
        try await run(count, atATime: atATime, runner: runner, root: root)
        return Clock.seconds(ContinuousClock.now - start)
    }
}
