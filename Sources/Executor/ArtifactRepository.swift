#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// argo-lite's default artifact repository: a folder (`artifacts/` in the state directory) standing in for
/// Argo's default S3 bucket. Keys are paths below it. The emissary opens the folder before it mounts anything
/// (a pod's private /tmp may hide it afterwards) and writes through the descriptor with `*at` calls.
package struct ArtifactRepositoryFolder {
    /// An open `O_DIRECTORY` descriptor of the repository's root.
    package let fd: Int32

    /// Opens (creating it when missing) the repository folder; nil when it cannot be opened.
    package static func open(_ path: String) -> ArtifactRepositoryFolder? {
        mkdir(path, 0o755)
        let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        return fd >= 0 ? ArtifactRepositoryFolder(fd: fd) : nil
    }

    package func close() { _ = Glibc.close(fd) }

    /// Creates every folder of `key`'s parent below the root (`a/b/c.tgz` → `a`, `a/b`).
    package func makeParents(of key: String) {
        var prefix = ""
        for part in key.split(separator: "/").dropLast() {
            prefix += prefix.isEmpty ? String(part) : "/" + String(part)  // String + Substring is generic (run-time type look-ups)
            mkdirat(fd, prefix, 0o755)
        }
    }

    /// Opens `key` for writing (replacing it), creating its folders first; -1 on failure (`errno` says why).
    package func create(_ key: String) -> Int32 {
        makeParents(of: key)
        return openat(fd, key, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    }

    /// Copies a file or directory tree from `source` (a path as this process sees it) to `key`, unarchived.
    package func copyTree(from source: String, to key: String) -> Bool {
        var info = stat()
        guard stat(source, &info) == 0 else { return false }
        if info.st_mode & S_IFMT == S_IFDIR {
            makeParents(of: key + "/x")
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: source) else { return false }
            for name in names where !copyTree(from: source + "/" + name, to: key + "/" + name) { return false }
            return true
        }
        guard let bytes = FileBytes.read(source) else { return false }
        let out = create(key)
        guard out >= 0 else { return false }
        defer { Glibc.close(out) }
        return writeAll(out, bytes)
    }
}

/// Packs and unpacks artifacts with the host's `tar` (gzip), as Argo's `TarGzToWriter` / `untar` do: the archive
/// holds one entry named after the path's last component (a file, or a folder with its contents).
package enum TarGzip {
    /// Writes `tar -czf - -C parent base` to `out`; false when tar could not run or failed.
    package static func pack(_ path: String, to out: Int32, stderr: Int32) -> Bool {
        let parent = parentDirectory(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let ended = try? TeedProcess.run(["tar", "-czf", "-", "-C", parent, base], stdout: out, stderr: stderr) { _ in }
        return ended == .exited(0)
    }

    /// Unpacks the tar.gz file `archive` at `destination`: a single top-level entry becomes `destination`
    /// itself; several become the contents of a folder `destination` (Argo's `untar`).
    package static func unpack(_ archive: String, to destination: String, stderr: Int32) -> Bool {
        let staging = destination + ".tmpdir"
        try? FileManager.default.removeItem(atPath: staging)
        guard (try? FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)) != nil else {
            return false
        }
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let ended = try? TeedProcess.run(["tar", "-xzf", archive, "-C", staging], stdout: stderr, stderr: stderr) { _ in }
        guard ended == .exited(0), let entries = try? FileManager.default.contentsOfDirectory(atPath: staging) else {
            return false
        }
        try? FileManager.default.removeItem(atPath: destination)
        let from = entries.count == 1 ? staging + "/" + entries[0] : staging
        return rename(from, destination) == 0
    }

    /// Whether the bytes start like a gzip stream (Argo auto-detects archived inputs).
    package static func looksGzipped(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }
}
