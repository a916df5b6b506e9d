#if canImport(Glibc)
import Glibc
#endif

/// The mount(2) flags and the small file calls that the pod's mounts share (`MountPlan`, `ContainerRoot`).
enum MountCalls {
    // Linux <sys/mount.h> values (macros Swift does not import).
    static let rdonly: UInt = 1, nosuid: UInt = 2, nodev: UInt = 4, noexec: UInt = 8
    static let remount: UInt = 32, bind: UInt = 4096, rec: UInt = 16384, privatePropagation: UInt = 1 << 18
    static let detach: Int32 = 2  // MNT_DETACH, for umount2
    static let oPath: Int32 = 0o10000000  // O_PATH

    static func fail(_ op: String, _ path: String) -> MountError { MountError(operation: op, path: path, errno: errno) }

    /// `mount`, throwing with the operation's name.
    static func mount(_ source: String?, _ target: String, _ type: String?, _ flags: UInt, _ data: String?,
                      _ what: String) throws(MountError) {
        guard Glibc.mount(source, target, type, flags, data) == 0 else { throw fail(what, target) }
    }

    /// Binds `source` on `target` (both existing), read-only when asked (a bind cannot be made read-only in one call).
    static func bind(_ source: String, _ target: String, readOnly: Bool, recursive: Bool = false) throws(MountError) {
        try mount(source, target, nil, bind | (recursive ? rec : 0), nil, "bind \(source) on")
        if readOnly { try mount(nil, target, nil, bind | remount | rdonly | (recursive ? rec : 0), nil, "remount read-only") }
    }

    /// `mkdir -p`: the folder itself first, its parents only when they are missing (most are there already).
    static func makeDirectory(_ path: String, mode: mode_t = 0o755) throws(MountError) {
        if Glibc.mkdir(path, mode) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw fail("create mount point", path) }
        var current = ""
        for part in path.split(separator: "/") {
            current += "/"
            current += String(part)  // String + Substring goes through a generic path that looks types up at run time
            if Glibc.mkdir(current, mode) != 0 && errno != EEXIST { throw fail("create mount point", current) }
        }
    }

    /// An empty file to mount a file on, its folders first.
    static func makeFile(_ path: String) throws(MountError) {
        let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        if !parent.isEmpty { try makeDirectory(parent) }
        let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw fail("create mount point", path) }
        close(fd)
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }
}
