import Controller
import Foundation
import Templates

/// One object of a manifest file, ready to store: where it came from (for messages), its kind and the object.
struct FileObject: Sendable {
    var file: String
    /// 1-based position among the file's non-empty documents, and the line the document starts on.
    var document: Int
    var line: Int
    var kind: ResourceKind
    var object: JSONValue

    var name: String { object["metadata"]?["name"]?.stringValue ?? "" }
    var namespace: String? { kind.namespaced ? object["metadata"]?["namespace"]?.stringValue : nil }
    var place: String { "\(file): document \(document) (line \(line))" }
}

/// The objects of `-f FILE|DIR|-` for `apply` and `delete`, as kubectl reads them: every document of every file
/// (directories: their `.json`, `.yaml`, `.yml` files; with `recursive`, those of subdirectories too), the
/// default namespace set on namespaced objects without one. Every problem of every file is collected first, so
/// a command stores nothing when any document is wrong.
enum ObjectFiles {
    static let extensions: Set<String> = ["json", "yaml", "yml"]

    /// The files `paths` name, in kubectl's order (a directory's files sorted by name).
    static func expand(_ paths: [String], recursive: Bool) throws(CLIError) -> [String] {
        var out: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue
            else { out.append(path); continue }
            let found = files(in: path, recursive: recursive)
            if found.isEmpty {
                throw CLIError("error: error reading [\(path)]: recognized file extensions are [.json .yaml .yml]"
                    + (recursive ? "" : " (use -R to read subdirectories)"))
            }
            out += found
        }
        return out
    }

    private static func files(in directory: String, recursive: Bool) -> [String] {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        var out: [String] = []
        for entry in entries where !entry.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if recursive { out += files(in: path, recursive: true) }
            } else if extensions.contains((entry as NSString).pathExtension.lowercased()) {
                out.append(path)
            }
        }
        return out
    }

    /// Every object of the files. `lint`: check the Argo kinds as `submit` and `template create` do (with the
    /// templates already stored, for `templateRef`s); `check`: the command's own check of each object. Throws
    /// every problem found, one per line.
    static func load(_ paths: [String], recursive: Bool, namespace: String, lint: Bool,
                     stored: StoredTemplates = StoredTemplates(),
                     check: (FileObject) throws(CLIError) -> Void = { _ in }) throws(CLIError) -> [FileObject] {
        var sources: [LintSource] = []
        for file in try expand(paths, recursive: recursive) {
            sources.append(LintSource(file: file == "-" ? "STDIN" : file, text: try Manifests.read(file)))
        }
        var problems: [String] = []
        var objects: [FileObject] = []
        for source in sources {
            let loaded = ManifestLoader.load(source.text, file: source.file)
            if let e = loaded.syntaxError {
                // the linter reports it too
                if !lint { problems.append("error: error parsing \(source.file): \(e.description)") }
                continue
            }
            for document in loaded.documents {
                do throws(CLIError) {
                    for item in try self.objects(document, file: source.file, namespace: namespace) {
                        try check(item)
                        objects.append(item)
                    }
                } catch {
                    problems.append(error.description)
                }
            }
        }
        if lint {
            let report = Linter.lint(sources, stored: stored)
            problems += report.files.flatMap(\.findings).map { "error: \($0.diagnostic.description)" }
        }
        if !problems.isEmpty {
            throw CLIError(problems.joined(separator: "\n") + "\nnothing was stored: fix the files and run the command again")
        }
        if objects.isEmpty { throw CLIError("error: no objects passed in \(sources.map(\.file).joined(separator: ", "))") }
        return objects
    }

    /// A document's objects: itself, or the `items` of a `List` (`kind: List`, or any `...List` with `items`), as
    /// kubectl takes them apart.
    static func objects(_ document: LoadedManifest, file: String, namespace: String) throws(CLIError) -> [FileObject] {
        let kind = document.node["kind"]?.scalar?.text ?? ""
        guard kind.hasSuffix("List"), let items = document.node["items"]?.items else {
            return [try object(document, file: file, namespace: namespace)]
        }
        var out: [FileObject] = []
        for item in items {
            var one = try object(ManifestLoader.decode(item, index: document.index, file: file), file: file, namespace: namespace)
            one.line = item.location.line
            out.append(one)
        }
        return out
    }

    /// One document as the object to store; Argo kinds with the scalar types of the typed model, as `submit`
    /// stores them (`command: [true]` becomes the string "true").
    static func object(_ document: LoadedManifest, file: String, namespace: String) throws(CLIError) -> FileObject {
        let line = document.node.location.line
        let place = "\(file): document \(document.index + 1) (line \(line))"
        guard var object = try? document.node.toJSONValue(), object.objectValue != nil else {
            throw CLIError("error: \(place): a manifest must be a mapping with apiVersion, kind and metadata")
        }
        let apiVersion = object["apiVersion"]?.stringValue ?? ""
        let kindName = object["kind"]?.stringValue ?? ""
        let missing = (apiVersion.isEmpty ? ["apiVersion not set"] : []) + (kindName.isEmpty ? ["kind not set"] : [])
        if !missing.isEmpty {
            throw CLIError("error: error validating \"\(file)\": error validating data: [\(missing.joined(separator: ", "))]"
                + " in document \(document.index + 1) (line \(line)); every object needs apiVersion and kind"
                + " (e.g. apiVersion: v1, kind: ConfigMap)")
        }
        if let metadata = object["metadata"], metadata.objectValue == nil {
            throw CLIError("error: \(place): metadata must be a mapping (name, namespace, labels, ...)")
        }
        if let manifest = document.manifest, let typed = Manifests.typed(manifest), let encoded = try? JSONValue(encoding: typed) {
            object = object.retypingScalars(like: encoded)
        }
        let kind = ResourceKind(apiVersion: apiVersion, kind: kindName)
        var metadata = object["metadata"]?.objectValue ?? [:]
        if kind.namespaced {
            if (metadata["namespace"]?.stringValue ?? "").isEmpty { metadata["namespace"] = .string(namespace) }
        } else {
            metadata["namespace"] = nil
        }
        object["metadata"] = .object(metadata)
        return FileObject(file: file, document: document.index + 1, line: line, kind: kind, object: object)
    }
}
