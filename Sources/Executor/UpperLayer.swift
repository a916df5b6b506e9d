import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// What `ContainerRoot` writes into a container's upper layer before the overlay is mounted (the kernel leaves
/// changes to a mounted overlay's layers undefined): the container's own directories and the whiteouts that hide
/// host paths, each with the folders above it made as the host has them (an upper folder's mode and owner are
/// what the container sees).
enum UpperLayer {
    /// A path of the container inside one overlay: `relative` below the layer's mount point `lower` on the host,
    /// and below `upper`, its upper folder.
    struct Place {
        var upper: String
        var lower: String
        var relative: String

        var upperPath: String { upper + relative }
        var lowerPath: String { lower == "/" ? relative : lower + relative }

        /// An opaque folder: the container sees none of the host's entries in it (a private `/tmp`, its own `/dev`).
        func ownDirectory(mode: mode_t) throws(MountError) {
            try makeParents()
            if mkdir(upperPath, mode) != 0 && errno != EEXIST { throw MountCalls.fail("create", upperPath) }
            chmod(upperPath, mode)  // mkdir applies the umask
            guard argo_overlay_set_opaque(upperPath) == 0 else { throw MountCalls.fail("make opaque", upperPath) }
        }

        /// A whiteout (a character device 0:0): the path does not exist in the container.
        func whiteout() throws(MountError) {
            try makeParents()
            guard mknod(upperPath, S_IFCHR, 0) == 0 || errno == EEXIST else { throw MountCalls.fail("hide", lowerPath) }
        }

        /// The folders between the layer's top and the path, with the host's mode and owner.
        private func makeParents() throws(MountError) {
            var parts = relative.split(separator: "/").map(String.init)
            parts.removeLast()
            var up = upper, low = lower == "/" ? "" : lower
            for part in parts {
                up += "/" + part
                low += "/" + part
                var st = stat()
                guard stat(low, &st) == 0 else { return }  // nothing there on the host: nothing to hide or shadow
                if mkdir(up, st.st_mode & 0o7777) == 0 {
                    chmod(up, st.st_mode & 0o7777)
                    _ = chown(up, st.st_uid, st.st_gid)
                } else if errno != EEXIST {
                    throw MountCalls.fail("create", up)
                }
            }
        }
    }

    /// The device nodes a container runtime puts in a container's `/dev` (character devices; glibc's `makedev` is
    /// `major << 8 | minor` for numbers this small).
    static let devices: [(name: String, major: UInt32, minor: UInt32)] = [
        ("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8), ("urandom", 1, 9), ("tty", 5, 0),
    ]

    /// The usual device nodes, `/dev/shm`, and the `fd` and standard stream links, in `dev` (no `devpts`: pods
    /// have no terminal). A node that cannot be made is left out (the container then lacks it).
    static func devices(in dev: String) {
        for device in devices {
            let path = dev + "/" + device.name
            if mknod(path, S_IFCHR | 0o666, dev_t(device.major) << 8 | dev_t(device.minor)) == 0 { chmod(path, 0o666) }
        }
        for (link, target) in [("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                               ("stderr", "/proc/self/fd/2")] {
            _ = symlink(target, dev + "/" + link)
        }
        mkdir(dev + "/pts", 0o755)
        mkdir(dev + "/shm", 0o1777)
        chmod(dev + "/shm", 0o1777)
    }
}
