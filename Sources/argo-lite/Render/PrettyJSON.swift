import Controller
import Templates

/// JSON indented by two spaces, as Go's `json.MarshalIndent(v, "", "  ")` writes it (`-o json`).
extension JSONValue {
    var prettyJSON: String {
        var out = ""
        writePretty(to: &out, indent: "")
        return out
    }

    private func writePretty(to out: inout String, indent: String) {
        switch self {
        case .array(let a) where !a.isEmpty:
            out += "[\n"
            for (i, v) in a.enumerated() {
                out += indent + "  "
                v.writePretty(to: &out, indent: indent + "  ")
                out += i == a.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let o) where !o.isEmpty:
            out += "{\n"
            for (i, (k, v)) in o.enumerated() {
                out += indent + "  " + JSONValue.string(k).compactJSON + ": "
                v.writePretty(to: &out, indent: indent + "  ")
                out += i == o.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        default:
            out += compactJSON
        }
    }
}
