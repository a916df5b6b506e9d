import Executor
import Foundation
import Templates
import ClusterAPI
import LocalStore

/// The emissary flags that move a pod's artifacts through argo-lite's default artifact repository: the folder
/// `artifacts/` in the state directory, standing in for Argo's default S3 bucket (a key is a path below it).
/// Input artifacts with an `s3.key` are placed from it; output artifacts are saved to it under
/// `<workflow name>/<pod name>/`, Argo's default key format.
struct PodArtifacts {
    let repository: URL

    /// `--input-file` for each input artifact with a repository key.
    func inputFlags(_ template: JSONValue?) -> [String] {
        var flags: [String] = []
        for artifact in template?["inputs"]?["artifacts"]?.arrayValue ?? [] {
            guard let key = artifact["s3"]?["key"]?.stringValue, !key.isEmpty, let path = artifact["path"]?.stringValue else { continue }
            let file = InputFile(
                source: repository.appendingPathComponent(key).path, destination: path,
                name: artifact["name"]?.stringValue, optional: artifact["optional"]?.boolValue ?? false,
                unarchived: artifact["archive"]?["none"] != nil)
            flags += ["--input-file", file.argument]
        }
        return flags
    }

    /// `--output-artifacts` and where they go, when the template declares any with a path.
    func outputFlags(_ template: JSONValue?, workflow: String, pod: String) -> [String] {
        guard let artifacts = template?["outputs"]?["artifacts"]?.arrayValue,
              artifacts.contains(where: { $0["path"]?.stringValue != nil }) else { return [] }
        return ["--output-artifacts", JSONValue.array(artifacts).compactJSON,
                "--artifact-repository", repository.path, "--artifact-key-prefix", "\(workflow)/\(pod)"]
    }

    /// Whether the pod's main log is archived as `main-logs` (Argo: `archiveLocation.archiveLogs`).
    static func archivesLogs(_ template: JSONValue?) -> Bool {
        template?["archiveLocation"]?["archiveLogs"]?.boolValue == true
    }

    /// Copies the main container's log to `<workflow>/<pod>/main.log` and adds the `main-logs` artifact to the
    /// task result (Argo's executor `SaveLogs`).
    func archiveMainLog(_ log: URL, workflow: String, pod: String, into taskResult: inout JSONValue?) {
        let key = "\(workflow)/\(pod)/main.log"
        let target = repository.appendingPathComponent(key)
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            if FileManager.default.fileExists(atPath: log.path) {
                try FileManager.default.copyItem(at: log, to: target)
            } else {
                try PodFiles.write("", to: target)
            }
        } catch {
            return
        }
        let artifact: JSONValue = ["name": "main-logs", "s3": ["key": .string(key)]]
        guard case .object(var root)? = taskResult else { return }
        var outputs = root["outputs"]?.objectValue ?? [:]
        var artifacts = outputs["artifacts"]?.arrayValue ?? []
        artifacts.append(artifact)
        var ordered: JSONObject = [:]
        for (k, v) in outputs where k != "artifacts" {
            ordered[k] = v
            if k == "parameters" { ordered["artifacts"] = .array(artifacts) }
        }
        if ordered["artifacts"] == nil {
            var withArtifacts: JSONObject = ["artifacts": .array(artifacts)]
            for (k, v) in ordered { withArtifacts[k] = v }
            ordered = withArtifacts
        }
        outputs = ordered
        root["outputs"] = .object(outputs)
        taskResult = .object(root)
    }
}
