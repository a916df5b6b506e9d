import ArgumentParser
import Controller
import Templates

/// What `create` and `update` take: manifest files, the output format and strictness.
struct TemplateFileOptions: ParsableArguments {
    @Argument(help: "Manifest files (`-` reads standard input).") var files: [String] = []
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format. One of: name|json|yaml|wide.")
    var output: String = ""
    @Option(name: .customLong("strict"), help: "Perform strict validation (unknown fields are errors).") var strict = true

    func validate() throws {
        if files.isEmpty { throw ValidationError("a manifest file is required") }
        try Self.checkOutput(output)
    }

    /// The formats argo prints one template in.
    static func checkOutput(_ output: String) throws {
        if !["", "name", "json", "yaml", "wide"].contains(output) {
            throw ValidationError("unknown output format \"\(output)\": use name, json, yaml or wide")
        }
    }

    /// Every template of the files through `write` (`create` or `update`, worded by `action`), each printed once
    /// stored. Nothing is written when any file has a finding. Returns the exit status.
    func store<Kind>(_ client: TemplateClient<Kind>, action: String, env: CLIEnvironment,
                     _ write: (JSONValue) async throws(CLIError) -> JSONValue) async -> Int32 {
        do {
            for object in try await client.read(files, strict: strict, action: action) {
                let written: JSONValue
                do {
                    written = try await write(object)
                } catch {
                    throw CLIError("Failed to \(action) \(Kind.noun): \(error.description)")
                }
                env.console.out(try TemplateClient<Kind>.printed(written, output: output, env: env))
            }
            return 0
        } catch {
            env.printError("\(error)")
            return 1
        }
    }
}
