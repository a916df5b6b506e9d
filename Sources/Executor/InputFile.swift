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
