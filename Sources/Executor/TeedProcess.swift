import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// Runs the emissary's command with `posix_spawn` and `waitpid` on the calling thread, copying its standard
/// output and error to ours as they arrive (one `poll` loop, no threads): the emissary runs once per pod, and an
/// async process library's threads and tasks cost more than the short commands most pods run.
enum TeedProcess {
    struct SpawnFailure: Error { var errno: Int32 }

    /// How the child ended: its exit code, or the signal that ended it.
    enum Termination: Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    /// Spawns `command` (argv[0] looked up on `PATH`) with standard input from `/dev/null` and this process's
    /// environment; `stdoutChunk` sees each piece of standard output before it is written to `stdout`.
    static func run(_ command: [String], stdout: Int32, stderr: Int32, stdoutChunk: (UnsafeRawBufferPointer) -> Void)
        throws(SpawnFailure) -> Termination
    {
        var none = CommandStopper(deadline: nil, grace: 0, watchedDirectory: nil)
        return try run(command, stdout: stdout, stderr: stderr, stopper: &none, stdoutChunk: stdoutChunk)
    }

    /// The same, stopping the command's tree when `stopper` says so.
    static func run(_ command: [String], stdout: Int32, stderr: Int32, stopper: inout CommandStopper, runAs: RunAs? = nil,
                    stdoutChunk: (UnsafeRawBufferPointer) -> Void) throws(SpawnFailure) -> Termination
    {
        // Raw memory rather than `[Int32]` / `[pollfd]` here and in `pump`: each array type's metadata is built at
        // run time on first use, which costs more than the few system calls around it.
        // fds[0], fds[1]: the stdout pipe's read and write ends; fds[2], fds[3]: stderr's.
        let fds = UnsafeMutablePointer<Int32>.allocate(capacity: 4)
        defer { fds.deallocate() }
        guard pipe(fds) == 0 else { throw SpawnFailure(errno: errno) }
        guard pipe(fds + 2) == 0 else {
            close(fds[0]); close(fds[1])
            throw SpawnFailure(errno: errno)
        }
        // Close-on-exec (the child gets its ends through dup2, which clears the flag on the copies).
        for i in 0..<4 { _ = fcntl(fds[i], F_SETFD, FD_CLOEXEC) }
        let pid: pid_t
        let ownGroup = stopper.isActive && CommandStopper.commandNeedsOwnGroup
        do {
            pid = try spawn(command, stdout: fds[1], stderr: fds[3], ownGroup: ownGroup, runAs: runAs)
        } catch {
            for i in 0..<4 { close(fds[i]) }
            throw error
        }
        close(fds[1])
        close(fds[3])
        stopper.started(pid, ownGroup: ownGroup)
        pump(out: fds[0], err: fds[2], stdout: stdout, stderr: stderr, stopper: &stopper, stdoutChunk: stdoutChunk)
        close(fds[0])
        close(fds[2])
        var status: Int32 = 0
        if stopper.isActive {
            wait(pid, &status, stopper: &stopper)
        } else {
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    @_silgen_name("pidfd_open") private static func c_pidfd_open(_ pid: pid_t, _ flags: UInt32) -> Int32

    /// Waits for the command to end (it may have closed its output and run on), still stopping it on time: the
    /// process's pidfd in `poll`, else short sleeps.
    private static func wait(_ pid: pid_t, _ status: inout Int32, stopper: inout CommandStopper) {
        let pidfd = c_pidfd_open(pid, 0)
        defer { if pidfd >= 0 { close(pidfd) } }
        var fd = pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)
        while true {
            let rc = waitpid(pid, &status, WNOHANG)
            if rc == pid || (rc < 0 && errno != EINTR) { return }
            let now = CommandStopper.now()
            stopper.check(now: now)
            let timeout = stopper.timeout(now: now)
            if pidfd >= 0 { _ = poll(&fd, 1, timeout) } else { usleep(UInt32(timeout < 0 ? 10 : min(timeout, 10)) * 1000) }
        }
    }

    private static func spawn(_ command: [String], stdout: Int32, stderr: Int32, ownGroup: Bool, runAs: RunAs?) throws(SpawnFailure) -> pid_t {
        guard let path = ExecutableLookup.path(command[0]) else { throw SpawnFailure(errno: ENOENT) }
        if let runAs { return try forkExec(path, command, stdout: stdout, stderr: stderr, ownGroup: ownGroup, runAs: runAs) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The command starts with no blocked signals and default dispositions, whatever this thread had.
        if ownGroup { posix_spawnattr_setpgroup(&attributes, 0) }
        argo_spawnattr_clean(&attributes, ownGroup ? Int16(POSIX_SPAWN_SETPGROUP) : Int16(0))
        // A raw buffer, not `[UnsafeMutablePointer<CChar>?]`: that array type's metadata is built at run time.
        let argv = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: command.count + 1)
        for (i, word) in command.enumerated() { argv[i] = strdup(word) }
        argv[command.count] = nil
        defer {
            for i in 0..<command.count { free(argv[i]) }
            argv.deallocate()
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard rc == 0 else { throw SpawnFailure(errno: rc) }
        return pid
    }

    /// `posix_spawn` cannot change the user, so a command that runs as another user is started with `fork`, its
    /// user set, then `exec` (the executor has one thread, so the child may do more than async-signal-safe work, but
    /// it does only system calls). A close-on-exec pipe brings back the `errno` of a failed `exec` or user change.
    private static func forkExec(_ path: String, _ command: [String], stdout: Int32, stderr: Int32, ownGroup: Bool,
                                 runAs: RunAs) throws(SpawnFailure) -> pid_t {
        let argv = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: command.count + 1)
        for (i, word) in command.enumerated() { argv[i] = strdup(word) }
        argv[command.count] = nil
        let cpath = strdup(path)
        defer {
            for i in 0..<command.count { free(argv[i]) }
            argv.deallocate()
            free(cpath)
        }
        var report: [Int32] = [-1, -1]
        guard pipe(&report) == 0 else { throw SpawnFailure(errno: errno) }
        _ = fcntl(report[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(report[1], F_SETFD, FD_CLOEXEC)
        let pid = fork()
        if pid < 0 {
            let e = errno
            close(report[0]); close(report[1])
            throw SpawnFailure(errno: e)
        }
        if pid == 0 {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0 { dup2(null, 0) }
            dup2(stdout, 1)
            dup2(stderr, 2)
            if ownGroup { setpgid(0, 0) }
            var none = sigset_t()
            sigemptyset(&none)
            sigprocmask(SIG_SETMASK, &none, nil)
            for sig: Int32 in 1..<32 where sig != SIGKILL && sig != SIGSTOP { signal(sig, SIG_DFL) }
            var failure = errno
            if runAs.become() == nil {
                execv(cpath!, argv)
            }
            failure = errno
            _ = write(report[1], &failure, MemoryLayout<Int32>.size)
            _exit(127)
        }
        close(report[1])
        var failure: Int32 = 0
        var n: Int
        repeat { n = read(report[0], &failure, MemoryLayout<Int32>.size) } while n < 0 && errno == EINTR
        close(report[0])
        if n == MemoryLayout<Int32>.size {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            throw SpawnFailure(errno: failure)
        }
        return pid
    }

    /// Copies both pipes until both reach end of file.
    private static func pump(out: Int32, err: Int32, stdout: Int32, stderr: Int32, stopper: inout CommandStopper,
                             stdoutChunk: (UnsafeRawBufferPointer) -> Void) {
        // Uninitialised: zero-filling 64 KiB would touch (page-fault) all of it for a command that prints a line.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        let fds = UnsafeMutablePointer<pollfd>.allocate(capacity: 2)
        defer { fds.deallocate() }
        fds[0] = pollfd(fd: out, events: Int16(POLLIN), revents: 0)
        fds[1] = pollfd(fd: err, events: Int16(POLLIN), revents: 0)
        while fds[0].fd >= 0 || fds[1].fd >= 0 {
            let timeout = stopper.isActive ? stopper.timeout(now: CommandStopper.now()) : -1
            let ready = poll(fds, 2, timeout)
            guard ready >= 0 || errno == EINTR else { return }
            if stopper.isActive { stopper.check(now: CommandStopper.now()) }
            if ready <= 0 { continue }
            for i in 0..<2 where fds[i].fd >= 0 && fds[i].revents != 0 {
                let n = read(fds[i].fd, buffer.baseAddress, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 {
                    fds[i].fd = -1  // poll ignores negative descriptors
                    continue
                }
                let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
                if i == 0 { stdoutChunk(chunk) }
                writeAll(i == 0 ? stdout : stderr, chunk)
            }
        }
    }
}
