#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Templates
#if canImport(Glibc)
import Glibc
#endif

/// One input artifact the emissary places in the pod: a host file (a raw artifact's data, or a key of the
/// artifact repository) read before the mounts and written at `destination` after them. A gzip stream is
/// unpacked as Argo's executor does (tar auto-detection) unless the artifact says `archive: {none: {}}`.
public struct InputFile: Sendable, Equatable {
    public var source: String
    public var destination: String
    /// The artifact's name, for messages.
    public var name: String?
    /// A missing source is skipped (`optional: true`) instead of failing the pod.
    public var optional = false
    /// Never unpack (`archive: {none: {}}`); raw artifacts are always placed as they are.
    public var unarchived = true

    public init(source: String, destination: String, name: String? = nil, optional: Bool = false, unarchived: Bool = true) {
        self.source = source
        self.destination = destination
        self.name = name
        self.optional = optional
        self.unarchived = unarchived
    }

    /// `--input-file` value: `HOST:PODPATH` (a raw artifact), or a JSON object
    /// `{"name", "source", "path", "optional", "unarchived"}` (an artifact from the repository).
    public init?(argument: String) {
        if argument.hasPrefix("{") {
            guard let o = try? JSONParser.parse(argument), let source = o["source"]?.stringValue,
                  let path = o["path"]?.stringValue else { return nil }
            self.init(source: source, destination: path, name: o["name"]?.stringValue,
                      optional: o["optional"]?.boolValue ?? false, unarchived: o["unarchived"]?.boolValue ?? false)
            return
        }
        guard let colon = argument.firstIndex(of: ":") else { return nil }
        self.init(source: String(argument[..<colon]), destination: String(argument[argument.index(after: colon)...]))
    }

    /// The `--input-file` JSON form.
    public var argument: String {
        var o: JSONObject = [:]
        if let name { o["name"] = .string(name) }
        o["source"] = .string(source)
        o["path"] = .string(destination)
        if optional { o["optional"] = true }
        if unarchived { o["unarchived"] = true }
        return JSONValue.object(o).compactJSON
    }

    /// Why the pod fails when the source cannot be read.
    var missingMessage: String {
        guard let name else { return "emissary: cannot read the input \(source)" }
        return "artifact \(name) failed to load: no such file in the artifact repository: \(source)"
    }

    /// What a source holds: a file's bytes, or a folder's files by relative path (a key saved with
    /// `archive: {none: {}}` from a directory).
    enum Content {
        case file([UInt8])
        case tree([(path: String, bytes: [UInt8])])
    }

    /// Reads the source (before the mounts); nil when it is missing or unreadable.
    func read() -> Content? {
        if let bytes = FileBytes.read(source) { return .file(bytes) }
        var files: [(path: String, bytes: [UInt8])] = []
        return Self.collect(source, prefix: "", into: &files, depth: 0) ? .tree(files) : nil
    }

    private static func collect(_ dir: String, prefix: String, into files: inout [(path: String, bytes: [UInt8])], depth: Int) -> Bool {
        guard depth < 64, let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return false }
        for name in names.sorted() {
            let path = dir + "/" + name, relative = prefix + name
            if let bytes = FileBytes.read(path) { files.append((relative, bytes)); continue }
            guard collect(path, prefix: relative + "/", into: &files, depth: depth + 1) else { return false }
        }
        return true
    }

    /// Writes (or unpacks) what was read at `destination`, creating its folders; a message when that failed.
    func place(_ content: Content, stderr: Int32) -> String? {
        switch content {
        case .file(let data): return place(data, stderr: stderr)
        case .tree(let files):
            try? FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
            for file in files {
                let copy = InputFile(source: source, destination: destination + "/" + file.path, name: name, unarchived: true)
                if let message = copy.place(file.bytes, stderr: stderr) { return message }
            }
            return nil
        }
    }

    /// Writes (or unpacks) `data` at `destination`, creating its folder; a message when that failed.
    func place(_ data: [UInt8], stderr: Int32) -> String? {
        let dir = parentDirectory(of: destination)
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if !unarchived && TarGzip.looksGzipped(data) {
            let archive = destination + ".tmp"
            guard FileManager.default.createFile(atPath: archive, contents: Data(data)) else {
                return "emissary: cannot write the input artifact to \(archive)"
            }
            defer { unlink(archive) }
            guard TarGzip.unpack(archive, to: destination, stderr: stderr) else {
                return "artifact \(name ?? destination) failed to load: cannot unpack it at \(destination)"
            }
            return nil
        }
        guard FileManager.default.createFile(atPath: destination, contents: Data(data)) else {
            return "emissary: cannot write the input artifact to \(destination)"
        }
        return nil
    }
}
