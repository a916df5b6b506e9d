import Templates
#if canImport(Glibc)
import Glibc
#endif

/// An output parameter could not be read and has no `valueFrom.default`; the node fails with this message.
public struct OutputParameterError: Error, Equatable, CustomStringConvertible {
    public var name: String
    public var path: String
    /// Argo's wording: the Go error of reading the file from the executor's copy under
    /// `/var/run/argo/outputs/parameters` (`open /var/run/argo/outputs/parameters/tmp/x: no such file or directory`).
    public var message: String
    public var description: String { message }
}

/// Collects `outputs.parameters` whose `valueFrom.path` names a file, after the main command exited.
/// Parameters without a path (`expression`, `jsonPath`, `supplied`, `parameter`, ...) are the controller's and
/// are passed through unchanged.
public enum OutputParameters {
    /// Where Argo's emissary keeps copies of output parameter files; error messages name paths below it.
    public static let argoCopyDirectory = "/var/run/argo/outputs/parameters"

    /// Each parameter (a JSON object as in the template) with `value` filled from its file: the file's
    /// contents minus one trailing newline, or `valueFrom.default` when the file cannot be read.
    /// - Parameter root: prefix for reading paths (tests; the executor reads them as the container sees them).
    public static func collect(_ specs: [JSONValue], root: String = "") -> (parameters: [JSONValue], error: OutputParameterError?) {
        var out: [JSONValue] = []
        var firstError: OutputParameterError?
        for spec in specs {
            guard case .object(var param) = spec, let path = param["valueFrom"]?["path"]?.stringValue, !path.isEmpty else {
                out.append(spec)
                continue
            }
            let name = param["name"]?.stringValue ?? ""
            var value: String
            switch read(root + path) {
            case .success(let text):
                value = text
            case .failure(let reason):
                if let def = param["valueFrom"]?["default"], !def.isNull {
                    value = def.argoString
                } else {
                    let message = "open \(argoCopyDirectory)\(path.hasPrefix("/") ? "" : "/")\(path): \(reason)"
                    firstError = firstError ?? OutputParameterError(name: name, path: path, message: message)
                    out.append(spec)
                    continue
                }
            }
            if value.hasSuffix("\n") { value.removeLast() }
            // Argo's field order: name, value, then the rest (valueFrom, description, ...).
            var ordered: JSONObject = ["name": .string(name), "value": .string(value)]
            for (k, v) in param where k != "name" && k != "value" { ordered[k] = v }
            out.append(.object(ordered))
        }
        return (out, firstError)
    }

    private static func read(_ path: String) -> Result<String, ReadFailureReason> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(.init("no such file or directory")) }
        if info.st_mode & S_IFMT == S_IFDIR { return .failure(.init("is a directory")) }
        guard let bytes = FileBytes.read(path) else { return .failure(.init("permission denied")) }
        return .success(String(decoding: bytes, as: UTF8.self))
    }
}

/// The Go-style (lower-case) text of why a file could not be read.
struct ReadFailureReason: Error, CustomStringConvertible {
    var text: String
    init(_ text: String) { self.text = text }
    var description: String { text }
}
