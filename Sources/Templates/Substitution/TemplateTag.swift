/// One `{{...}}` tag in a string, found the way Argo's template library (valyala/fasttemplate) finds them: from
/// each `{{` to the first `}}` after it, with no nesting.
public struct TemplateTag: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `{{inputs.parameters.x}}`: a name looked up in the scope.
        case simple
        /// `{{=asInt(inputs.parameters.x) + 1}}`: an expr-lang expression.
        case expression
    }

    public var kind: Kind
    /// Everything between `{{` and `}}`, untouched.
    public var raw: String
    /// For a simple tag the name with surrounding spaces trimmed (`inputs.parameters.x`); for an expression tag
    /// the expression after `=`.
    public var content: String

    init(raw: String) {
        self.raw = raw
        if raw.hasPrefix("=") {
            kind = .expression
            content = String(raw.dropFirst())
        } else {
            kind = .simple
            content = raw.trimmingSpaces
        }
    }
}

/// A string split into literal text and tags.
enum TemplateSegment: Equatable {
    case text(Substring)
    case tag(String)

    static func split(_ s: String) throws(Diagnostic) -> [TemplateSegment] {
        var out: [TemplateSegment] = []
        var rest = Substring(s)
        while let open = rest.firstRange(of: "{{") {
            if open.lowerBound > rest.startIndex { out.append(.text(rest[..<open.lowerBound])) }
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstRange(of: "}}") else {
                throw Diagnostic("cannot find end tag \"}}\" in \"\(s)\" starting from \"\(afterOpen)\"")
            }
            out.append(.tag(String(afterOpen[..<close.lowerBound])))
            rest = afterOpen[close.upperBound...]
        }
        if !rest.isEmpty { out.append(.text(rest)) }
        return out
    }
}

extension TemplateSegment {
    /// Why substituting into `s` fails (a `{{` with no `}}` after it), or nil: what lint reports before a run
    /// would end in Error with the same message.
    static func unterminatedTag(in s: String) -> String? {
        guard s.utf8.count >= 2, s.contains("{{") else { return nil }
        do { _ = try split(s) } catch { return error.message }
        return nil
    }
}
