import ClusterAPI
/// The host command that stands for one container: its argv and the image's environment.
public struct ResolvedCommand: Sendable, Equatable {
    public var argv: [String]
    /// Environment from the image entry; the container's own `env` goes over it.
    public var imageEnv: [String: String]
    /// The catalog entry that was used, if any.
    public var entry: ImageEntry?

    public init(argv: [String], imageEnv: [String: String] = [:], entry: ImageEntry? = nil) {
        self.argv = argv
        self.imageEnv = imageEnv
        self.entry = entry
    }
}

extension ImageCatalog {
    /// The command a container runs, as Kubernetes decides it: `command` replaces the image's ENTRYPOINT and
    /// `args` replace its CMD; with `command` but no `args` the image's CMD is not used. `args: []` is "no
    /// arguments", distinct from an absent `args`. The first word is then rewritten by the entry's
    /// `commandMap`, and `@self` in entry-provided words becomes the argo-lite executable.
    public func resolve(image: String, command: [String]?, args: [String]?) throws(ImageCatalogError) -> ResolvedCommand {
        let entry = entry(for: image)
        // Each word remembers whether it came from the catalog (only those may contain `@self`).
        var words: [(String, fromCatalog: Bool)] = []
        if let command, !command.isEmpty {
            words = command.map { ($0, false) } + (args ?? []).map { ($0, false) }
        } else {
            guard let entry else { throw .noCommand(image: image, catalogPath: catalogPath) }
            words = (entry.entrypoint ?? []).map { ($0, true) }
            if let args {
                words += args.map { ($0, false) }
            } else {
                words += (entry.cmd ?? []).map { ($0, true) }
            }
        }
        if let first = words.first, let replacement = entry?.commandMap?[first.0] {
            words = replacement.map { ($0, true) } + words.dropFirst()
        }
        guard !words.isEmpty else { throw .noCommand(image: image, catalogPath: catalogPath) }
        let argv = words.map { word -> String in
            guard word.fromCatalog else { return word.0 }
            return word.0 == "@self" ? selfExecutable : word.0 == "@executor" ? executor : word.0
        }
        return ResolvedCommand(argv: argv, imageEnv: entry?.env ?? [:], entry: entry)
    }
}
