/// YAML out, in the block style `kubectl get -o yaml` and `argo get -o yaml` print: two-space indent, list
/// items of a mapping at the mapping's own indent (`- name: a`), multi-line strings as `|` literal blocks where
/// that is exact, and quotes around every string that would otherwise read back as something else.
public enum YAMLEmitter {
    public static func emit(_ value: JSONValue) -> String {
        var out = ""
        switch value {
        case .object(let o) where !o.isEmpty:
            writeMapping(o, indent: 0, to: &out)
        case .array(let a) where !a.isEmpty:
            writeSequence(a, indent: 0, to: &out)
        default:
            writeInline(value, indent: 0, to: &out)
            out += "\n"
        }
        return out
    }

    private static func pad(_ n: Int) -> String { String(repeating: " ", count: n) }

    private static func writeMapping(_ o: JSONObject, indent: Int, to out: inout String, firstInline: Bool = false) {
        var first = true
        for (key, value) in o {
            if !(first && firstInline) { out += pad(indent) }
            first = false
            out += YAMLScalarStyle.key(key) + ":"
            writeValue(value, indent: indent, sequenceIndent: indent, to: &out)
        }
    }

    private static func writeSequence(_ a: [JSONValue], indent: Int, to out: inout String, firstInline: Bool = false) {
        var first = true
        for item in a {
            if !(first && firstInline) { out += pad(indent) }
            first = false
            out += "-"
            switch item {
            case .object(let o) where !o.isEmpty:
                out += " "
                writeMapping(o, indent: indent + 2, to: &out, firstInline: true)
            case .array(let inner) where !inner.isEmpty:
                out += " "
                writeSequence(inner, indent: indent + 2, to: &out, firstInline: true)
            default:
                out += " "
                writeInline(item, indent: indent + 2, to: &out)
                out += "\n"
            }
        }
    }

    /// The value after `key:`: nested collections on the next lines, scalars on the same line.
    private static func writeValue(_ value: JSONValue, indent: Int, sequenceIndent: Int, to out: inout String) {
        switch value {
        case .object(let o) where !o.isEmpty:
            out += "\n"
            writeMapping(o, indent: indent + 2, to: &out)
        case .array(let a) where !a.isEmpty:
            out += "\n"
            writeSequence(a, indent: sequenceIndent, to: &out)
        default:
            out += " "
            writeInline(value, indent: indent + 2, to: &out)
            out += "\n"
        }
    }

    /// A scalar or empty collection; a literal block's lines go at `indent`.
    private static func writeInline(_ value: JSONValue, indent: Int, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += YAMLScalarStyle.double(d)
        case .string(let s): YAMLScalarStyle.writeString(s, indent: indent, to: &out)
        case .array: out += "[]"
        case .object: out += "{}"
        }
    }
}
