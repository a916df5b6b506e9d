import Controller
import Foundation
import Templates

/// One lint run (`lint`, `template lint`, `cluster-template lint`, `cron lint`): the files of the paths, read
/// through `Manifests.read` (a bad file stops the run with its name and problem), linted together with the
/// stored templates.
struct LintRun {
    var paths: [String]
    var strict: Bool
    /// Only documents of these kinds are linted (nil: all). Documents of other kinds still satisfy `templateRef`s,
    /// as argo's offline lint finds them among all its files.
    var kinds: Set<String>?

    func lint(output: String, stored: StoredTemplates) throws(CLIError) -> LintCommand.Result {
        guard let format = LintFormat(rawValue: output) else { throw CLIError("unknown formatter: \(output)") }
        let report = Linter.lint(try sources(), strict: strict, stored: stored, kinds: kinds)
        return LintCommand.Result(output: format.render(report), exitCode: report.success ? 0 : 1)
    }

    func sources() throws(CLIError) -> [LintSource] {
        var sources: [LintSource] = []
        for path in paths {
            for file in Self.manifestFiles(at: path) {
                sources.append(LintSource(file: file, text: try Manifests.read(file)))
            }
        }
        return sources
    }

    /// `path` itself unless it is a directory (`-`, a missing file: `Manifests.read` says what it is); every
    /// `.yaml`/`.yml`/`.json` file below a directory, sorted (folders so named are walked, not read).
    static func manifestFiles(at path: String) -> [String] {
        guard isDirectory(path), let walker = FileManager.default.enumerator(atPath: path) else { return [path] }
        var files: [String] = []
        for case let relative as String in walker
        where ["yaml", "yml", "json"].contains((relative as NSString).pathExtension.lowercased()) {
            let file = (path as NSString).appendingPathComponent(relative)
            if !isDirectory(file) { files.append(file) }
        }
        return files.sorted()
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return path != "-" && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The (Cluster)WorkflowTemplates stored in the state directory: WorkflowTemplates of every namespace (an
    /// object that names its namespace finds that namespace's, as the server looks there; one that names none
    /// finds `namespace`'s). A state directory without a store (argo-lite never ran there, or it does not exist)
    /// has none, and is left as it is: lint creates nothing. A store that is there but cannot be opened is an
    /// error, as argo's lint fails when it cannot reach its server.
    static func stored(in stateDirectory: URL?, namespace: String) async throws -> StoredTemplates {
        guard let stateDirectory, let cluster = try ClusterAccess.openExisting(stateDirectory) else {
            return StoredTemplates(namespace: namespace)
        }
        do {
            return try await StoredTemplates.read(from: cluster, namespace: namespace, allNamespaces: true)
        } catch {
            throw CLIError(error.description)
        }
    }
}
