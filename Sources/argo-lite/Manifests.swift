import Controller
import Foundation
import Templates

/// Reading workflow manifests for `submit`: lint findings and the documents as JSON objects.
enum Manifests {
    /// Lint errors for one file's text, as `FILE:LINE:COL: FIELD: in "NAME" (Kind): message` (empty when valid).
    static func lint(text: String, file: String) -> [String] {
        Linter.lint(text: text, file: file).map(\.diagnostic.description)
    }

    /// The YAML (or JSON) documents of one file, as JSON objects.
    static func documents(text: String, file: String) throws(CLIError) -> [JSONValue] {
        do {
            return try YAML.load(text, file: file).map { (node) throws(Diagnostic) -> JSONValue in try node.toJSONValue() }
                .filter { !$0.isNull }
        } catch {
            throw CLIError(error.description)
        }
    }

    /// The file's Workflows as JSON (in the file's key order), with scalar types from the typed model: a YAML
    /// scalar in a string field becomes its text, as
    /// `argo submit` decodes it (`command: [true]` runs `true`; it is not stored as a boolean the controller
    /// cannot read back). Call after lint: a document that does not decode is left out.
    static func workflows(text: String, file: String) throws(CLIError) -> [JSONValue] {
        var out: [JSONValue] = []
        for document in ManifestLoader.load(text, file: file).documents {
            guard case .workflow(let workflow)? = document.manifest else { continue }
            do {
                out.append(try document.node.toJSONValue().retypingScalars(like: try JSONValue(encoding: workflow)))
            } catch {
                throw CLIError("\(file): cannot encode workflow \(document.objectName): \(error)")
            }
        }
        return out
    }

    /// A file's text; `-` reads standard input.
    static func read(_ path: String) throws(CLIError) -> String {
        do {
            if path == "-" {
                return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            }
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CLIError("open \(path): no such file or directory")
        }
    }
}
