import Foundation
import Templates
import ClusterAPI

/// Container logs: the node agent writes `<state dir>/logs/<namespace>/<pod>.<container>.log` (one folder per
/// namespace, not per pod: see `PodFiles`); readers stream it. Each element of the stream is one line without its
/// newline. Logs written by earlier versions, at `logs/<namespace>/<pod>/<container>.log`, are still read.
extension LocalCluster {
    /// Where the node agent writes a container's log (a container name has no dot, so the name is unambiguous).
    public func logPath(namespace: String, pod: String, container: String) -> URL {
        directory.appendingPathComponent("logs", isDirectory: true)
            .appendingPathComponent(namespace, isDirectory: true)
            .appendingPathComponent("\(pod).\(container).log")
    }

    /// The folder of a pod's logs in the layout of earlier versions (`logs/<namespace>/<pod>/<container>.log`).
    package func legacyLogDirectory(namespace: String, pod: String) -> URL {
        directory.appendingPathComponent("logs/\(namespace)/\(pod)", isDirectory: true)
    }

    /// `logPath`, or where an earlier version wrote the log when only that exists.
    func readableLogPath(namespace: String, pod: String, container: String) -> URL {
        let path = logPath(namespace: namespace, pod: pod, container: container)
        let legacy = legacyLogDirectory(namespace: namespace, pod: pod).appendingPathComponent("\(container).log")
        return !FileManager.default.fileExists(atPath: path.path) && FileManager.default.fileExists(atPath: legacy.path)
            ? legacy : path
    }

    public func logs(namespace: String, pod: String, container: String?, follow: Bool) async throws(ClusterError)
        -> AsyncThrowingStream<String, any Error>
    {
        let podObject = try await get(.pod, namespace: namespace, name: pod)
        let name = container ?? LogContainer.defaultName(podObject)
        let path = readableLogPath(namespace: namespace, pod: pod, container: name)
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: String.self)
        if !follow {
            var reader = LogReader(path: path.path)
            for line in reader.readLines(final: true) { continuation.yield(line) }
            continuation.finish()
            return stream
        }
        let directoryPath = path.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: directoryPath, withIntermediateDirectories: true)
        notifier.watch(directory: directoryPath)
        let task = Task { [self] in
            defer { notifier.unwatch(directory: directoryPath) }
            var reader = LogReader(path: path.path)
            do {
                while !Task.isCancelled {
                    // Woken by the log file growing, or by the pod changing (its container may have ended).
                    let seen = notifier.stamp(ResourceKind.pod.description)
                    // Check for the end first, then read: what the agent wrote before marking the container
                    // terminated is then always read before the stream ends.
                    let done = try await containerEnded(namespace: namespace, pod: pod, container: name)
                    for line in reader.readLines(final: done) { continuation.yield(line) }
                    if done { break }
                    await notifier.wait(changedFrom: seen, resource: ResourceKind.pod.description)
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// True when the pod is gone, has finished (Succeeded/Failed), or reports the container terminated.
    func containerEnded(namespace: String, pod: String, container: String) async throws(ClusterError) -> Bool {
        let object: JSONValue
        do {
            object = try await get(.pod, namespace: namespace, name: pod)
        } catch .notFound {
            return true
        }
        let phase = object["status"]?["phase"]?.stringValue
        if phase == "Succeeded" || phase == "Failed" { return true }
        let statuses = object["status"]?["containerStatuses"]?.arrayValue ?? []
        return statuses.contains { $0["name"]?.stringValue == container && $0["state"]?["terminated"] != nil }
    }
}

/// Reads a growing log file incrementally and splits it into lines.
struct LogReader {
    let path: String
    private var offset: UInt64 = 0
    private var pending: [UInt8] = []

    init(path: String) { self.path = path }

    /// Lines completed since the last call; with `final`, also the last line if it has no newline.
    mutating func readLines(final: Bool) -> [String] {
        if let handle = FileHandle(forReadingAtPath: path) {
            defer { try? handle.close() }
            if (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd() {
                offset += UInt64(data.count)
                pending.append(contentsOf: data)
            }
        }
        var lines: [String] = []
        var start = 0
        for i in pending.indices where pending[i] == 0x0A {
            lines.append(String(decoding: pending[start..<i], as: UTF8.self))
            start = i + 1
        }
        pending.removeFirst(start)
        if final && !pending.isEmpty {
            lines.append(String(decoding: pending, as: UTF8.self))
            pending.removeAll()
        }
        return lines
    }
}
