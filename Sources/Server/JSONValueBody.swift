import Templates

/// A request body's fields, read as grpc-gateway reads a proto message from JSON: a missing or null field is its
/// zero value; a field of the wrong type is InvalidArgument.
struct JSONValueBody: Sendable {
    let value: JSONValue

    func object(_ field: String) throws(APIError) -> JSONValue? { try JSONIO.object(value, field) }
    func string(_ field: String) throws(APIError) -> String { try JSONIO.string(value, field) }
    func bool(_ field: String) throws(APIError) -> Bool { try JSONIO.bool(value, field) }
    func strings(_ field: String) throws(APIError) -> [String] { try JSONIO.strings(value, field) }

    /// `createOptions.dryRun: ["All"]` or `serverDryRun: true`.
    var dryRun: Bool {
        get throws(APIError) {
            if try bool("serverDryRun") { return true }
            let options = JSONValueBody(value: value["createOptions"] ?? [:])
            return try options.strings("dryRun").contains("All")
        }
    }
}
