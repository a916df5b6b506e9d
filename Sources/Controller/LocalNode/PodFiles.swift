import Executor
import Foundation
#if canImport(Glibc)
import Glibc
import ClusterAPI
#endif

/// Where the node agent keeps a pod's files in the state directory. A plain pod needs three files and no folder
/// of its own — `pods/NS/NAME.process` (its main process, for adoption), `pods/NS/NAME.task-result.json` (the
/// emissary's report) and its logs `logs/NS/NAME.CONTAINER.log` (`LocalCluster.logPath`) — because creating a
/// folder per pod was the dearest thing the agent did per pod (a directory inode each; two per pod with the logs').
/// The pod's own folder `pods/NS/NAME/` is made only for what needs one: volumes, a script's staging folder and
/// source, input artifacts, a resource pod's termination message.
struct PodFiles: Sendable {
    let namespace: String
    let name: String
    /// `pods/NS`, shared by the namespace's pods.
    let root: URL

    init(stateDirectory: URL, namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
        root = stateDirectory.appendingPathComponent("pods", isDirectory: true)
            .appendingPathComponent(namespace, isDirectory: true)
    }

    /// The endings of the two files a pod keeps beside its name in `pods/NS`.
    static let processSuffix = ".process", taskResultSuffix = ".task-result.json"

    var processFile: URL { root.appendingPathComponent(name + PodFiles.processSuffix) }
    var taskResult: URL { root.appendingPathComponent(name + PodFiles.taskResultSuffix) }
    /// The pod's own folder; `makeDirectory` creates it when something goes there.
    var directory: URL { root.appendingPathComponent(name, isDirectory: true) }

    /// Creates `pods/NS` (a no-op once it exists) and clears what a previous run of a pod of the same name left.
    func prepare() throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        unlink(taskResult.path)
        unlink(processFile.path)
    }

    /// A container's layer folder (its own root's upper layer, made by the emissary): kept with the pod's folder
    /// until the pod is deleted, as a stopped container's layer is.
    func layer(container: String) -> URL {
        directory.appendingPathComponent("layers", isDirectory: true).appendingPathComponent(container, isDirectory: true)
    }

    @discardableResult
    func makeDirectory() throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Writes a pod file with plain `open`/`write`/`close`, replacing what was there. Foundation's `Data.write(to:)`
    /// calls `fsync` even for a non-atomic write, which blocks each pod start on the disk; the agent's pod files
    /// only need to outlive the agent (a SIGKILL), not the machine (whose crash ends the pod's processes too).
    static func write(_ text: String, to file: URL) throws {
        let fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PodFileWriteError(path: file.path, errno: errno) }
        defer { close(fd) }
        var text = text
        guard text.withUTF8({ writeAll(fd, UnsafeRawBufferPointer($0)) }) else {
            throw PodFileWriteError(path: file.path, errno: errno)
        }
    }
}

/// A pod file that could not be written.
struct PodFileWriteError: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "cannot write \(path): \(String(cString: strerror(errno)))" }
}
