import Dispatch
import Executor
#if canImport(Glibc)
import Glibc
#endif

/// `argo-lite-executor`: the programs that run inside pods (argo-lite's `argoexec`), in a small, fully static
/// binary that starts in about a millisecond, where the full `argo-lite` takes tens: every pod starts one.
/// `argo-lite emissary` and `argo-lite argosay` are the same commands, used when this binary is not installed.
///
/// `main` is synchronous on purpose: an `async` main ends the main thread with `pthread_exit`, whose unwinding
/// costs ~15 ms in a static binary. `argosay` (async) runs in a task while the main thread waits for it.
@main
enum ArgoLiteExecutor {
    static let usage = """
        Usage: argo-lite-executor emissary [flags] -- COMMAND ARGS...   (see: argo-lite-executor emissary --help)
               argo-lite-executor emissary --unshare [flags] -- ...       (first enter new mount and PID namespaces)
               argo-lite-executor argosay [VERB ARGS...]                (echo, cat, sleep, exit, assert_contains, sh, cowsay)
               argo-lite-executor init                                    (a pod's init container on Kubernetes)

        """

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let code: Int32
        switch arguments.first {
        case "emissary":
            var flags = Array(arguments.dropFirst())
            if flags.first == PodNamespaces.flag {
                // Before anything else: the process must still have one thread when it forks.
                flags.removeFirst()
                if let failure = PodNamespaces.enter() {
                    let message = "emissary: \(failure)\n"
                    write(2, message, message.utf8.count)
                    exit(Emissary.setupFailureExitCode)
                }
            }
            code = EmissaryFlags.main(flags)
        case "argosay": code = waitFor { await Argosay.run(Array(arguments.dropFirst())) }
        case "init": code = ExecutorInit.run()
        case "--help", "-h", "help": write(1, usage, usage.utf8.count); code = 0
        default:
            let message = "argo-lite-executor: unknown command \"\(arguments.first ?? "")\"\n" + usage
            write(2, message, message.utf8.count)
            code = 64
        }
        exit(code)
    }

    /// Runs `body` in a task and blocks this (the main) thread until it returns. Not inlined: inlined into `main`,
    /// the task's metadata (`TaskPriority?`) is looked up by mangled name on every start, also for `emissary`.
    @inline(never)
    static func waitFor(_ body: @escaping @Sendable () async -> Int32) -> Int32 {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Int32 = 0
        Task.detached {
            result = await body()
            done.signal()
        }
        done.wait()
        return result
    }
}
