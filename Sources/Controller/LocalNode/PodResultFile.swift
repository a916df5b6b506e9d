import Foundation
import Templates
#if canImport(Glibc)
import Glibc
import ClusterAPI
#endif

/// Why a pod's task-result file, read after its process ended, gives no result.
struct UnreadableTaskResult: Error, CustomStringConvertible {
    var description: String
}

extension PodLauncher {
    /// The task result the emissary wrote, or why there is none. An ended process whose file is missing, empty or
    /// not JSON failed: the emissary writes its result as the command ends, so the write failed (a full disk
    /// leaves a 0-byte file) or the process was killed before it.
    static func taskResult(in file: URL) -> Result<JSONValue, UnreadableTaskResult> {
        func unreadable(_ why: String) -> Result<JSONValue, UnreadableTaskResult> {
            .failure(UnreadableTaskResult(description: "the pod's result could not be written: \(file.path) \(why)"
                + diskFullNote(file.deletingLastPathComponent().path)))
        }
        guard let data = try? Data(contentsOf: file) else { return unreadable("is missing") }
        guard !data.isEmpty else { return unreadable("is empty") }
        guard let result = try? JSONBridge.parse(String(decoding: data, as: UTF8.self)), result.objectValue != nil else {
            return unreadable("is not a task result (\(data.count) bytes)")
        }
        return .success(result)
    }

    /// Below this many free bytes the state directory's disk counts as full: the likely reason a result is unreadable.
    static let fullDiskBytes: UInt64 = 1 << 20

    /// `; the disk there is full (N bytes free): free space in the state directory` when the folder's file system
    /// has less than `fullDiskBytes` free, so that the node's message names the cause (Argo: a node out of
    /// ephemeral storage). Empty otherwise, and when the folder cannot be examined. Only a hint: it reads the
    /// disk now, and space freed since the write failed leaves the message without it.
    static func diskFullNote(_ folder: String) -> String {
        var s = statvfs()
        guard statvfs(folder, &s) == 0 else { return "" }
        let free = UInt64(s.f_bavail) * UInt64(s.f_frsize)
        guard free < fullDiskBytes else { return "" }
        return "; the disk there is full (\(free) bytes free): free space in the state directory"
    }
}
