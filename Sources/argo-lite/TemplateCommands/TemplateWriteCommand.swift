import ArgumentParser
import Controller
import Templates

/// What `create` and `update` do with each template of the files.
protocol TemplateWrite: Sendable {
    /// The subcommand's name, and the verb of its messages.
    static var action: String { get }
    static func write<Kind>(_ object: JSONValue, with client: TemplateClient<Kind>) async throws(CLIError) -> JSONValue
}

enum CreateTemplates: TemplateWrite {
    static let action = "create"
    static func write<Kind>(_ object: JSONValue, with client: TemplateClient<Kind>) async throws(CLIError) -> JSONValue {
        try await client.create(object)
    }
}

/// Replaces the stored template named as the file's (a write in between is overwritten, as by argo's `update`).
enum UpdateTemplates: TemplateWrite {
    static let action = "update"
    static func write<Kind>(_ object: JSONValue, with client: TemplateClient<Kind>) async throws(CLIError) -> JSONValue {
        try await client.update(object)
    }
}

/// `argo-lite template create|update FILE...` (and `cluster-template`): lints the files with the templates already
/// stored, then writes every template of this kind in them, printing each; nothing is written when any file has
/// a finding.
struct TemplateWriteCommand<Kind: StoredTemplateKind, Write: TemplateWrite>: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: Write.action, abstract: "\(Write.action.capitalized) a \(Kind.noun).")
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Manifest files (`-` reads standard input).") var files: [String] = []
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format. One of: name|json|yaml|wide.")
    var output: String = ""
    @Option(name: .customLong("strict"), help: "Perform strict validation (unknown fields are errors).") var strict = true

    func validate() throws {
        if files.isEmpty { throw ValidationError("a manifest file is required") }
        try TemplateClient<Kind>.checkOutput(output)
    }

    func run() async throws {
        try await global.run(execute)
    }

    func execute(cluster: any Cluster, env: CLIEnvironment) async throws -> Int32 {
        let client = TemplateClient<Kind>(cluster: cluster, namespace: env.namespace)
        do {
            for object in try await client.read(files, strict: strict, action: Write.action) {
                let written: JSONValue
                do {
                    written = try await Write.write(object, with: client)
                } catch {
                    throw CLIError("Failed to \(Write.action) \(Kind.noun): \(error.description)")
                }
                env.console.out(try TemplateClient<Kind>.printed(written, output: output, env: env))
            }
            return 0
        } catch {
            return env.fail(error)
        }
    }
}
