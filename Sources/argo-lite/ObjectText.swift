import Controller
import Templates

/// Objects as `-o json` / `-o yaml` print them.
enum ObjectText {
    static func json(_ v: JSONValue) -> String { v.prettyJSON + "\n" }

    static func yaml(_ v: JSONValue) throws(CLIError) -> String {
        YAMLEmitter.emit(v)
    }
}
