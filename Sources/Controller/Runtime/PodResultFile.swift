import Foundation
import Templates

/// Why a pod's task-result file, read after its process ended, gives no result.
struct UnreadableTaskResult: Error, CustomStringConvertible {
    var description: String
}

extension PodLauncher {
    /// The task result the emissary wrote, or why there is none. An ended process whose file is missing, empty or
    /// not JSON failed: the emissary writes its result as the command ends, so the write failed (a full disk
    /// leaves a 0-byte file) or the process was killed before it.
    static func taskResult(in file: URL) -> Result<JSONValue, UnreadableTaskResult> {
        let prefix = "the pod's result could not be written: "
        guard let data = try? Data(contentsOf: file) else {
            return .failure(UnreadableTaskResult(description: prefix + "\(file.path) is missing"))
        }
        guard !data.isEmpty else { return .failure(UnreadableTaskResult(description: prefix + "\(file.path) is empty")) }
        guard let result = try? JSONBridge.parse(String(decoding: data, as: UTF8.self)), result.objectValue != nil else {
            return .failure(UnreadableTaskResult(description: prefix + "\(file.path) is not a task result (\(data.count) bytes)"))
        }
        return .success(result)
    }
}
