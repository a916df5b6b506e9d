import ArgumentParser
import Controller
import Templates

/// `argo-lite apply -f FILE|DIR|- [-R] [-o name]`: kubectl's client-side apply of every object of the files
/// against the local store (any kind). Every file is read and checked (Argo kinds linted as `submit` does) before
/// anything is written, so a file with a problem stores nothing.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply", abstract: "Apply a configuration to objects by file name or stdin, as kubectl apply does.")

    @OptionGroup var global: GlobalOptions
    @Option(name: [.customShort("f"), .customLong("filename")], help: "Files or directories of manifests (`-` reads stdin).")
    var filenames: [String] = []
    @Flag(name: [.customShort("R"), .customLong("recursive")], help: "Read the directories of -f recursively.")
    var recursive = false
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: name.") var output: String = ""

    func validate() throws {
        if filenames.isEmpty {
            throw ValidationError("must specify one of -f and -k (argo-lite takes -f FILE, a directory, or - for stdin)")
        }
        if !["", "name"].contains(output) {
            throw ValidationError("unable to match a printer suitable for the output format \"\(output)\", allowed formats are: name")
        }
    }

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        let objects: [FileObject]
        do throws(CLIError) {
            objects = try ObjectFiles.load(filenames, recursive: recursive, namespace: env.namespace, lint: true,
                                           stored: try await Self.storedTemplates(cluster, namespace: env.namespace),
                                           check: Self.check)
        } catch {
            return env.fail(error)
        }
        var status: Int32 = 0
        for item in objects {
            do {
                let (outcome, _, warning) = try await ClientSideApply.apply(item, cluster: cluster)
                if let warning { env.printError(warning) }
                let name = item.kind.kubectlName(item.name)
                env.print(output == "name" ? name : "\(name) \(outcome.rawValue)")
            } catch {
                env.printError(error.description)
                status = 1
            }
        }
        return status
    }

    /// What the store would refuse, found before anything is written: no name, a Secret's data.
    static func check(_ item: FileObject) throws(CLIError) {
        if item.name.isEmpty {
            if !(item.object["metadata"]?["generateName"]?.stringValue ?? "").isEmpty {
                throw CLIError("error: from \(item.file): cannot use generate name with apply (\(item.place): "
                    + "set metadata.name, or store it with `argo-lite submit` / kubectl create)")
            }
            throw CLIError("error: \(item.place): \(item.object["kind"]?.stringValue ?? "") has no metadata.name: "
                + "resource name may not be empty")
        }
        _ = try ClientSideApply.stored(form: item.object, item)
    }

    /// The templates in the store, which `templateRef`s in the files may name.
    static func storedTemplates(_ cluster: any Cluster, namespace: String) async throws(CLIError) -> StoredTemplates {
        do {
            return try await StoredTemplates.read(from: cluster, namespace: namespace)
        } catch {
            throw CLIError(error.kubectlText())
        }
    }
}
