/// `argo lint`'s two output formats. `simple` is byte for byte argo's; `pretty` is argo's (without colours)
/// plus one line per error saying where in the file it is.
public enum LintFormat: String, Sendable, CaseIterable {
    case pretty, simple

    /// The whole output of a lint run.
    public func render(_ report: LintReport) -> String {
        var out = ""
        for file in report.files where file.linted && !file.findings.isEmpty {
            switch self {
            case .simple:
                for f in file.findings { out += "\(file.file): \(f)\n" }
            case .pretty:
                out += "\(file.file):\n"
                for f in file.findings {
                    out += "   ✖ \(f)\n"
                    let places = [(f.location, f.path)] + f.related.map { ($0.location, $0.path ?? "") }
                    for case let (l?, path) in places {
                        let where_ = "\(l.file ?? file.file):\(l.line):\(l.column)"
                        out += path.isEmpty ? "       at \(where_)\n" : "       at \(where_) (\(path))\n"
                    }
                }
                out += "\n"
            }
        }
        out += summary(report)
        return out
    }

    public func summary(_ report: LintReport) -> String {
        switch self {
        case .simple:
            if report.success { return "no linting errors found!\n" }
            if !report.anythingLinted { return "found nothing to lint in the specified paths, failing...\n" }
            return ""
        case .pretty:
            if report.success { return "✔ no linting errors found!\n" }
            if !report.anythingLinted { return "✖ found nothing to lint in the specified paths, failing...\n" }
            return "✖ \(report.findings.count) linting errors found!\n"
        }
    }
}
