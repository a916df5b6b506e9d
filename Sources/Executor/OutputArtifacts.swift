import Templates
#if canImport(Glibc)
import Glibc
#endif

/// Where the emissary saves output artifacts: the repository folder and the key prefix of this pod
/// (`<workflow name>/<pod name>`, Argo's default key format `{{workflow.name}}/{{pod.name}}`).
public struct OutputArtifactTarget: Sendable, Equatable {
    public var repositoryDirectory: String
    public var keyPrefix: String
    public init(repositoryDirectory: String, keyPrefix: String) {
        self.repositoryDirectory = repositoryDirectory
        self.keyPrefix = keyPrefix
    }
}

/// Saves a template's `outputs.artifacts` (JSON objects as in the template) after the main command exited, as
/// Argo's executor `SaveArtifacts`: tar+gzip under `<prefix>/<name>.tgz` by default, the file or folder as it is
/// under `<prefix>/<last path component>` with `archive: {none: {}}`. Each saved artifact is reported with
/// `s3.key` set, as Argo records an artifact saved to its default (S3) repository.
package enum OutputArtifacts {
    /// The key Argo's executor gives an artifact without one.
    package static func key(for spec: JSONValue, prefix: String) -> String? {
        guard let name = spec["name"]?.stringValue, let path = spec["path"]?.stringValue else { return nil }
        if spec["archive"]?["none"] != nil {
            let base = path.split(separator: "/").last.map(String.init) ?? name
            return prefix + "/" + base
        }
        return prefix + "/" + name + ".tgz"
    }

    /// Saves each artifact with a `path`; artifacts without one (`from`, `raw`, ...) are skipped.
    /// - Parameter root: prefix for reading paths (tests; the emissary reads them as the container sees them).
    /// - Returns: the saved artifacts and, when a required one is missing or cannot be saved, Argo's message
    ///   (a missing path is reported as Argo's emissary reports it: its staged `.tgz` cannot be opened).
    package static func save(_ specs: [JSONValue], keyPrefix: String, repository: ArtifactRepositoryFolder,
                             root: String = "", stderr: Int32 = 2) -> (artifacts: [JSONValue], error: String?) {
        var saved: [JSONValue] = []
        var errors: [String] = []
        for spec in specs {
            guard case .object(let fields) = spec, let path = fields["path"]?.stringValue, !path.isEmpty,
                  let key = key(for: spec, prefix: keyPrefix) else { continue }
            let name = fields["name"]?.stringValue ?? ""
            var info = stat()
            guard stat(root + path, &info) == 0 else {
                if fields["optional"]?.boolValue == true { continue }
                // Argo's emissary stages `/var/run/argo/outputs/artifacts<path>.tgz`; its absence is the error.
                errors.append("open /var/run/argo/outputs/artifacts\(path.hasPrefix("/") ? "" : "/")\(path).tgz: no such file or directory")
                continue
            }
            let ok: Bool
            if spec["archive"]?["none"] != nil {
                ok = repository.copyTree(from: root + path, to: key)
            } else {
                let out = repository.create(key)
                ok = out >= 0 && TarGzip.pack(root + path, to: out, stderr: stderr)
                if out >= 0 { close(out) }
            }
            guard ok else {
                errors.append("failed to save artifact \(name) (\(path)) to the artifact repository key \(key)")
                continue
            }
            saved.append(.object(recorded(fields, key: key)))
        }
        // Argo's `SaveArtifacts` joins its errors as "e1; e2; ", and the controller prefixes the wait container's
        // message with "failed to save outputs: ".
        return (saved, errors.isEmpty ? nil : "failed to save outputs: " + errors.map { $0 + "; " }.joined())
    }

    /// The artifact as Argo records it: the template's fields with `s3: {key}` after the location-free ones.
    static func recorded(_ fields: JSONObject, key: String) -> JSONObject {
        var out: JSONObject = [:]
        for k in ["name", "path", "mode", "from", "archiveLogs"] { if let v = fields[k] { out[k] = v } }
        out["s3"] = .object(["key": .string(key)])
        for (k, v) in fields where out[k] == nil && k != "s3" { out[k] = v }
        return out
    }
}
