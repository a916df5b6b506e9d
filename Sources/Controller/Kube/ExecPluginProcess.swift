import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// Runs a kubeconfig `exec` credential plugin and collects its standard output, with `posix_spawn` and `waitpid`
/// on the calling thread (a transport thread, never the cooperative pool). Not `Foundation.Process`: its `run()`
/// crashed in `memcpy` when several threads started processes at once (seen in CI), and its children inherit the
/// blocked signals of the thread that starts them (../shared/SWIFT-NOTES.md).
package enum ExecPluginProcess {
    package struct Ended {
        package var status: Int32
        package var output: [UInt8]
    }

    /// `argv[0]` is looked up in `PATH` unless it holds a `/`; `environment` is the whole environment. With
    /// `errorsToo`, standard error goes to the same output.
    package static func run(_ argv: [String], environment: [String], errorsToo: Bool = false) -> Result<Ended, SpawnError> {
        var fds: [Int32] = [-1, -1]
        guard argo_pipe_cloexec(&fds) == 0 else { return .failure(SpawnError(code: errno)) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        if errorsToo { posix_spawn_file_actions_adddup2(&actions, fds[1], 2) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        argo_spawnattr_clean(&attributes, 0)
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        var rc: Int32 = 0
        // ETXTBSY: the plugin was just written and a process another thread started meanwhile still holds it open
        // for writing (it inherited the descriptor); that process execs or ends within moments.
        for attempt in 0..<40 {
            rc = argv[0].contains("/")
                ? posix_spawn(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
                : posix_spawnp(&pid, argv[0], &actions, &attributes, cArgs, cEnv)
            guard rc == ETXTBSY, attempt < 39 else { break }
            usleep(25_000)
        }
        close(fds[1])
        guard rc == 0 else {
            close(fds[0])
            return .failure(SpawnError(code: rc))
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n > 0 { output += buffer[0..<n]; continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which Swift does not import: a signal is reported as 128 + its number.
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return .success(Ended(status: code, output: output))
    }

    package struct SpawnError: Error, CustomStringConvertible {
        package var code: Int32
        package var description: String { String(cString: strerror(code)) }
    }
}
