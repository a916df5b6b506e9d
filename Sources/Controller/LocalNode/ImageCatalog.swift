import Foundation
import ClusterAPI

/// What the local node agent knows about one container image: the image's `ENTRYPOINT` and `CMD` (as Docker
/// would report them), extra environment, and a note shown to users. Locally there are no images: the command
/// runs on the host, so the catalog says which host command stands for the image.
///
/// In `entrypoint`, `cmd` and `commandMap` values, the token `@self` stands for the running argo-lite executable
/// (so `["@self", "version"]` runs `argo-lite version`), and `@executor` for the binary of argo-lite's in-pod
/// commands (`argo-lite-executor` beside it, else argo-lite itself: `["@executor", "argosay"]`).
public struct ImageEntry: Codable, Sendable, Hashable {
    /// The image's ENTRYPOINT; `nil` when the image has none (then `cmd` is what runs).
    public var entrypoint: [String]?
    /// The image's CMD: default arguments (or the default command when there is no entrypoint).
    public var cmd: [String]?
    /// Environment the image would carry (merged under the container's own `env`).
    public var env: [String: String]?
    /// Rewrites of the first word of the final command: a container running `command: [cowsay]` in the
    /// `docker/whalesay` image runs the built-in cowsay instead of a host `cowsay` that may not exist.
    public var commandMap: [String: [String]]?
    /// Why this mapping exists, or what differs from the real image.
    public var note: String?

    public init(entrypoint: [String]? = nil, cmd: [String]? = nil, env: [String: String]? = nil,
                commandMap: [String: [String]]? = nil, note: String? = nil) {
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.env = env
        self.commandMap = commandMap
        self.note = note
    }
}

/// Why a container's command could not be worked out.
public enum ImageCatalogError: Error, Equatable, CustomStringConvertible {
    /// The container has no `command`, and the image is not in the catalog.
    case noCommand(image: String, catalogPath: String)
    /// The user catalog file exists but cannot be read or decoded.
    case badCatalogFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .noCommand(let image, let catalogPath):
            return "image \"\(image)\" has no command and no entry in the image catalog; "
                + "add \"command:\" to the container or map the image in \(catalogPath)"
        case .badCatalogFile(let path, let reason):
            return "cannot read the image catalog \(path): \(reason); "
                + "expected a JSON object of image pattern to {\"entrypoint\", \"cmd\", \"env\", \"commandMap\", \"note\"}"
        }
    }
}

/// Maps image references to `ImageEntry`s, like Argo's `images` controller setting maps images to their
/// entrypoints.
///
/// Keys are matched against the container's `image` in this order (first hit wins):
/// 1. the exact reference (`python:alpine3.23`, `argoproj/argosay:v2`);
/// 2. the repository with any tag or digest (`python` matches `python:3.12` and `python@sha256:...`);
/// 3. glob patterns with `*` and `?` (`python:*`, `*/curl:*`), longest pattern first.
/// A leading `docker.io/` or `docker.io/library/` in the image is ignored.
///
/// User file (`<stateDir>/images.json`), merged over the built-ins (a user key replaces the built-in key):
/// ```json
/// { "my/tool:1": { "entrypoint": ["/usr/local/bin/tool"], "cmd": ["--help"], "env": {"A": "1"},
///                  "note": "the tool is installed on the host" } }
/// ```
public struct ImageCatalog: Sendable {
    public private(set) var entries: [String: ImageEntry]
    /// Where users map images; named in the error for an unmapped image.
    public var catalogPath: String
    /// What `@self` expands to.
    public let selfExecutable: String
    /// What `@executor` expands to: `argo-lite-executor` beside `selfExecutable` if it was there when the catalog
    /// was made, else `selfExecutable` (looked up once here, not once per container).
    public let executor: String

    public init(entries: [String: ImageEntry], catalogPath: String = "<statedir>/images.json",
                selfExecutable: String = SelfExecutable.path) {
        self.entries = entries
        self.catalogPath = catalogPath
        self.selfExecutable = selfExecutable
        self.executor = SelfExecutable.executor(beside: selfExecutable)
    }

    /// The built-ins, with `images.json` from `stateDirectory` merged over them when that file exists.
    public static func load(stateDirectory: String, selfExecutable: String = SelfExecutable.path) throws -> ImageCatalog {
        let path = (stateDirectory as NSString).appendingPathComponent("images.json")
        var catalog = ImageCatalog(entries: ImageCatalog.builtins, catalogPath: path, selfExecutable: selfExecutable)
        guard FileManager.default.fileExists(atPath: path) else { return catalog }
        let user: [String: ImageEntry]
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            user = try JSONDecoder().decode([String: ImageEntry].self, from: data)
        } catch {
            throw ImageCatalogError.badCatalogFile(path: path, reason: "\(error)")
        }
        catalog.merge(user)
        return catalog
    }

    /// Adds or replaces entries.
    public mutating func merge(_ other: [String: ImageEntry]) {
        entries.merge(other) { _, new in new }
    }

    /// The entry for `image`, or `nil` when nothing matches.
    public func entry(for image: String) -> ImageEntry? {
        let ref = Self.normalize(image)
        if let e = entries[ref] { return e }
        if let e = entries[Self.repository(of: ref)] { return e }
        let globs = entries.keys.filter { $0.contains("*") || $0.contains("?") }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        for g in globs where Self.glob(g, matches: ref) { return entries[g] }
        return nil
    }
}

extension ImageCatalog {
    /// `docker.io/library/alpine:3` → `alpine:3`; `docker.io/x/y` → `x/y`.
    static func normalize(_ image: String) -> String {
        var s = image.trimmingCharacters(in: .whitespaces)
        for prefix in ["docker.io/library/", "docker.io/", "index.docker.io/library/", "index.docker.io/"]
        where s.hasPrefix(prefix) {
            s.removeFirst(prefix.count)
            break
        }
        return s
    }

    /// The reference without its tag or digest (`host:5000/a/b:1` → `host:5000/a/b`).
    static func repository(of ref: String) -> String {
        var s = Substring(ref)
        if let at = s.firstIndex(of: "@") { s = s[..<at] }
        if let colon = s.lastIndex(of: ":"), !s[colon...].contains("/") { s = s[..<colon] }
        return String(s)
    }

    /// Shell-style glob over the whole string: `*` any run of characters, `?` one character.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count && p[pi] == "*" {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
