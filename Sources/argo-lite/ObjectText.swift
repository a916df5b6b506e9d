import Templates

/// Objects as `-o json` / `-o yaml` print them.
enum ObjectText {
    static func json(_ v: JSONValue) -> String { v.prettyJSON + "\n" }

    static func yaml(_ v: JSONValue) throws(CLIError) -> String {
        // Wired to YAMLEmitter.emit when the YAML module is merged.
        throw CLIError("-o yaml is not available in this build yet; use -o json")
    }
}
