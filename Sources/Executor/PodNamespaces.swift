#if canImport(Glibc)
import Glibc

/// `unshare --mount --pid --fork --kill-child --propagation private`, done by the executor itself: a pod's first
/// process enters its new namespaces without starting the `unshare` program first (one process start less
/// per pod). Only for a process with a single thread (`argo-lite-executor`'s synchronous `main`): `fork` copies
/// just the calling thread.
public enum PodNamespaces {
    /// The command-line flag that asks for it; it must come first after `emissary`.
    public static let flag = "--unshare"

    private static let cloneNewNS: Int32 = 0x0002_0000
    private static let cloneNewPID: Int32 = 0x2000_0000
    private static let prSetPdeathsig: Int32 = 1

    @_silgen_name("unshare") private static func c_unshare(_ flags: Int32) -> Int32
    @_silgen_name("prctl") private static func c_prctl(_ option: Int32, _ arg2: UInt, _ arg3: UInt, _ arg4: UInt, _ arg5: UInt) -> Int32

    /// Makes new mount and PID namespaces and forks. Returns in the child, which is process 1 of the new PID
    /// namespace and dies with its parent. The calling process never returns: it waits for the child and exits
    /// as the child did (re-raising the signal that ended it), ignoring SIGINT and SIGTERM meanwhile as
    /// `unshare --fork` does (they reach the child's process group directly). On failure it returns a message
    /// and nothing has forked.
    public static func enter() -> String? {
        guard c_unshare(cloneNewNS | cloneNewPID) == 0 else {
            return "cannot create the pod's mount and PID namespaces: \(String(cString: strerror(errno)))"
        }
        let child = fork()
        if child < 0 { return "cannot start the pod's first process: \(String(cString: strerror(errno)))" }
        if child == 0 {
            _ = c_prctl(prSetPdeathsig, UInt(SIGKILL), 0, 0, 0)
            return nil
        }
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 {
            if errno != EINTR { exit(Emissary.setupFailureExitCode) }
        }
        let signalNumber = status & 0x7f
        if signalNumber == 0 { exit((status >> 8) & 0xff) }
        signal(signalNumber, SIG_DFL)
        kill(getpid(), signalNumber)
        exit(128 + signalNumber)
    }
}
#endif
