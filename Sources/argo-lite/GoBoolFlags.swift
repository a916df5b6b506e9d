import Controller

/// Go's boolean flag syntax for the flags argo declares with `BoolVar` and argo-lite with an inverted `@Flag`:
/// `--offline`, `--offline=true`, `--offline=false` (and every spelling of `strconv.ParseBool`: 1, t, T, TRUE,
/// True, 0, f, F, FALSE, False). swift-argument-parser takes no value on a flag, so before parsing, `--NAME=VALUE`
/// becomes `--NAME` or `--no-NAME`; the last occurrence wins, as in Go. As in Go, `--offline false` is the flag
/// and then a positional argument `false`.
enum GoBoolFlags {
    /// The boolean flags that take Go's `=VALUE` form.
    static let names = ["offline"]

    static func normalize(_ arguments: [String], flags: [String] = names) -> [String] {
        var out: [String] = []
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            if argument == "--" {
                out.append(argument)
                out += rest
                break
            }
            out.append(rewritten(argument, flags: flags) ?? argument)
        }
        return out
    }

    /// `--NAME=VALUE` for one of `flags` as the parser takes it; nil when the argument is something else (a value
    /// ParseBool refuses is left for the parser to refuse).
    static func rewritten(_ argument: String, flags: [String]) -> String? {
        guard argument.hasPrefix("--"), let eq = argument.firstIndex(of: "=") else { return nil }
        let name = String(argument[argument.index(argument.startIndex, offsetBy: 2)..<eq])
        guard flags.contains(name) else { return nil }
        switch argument[argument.index(after: eq)...] {
        case "1", "t", "T", "TRUE", "true", "True": return "--\(name)"
        case "0", "f", "F", "FALSE", "false", "False": return "--no-\(name)"
        default: return nil
        }
    }
}
